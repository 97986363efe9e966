/**
 * Sign-in with OpenID Connect against the embedded demo provider that `yoshiki serve` runs (startServer, real HTTP, the
 * authorization code flow with PKCE driven hop by hop), the person session it opens, CSRF refusals and sign-out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/start-server.ts';
import { signinMessages as s } from '../../src/messages/signin.ts';
import { openStore } from '../../src/store/open-store.ts';
import { SubmissionService } from '../../src/submissions/submission-service.ts';
import { authenticate, createToken } from '../../src/submissions/tokens.ts';
import { BrowserSession, csrfOf, signInAs } from '../support/browser-session.ts';
import { startMailInbox } from '../support/mail-inbox.ts';
import { invitationMessages } from '../../src/submissions/invitations.ts';
import { example, OFFICE_A, OFFICE_B, tinyPdf } from '../submissions/examples.ts';

let running: RunningServer;
let dataDir: string;
let mail: Awaited<ReturnType<typeof startMailInbox>>;
let mailClosed = false;
/** What the server logs (JSON lines), read by the mail-failure test. */
const logs: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-signin-'));
  mail = await startMailInbox();
  // As `npm start` with mail configured: no provider configured, so the embedded demo provider signs people in.
  // Behind a TLS proxy on this machine (YOSHIKI_TRUST_PROXY): requests saying X-Forwarded-Proto: https came over HTTPS.
  const env = { YOSHIKI_SMTP_URL: mail.url, YOSHIKI_MAIL_FROM: 'yoshiki <noreply@city.example.jp>', YOSHIKI_TRUST_PROXY: 'loopback' };
  running = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }), env });
}, 120_000);

