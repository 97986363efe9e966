/**
 * The city's inbox in a real browser (Debian's Chromium through playwright-core) against the server exactly as `yoshiki
 * serve` starts it (startServer: SQLite, the demo filing, the embedded OpenID provider): the demo city person signs in at
 * the provider, reads the list (事業所名, 和暦 JST), opens a filing — which starts its review —, returns it with a reason; the office's 第2版 shows its change side by side; 受理 with 位置付けた日 issues the
 * 登録通知書 with the city's 文書番号, read back from the PDF. The list and the public 一覧表 fit a 375 px phone. axe-core
 * finds nothing on any page. Screenshots go to /tmp/shots/inbox for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/start-server.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { jstWarekiDateTime } from '../../src/submissions/clock.ts';
import { SubmissionService } from '../../src/submissions/submission-service.ts';
import { createToken } from '../../src/submissions/tokens.ts';
import { launchChromium } from '../support/chromium.ts';
import { axeViolations } from '../support/axe.ts';
import { pdfPageTexts } from '../support/read-back.ts';
import { example, henkoOfOfficeB, OFFICE_A, OFFICE_B, tinyPdf } from '../submissions/fixtures.ts';

const SHOTS = '/tmp/shots/inbox';

let dir: string;
let running: RunningServer;
let base: string;
let browser: Browser;
let desktop: BrowserContext;
/** The demo filing the first start makes: office A's 届出書 with its 運営規程案. */
let NO: string;

/** The offices' side, through the domain on the server's own data (their pages are not what this test is about). */
async function asOffice<T>(officeNumber: string, act: (service: SubmissionService, office: Awaited<ReturnType<SubmissionService['authenticate']>> & object, store: SubmissionStore) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: dir, databaseUrl: '' });
  try {
    const service = new SubmissionService(store);
    const office = (await service.authenticate((await createToken(store, { role: 'office', officeNumber }, 'test')).token))!;
    return await act(service, office, store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-inbox-e2e-'));
  running = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, logger: pino({ level: 'silent' }), env: {} });
  base = running.origin;
  NO = running.seeded!.receiptNumber;
  await asOffice(OFFICE_B, (service, office) =>
    service.file(office, { documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeB() }], attachments: [], idempotencyKey: 'e2e-2' }),
  );
  browser = await launchChromium();
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, timeout: 120_000 });
/** The cells' text of each row: `table` names the table (its body rows), or give `rows` for a selection of rows. */
const rowTexts = (page: Page, table: string, rows = `${table} tbody tr`) => page.$$eval(rows, (rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())));
/** Nothing outside this server was asked for. */
function ownRequestsOnly(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && foreign.push(r.url()));
  return foreign;
}

/** The demo city person signs in at the embedded provider, from the inbox's sign-in page. */
async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/inbox`);
  await page.getByRole('link', { name: 'サインインする' }).click();
  await page.locator('#login').fill('city');
  await page.locator('#password').fill('demo');
  await page.locator('#password').press('Enter');
  await page.waitForURL(`${base}/inbox`);
  return page;
}

describe('市の受付一覧（ブラウザ）', () => {
  it('一覧 → 開くと審査中 → 理由を付けて差戻し → 第2版は変更箇所が並べて示される → 位置付けた日を入れて受理、通知書に文書番号', async () => {
    const page = await signIn(desktop);
    const foreign = ownRequestsOnly(page);
    await page.reload();
    expect(await page.locator('h1').innerText()).toBe('受付一覧');
    const [first, second] = await asOffice(OFFICE_A, async (_s, _o, store) => [(await store.head(NO))!.receivedAt, (await store.list({ officeNumber: OFFICE_B }))[0]]);
    expect(await rowTexts(page, '.inbox-table')).toEqual([
      [NO, 'みどりの杜ショートステイ八幡\n事業所番号 1212345678', '市川市地域生活支援拠点等届出書', jstWarekiDateTime(first as string), '受付'],
      [(second as { receiptNumber: string }).receiptNumber, 'すがのショートステイ南八幡\n事業所番号 1213500421', '市川市地域生活支援拠点等変更届出書', jstWarekiDateTime((second as { receivedAt: string }).receivedAt), '受付'],
    ]);
    expect(jstWarekiDateTime(first as string)).toMatch(/^令和\d+年\d+月\d+日 \d+時\d\d分$/);
    expect(await page.content()).not.toContain('office:');
    await shot(page, '1-list-1280');
    expect(await axeViolations(page)).toEqual([]);

    // Opening it is starting the review.
    await page.getByRole('link', { name: NO }).click();
    await expect.poll(() => page.locator('.status-banner').innerText()).toBe('開いたため、審査中にしました（記録に残ります）。');
    expect(await page.locator('.summary-facts').innerText()).toContain('審査中（第1版）');
    const audited = await asOffice(OFFICE_A, async (_s, _o, store) => (await store.auditLog()).filter((e) => e.action === 'status' && e.subject === NO));
    expect(audited.map((e) => [e.actor.replace(/[0-9a-f]{16}$/, '…'), e.details.from, e.details.to])).toEqual([['city:ichikawa/person:…', 'received', 'reviewing']]);
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
      ['試用 市川市担当（市川市）', '受付 → 審査中', ''],
      ['試用 市川市担当（市川市）', '審査中 → 差戻し', '電話番号が事業所の代表番号と異なります。代表番号に直してください。'],
    ]);
    await shot(page, '3-detail-returned-1280');

    // The office fixes the 電話番号 and files 第2版.
    const fixed = example('ichikawa-kyoten-todokede');
    fixed.office.tel = '047-332-1234';
    await asOffice(OFFICE_A, async (service, office) =>
      service.resubmit(office, NO, { documents: [{ form: 'ichikawa-kyoten-todokede', data: fixed }], attachments: [{ name: '運営規程案.pdf', bytes: await tinyPdf() }], idempotencyKey: 'e2e-3' }),
    );

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
    const [text] = await pdfPageTexts(new Uint8Array(await pdf.body()));
    expect(text).toContain('市障第1号');
    expect(text).toContain('令和6年7月1日'); // 位置付けた日
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
    expect(await page.locator('#registry-caption').innerText()).toBe('市川市地域生活支援拠点等一覧表（1事業所）');
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
