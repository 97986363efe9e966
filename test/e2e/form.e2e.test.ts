/**
 * The fillable 様式 in a real browser (Debian's Chromium through playwright-core) against a real server on 127.0.0.1:
 * the rules run as a person types, findings appear beside the box and in the summary, repeated rows come and go with the
 * keyboard, the files download, and axe-core finds no accessibility violation on any form page.
 * Screenshots go to /tmp/shots for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { validateDocument } from '../../src/validate.ts';
import { launchChromium } from '../support/chromium.ts';
import { axeViolations } from '../support/axe.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';
import { formFolder } from '../../src/forms/folders.ts';

const TODAY = '2024-07-10';
const SHOTS = '/tmp/shots';
const definitions = [...loadDefinitions().values()];
const examplePath = (id: string) => formFolder(id)!.example;
const example = (id: string) => JSON.parse(fs.readFileSync(examplePath(id), 'utf8')) as Record<string, unknown>;

let server: http.Server;
let base: string;
let browser: Browser;
let context: BrowserContext;

/** The app exactly as `yoshiki serve` builds it: if it stopped mounting the form pages, every test here fails. */
async function startServer(): Promise<void> {
  server = http.createServer(createApp({ logger: pino({ level: 'silent' }) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 900 }, locale: 'ja-JP' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(id: string): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${base}/forms/${id}?today=${TODAY}`);
  await page.waitForSelector('form[data-ready="true"]', { timeout: 30_000 });
  expect(problems).toEqual([]);
  return page;
}

async function loadExample(page: Page, id: string): Promise<void> {
  await page.setInputFiles('#load-json', examplePath(id));
  await page.waitForFunction((name) => document.querySelector('.action-status')?.textContent?.includes(`「${name}」を読み込みました。`), path.basename(examplePath(id)));
}

const textOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => (el.textContent ?? '').trim());
const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => (document.querySelector(s)?.textContent ?? '').includes(t), [selector, text] as const);
const summaryItems = (page: Page, kind: 'error' | 'warning' = 'error') =>
  page.$$eval(`#${kind}-summary:not([hidden]) li`, (items) => items.map((li) => li.textContent ?? ''));

/** A value a person left out is the same as one written blank or unticked: compare data without them. */
function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== false).map(([k, v]) => [k, withoutBlanks(v)]));
  return value;
}