afterAll(async () => {
  await running?.close();
  if (!mailClosed) await mail?.close();
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

  it('the session cookie is HttpOnly and SameSite=Lax, and Secure when the browser came over HTTPS', async () => {
    const plain = await fetch(`${running.origin}/signin`, { redirect: 'manual' });
    expect(plain.headers.getSetCookie()).toEqual([expect.stringMatching(/^yoshiki_session=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/)]);
    const tls = await fetch(`${running.origin}/signin`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.getSetCookie()).toEqual([expect.stringMatching(/^yoshiki_session=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/)]);
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
  it('signs in, opens the seeded filing (which starts 審査中) and returns it with the form (CSRF field); the same post without it is refused', async () => {
    const browser = new BrowserSession(running.origin);
    await signInAs(browser, 'city', '/inbox');
    expect(new URL(browser.url).pathname).toBe('/inbox');
    const no = running.seeded!.receiptNumber;
    const detail = await (await browser.go(`/inbox/${no}`)).text();
    expect(detail).toContain('開いたため、審査中にしました（記録に残ります）。');
    const origin = { origin: running.origin };
    const returned = { to: 'returned', reason: '運営規程案の担う機能の記載を確認してください。' };
    const refused = await browser.fetch(`/inbox/${no}/status`, { form: returned, headers: origin });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(s.csrf);
    const done = await browser.go(`/inbox/${no}/status`, { form: { ...returned, _csrf: csrfOf(detail) }, headers: origin });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('<dd><span class="status">差戻し</span>（第1版）</dd>');
    // The clerk is named as they signed in (the demo provider's city person), never by the actor id.
    expect(page).toContain('<td class="col-text">試用 市川市担当（市川市）</td><td class="nowrap">審査中 → 差戻し</td>');
    expect(page).not.toMatch(/person:|city:ichikawa/);
  });
});

describe('invitations', () => {
  it('the city invites; a person bound to nothing is told to ask for one; the link binds them once, and never again', async () => {
    mail.mails.length = 0;
    const newcomer = new BrowserSession(running.origin);
    await signInAs(newcomer, 'new');
    const unbound = await newcomer.go('/account');
    expect(unbound.status).toBe(403);
    expect(await unbound.text()).toContain(s.unbound);
    // An unbound person reads no filing through the API either.
    const api = await newcomer.fetch('/api/submissions');
    expect(api.status).toBe(403);
    expect((await api.json()).error).toEqual({ status: 403, code: 'PERSON_UNBOUND', message: s.unbound });

    const city = new BrowserSession(running.origin);
    await signInAs(city, 'city');
    const form = await (await city.go('/inbox/invitations')).text();
    const refused = await city.go('/inbox/invitations', { form: { role: 'office', officeNumber: '12345', email: 'new@example.com', _csrf: csrfOf(form) } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(invitationMessages.office());
    const created = await city.go('/inbox/invitations', { form: { role: 'office', officeNumber: OFFICE_B, email: 'new@example.com', _csrf: csrfOf(form) } });
    expect(created.status).toBe(201);
    const link = /value="(http[^"]+\/invitations\/[A-Za-z0-9_-]{43})"/.exec(await created.text())![1];
    expect(link.startsWith(`${running.origin}/invitations/`)).toBe(true);
    // The invitation's own mail (an earlier test's 差戻し mail to the office may still be arriving).
    let invitation = mail.mails.find((m) => m.to.includes('new@example.com'));
    for (let i = 0; i < 200 && !invitation; i++) {
      await new Promise((r) => setTimeout(r, 50));
      invitation = mail.mails.find((m) => m.to.includes('new@example.com'));
    }
    if (!invitation) throw new Error('no invitation mail to new@example.com');
    expect(invitation.to).toEqual(['new@example.com']);
    expect(invitation.subject).toBe('【yoshiki】市川市からの招待');
    expect(invitation.text).toContain(`\n${link}\n`);

    // Followed while signed in: a button, then bound to office B.
    const offer = await newcomer.go(link);
    const accept = await newcomer.go(link, { form: { _csrf: csrfOf(await offer.text()) } });
    expect(accept.status).toBe(200);
    expect(await accept.text()).toContain(s.actsForOffice(OFFICE_B));

    // Once only: the city person following the same link is refused, and the list says it was used.
    const again = await city.go(link);
    const second = await city.go(link, { form: { _csrf: csrfOf(await again.text()) } });
    expect(second.status).toBe(400);
    expect(await second.text()).toContain(invitationMessages.used());
    expect(await (await city.go('/inbox/invitations')).text()).toMatch(/<td>new@example\.com<\/td><td>事業所（1213500421）<\/td>.*<td>使用済み<\/td>/);
  });

  it('a link followed before signing in is redeemed as the sign-in completes', async () => {
    const city = new BrowserSession(running.origin);
    await signInAs(city, 'city');
    const form = await (await city.go('/inbox/invitations')).text();
    const created = await city.go('/inbox/invitations', { form: { role: 'city', email: 'colleague@example.com', _csrf: csrfOf(form) } });
    const link = /value="(http[^"]+\/invitations\/[A-Za-z0-9_-]{43})"/.exec(await created.text())![1];
    const newcomer = new BrowserSession(running.origin);
    const login = await newcomer.go(link);
    const action = /<form method="post" action="([^"]+)"/.exec(await login.text())![1];
    const landed = await newcomer.go(action, { form: { login: 'new', password: 'demo' } });
    expect(new URL(newcomer.url).pathname).toBe('/account');
    expect(await landed.text()).toContain(s.actsForCity('市川市'));
  });
});

