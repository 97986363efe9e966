/**
 * Sign-in with OpenID Connect against the embedded demo provider that `yoshiki serve` runs (startServer, real HTTP, the
 * authorization code flow with PKCE driven hop by hop), the person session it opens, CSRF refusals and sign-out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/serve-command.ts';
import { signinMessages as s } from '../../src/messages/signin.ts';
import { openStore } from '../../src/store/open-store.ts';
import { SubmissionService } from '../../src/submissions/submission-service.ts';
import { authenticate, createToken } from '../../src/submissions/tokens.ts';
import { BrowserSession, csrfOf, signInAs } from '../support/browser-session.ts';
import { example, OFFICE_A, OFFICE_B, tinyPdf } from '../submissions/examples.ts';

let running: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-signin-'));
  running = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'silent' }), env: {} });
}, 120_000);

afterAll(async () => {
  await running.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('sign-in through the demo provider', () => {
  it('walks the authorization code flow with PKCE and lands signed in as the demo office person', async () => {
    const browser = new BrowserSession(running.origin);
    const res = await signInAs(browser, 'office');
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(new URL(browser.url).pathname).toBe('/account');
    expect(page).toContain(s.signedInAs('試用 事業所担当'));
    expect(page).toContain(s.actsForOffice('1212345678'));
    // The flow went through the provider's authorization endpoint with an S256 challenge, and back with a code.
    const auth = browser.hops.find((h) => h.url.includes('/signin/callback'));
    expect(auth?.url).toMatch(/[?&]code=/);
    const cookie = browser.cookie('yoshiki_session');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a wrong password at the provider with a Japanese message', async () => {
    const browser = new BrowserSession(running.origin);
    const res = await signInAs(browser, 'office', undefined, 'wrong');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(s.demoLoginFailed);
  });

  it('refuses a state-changing post without the CSRF token (403, page and JSON in Japanese), accepts it with the token', async () => {
    const browser = new BrowserSession(running.origin);
    const account = await (await signInAs(browser, 'city')).text();
    const noToken = await browser.fetch('/signout', { form: {} });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain(s.csrf);
    const wrong = await browser.fetch('/signout', { method: 'POST', headers: { 'x-csrf-token': 'x'.repeat(64), accept: 'application/json' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: { status: 403, code: 'CSRF', message: s.csrf } });
    // Still signed in.
    expect((await browser.go('/account')).status).toBe(200);
    const out = await browser.go('/signout', { form: { _csrf: csrfOf(account) } });
    expect(out.status).toBe(200);
    expect(await out.text()).toContain(s.signedOut);
  });

  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const browser = new BrowserSession(running.origin);
    const account = await (await signInAs(browser, 'city', '/account')).text();
    const old = browser.cookie('yoshiki_session')!;
    await browser.go('/signout', { form: { _csrf: csrfOf(account) } });
    expect(browser.cookie('yoshiki_session')).toBeUndefined();
    const replay = new BrowserSession(running.origin);
    replay.setCookie('yoshiki_session', old);
    const res = await replay.go('/account');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(s.notSignedIn);
  });
});

describe('what a signed-in office person sees', () => {
  it("a cookie from office A never reads office B's filing, attachment, receipt or notice; it reads its own", async () => {
    // Office B files the 拠点届出書 with its 運営規程案 (API, bearer token) and 市川市 accepts it, so it has a notice.
    const store = await openStore({ dataDir });
    let receiptB: string;
    try {
      const service = new SubmissionService(store);
      const b = (await authenticate(store, (await createToken(store, { role: 'office', officeNumber: OFFICE_B })).token))!;
      const city = (await authenticate(store, (await createToken(store, { role: 'city', municipality: 'ichikawa' })).token))!;
      const data = example('ichikawa-kyoten-todokede');
      data.office.number = OFFICE_B;
      const filed = await service.file(b, { documents: [{ form: 'ichikawa-kyoten-todokede', data }], attachments: [{ name: '運営規程案.pdf', bytes: await tinyPdf() }], idempotencyKey: 'office-b' });
      receiptB = filed.receipt.receiptNumber;
      await service.changeStatus(city, receiptB, { to: 'reviewing' });
      await service.changeStatus(city, receiptB, { to: 'accepted', designatedOn: '令和6年6月1日' });
    } finally {
      await store.close();
    }
    const browser = new BrowserSession(running.origin);
    await signInAs(browser, 'office');
    for (const p of ['', '/receipt', '/receipt.pdf', '/documents/0.pdf', '/attachments/0', '/notice.pdf']) {
      const res = await browser.fetch(`/api/submissions/${receiptB}${p}`);
      expect(res.status, p).toBe(404);
      expect((await res.json()).error.code, p).toBe('SUBMISSION_NOT_FOUND');
    }
    const list = (await (await browser.fetch('/api/submissions')).json()) as { submissions: { receiptNumber: string; officeNumber: string }[] };
    expect(list.submissions.map((x) => x.officeNumber)).toEqual([OFFICE_A]);
    const own = running.seeded!.receiptNumber;
    expect((await browser.fetch(`/api/submissions/${own}/attachments/0`)).status).toBe(200);
  });
});

describe('the city person in the inbox', () => {
  it('signs in, opens the seeded filing and starts 審査中 with the form (CSRF field); the same post without it is refused', async () => {
    const browser = new BrowserSession(running.origin);
    await signInAs(browser, 'city', '/inbox');
    expect(new URL(browser.url).pathname).toBe('/inbox');
    const no = running.seeded!.receiptNumber;
    const detail = await (await browser.go(`/inbox/${no}`)).text();
    expect(detail).toContain('審査を始める');
    const origin = { origin: running.origin };
    const refused = await browser.fetch(`/inbox/${no}/status`, { form: { to: 'reviewing' }, headers: origin });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(s.csrf);
    const done = await browser.go(`/inbox/${no}/status`, { form: { to: 'reviewing', _csrf: csrfOf(detail) }, headers: origin });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('状態：<strong>審査中</strong>');
  });
});
