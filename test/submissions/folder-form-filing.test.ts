/**
 * A 様式 added as a folder only (forms/shizuoka/shizuoka-kesseki-taio-kiroku/) is filed like the shipped ones: its
 * definition's `filing` names the 事業所番号 the office files for, its city's municipality.json gives the 受付番号 prefix,
 * and its own rules run on filing. The filing policy is the definition's: nothing under src/ names this form.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/submissions/tokens.ts';
import { backends, type OpenedStore } from './backends.ts';
import { appFor, bearer, example, testClock } from './fixtures.ts';

const FORM = 'shizuoka-kesseki-taio-kiroku';
const OFFICE = '2251300412'; // the office of the folder's example.json

describe.each(backends)('フォルダだけで加えた様式の提出（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let office: string;
  let other: string;
  let city: string;
  const clock = testClock('2025-03-03T10:00:00+09:00');
  let key = 0;

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    office = (await createToken(opened.store, { role: 'office', officeNumber: OFFICE }, 'test', clock)).token;
    other = (await createToken(opened.store, { role: 'office', officeNumber: '2251300999' }, 'test', clock)).token;
    city = (await createToken(opened.store, { role: 'city', municipality: 'shizuoka' }, 'test', clock)).token;
  });
  afterAll(async () => opened?.cleanup());

  const file = (token: string, data: unknown) =>
    request(app).post('/api/submissions').set(bearer(token)).set('Idempotency-Key', `folder-${++key}`).send({ documents: [{ form: FORM, data }] });

  it('静岡市の欠席時対応加算 相談援助記録は 受付番号 SZO-2025-000001 で受け付けられ、市の受付一覧に載る', async () => {
    const res = await file(office, example(FORM));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.receiptNumber).toBe('SZO-2025-000001');
    const listed = await request(app).get('/api/submissions').set(bearer(city));
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain('SZO-2025-000001');
  });

  it('記録の事業所番号が提出する事業所のものでなければ受け付けない（definition.json の filing.officeNumber）', async () => {
    const res = await file(other, example(FORM));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { rule: string }) => e.rule)).toContain('SUB-OFFICE');
  });

  it('フォルダの rules.ts の規則が提出時にも働く：前々々日の連絡は SZ-KESSEKI-CONTACT で受け付けない', async () => {
    const data = { ...example(FORM), receivedOn: '令和7年2月26日' };
    const res = await file(office, data);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { rule: string }) => e.rule)).toEqual(['SZ-KESSEKI-CONTACT']);
  });
});