describe('ichikawa-kino-kyoka in the browser', () => {
  it('fills from the example with the load button, shows (a) (b) (c) and OK, and saves the same data back', async () => {
    const page = await open('ichikawa-kino-kyoka');
    await page.screenshot({ path: `${SHOTS}/kino-kyoka-empty.png`, fullPage: true });
    expect(await textOf(page, 'output[data-computed="check"]')).toBe('OK');
    await loadExample(page, 'ichikawa-kino-kyoka');

    expect(await page.inputValue('[name="coordinators.1.name"]')).toBe('南行徳 由美');
    expect(await page.isChecked('[name="coordinators.1.fullTimeDedicated"]')).toBe(true);
    expect(await page.inputValue('[name="allocations.3.count"]')).toBe('25');
    expect(await page.inputValue('[name="allocations.1.service"]')).toBe('independentLiving');
    expect(await page.isChecked('[name="structure"][value="networked"]')).toBe(true);
    expect(await textOf(page, 'output[data-computed="a"]')).toBe('2');
    expect(await textOf(page, 'output[data-computed="b"]')).toBe('200');
    expect(await textOf(page, 'output[data-computed="c"]')).toBe('200');
    expect(await textOf(page, 'output[data-computed="check"]')).toBe('OK');
    expect(await textOf(page, 'output[data-computed="billingStartMonth"]')).toBe('令和6年7月');
    expect(await summaryItems(page)).toEqual([]);
    expect(await summaryItems(page, 'warning')).toEqual(validateDocument(definitions.find((d) => d.id === 'ichikawa-kino-kyoka')!, example('ichikawa-kino-kyoka'), { today: TODAY }).result.warnings.map((w) => w.message));
    await page.screenshot({ path: `${SHOTS}/kino-kyoka-valid.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-save-json]')]);
    expect(download.suggestedFilename()).toBe('ichikawa-kino-kyoka.json');
    expect(JSON.parse(fs.readFileSync(await download.path(), 'utf8'))).toEqual(example('ichikawa-kino-kyoka'));
    await page.close();
  });

  it('flips the (c) ≦ (b) check from OK to NG as a count is raised, with the KK-LIMIT message, and back', async () => {
    const page = await open('ichikawa-kino-kyoka');
    await loadExample(page, 'ichikawa-kino-kyoka');
    const limit = '配分の合計 (c) 230 回が月内算定上限 (b) 200 回を超えています。合計を 200 回以下にするか、常勤の拠点コーディネーターの配置を見直してください。';

    await page.fill('[name="allocations.0.count"]', '150');
    await waitForText(page, 'output[data-computed="check"]', 'NG');
    expect(await textOf(page, 'output[data-computed="c"]')).toBe('230');
    await waitForText(page, '#error-summary', limit);
    expect(await summaryItems(page)).toEqual([limit]);
    expect(await textOf(page, '#m-allocations')).toContain(limit);
    await page.screenshot({ path: `${SHOTS}/kino-kyoka-ng.png`, fullPage: true });

    await page.fill('[name="allocations.0.count"]', '１２０'); // 全角 digits are the same number
    await waitForText(page, 'output[data-computed="check"]', 'OK');
    await page.waitForSelector('#error-summary', { state: 'hidden' });
    // The KK-LIMIT error is gone; what stays beside the table is the F-START-PREF note the example always carries
    // (its services are designated by 千葉県, S002 §6-5), word for word as the validator says it.
    const [fStartPref] = validateDocument(definitions.find((d) => d.id === 'ichikawa-kino-kyoka')!, example('ichikawa-kino-kyoka'), { today: TODAY }).result.warnings.filter((w) => w.rule === 'F-START-PREF');
    expect(await textOf(page, '#m-allocations')).toBe(`確認：${fStartPref.message}`);
    await page.close();
  });

  it('adds and removes rows with the keyboard; later rows move up and keep their values', async () => {
    const page = await open('ichikawa-kino-kyoka');
    await loadExample(page, 'ichikawa-kino-kyoka');
    // Tab from the last allocation's 削除 button reaches the 行を追加 button of the list.
    await page.focus('[data-list="allocations"] [data-row="3"] [data-remove-row]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）に行を追加');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('allocations.4.office');
    await page.keyboard.type('市川市 相談支援事業所');
    expect(await page.locator('[data-list="allocations"] [data-row]').count()).toBe(5);

    // Remove the second row with Space: the third moves up into its place.
    await page.focus('[data-list="allocations"] [data-row="1"] [data-remove-row]');
    await page.keyboard.press('Space');
    expect(await page.locator('[data-list="allocations"] [data-row]').count()).toBe(4);
    expect(await page.inputValue('[name="allocations.1.service"]')).toBe('transition');
    expect(await page.inputValue('[name="allocations.3.office"]')).toBe('市川市 相談支援事業所');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('allocations.1.office');
    await waitForText(page, 'output[data-computed="c"]', '160');
    expect(await textOf(page, '#announcer')).toBe('地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）の2行目を削除しました。');
    await page.close();
  });

  it('downloads the PDF (its text reads back with the values) and the Excel file', async () => {
    const page = await open('ichikawa-kino-kyoka');
    await loadExample(page, 'ichikawa-kino-kyoka');
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('button[value="pdf"]')]);
    expect(pdf.suggestedFilename()).toBe('市川市地域生活支援拠点等機能強化加算に関する届出書.pdf');
    const text = squash((await pdfPageTexts(new Uint8Array(fs.readFileSync(await pdf.path())))).join(''));
    for (const expected of ['市川市地域生活支援拠点等機能強化加算に関する届出書', '南行徳由美', '相談支援センターこうのだい', '合計（月内算定上限）(c)', '→OK'])
      expect(text).toContain(expected);
    await waitForText(page, '.action-status', 'をダウンロードしました。');

    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('button[value="xlsx"]')]);
    expect(xlsx.suggestedFilename()).toBe('市川市地域生活支援拠点等機能強化加算に関する届出書.xlsx');
    expect(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe('PK');
    await page.close();
  }, 120_000);

  it('shows the findings of a server that refuses (422) in the summary, and keeps what was typed', async () => {
    const page = await open('ichikawa-kino-kyoka');
    await loadExample(page, 'ichikawa-kino-kyoka');
    // 𠮷 is not in the print font: only the server, which has the font, can tell.
    await page.fill('[name="coordinators.0.name"]', '𠮷田 健一');
    await page.click('button[value="pdf"]');
    const glyph = '「拠点コーディネーターの配置状況 1行目 氏名」の「𠮷」は印刷用の書体にない文字のため印刷できません。別の文字（常用の漢字やかな）に置き換えてください。';
    await waitForText(page, '#error-summary', glyph);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await textOf(page, '#m-coordinators-0-name')).toContain(glyph);
    expect(await page.inputValue('[name="coordinators.0.name"]')).toBe('𠮷田 健一');
    expect(await page.inputValue('[name="allocations.3.count"]')).toBe('25');
    await page.close();
  }, 60_000);
});

describe('ichikawa-kyoten-todokede in the browser', () => {
  it('shows the exact message for an invalid 事業所番号 beside the box and in the summary, and removes it once fixed', async () => {
    const page = await open('ichikawa-kyoten-todokede');
    await page.screenshot({ path: `${SHOTS}/todokede-empty.png`, fullPage: true });
    const wrong = '「事業所番号」は10桁の数字で入力してください（入力された値：「12345」）。';

    await page.click('#f-office-number');
    await page.keyboard.type('12345');
    await waitForText(page, '#m-office-number', wrong);
    expect(await textOf(page, '#m-office-number')).toBe(`エラー：${wrong}`);
    expect(await summaryItems(page)).toEqual([wrong]);
    expect(await page.getAttribute('#f-office-number', 'aria-invalid')).toBe('true');
    expect((await page.getAttribute('#f-office-number', 'aria-describedby'))?.split(' ')).toEqual(['h-office-number', 'm-office-number']);
    expect(await page.getAttribute('#error-summary a', 'href')).toBe('#f-office-number');
    await page.screenshot({ path: `${SHOTS}/todokede-error.png`, fullPage: true });

    await page.fill('#f-office-number', '１２１２３４５６７８'); // 全角 is accepted
    await page.waitForSelector('#error-summary', { state: 'hidden' });
    expect(await textOf(page, '#m-office-number')).toBe('');
    expect(await page.getAttribute('#f-office-number', 'aria-invalid')).toBeNull();
    expect(await page.getAttribute('#f-office-number', 'aria-describedby')).toBe('h-office-number');
    await page.close();
  });

  it('on a download attempt with errors, focuses the summary (whose links focus the box) and sends nothing', async () => {
    const page = await open('ichikawa-kyoten-todokede');
    let posted = false;
    page.on('request', (r) => r.method() === 'POST' && (posted = true));
    await page.fill('#f-filedOn', '令和6年2月30日');
    await page.click('button[value="pdf"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.title()).toMatch(/^エラー：市川市地域生活支援拠点等届出書/);
    const items = await summaryItems(page);
    expect(items[0]).toBe('「届出日」の「令和6年2月30日」は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。');
    expect(items).toContain('「申請者 名称」を入力してください。');
    expect(items).toContain('「地域生活支援拠点等として担う機能」を1つ以上選んでください。');
    expect(await page.inputValue('#f-filedOn')).toBe('令和6年2月30日');
    expect(posted).toBe(false);
    await page.screenshot({ path: `${SHOTS}/todokede-summary.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.click('#error-summary a[href="#f-functions-0"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-functions-0');
    await page.keyboard.press('Space'); // 相談機能
    await page.waitForFunction(() => !document.querySelector('#error-summary')?.textContent?.includes('担う機能」を1つ以上'));
    await page.close();
  });

  it('puts a finding on a 別紙 row beside that row, and its summary link on the row\'s first box', async () => {
    const page = await open('ichikawa-kyoten-todokede');
    await loadExample(page, 'ichikawa-kyoten-todokede');
    await page.focus('#f-emergencyAcceptance-visual-notAccepted');
    await page.keyboard.press('Space');
    const both = '別紙の「視覚」の行で、受入可と受入不可の両方が選ばれています。どちらか一方にしてください。';
    await waitForText(page, '#m-emergencyAcceptance-visual', both);
    expect(await summaryItems(page)).toEqual([both]);
    expect(await page.getAttribute('#error-summary a', 'href')).toBe('#f-emergencyAcceptance-visual-adult');
    expect(await page.getAttribute('fieldset[data-field-for="emergencyAcceptance.visual"]', 'aria-describedby')).toBe('m-emergencyAcceptance-visual');
    await page.keyboard.press('Space');
    await page.waitForSelector('#error-summary', { state: 'hidden' });
    await page.close();
  });

  it('starts with a skip link that moves to the content', async () => {
    const page = await open('ichikawa-kyoten-todokede');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('本文へ移動');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});

describe.each(definitions.map((d) => [d.id] as const))('%s in the browser', (id) => {
  it('loads its example, shows no error, and saves exactly that data back', async () => {
    const page = await open(id);
    await loadExample(page, id);
    expect(await summaryItems(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-save-json]')]);
    const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    expect(withoutBlanks(saved)).toEqual(withoutBlanks(example(id)));
    const definition = definitions.find((d) => d.id === id)!;
    expect(validateDocument(definition, saved, { today: TODAY }).result).toEqual(validateDocument(definition, example(id), { today: TODAY }).result);
    await page.screenshot({ path: `${SHOTS}/${id}-example.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('has no accessibility violation (axe-core) when empty', async () => {
    const page = await open(id);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the list of 様式 and the 404 page in the browser', () => {
  it('have no accessibility violation (axe-core)', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/forms`);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/forms-list.png`, fullPage: true });
    const response = await page.goto(`${base}/forms/no-such-form`);
    expect(response?.status()).toBe(404);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
