/**
 * RM-MONTHLY against stored filings (S000 Q13, Q15, S001: 事業所間連携加算 (Ⅰ)(Ⅱ) 「月１回を限度」): a コア連携事業所's second
 * 様式3 記録 for the same 加算対象児 in a month it has already filed is refused, naming the earlier 受付番号; the next month, or
 * another child, is accepted. On SQLite and PostgreSQL.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/submissions/tokens.ts';
import { backends, type OpenedStore } from './backends.ts';
import { appFor, bearer, example, testClock, tinyPdf } from './fixtures.ts';

const FORM = 'takatsuki-renkei-kaigi-kiroku';

/** The example's meeting on another day of 2024, with every date that follows it. */
function meetingOn(monthDay: string) {
  const d = example(FORM);
  const date = `2024-${monthDay}`;
  d.meeting.date = date;
  d.offices[2].before.date = date;
  d.offices[2].after.date = date;
  d.staffSharing.date = date;
  d.guardianSupport.date = date;
  d.recordedOn = date;
  d.submittedOn = date;
  return d;
}

describe.each(backends)('事業所間連携加算は加算対象児ごとに1月に1回（保存済みの記録と照らす・$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let core: string;
  let pdf: Uint8Array;
  const clock = testClock('2024-07-01T10:00:00+09:00');

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    core = (await createToken(opened.store, { role: 'office', officeNumber: example(FORM).core.number }, 'test', clock)).token;
    pdf = await tinyPdf('個別支援計画');
  });
  afterAll(async () => opened?.cleanup());

  const file = (key: string, data: object) =>
    request(app)
      .post('/api/submissions')
      .set(bearer(core))
      .set('Idempotency-Key', key)
      .field('documents', JSON.stringify([{ form: FORM, data }]))
      .attach('attachments', Buffer.from(pdf), { filename: '個別支援計画.pdf', contentType: 'application/pdf' });

  it('同じ児童・同じ月の2件目の記録は、先に受け付けた受付番号を示して断り、翌月の記録と別の児童の記録は受け付ける', async () => {
    const first = await file('rm-1', example(FORM));
    expect(first.status, JSON.stringify(first.body)).toBe(201);

    const second = await file('rm-2', meetingOn('06-19'));
    expect(second.status).toBe(422);
    expect(second.body.errors).toEqual([
      {
        rule: 'RM-MONTHLY',
        severity: 'error',
        path: 'meeting.date',
        document: 0,
        message: `加算対象児「城山 陽翔」（通所受給者証番号 0000317254）の令和6年6月の記録（報告書）は、受付番号 ${first.body.receiptNumber} で提出済みです。事業所間連携加算は(Ⅰ)(Ⅱ)とも1月に1回を限度とするため、同じ月の2回目の会議では算定できません。`,
      },
    ]);

    const july = await file('rm-3', meetingOn('07-03'));
    expect(july.status, JSON.stringify(july.body)).toBe(201);

    const another = meetingOn('06-19');
    another.child = { kana: 'とんだ さくら', name: '富田 さくら', birthDate: '2015-04-02', certificateNumber: '0000317300' };
    const otherChild = await file('rm-4', another);
    expect(otherChild.status, JSON.stringify(otherChild.body)).toBe(201);
  });

  it('2件を1回の提出にまとめても、2件目を断る（書類をまたぐ規則）', async () => {
    const res = await request(app)
      .post('/api/submissions')
      .set(bearer(core))
      .set('Idempotency-Key', 'rm-bundle')
      .field('documents', JSON.stringify([{ form: FORM, data: meetingOn('08-05') }, { form: FORM, data: meetingOn('08-26') }]))
      .attach('attachments', Buffer.from(pdf), { filename: '個別支援計画.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { rule: string; document: number }) => [e.rule, e.document])).toEqual([['RM-MONTHLY', 1]]);
  });
});