describe('mail to the office', () => {
  it('受付, 差戻し and 受理 each send one mail to the office with the 受付番号, the status and a link — and nothing personal', async () => {
    mail.mails.length = 0;
    const store = await openStore({ dataDir });
    const token = (await createToken(store, { role: 'office', officeNumber: OFFICE_A })).token;
    await store.close();
    const data = example('ichikawa-kyoten-todokede');
    const filing = (key: string) => {
      const body = new FormData();
      body.set('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data }]));
      return { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, body };
    };
    const attach = async (init: { body: FormData }) => void init.body.set('attachments', new Blob([Buffer.from(await tinyPdf())], { type: 'application/pdf' }), '運営規程案.pdf');
    const first = filing('mail-1');
    await attach(first);
    const filed = await fetch(`${running.origin}/api/submissions`, first);
    expect(filed.status).toBe(201);
    const no = ((await filed.json()) as { receiptNumber: string }).receiptNumber;

    const city = new BrowserSession(running.origin);
    await signInAs(city, 'city');
    // Opening the filing starts 審査中 (the inbox does it), so 差戻し and 受理 are one step each.
    const decide = async (form: Record<string, string>) => {
      const detail = await (await city.go(`/inbox/${no}`)).text();
      const res = await city.go(`/inbox/${no}/status`, { form: { ...form, _csrf: csrfOf(detail) }, headers: { origin: running.origin } });
      expect(res.status).toBe(200);
    };
    await decide({ to: 'returned', reason: '運営規程案の第3条を直してください。' });
    const second = filing('mail-2');
    await attach(second);
    expect((await fetch(`${running.origin}/api/submissions/${no}/revisions`, second)).status).toBe(201);
    await decide({ to: 'accepted', designatedOn: '令和6年6月1日' });

    const mails = await mail.waitFor(4);
    const link = `${running.origin}/filings/${no}`;
    const footer = 'このメールは yoshiki から自動で送信しています。心当たりのない場合は、このメールを破棄してください。\n';
    const body = (label: string, next: string) => `受付番号 ${no} の届出の状態が「${label}」になりました。\n${next}\n\n詳しくは、次のページにサインインしてご確認ください。\n${link}\n\n${footer}`;
    expect(mails.map((m) => ({ from: m.from, to: m.to, subject: m.subject, text: m.text }))).toEqual([
      { from: 'noreply@city.example.jp', to: ['office@example.com'], subject: `【yoshiki】受付番号 ${no}：受付`, text: body('受付', '市で内容を確認します。結果が出たら、改めてお知らせします。') },
      { from: 'noreply@city.example.jp', to: ['office@example.com'], subject: `【yoshiki】受付番号 ${no}：差戻し`, text: body('差戻し', '差戻しの理由を確認し、修正して再提出してください。') },
      { from: 'noreply@city.example.jp', to: ['office@example.com'], subject: `【yoshiki】受付番号 ${no}：受付`, text: body('受付', '市で内容を確認します。結果が出たら、改めてお知らせします。') },
      { from: 'noreply@city.example.jp', to: ['office@example.com'], subject: `【yoshiki】受付番号 ${no}：受理`, text: body('受理', '通知書をダウンロードできます。') },
    ]);
    // Nothing filed and nobody's name travels: not the 事業所名, the applicant, the address, the reason, the people.
    const raw = mails.map((m) => `${m.subject}\n${m.text}\n${m.raw}`).join('\n');
    for (const personal of [data.office.name, data.applicant.name, data.applicant.representative, data.office.address, data.office.email, '第3条', '試用 事業所担当', '試用 市川市担当'])
      expect(raw).not.toContain(String(personal));
  });
});

describe('a mail server that is down', () => {
  it('never fails the filing: 201, and one log line with the 受付番号 and the error name, no address', async () => {
    await mail.close();
    mailClosed = true;
    const store = await openStore({ dataDir });
    const token = (await createToken(store, { role: 'office', officeNumber: OFFICE_A })).token;
    await store.close();
    const body = new FormData();
    body.set('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }]));
    body.set('attachments', new Blob([Buffer.from(await tinyPdf())], { type: 'application/pdf' }), '運営規程案.pdf');
    const filed = await fetch(`${running.origin}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'mail-down' }, body });
    expect(filed.status).toBe(201);
    const no = ((await filed.json()) as { receiptNumber: string }).receiptNumber;
    let line: { receiptNumber?: string; status?: string; err?: string; msg?: string } | undefined;
    for (let i = 0; i < 200 && !line; i++) {
      line = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'status mail failed' && l.receiptNumber === no);
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toMatchObject({ receiptNumber: no, status: 'received', err: 'Error' });
    expect(logs.join('\n')).not.toContain('@example.com');
  });
});
