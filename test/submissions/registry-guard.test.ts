/**
 * One office cannot act on another's registry entry, and a decision made twice at once is answered alike on both back
 * ends (issue 14):
 * - two concurrent acceptances of one filing: one 200, one 409 STALE (PostgreSQL answered 500 on a unique violation);
 * - a 変更届出書 that changes the 事業所番号 is checked before filing and again at acceptance: the number before must be the
 *   filer's own, the number after must not be registered to, or used by, another office;
 * - a returned filing comes back in the same 様式 (a 届出書 resubmitted as a 廃止届出書 is refused).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type OpenedStore } from './backends.ts';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { createToken } from '../../src/submissions/tokens.ts';
import { bearer, example, haishiOfOfficeA, OFFICE_A, OFFICE_B, testClock, tinyPdf, tokens } from './fixtures.ts';

describe.each(backends)('同時の受理（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof createApp>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-05-20T10:00:00+09:00');

  beforeAll(async () => {
    opened = await backend.open();
    app = createApp({ submissionStore: opened.store, logger: pino({ level: 'silent' }), clock });
    t = await tokens(opened.store, clock);
  });
  afterAll(async () => opened?.cleanup());

  it('同じ届出を何人かが同時に受理すると、一人だけが受理でき、他は 409（状態が変わった）で返る', async () => {
    const pdf = await tinyPdf();
    for (let round = 1; round <= 3; round++) {
      const todokede = example('ichikawa-kyoten-todokede');
      todokede.office.number = `12199900${round.toString().padStart(2, '0')}`;
      const token = (await createToken(opened.store, { role: 'office', officeNumber: todokede.office.number }, 'test', clock)).token;
      const filed = await request(app)
        .post('/api/submissions')
        .set(bearer(token))
        .set('Idempotency-Key', `race-${round}`)
        .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: todokede }]))
        .attach('attachments', Buffer.from(pdf), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const no = filed.body.receiptNumber;
      const review = (body: object) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send(body);
      expect((await review({ to: 'reviewing' })).status).toBe(200);
      const answers = await Promise.all([1, 2, 3, 4].map(() => review({ to: 'accepted', designatedOn: '令和6年6月1日' })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409, 409, 409]);
      // Whether the loser read the state before or after the winner committed decides which of the two it hears.
      for (const refused of answers.filter((a) => a.status === 409))
        expect(refused.body.error.message).toMatch(/画面を更新して、もう一度操作してください|「受理」の提出を「受理」にすることはできません|既に一覧表に登録されています/);
      expect((await opened.store.registryEntries('ichikawa')).filter((e) => e.officeNumber === todokede.office.number)).toHaveLength(1);
    }
  });

  it('同じ事業所の届出書2件を同時に受理すると、一方は受理され、他方は 409 STALE（PostgreSQL でも 500 にならない）', async () => {
    const pdf = await tinyPdf();
    const todokede = example('ichikawa-kyoten-todokede');
    const numbers: string[] = [];
    const status = (no: string, body: object) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send(body).expect(200);
    const send = (path: string, key: string) =>
      request(app)
        .post(path)
        .set(bearer(t.officeA))
        .set('Idempotency-Key', key)
        .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: todokede }]))
        .attach('attachments', Buffer.from(pdf), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
    // A second 届出書 is refused at filing while the first is in the city's hands (oneOpenFiling); a returned one does not
    // block it, and the returned one can come back as a revision — so two can still meet at 受理, which must hold.
    for (const key of ['twin-1', 'twin-2']) {
      const filed = await send('/api/submissions', key);
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      numbers.push(filed.body.receiptNumber);
      await status(filed.body.receiptNumber, { to: 'reviewing' });
      if (key === 'twin-1') await status(filed.body.receiptNumber, { to: 'returned', reason: '添付の運営規程案を確かめてください。' });
    }
    expect((await send(`/api/submissions/${numbers[0]}/revisions`, 'twin-1-again')).status).toBe(201);
    await status(numbers[0], { to: 'reviewing' });
    const answers = await Promise.all(
      numbers.map((no) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send({ to: 'accepted', designatedOn: '令和6年6月1日' })),
    );
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    // SQLite writes one at a time, so the loser finds the winner's row; PostgreSQL's loser hits the unique key instead —
    // both are told the same.
    expect(['STALE', 'ALREADY_REGISTERED']).toContain(refused.body.error.code);
    expect(refused.body.error.message).toMatch(/事業所番号 1212345678 の(一覧表の登録内容が変わりました。画面を更新して、もう一度操作してください|事業所は既に一覧表に登録されています)/);
    expect((await opened.store.registryEntries('ichikawa')).filter((e) => e.officeNumber === OFFICE_A)).toHaveLength(1);
  });
});

describe.each(backends)('他の事業所の番号・一覧表には手を出せない（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof createApp>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-06-10T10:00:00+09:00');
  let pdf: Uint8Array;
  const OFFICE_C = '1219876543';
  const OFFICE_E = '1210000017';

  beforeAll(async () => {
    opened = await backend.open();
    app = createApp({ submissionStore: opened.store, logger: pino({ level: 'silent' }), clock });
    t = await tokens(opened.store, clock);
    pdf = await tinyPdf();
  });
  afterAll(async () => opened?.cleanup());

  const fileTodokede = (token: string, number: string, key: string) => {
    const data = example('ichikawa-kyoten-todokede');
    data.office.number = number;
    return request(app)
      .post('/api/submissions')
      .set(bearer(token))
      .set('Idempotency-Key', key)
      .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data }]))
      .attach('attachments', Buffer.from(pdf), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
  };
  /** Office B's 変更届出書 that changes only its 事業所番号. */
  const fileNumberChange = (before: string, after: string, key: string) => {
    const data = example('ichikawa-kyoten-henko');
    Object.assign(data, { filedOn: '令和6年6月7日', changedOn: '令和6年6月3日', changes: { number: { before, after } } });
    return request(app).post('/api/submissions').set(bearer(t.officeB)).set('Idempotency-Key', key).send({ documents: [{ form: 'ichikawa-kyoten-henko', data }] });
  };
  const review = (no: string, body: object) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send(body);
  const accept = async (no: string) => {
    await review(no, { to: 'reviewing' }).expect(200);
    return review(no, { to: 'accepted', designatedOn: '令和6年6月10日' });
  };
  const registered = async () => (await opened.store.registryEntries('ichikawa')).map((e) => `${e.officeNumber}:${e.row.officeNumber}`).sort();
  const refusedFinding = (res: request.Response) => {
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.valid).toBe(false);
    return res.body.errors as { rule: string; message: string; path: string; document: number }[];
  };

  it('準備：事業所 A と B の届出書が受理され、一覧表に載る', async () => {
    for (const [token, number, key] of [[t.officeA, OFFICE_A, 'a-1'], [t.officeB, OFFICE_B, 'b-1']] as const) {
      const filed = await fileTodokede(token, number, key);
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      expect((await accept(filed.body.receiptNumber)).status).toBe(200);
    }
    expect(await registered()).toEqual([`${OFFICE_A}:${OFFICE_A}`, `${OFFICE_B}:${OFFICE_B}`]);
  });

  it('B が事業所番号を一覧表に載っている A の番号に変える変更届出書は、提出の時点で 422（SUB-NUMBER-TAKEN）', async () => {
    const errors = refusedFinding(await fileNumberChange(OFFICE_B, OFFICE_A, 'b-to-a'));
    expect(errors).toEqual([
      {
        rule: 'SUB-NUMBER-TAKEN',
        severity: 'error',
        path: 'changes.number.after',
        document: 0,
        message: `「事業所番号 変更後」の ${OFFICE_A} は、既に一覧表に別の事業所の番号として登録されています。他の事業所の番号には変更できません。変更後の事業所番号を確かめてください。`,
      },
    ]);
  });

  it('一覧表に載っていなくても、別の事業所のトークンや提出がある番号には変えられない（422）', async () => {
    const other = '1215550001';
    await createToken(opened.store, { role: 'office', officeNumber: other }, 'test', clock);
    const errors = refusedFinding(await fileNumberChange(OFFICE_B, other, 'b-to-other'));
    expect(errors.map((e) => e.rule)).toEqual(['SUB-NUMBER-TAKEN']);
    expect(errors[0].message).toBe(
      `「事業所番号 変更後」の ${other} は、別の事業所の番号として使われています（その番号のトークン又は提出があります）。変更後の事業所番号を確かめ、番号が正しい場合は市に連絡してください。`,
    );
  });

  it('変更前の事業所番号がトークンの事業所番号と違えば 422（SUB-NUMBER-OWN）：B は A の番号を変えられない', async () => {
    const errors = refusedFinding(await fileNumberChange(OFFICE_A, OFFICE_E, 'a-to-e-by-b'));
    expect(errors.map((e) => e.rule)).toEqual(['SUB-NUMBER-OWN']);
    expect(errors[0].message).toBe(
      `「事業所番号 変更前」の ${OFFICE_A} は、提出に使ったトークンの事業所番号 ${OFFICE_B} と異なります。変更届出書で変えられるのは自らの事業所の事業所番号だけです。変更前の事業所番号を確かめてください。`,
    );
    expect(errors[0].path).toBe('changes.number.before');
  });

  it('提出の後で変更後の番号が別の事業所のものになったら、受理の時点で 409（OFFICE_NUMBER_TAKEN）、一覧表は変わらない', async () => {
    const change = await fileNumberChange(OFFICE_B, OFFICE_C, 'b-to-c');
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    // Office C comes forward with its own token and 届出書 before the city decides on B's change.
    const tokenC = (await createToken(opened.store, { role: 'office', officeNumber: OFFICE_C }, 'test', clock)).token;
    const filedC = await fileTodokede(tokenC, OFFICE_C, 'c-1');
    expect(filedC.status).toBe(201);
    await review(change.body.receiptNumber, { to: 'reviewing' }).expect(200);
    const inUse = await review(change.body.receiptNumber, { to: 'accepted', designatedOn: '令和6年6月10日' });
    expect(inUse.status, JSON.stringify(inUse.body)).toBe(409);
    expect(inUse.body.error).toEqual({
      status: 409,
      code: 'OFFICE_NUMBER_TAKEN',
      message: `変更後の事業所番号 ${OFFICE_C} は、別の事業所の番号として使われている（その番号のトークン又は提出がある）ため、この変更届出書は受理できません。事業所に番号を確かめてもらい、差し戻してください。`,
    });
    expect((await accept(filedC.body.receiptNumber)).status).toBe(200);
    const taken = await review(change.body.receiptNumber, { to: 'accepted', designatedOn: '令和6年6月10日' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(
      `変更後の事業所番号 ${OFFICE_C} は、既に一覧表に別の事業所の番号として登録されているため、この変更届出書は受理できません。事業所に番号を確かめてもらい、差し戻してください。`,
    );
    expect(await registered()).toEqual([`${OFFICE_A}:${OFFICE_A}`, `${OFFICE_B}:${OFFICE_B}`, `${OFFICE_C}:${OFFICE_C}`]);
    expect((await request(app).get(`/api/submissions/${change.body.receiptNumber}`).set(bearer(t.officeB))).body.status).toBe('reviewing');
    await review(change.body.receiptNumber, { to: 'returned', reason: '変更後の事業所番号を確かめてください。' }).expect(200);
  });

  it('誰も使っていない番号への変更は受理され、一覧表の B の行がその番号に移る', async () => {
    const change = await fileNumberChange(OFFICE_B, OFFICE_E, 'b-to-e');
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    expect((await accept(change.body.receiptNumber)).status).toBe(200);
    expect(await registered()).toEqual([`${OFFICE_E}:${OFFICE_E}`, `${OFFICE_A}:${OFFICE_A}`, `${OFFICE_C}:${OFFICE_C}`].sort());
  });

  it('差し戻された届出書を廃止届出書として再提出すると 422（REVISION_FORM）で、届出書のまま差戻し中', async () => {
    const filed = await fileTodokede(t.officeA, OFFICE_A, 'a-again');
    const no = filed.body.receiptNumber;
    await review(no, { to: 'reviewing' }).expect(200);
    await review(no, { to: 'returned', reason: '添付の運営規程案が古い版です。' }).expect(200);
    const res = await request(app)
      .post(`/api/submissions/${no}/revisions`)
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'a-again-haishi')
      .send({ documents: [{ form: 'ichikawa-kyoten-haishi', data: haishiOfOfficeA() }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      status: 422,
      code: 'REVISION_FORM',
      message: `受付番号 ${no} は「市川市地域生活支援拠点等届出書」の提出です。再提出も「市川市地域生活支援拠点等届出書」で行ってください（送られたのは「市川市地域生活支援拠点等廃止届出書」です）。別の届出（「市川市地域生活支援拠点等廃止届出書」）は、新しい提出として送ってください。`,
    });
    const detail = await request(app).get(`/api/submissions/${no}`).set(bearer(t.officeA));
    expect(detail.body.status).toBe('returned');
    expect(detail.body.revision).toBe(1);
    expect(detail.body.kind).toBe('ichikawa-kyoten-todokede');
  });
});
