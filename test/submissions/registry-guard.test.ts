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
import { appFor, bearer, example, haishiOfOfficeA, OFFICE_A, OFFICE_B, testClock, tinyPdf, tokens } from './fixtures.ts';
import { createApp } from '../../server/app.ts';
import { pino } from 'pino';

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
      const office = (await import('../../src/submissions/tokens.ts')).createToken;
      const token = (await office(opened.store, { role: 'office', officeNumber: todokede.office.number }, 'test', clock)).token;
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
    for (const key of ['twin-1', 'twin-2']) {
      const filed = await request(app)
        .post('/api/submissions')
        .set(bearer(t.officeA))
        .set('Idempotency-Key', key)
        .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: todokede }]))
        .attach('attachments', Buffer.from(pdf), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      numbers.push(filed.body.receiptNumber);
      await request(app).post(`/api/submissions/${filed.body.receiptNumber}/status`).set(bearer(t.ichikawa)).send({ to: 'reviewing' }).expect(200);
    }
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
