/**
 * An office files the 拠点届出書 from the browser, through the pages only (no API call from the test): it fills the form,
 * sees the errors, fixes them, attaches the 運営規程案, sees the draft kept across a reload, confirms, submits, reads the
 * receipt, and finds the filing in its 提出一覧 — against the app `yoshiki serve` builds, with a SQLite store, in Debian's
 * Chromium. axe-core finds no violation on any of these pages. Screenshots go to /tmp/shots/office-*.png.
 *
 * Who: the demo office person, signed in at the embedded demo provider (OpenID Connect) from the form page's
 * 「サインインする」, as a person does; every post carries the session's CSRF token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFolder } from '../../src/forms/folders.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { axeViolations } from '../support/axe.ts';
import { listenWithSignIn } from '../support/signed-in-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { tinyPdf } from '../submissions/examples.ts';

const SHOTS = '/tmp/shots';
const FORM = 'ichikawa-kyoten-todokede';
const TODAY = '2024-05-20';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-office-e2e-'));
let store: SubmissionStore;
let server: http.Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
const problems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  store = await openStore({ dataDir: path.join(dir, 'data'), databaseUrl: '' });
  // The server's clock on the day the example is filed, so the rules judge it as on that day.
  let t = new Date('2024-05-20T10:00:00+09:00').getTime();
  const clock = () => new Date((t += 1000));
  ({ server, base } = await listenWithSignIn(store, { clock, logger: pino({ level: 'silent' }) }));
  fs.writeFileSync(path.join(dir, '運営規程案.pdf'), await tinyPdf('運営規程案（みどりの杜ショートステイ八幡）'));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'ja-JP' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => (document.querySelector(s)?.textContent ?? '').includes(t), [selector, text] as const, { timeout: 30_000 });

/** Every request the pages make stays on this server (nothing from outside). */
function watch(page: Page): void {
  page.on('pageerror', (e) => problems.push(e.message));
  // A failed load is reported by its response below, with its address (the console only says that one failed).
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  // Signed out, the panel asks for the draft and hears 401: that one is expected; nothing else may fail.
  page.on('response', (r) => r.status() >= 400 && !(r.status() === 401 && r.url().endsWith(`/forms/${FORM}/draft`)) && problems.push(`${r.status()} ${r.url()}`));
  page.on('request', (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && problems.push(`outside request: ${r.url()}`));
}

describe('事業所がブラウザだけで拠点届出書を提出する', () => {
  let page: Page;

  it('入力して誤りを見て直し、運営規程案を添付すると、一時保存され、再読み込みしても残る', async () => {
    page = await context.newPage();
    watch(page);
    // Signed out, the 提出 panel says why and offers to sign in; the provider sends the person back to the form.
    await page.goto(`${base}/forms/${FORM}?today=${TODAY}`);
    await page.waitForSelector('[data-signed-out]:not([hidden])', { timeout: 30_000 });
    await page.click('[data-signed-out] a');
    await page.waitForSelector('#login');
    await page.fill('#login', 'office');
    await page.fill('#password', 'demo');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/forms/${FORM}`, { timeout: 30_000 });
    await page.goto(`${base}/forms/${FORM}?today=${TODAY}`);
    await page.waitForSelector('form[data-draft-ready="true"]', { timeout: 30_000 });
    expect(await page.isVisible('[data-signed-in]')).toBe(true);
    expect(await page.getAttribute('meta[name="csrf-token"]', 'content')).toMatch(/^[0-9a-f]{32,}$/);

    // Fill from the office's own data file, then leave 事業所名 empty, as a person who has not finished would.
    await page.setInputFiles('#load-json', formFolder(FORM)!.example);
    await page.fill('[name="office.name"]', '');
    await page.click('[data-submit-filing]');
    const required = '「事業所名」を入力してください。';
    await waitForText(page, '#error-summary', required);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(page.url()).toBe(`${base}/forms/${FORM}?today=${TODAY}`);
    await page.screenshot({ path: `${SHOTS}/office-1-errors.png`, fullPage: true });

    await page.fill('[name="office.name"]', 'みどりの杜ショートステイ八幡');
    await page.waitForSelector('#error-summary', { state: 'hidden' });
    await page.setInputFiles('#attachment-0', path.join(dir, '運営規程案.pdf'));
    await waitForText(page, '[data-attachment-current="0"]', '添付済み：運営規程案.pdf');
    await waitForText(page, '[data-draft-status]', 'として「運営規程案.pdf」を添付しました。');
    // Autosave after the pause in typing.
    await page.fill('[name="office.tel"]', '047-332-0000');
    await waitForText(page, '[data-draft-status]', 'に一時保存しました。');
    await page.screenshot({ path: `${SHOTS}/office-2-attached.png`, fullPage: true });
    await page.locator('[data-filing-panel]').screenshot({ path: `${SHOTS}/office-2-panel.png` });
    expect(await axeViolations(page)).toEqual([]);

    // A reload shows the draft and the attachment (kept on the server).
    await page.reload();
    await page.waitForSelector('form[data-draft-ready="true"]', { timeout: 30_000 });
    expect(await page.inputValue('[name="office.name"]')).toBe('みどりの杜ショートステイ八幡');
    expect(await page.textContent('[data-draft-status]')).toMatch(/^\d+時\d\d分に一時保存した内容を表示しています。$/);
    expect(await page.textContent('[data-attachment-current="0"]')).toContain('添付済み：運営規程案.pdf');
  }, 120_000);

  it('確認画面で印刷される値・添付書類・確認事項を確かめて提出し、受付番号と和暦の受付日時を読む', async () => {
    await page.click('[data-submit-filing]');
    await page.waitForURL(`${base}/forms/${FORM}/confirm`, { timeout: 30_000 });
    expect(await page.textContent('h1')).toBe('提出内容の確認：市川市地域生活支援拠点等届出書');
    expect(await page.textContent('.summary-table')).toContain('事業所名みどりの杜ショートステイ八幡');
    expect(await page.textContent('.summary-table')).toContain('届出日令和6年5月15日');
    expect(await page.textContent('.attachment-list')).toContain('担う機能を規定した運営規程案.pdf　運営規程案.pdf');
    expect(await page.textContent('#confirm-warnings')).toBe('確認事項（提出はできます）');
    await page.screenshot({ path: `${SHOTS}/office-3-confirm.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.click('text=この内容で提出する');
    await page.waitForURL(`${base}/filings/ICH-2024-000001/received`, { timeout: 30_000 });
    expect(await page.textContent('h1')).toBe(o.receiptTitle);
    expect(await page.textContent('.receipt-number strong')).toBe('ICH-2024-000001');
    expect(await page.textContent('.summary-table')).toMatch(/受付日時令和6年5月20日 10時00分（日本時間）/);
    expect(await page.textContent('main')).toContain(o.receiptNext);
    const pdf = await page.request.get(`${base}${await page.getAttribute('text=受付票（PDF）をダウンロード', 'href')}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.screenshot({ path: `${SHOTS}/office-4-receipt.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('提出一覧に受付番号・様式・和暦の日時・状態が出て、詳細から受付票を開ける', async () => {
    await page.click('text=提出一覧へ');
    await page.waitForURL(`${base}/filings`);
    const row = page.locator('.filings-table tbody tr').first();
    expect(await row.locator('th').textContent()).toBe('ICH-2024-000001');
    expect(await row.textContent()).toContain('市川市地域生活支援拠点等届出書');
    expect(await row.textContent()).toContain('令和6年5月20日');
    expect(await row.locator('.status').textContent()).toBe('受付');
    await page.screenshot({ path: `${SHOTS}/office-5-filings.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await row.locator('a', { hasText: '詳細' }).click();
    await page.waitForURL(`${base}/filings/ICH-2024-000001`);
    expect(await page.textContent('h1')).toBe('提出の詳細：ICH-2024-000001');
    await page.screenshot({ path: `${SHOTS}/office-6-filing.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The list of 様式, split in two, passes too; and the form page now has no draft (it was filed).
    await page.goto(`${base}/forms`);
    await page.screenshot({ path: `${SHOTS}/office-7-forms.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('二つのタブで同じ様式を開くと、後から古い版で保存したタブは上書きせずに知らせ、未保存のまま離れようとすると確かめる', async () => {
    const open = async () => {
      const tab = await context.newPage();
      watch(tab);
      await tab.goto(`${base}/forms/ichikawa-kyoten-haishi?today=${TODAY}`);
      await tab.waitForSelector('form[data-draft-ready="true"]', { timeout: 30_000 });
      return tab;
    };
    const first = await open();
    await first.fill('[name="office.name"]', 'みどりの杜ショートステイ八幡');
    await waitForText(first, '[data-draft-status]', 'に一時保存しました。');
    const second = await open();
    const third = await open();
    await second.fill('[name="office.address"]', '千葉県市川市八幡二丁目4番8号');
    await waitForText(second, '[data-draft-status]', 'に一時保存しました。');
    // The third tab loaded the same version as the second, which has saved since: its save is refused, not written.
    await third.fill('[name="office.address"]', '古いタブの住所');
    await waitForText(third, '[data-draft-alert]', '別のタブ又は別の端末で、この様式の一時保存がより新しい内容で保存されています');
    await third.screenshot({ path: `${SHOTS}/office-8-stale.png`, fullPage: false });
    const reloaded = await open();
    expect(await reloaded.inputValue('[name="office.address"]')).toBe('千葉県市川市八幡二丁目4番8号');

    // Typed and not saved yet: leaving asks first.
    await reloaded.fill('[name="office.name"]', 'みどりの杜');
    const dialog = new Promise<string>((resolve) => reloaded.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    await reloaded.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
    for (const tab of [first, second, third]) await tab.close();
    expect(problems.filter((p) => !p.startsWith('409 '))).toEqual([]);
  }, 120_000);
});
