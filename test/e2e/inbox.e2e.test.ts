/**
 * The city's inbox in a real browser (Debian's Chromium through playwright-core) against the app exactly as `yoshiki
 * serve` builds it, on SQLite: a clerk signs in, reads the list (事業所名, 和暦 JST), opens a filing — which starts its
 * review —, returns it with a reason; the office's 第2版 shows its change side by side; 受理 with 位置付けた日 issues the
 * 登録通知書 with the city's 文書番号, read back from the PDF. The list and the public 一覧表 fit a 375 px phone. axe-core
 * finds nothing on any page. Screenshots go to /tmp/shots/inbox for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { SubmissionService } from '../../src/submissions/submission-service.ts';
import { createToken, type Principal } from '../../src/submissions/tokens.ts';
import { launchChromium } from '../support/chromium.ts';
import { axeViolations } from '../support/axe.ts';
import { pdfPageTexts } from '../support/read-back.ts';
import { example, henkoOfOfficeB, OFFICE_A, OFFICE_B, testClock, tinyPdf } from '../submissions/fixtures.ts';

const SHOTS = '/tmp/shots/inbox';
const NO = 'ICH-2024-000001';

let dir: string;
let store: SubmissionStore;
let server: http.Server;
let base: string;
let browser: Browser;
let desktop: BrowserContext;
let cityToken: string;
let officeA: Principal;
let service: SubmissionService;
const clock = testClock('2024-06-20T10:00:00+09:00');

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-inbox-e2e-'));
  store = await openStore({ dataDir: dir, databaseUrl: '' });
  server = http.createServer(createApp({ submissionStore: store, clock, logger: pino({ level: 'silent' }) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service = new SubmissionService(store, { clock });
  cityToken = (await createToken(store, { role: 'city', municipality: 'ichikawa' }, 'test', clock)).token;
  officeA = (await service.authenticate((await createToken(store, { role: 'office', officeNumber: OFFICE_A }, 'test', clock)).token))!;
  const officeB = (await service.authenticate((await createToken(store, { role: 'office', officeNumber: OFFICE_B }, 'test', clock)).token))!;
  // The offices file through the domain (their pages are not what this test is about).
  await service.file(officeA, {
    documents: [{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }],
    attachments: [{ name: '運営規程案.pdf', bytes: await tinyPdf() }],
    idempotencyKey: 'e2e-1',
  });
  await service.file(officeB, { documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeB() }], attachments: [], idempotencyKey: 'e2e-2' });
  browser = await launchChromium();
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Two cores shared by many: a tall full-page screenshot can take a while.
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, timeout: 120_000 });
/** The cells' text of each row: `table` names the table (its body rows), or give `rows` for a selection of rows. */
const rowTexts = (page: Page, table: string, rows = `${table} tbody tr`) => page.$$eval(rows, (rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())));
/** Nothing outside this server was asked for. */
function ownRequestsOnly(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && foreign.push(r.url()));
  return foreign;
}

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/inbox`);
  await page.getByLabel('市の担当者用トークン').fill(cityToken);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.waitForURL(`${base}/inbox`);
  return page;
}

describe('市の受付一覧（ブラウザ）', () => {
  it('一覧 → 開くと審査中 → 理由を付けて差戻し → 第2版は変更箇所が並べて示される → 位置付けた日を入れて受理、通知書に文書番号', async () => {
    const page = await signIn(desktop);
    const foreign = ownRequestsOnly(page);
    await page.reload();
    expect(await page.locator('h1').innerText()).toBe('受付一覧');
    expect(await rowTexts(page, '.inbox-table')).toEqual([
      [NO, 'みどりの杜ショートステイ八幡\n事業所番号 1212345678', '市川市地域生活支援拠点等届出書', '令和6年6月20日 10時00分', '受付'],
      ['ICH-2024-000002', 'すがのショートステイ南八幡\n事業所番号 1213500421', '市川市地域生活支援拠点等変更届出書', '令和6年6月20日 10時00分', '受付'],
    ]);
    expect(await page.content()).not.toContain('office:');
    await shot(page, '1-list-1280');
    expect(await axeViolations(page)).toEqual([]);

    // Opening it is starting the review.
    await page.getByRole('link', { name: NO }).click();
    await expect.poll(() => page.locator('.status-banner').innerText()).toBe('開いたため、審査中にしました（記録に残ります）。');
    expect(await page.locator('.summary-facts').innerText()).toContain('審査中（第1版）');
    expect((await store.auditLog()).filter((e) => e.action === 'status' && e.subject === NO).map((e) => [e.details.from, e.details.to])).toEqual([['received', 'reviewing']]);
    // The values as the 様式 prints them: 和暦, 〒, option labels.
    const items = await rowTexts(page, '#main .items-table');
    expect(items).toContainEqual(['届出日', '令和6年5月15日']);
    expect(items).toContainEqual(['事業所 › 事業所（施設）の所在地 郵便番号', '〒272-0021']);
    expect(items).toContainEqual(['地域生活支援拠点等として担う機能', '緊急時の受け入れ・対応機能（裏面も記載）、体験の機会・場の提供機能']);
    expect(await page.getByRole('link', { name: '運営規程案.pdf' }).getAttribute('href')).toBe(`/api/submissions/${NO}/attachments/0`);
    await shot(page, '2-detail-reviewing-1280');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('差戻しの理由（事業所に表示されます）').fill('電話番号が事業所の代表番号と異なります。代表番号に直してください。');
    await page.getByRole('button', { name: '差し戻す' }).click();
    await expect.poll(() => page.locator('.summary-facts').innerText()).toContain('差戻し（第1版）');
    const history = await rowTexts(page, 'table:has(#history-caption)');
    expect(history.map((r) => r.slice(1))).toEqual([
      ['みどりの杜ショートステイ八幡（事業所）', '受付', ''],
      ['市川市の担当者', '受付 → 審査中', ''],
      ['市川市の担当者', '審査中 → 差戻し', '電話番号が事業所の代表番号と異なります。代表番号に直してください。'],
    ]);
    await shot(page, '3-detail-returned-1280');

    // The office fixes the 電話番号 and files 第2版.
    const fixed = example('ichikawa-kyoten-todokede');
    fixed.office.tel = '047-332-1234';
    await service.resubmit(officeA, NO, { documents: [{ form: 'ichikawa-kyoten-todokede', data: fixed }], attachments: [{ name: '運営規程案.pdf', bytes: await tinyPdf() }], idempotencyKey: 'e2e-3' });

    await page.getByRole('link', { name: '受付一覧' }).first().click();
    expect((await rowTexts(page, '.inbox-table'))[0][4]).toBe('受付 再提出（第2版）');
    await page.getByRole('link', { name: NO }).click();
    await expect.poll(() => page.locator('#changes-title').innerText()).toBe('第1版からの変更（第2版）');
    expect(await page.locator('#changes-title + p').innerText()).toBe('変更された項目は1件です（「変更あり」の行）。');
    expect(await rowTexts(page, '', '.compare-table tr.changed')).toEqual([['事業所 › 連絡先電話番号\n変更あり', '047-332-0000', '047-332-1234']]);
    await shot(page, '4-detail-revision2-1280');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('位置付けた日（通知書に記載します）').fill('令和6年7月1日');
    await page.getByRole('button', { name: '受理する' }).click();
    const notice = page.getByRole('link', { name: '市川市地域生活支援拠点等登録通知書（市障第1号）（PDF）' });
    await notice.waitFor();
    const pdf = await page.request.get(`${base}${await notice.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    const [first] = await pdfPageTexts(new Uint8Array(await pdf.body()));
    expect(first).toContain('市障第1号');
    expect(first).toContain('令和6年6月20日'); // 通知日, under the number
    await shot(page, '5-detail-accepted-1280');
    expect(foreign).toEqual([]);
  }, 240_000);

  it('スマートフォン（幅 375 px）でも一覧・詳細・一覧表が横にはみ出さず、表は列の幅を保って枠の中で横に動かせる', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
    const page = await signIn(phone);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    /** The narrowest body cell of a table, in CSS pixels (the old registry squeezed to one character, ~16 px; three characters at least). */
    const narrowest = (selector: string) => page.$$eval(`${selector} tbody td, ${selector} tbody th`, (cells) => Math.min(...cells.map((c) => c.getBoundingClientRect().width)));
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    // The list becomes one card per filing: every line as wide as the card.
    expect(await narrowest('.inbox-table')).toBeGreaterThanOrEqual(280);
    await shot(page, '6-list-375');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/inbox/${NO}`);
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await shot(page, '7-detail-375');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/registry`);
    expect(await page.locator('.registry-table caption').innerText()).toBe('市川市地域生活支援拠点等一覧表（1事業所）');
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    expect(await narrowest('.registry-table')).toBeGreaterThanOrEqual(48);
    await shot(page, '8-registry-375');
    expect(await axeViolations(page)).toEqual([]);
    await phone.close();

    const wide = await desktop.newPage();
    await wide.goto(`${base}/registry`);
    await shot(wide, '9-registry-1280');
    expect(await axeViolations(wide)).toEqual([]);
  }, 240_000);
});
