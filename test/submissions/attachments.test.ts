/**
 * The 運営規程案 on filing, where S002 §27 lists it (issue 14, Rules 6): the 届出書 always; the 廃止届出書 always (its
 * 「※ 添付書類 ・運営規程案」 has no condition); the 変更届出書 when the change is to what the 運営規程案 states — the
 * functions (「担う機能を規定した運営規程案」, §4-1 ②) or the サービス種類 whose 運営規程 states them — and the message
 * says which change makes it necessary. Every row of the change table is tried, on SQLite and PostgreSQL.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_ITEMS } from '../../forms/ichikawa/ichikawa-kyoten-henko/rules.ts';
import { backends, type OpenedStore } from './backends.ts';
import { appFor, bearer, example, haishiOfOfficeA, OFFICE_A, testClock, tinyPdf, tokens } from './fixtures.ts';
import type { ExampleData } from './examples.ts';

/** A 変更届出書 of office A changing one row of the table, before → after. */
function henkoChanging(row: string, before: unknown, after: unknown): ExampleData {
  const todokede = example('ichikawa-kyoten-todokede');
  return {
    filedOn: '令和6年6月17日',
    applicant: todokede.applicant,
    office: { name: todokede.office.name, number: OFFICE_A },
    changes: { [row]: { before, after } },
    changedOn: '令和6年6月10日',
  };
}

/** One before → after per row of the change table (S002 §27 変更届出書). */
const CHANGES: Record<(typeof CHANGE_ITEMS)[number], [unknown, unknown]> = {
  name: ['みどりの杜ショートステイ八幡', 'みどりの杜ショートステイ本八幡'],
  serviceType: ['短期入所', '生活介護'],
  number: [OFFICE_A, '1212345679'],
  address: ['千葉県市川市八幡二丁目1番1号', '千葉県市川市八幡三丁目2番2号'],
  tel: ['047-332-0000', '047-332-9999'],
  fax: ['047-332-0001', '047-332-9998'],
  email: ['info@example.jp', 'kyoten@example.jp'],
  functions: [['experience'], ['experience', 'consultation']],
  functionDetails: ['体験の機会を提供する。', '体験の機会を提供し、相談にも応じる。'],
  liaisons: [['八幡 一郎'], ['八幡 一郎', '南 花子']],
};
const NEEDS_CHARTER: Record<string, string> = { functions: '地域生活支援拠点等として担う機能', serviceType: 'サービス種類' };

describe.each(backends)('届出に添付する運営規程案（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-06-17T10:00:00+09:00');
  let key = 0;

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    t = await tokens(opened.store, clock);
  });
  afterAll(async () => opened?.cleanup());

  const fileJson = (form: string, data: ExampleData) =>
    request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', `att-${++key}`).send({ documents: [{ form, data }] });
  const fileWithPdf = async (form: string, data: ExampleData) =>
    request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', `att-${++key}`)
      .field('documents', JSON.stringify([{ form, data }]))
      .attach('attachments', Buffer.from(await tinyPdf()), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
  const attachmentErrors = (body: { errors?: { rule: string; message: string }[] }) => (body.errors ?? []).filter((e) => e.rule === 'SUB-ATTACHMENT-REQUIRED');

  it.each(Object.keys(CHANGES))('変更届出書の「%s」の変更：運営規程案が要るのは担う機能とサービス種類の変更だけで、要るときは理由を示す', async (row) => {
    const [before, after] = CHANGES[row as keyof typeof CHANGES];
    const res = await fileJson('ichikawa-kyoten-henko', henkoChanging(row, before, after));
    const found = attachmentErrors(res.body);
    if (NEEDS_CHARTER[row]) {
      expect(res.status).toBe(422);
      expect(found).toEqual([
        expect.objectContaining({
          document: 0,
          message: `「市川市地域生活支援拠点等変更届出書」で「${NEEDS_CHARTER[row]}」を変更するときは、変更後の担う機能を規定した運営規程案（PDF）を添付してください（変更届出書の添付書類：運営規程案）。`,
        }),
      ]);
    } else expect(found, JSON.stringify(res.body)).toEqual([]);
  });

  it('担う機能とサービス種類を一緒に変える変更届出書は、両方を理由に挙げ、運営規程案を添えれば受け付ける', async () => {
    const data = henkoChanging('functions', ...CHANGES.functions);
    data.changes.serviceType = { before: '短期入所', after: '生活介護' };
    const refused = await fileJson('ichikawa-kyoten-henko', data);
    expect(attachmentErrors(refused.body).map((e) => e.message)).toEqual([
      '「市川市地域生活支援拠点等変更届出書」で「地域生活支援拠点等として担う機能」と「サービス種類」を変更するときは、変更後の担う機能を規定した運営規程案（PDF）を添付してください（変更届出書の添付書類：運営規程案）。',
    ]);
    const filed = await fileWithPdf('ichikawa-kyoten-henko', data);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });

  it('電話番号だけを変える変更届出書は、運営規程案なしで受け付ける', async () => {
    const res = await fileJson('ichikawa-kyoten-henko', henkoChanging('tel', ...CHANGES.tel));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('廃止届出書は運営規程案がなければ 422、添えれば受け付ける', async () => {
    const haishi = { ...haishiOfOfficeA(), filedOn: '令和6年6月17日' };
    const refused = await fileJson('ichikawa-kyoten-haishi', haishi);
    expect(refused.status).toBe(422);
    expect(attachmentErrors(refused.body)).toEqual([
      expect.objectContaining({
        document: 0,
        message: '「市川市地域生活支援拠点等廃止届出書」には、地域生活支援拠点等の機能を担わなくなった後の運営規程案（PDF）を添付してください。',
      }),
    ]);
    const filed = await fileWithPdf('ichikawa-kyoten-haishi', haishi);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });
});
