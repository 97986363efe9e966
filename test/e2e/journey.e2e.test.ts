/**
 * The whole e-filing journey of issue #11, through the pages only (no API call from the test), with the two people of
 * the embedded demo provider in two browsers: the office person signs in, fills the 拠点届出書, sees the errors, fixes
 * them, attaches the 運営規程案, confirms and submits; the city person signs in, opens the filing (審査中) and returns it
 * with a reason; the office receives the mail (an in-process SMTP server), reads the reason in its 提出一覧, fixes and
 * resubmits; the city sees 第2版 with the change highlighted and accepts with 位置付けた日; the office downloads the
 * 登録通知書; /registry lists the office. Screenshots of every step go to /tmp/shots/journey-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFolder } from '../../src/forms/folders.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { mailerFromEnv } from '../../src/submissions/smtp-mailer.ts';
import { axeViolations } from '../support/axe.ts';
import { listenWithSignIn } from '../support/signed-in-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { startMailInbox } from '../support/mail-inbox.ts';
import { pdfPageTexts } from '../support/read-back.ts';
import { tinyPdf } from '../submissions/examples.ts';

const SHOTS = '/tmp/shots';
const FORM = 'ichikawa-kyoten-todokede';
const TODAY = '2024-05-20';
const NO = 'ICH-2024-000001';
const REASON = '電話番号が事業所の代表番号と異なります。代表番号に直してください。';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-journey-e2e-'));
let store: SubmissionStore;
let server: http.Server;
let base: string;
let browser: Browser;
let office: Page;
let city: Page;
let mail: Awaited<ReturnType<typeof startMailInbox>>;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  mail = await startMailInbox();
  store = await openStore({ dataDir: path.join(dir, 'data'), databaseUrl: '' });
  let t = new Date('2024-05-20T10:00:00+09:00').getTime();
  const clock = () => new Date((t += 1000));
  const mailer = mailerFromEnv({ YOSHIKI_SMTP_URL: mail.url, YOSHIKI_MAIL_FROM: 'yoshiki <noreply@example.jp>' });
  ({ server, base } = await listenWithSignIn(store, { clock, logger: pino({ level: 'silent' }), mailer }));
  fs.writeFileSync(path.join(dir, '運営規程案.pdf'), await tinyPdf('運営規程案（みどりの杜ショートステイ八幡）'));
  browser = await launchChromium();
  office = await (await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'ja-JP' })).newPage();
  city = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  await mail?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/journey-${name}.png`, fullPage: true, timeout: 120_000 });
const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => (document.querySelector(s)?.textContent ?? '').includes(t), [selector, text] as const, { timeout: 30_000 });

describe('事業所が提出し、市が差し戻し、事業所が直して再提出し、市が受理して通知書を出すまで（ページだけで）', () => {
  it('事業所の担当者がサインインし、誤りを直して運営規程案を添付し、確認して提出すると受付のメールが届く', async () => {
    await office.goto(`${base}/forms/${FORM}?today=${TODAY}`);
    await office.waitForSelector('[data-signed-out]:not([hidden])', { timeout: 30_000 });
    await office.click('[data-signed-out] a');
    await office.fill('#login', 'office');
    await office.fill('#password', 'demo');
    await office.click('button[type="submit"]');
    await office.waitForURL(`${base}/forms/${FORM}`, { timeout: 30_000 });
    await office.goto(`${base}/forms/${FORM}?today=${TODAY}`);
    await office.waitForSelector('form[data-draft-ready="true"]', { timeout: 30_000 });

    await office.setInputFiles('#load-json', formFolder(FORM)!.example);
    await office.fill('[name="office.name"]', '');
    await office.click('[data-submit-filing]');
    await waitForText(office, '#error-summary', '「事業所名」を入力してください。');
    await shot(office, '1-office-errors');
    await office.fill('[name="office.name"]', 'みどりの杜ショートステイ八幡');
    await office.waitForSelector('#error-summary', { state: 'hidden' });
    await office.setInputFiles('#attachment-0', path.join(dir, '運営規程案.pdf'));
    await waitForText(office, '[data-attachment-current="0"]', '添付済み：運営規程案.pdf');

    await office.click('[data-submit-filing]');
    await office.waitForURL(`${base}/forms/${FORM}/confirm`, { timeout: 30_000 });
    await shot(office, '2-office-confirm');
    await office.click('text=この内容で提出する');
    await office.waitForURL(`${base}/filings/${NO}/received`, { timeout: 30_000 });
    expect(await office.textContent('.receipt-number strong')).toBe(NO);
    await shot(office, '3-office-receipt');

    const [received] = await mail.waitFor(1);
    expect(received.to).toEqual(['office@example.com']);
    expect(received.subject).toBe(`【yoshiki】受付番号 ${NO}：受付`);
    expect(received.text).toContain(`${base}/filings/${NO}`);
    expect(received.text).not.toContain('みどりの杜');
  }, 180_000);

  it('市の担当者がサインインして開くと審査中になり、理由を付けて差し戻すと差戻しのメールが届く（理由はメールに書かない）', async () => {
    await city.goto(`${base}/inbox`);
    await city.getByRole('link', { name: 'サインインする' }).click();
    await city.locator('#login').fill('city');
    await city.locator('#password').fill('demo');
    await city.locator('#password').press('Enter');
    await city.waitForURL(`${base}/inbox`, { timeout: 30_000 });
    await city.getByRole('link', { name: NO }).click();
    await expect.poll(() => city.locator('.status-banner').innerText()).toBe('開いたため、審査中にしました（記録に残ります）。');
    await shot(city, '4-city-reviewing');
    await city.getByLabel('差戻しの理由（事業所に表示されます）').fill(REASON);
    await city.getByRole('button', { name: '差し戻す' }).click();
    await expect.poll(() => city.locator('.summary-facts').innerText()).toContain('差戻し（第1版）');
    await shot(city, '5-city-returned');

    const mails = await mail.waitFor(2);
    expect(mails[1].subject).toBe(`【yoshiki】受付番号 ${NO}：差戻し`);
    expect(mails[1].text).not.toContain(REASON);
  }, 180_000);

  it('事業所は提出一覧で理由を全文で読み、「修正して再提出」から電話番号を直して第2版を提出する', async () => {
    await office.goto(`${base}/filings`);
    const row = office.locator('.filings-table tbody tr').first();
    expect(await row.locator('.status').textContent()).toBe('差戻し');
    expect(await row.locator('.return-reason').textContent()).toContain(REASON);
    await shot(office, '6-office-filings-returned');
    expect(await axeViolations(office)).toEqual([]);

    await row.getByRole('button', { name: /修正して再提出/ }).click();
    await office.waitForSelector('form[data-draft-ready="true"]', { timeout: 30_000 });
    expect(await office.inputValue('[name="office.name"]')).toBe('みどりの杜ショートステイ八幡');
    await office.fill('[name="office.tel"]', '047-332-1234');
    await office.click('[data-submit-filing]');
    await office.waitForURL(/\/confirm/, { timeout: 30_000 });
    // The attachment filed with 第1版 is kept (nothing else was chosen).
    expect(await office.textContent('.attachment-list')).toContain('運営規程案.pdf');
    await office.click('text=この内容で提出する');
    await office.waitForURL(new RegExp(`/filings/${NO}/received`), { timeout: 30_000 });
    expect(await office.textContent('.receipt-number strong')).toBe(NO);
    await shot(office, '7-office-resubmitted');
    await mail.waitFor(3);
  }, 180_000);

  it('市は一覧で「再提出（第2版）」を見て、変更箇所を並べて確かめ、位置付けた日を入れて受理する', async () => {
    await city.goto(`${base}/inbox`);
    expect(await city.locator('.inbox-table tbody tr').first().innerText()).toContain('再提出（第2版）');
    await city.getByRole('link', { name: NO }).click();
    await expect.poll(() => city.locator('#changes-title').innerText()).toBe('第1版からの変更（第2版）');
    const changed = await city.$$eval('.compare-table tr.changed', (rows) => rows.map((r) => (r as HTMLElement).innerText));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('047-332-1234');
    await shot(city, '8-city-revision2');
    await city.getByLabel('位置付けた日（通知書に記載します）').fill('令和6年7月1日');
    await city.getByRole('button', { name: '受理する' }).click();
    await city.getByRole('link', { name: /登録通知書（市障第1号）/ }).waitFor();
    await shot(city, '9-city-accepted');
    const mails = await mail.waitFor(4);
    expect(mails[3].subject).toBe(`【yoshiki】受付番号 ${NO}：受理`);
  }, 180_000);

  it('事業所は提出一覧から登録通知書をダウンロードでき、/registry に事業所が載る', async () => {
    await office.goto(`${base}/filings`);
    const link = office.getByRole('link', { name: /登録通知書（PDF）をダウンロード/ }).first();
    const pdf = await office.request.get(`${base}${await link.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    const [text] = await pdfPageTexts(new Uint8Array(await pdf.body()));
    expect(text).toContain('市障第1号');
    expect(text).toContain('みどりの杜ショートステイ八幡');
    await shot(office, '10-office-accepted');

    await office.goto(`${base}/registry`);
    expect(await office.locator('.registry-table').innerText()).toContain('みどりの杜ショートステイ八幡');
    await shot(office, '11-registry');
    expect(await axeViolations(office)).toEqual([]);
  }, 180_000);
});
