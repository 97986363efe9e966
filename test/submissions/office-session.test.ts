/**
 * The office pages with a person signed in at the embedded demo provider, on the server `yoshiki serve` starts
 * (startServer, its first-start demo filing included): a draft write needs the session's CSRF token, a draft is the
 * person's own (the office's bearer token does not see it), the 提出一覧 shows the demo filing, and the 確認画面 of a
 * second 拠点届出書 names the one in progress and offers no 提出.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/start-server.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { BrowserSession, signInAs } from '../support/browser-session.ts';
import { example } from './examples.ts';

const FORM = 'ichikawa-kyoten-todokede';
let running: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-office-session-'));
  running = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'silent' }), env: {} });
}, 120_000);

afterAll(async () => {
  await running.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('サインインした事業所の担当者の提出画面', () => {
  it('一時保存の書き込みにはセッションの CSRF トークンが要り、一時保存はその人のもの（同じ事業所のトークンからも見えない）', async () => {
    const browser = new BrowserSession(running.origin);
    await signInAs(browser, 'office', `/forms/${FORM}`);
    const formPage = await (await browser.go(`/forms/${FORM}`)).text();
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(formPage)?.[1];
    expect(token).toMatch(/^[0-9a-f]{32,}$/);
    const put = (headers: Record<string, string>) =>
      browser.fetch(`/forms/${FORM}/draft`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: running.origin, accept: 'application/json', ...headers },
        body: JSON.stringify({ version: 0, data: { office: { name: 'みどりの杜' } } }),
      });
    const refused = await put({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('CSRF');
    const saved = await put({ 'x-csrf-token': token! });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { version: number }).version).toBe(1);
    const mine = await browser.fetch(`/forms/${FORM}/draft`);
    expect(((await mine.json()) as { draft: { data: unknown } }).draft.data).toEqual({ office: { name: 'みどりの杜' } });
    // The demo office's token (first start) acts for the same office, but is not this person.
    const byToken = await fetch(`${running.origin}/forms/${FORM}/draft`, { headers: { authorization: `Bearer ${running.seeded!.tokens.office.token}` } });
    expect(((await byToken.json()) as { draft: unknown }).draft).toBeNull();
  });

  it('提出一覧に最初の起動の届出が出て、2件目の拠点届出書の確認画面は手続中の受付番号を示し、提出ボタンを出さない', async () => {
    const browser = new BrowserSession(running.origin);
    await signInAs(browser, 'office', '/filings');
    const receipt = running.seeded!.receiptNumber;
    const list = await (await browser.go('/filings')).text();
    expect(list).toContain(`<th scope="row">${receipt}</th>`);
    expect(list).toContain('<strong class="status status--received">受付</strong>');
    const formPage = await (await browser.go(`/forms/${FORM}`)).text();
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(formPage)![1];
    const current = (await (await browser.fetch(`/forms/${FORM}/draft`)).json()) as { draft: { version: number } | null };
    const saved = await browser.fetch(`/forms/${FORM}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: running.origin, 'x-csrf-token': token },
      body: JSON.stringify({ version: current.draft?.version ?? 0, data: example(FORM) }),
    });
    expect(saved.status).toBe(200);
    const confirm = await (await browser.go(`/forms/${FORM}/confirm`)).text();
    expect(confirm).toContain(o.confirmOpenFilingRefused('市川市地域生活支援拠点等届出書', receipt, '受付'));
    expect(confirm).not.toContain(o.confirmSubmit);
  });
});

describe('ヘッダーのメニュー（どのページからもサインアウトできる）', () => {
  /** The header of a page: between <header> and </header>. */
  const headerOf = (page: string) => page.slice(page.indexOf('<header'), page.indexOf('</header>'));

  it('事業所の担当者には、様式の一覧・提出一覧・アカウント・サインアウトが様式のページにも提出一覧にも出て、そのページは保存されない', async () => {
    const browser = new BrowserSession(running.origin);
    await signInAs(browser, 'office', '/forms');
    const forms = await browser.go('/forms');
    expect(forms.headers.get('cache-control')).toBe('private, no-store');
    const formsHeader = headerOf(await forms.text());
    expect(formsHeader).toContain('<a class="site-name" href="/forms">yoshiki 様式の記入</a>');
    expect(formsHeader).toContain('<nav class="site-nav" aria-label="メニュー">');
    expect(formsHeader).toContain('<li><a href="/forms" aria-current="page">様式の一覧</a></li>');
    expect(formsHeader).toContain('<li><a href="/filings">提出一覧</a></li>');
    expect(formsHeader).toContain('<li><a href="/account">アカウント</a></li>');
    const token = /<form method="post" action="\/signout"><input type="hidden" name="_csrf" value="([0-9a-f]{32,})"><button type="submit" class="link-button">サインアウト<\/button><\/form>/.exec(formsHeader)?.[1];
    expect(token).toBeDefined();
    // The same menu on a 様式's page (made once per 様式 and kept: the menu is filled in per request) and the 提出一覧.
    const formHeader = headerOf(await (await browser.go(`/forms/${FORM}`)).text());
    expect(formHeader).toContain('<li><a href="/filings">提出一覧</a></li>');
    expect(formHeader).toContain(`name="_csrf" value="${token}"`);
    const filingsHeader = headerOf(await (await browser.go('/filings')).text());
    expect(filingsHeader).toContain('<li><a href="/filings" aria-current="page">提出一覧</a></li>');
    // The menu's サインアウト ends the session: the 提出一覧 then asks to sign in.
    const out = await browser.go('/signout', { form: { _csrf: token! }, headers: { origin: running.origin } });
    expect(new URL(out.url).pathname).toBe('/signout/done');
    const after = await browser.go('/filings');
    expect(after.status).toBe(401);
    expect(headerOf(await after.text())).toContain(`<li><a href="/signin?returnTo=%2Ffilings">サインイン</a></li>`);
  });

  it('サインインしていない人には、戻り先付きのサインインだけが出て、ページにトークンは載らない', async () => {
    const page = await fetch(`${running.origin}/forms/${FORM}`);
    const text = await page.text();
    expect(headerOf(text)).toContain(`<nav class="site-nav" aria-label="メニュー"><ul>\n<li><a href="/signin?returnTo=%2Fforms%2F${FORM}">サインイン</a></li>\n</ul></nav>`);
    expect(text).not.toContain('_csrf');
    expect(text).not.toContain('yoshiki:site-nav');
  });

  it('アカウントのページは、事業所の担当者には様式の記入のヘッダーで、市の担当者には受付のヘッダーとメニューで出る', async () => {
    const office = new BrowserSession(running.origin);
    await signInAs(office, 'office', '/account');
    const officeHeader = headerOf(await (await office.go('/account')).text());
    expect(officeHeader).toContain('yoshiki 様式の記入');
    expect(officeHeader).toContain('<li><a href="/filings">提出一覧</a></li>');
    const city = new BrowserSession(running.origin);
    await signInAs(city, 'city', '/account');
    const cityHeader = headerOf(await (await city.go('/account')).text());
    expect(cityHeader).toContain('yoshiki 受付（市の担当者）');
    expect(cityHeader).toContain('<li><a href="/inbox">受付一覧</a></li>');
    expect(cityHeader).toContain('<form method="post" action="/signout">');
  });
});
