/**
 * /inbox/invitations — the city invites a person: an office's (事業所番号) or one of its own staff. The link is shown once
 * on the page (and mailed when mail is configured); the list shows what was sent and whether it was used. Only a
 * signed-in city person (or the token-opened inbox session) of that city sees and uses it; posts pass the CSRF guard.
 */
import type { Request, Response, Router } from 'express';
import { MUNICIPALITIES } from '../../src/store/receipt-number.ts';
import type { InvitationRecord, PersonBinding } from '../../src/store/types.ts';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { createInvitation, invitationMessages, invitationPath } from '../../src/submissions/invitations.ts';
import { invitationMail } from '../../src/submissions/mail.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { html, page, type Html } from '../submissions/html.ts';
import { principalOf, serviceOf, type SubmissionDeps } from '../submissions/http.ts';
import type { SubmissionService } from '../../src/submissions/submission-service.ts';
import { htmlResponse, routerOf, SERVER_FAULT, type DocumentedRoute } from '../documented-route.ts';
import { statusOf as statusOfCode } from '../error-codes.ts';
import { csrfField } from './session.ts';

const TITLE = '招待';
const dateOf = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function invitationState(i: InvitationRecord, now: number): string {
  if (i.redeemedAt) return '使用済み';
  return now >= i.expiresAt ? '期限切れ' : '未使用';
}

function invitationsPage(req: Request, city: string, list: InvitationRecord[], now: number, notice?: Html, values: Record<string, string> = {}): string {
  const role = values.role === 'city' ? 'city' : 'office';
  return page(
    `${TITLE}（${city}）`,
    html`<p><a href="/inbox">受付一覧に戻る</a></p>
<h1>${TITLE}（${city}）</h1>
<p>事業所の担当者又は市の担当者を招待します。招待のリンクは一度だけ使え、7日で切れます。相手はリンクを開いてサインインすると、招待した事業所又は市の担当者として操作できるようになります。</p>
${notice ?? ''}
<form method="post" action="/inbox/invitations">${csrfField(req)}
<fieldset><legend>招待する相手</legend>
<label><input type="radio" name="role" value="office"${role === 'office' ? html` checked` : ''}> 事業所の担当者</label>
<label><input type="radio" name="role" value="city"${role === 'city' ? html` checked` : ''}> ${city}の担当者</label>
</fieldset>
<label for="officeNumber">事業所番号（事業所の担当者を招待するとき、10桁）</label>
<input id="officeNumber" name="officeNumber" inputmode="numeric" autocomplete="off" value="${values.officeNumber ?? ''}">
<label for="email">メールアドレス（招待のリンクと、その事業所への通知を送る先）</label>
<input id="email" name="email" type="email" autocomplete="off" required value="${values.email ?? ''}">
<p><button type="submit">招待を作成する</button></p>
</form>
<h2>これまでの招待</h2>
${list.length
  ? html`<table><thead><tr><th scope="col">メールアドレス</th><th scope="col">招待した相手</th><th scope="col">作成日時</th><th scope="col">有効期限</th><th scope="col">状態</th></tr></thead>
<tbody>${list.map((i) => html`<tr><td>${i.email}</td><td>${i.binding.role === 'office' ? `事業所（${i.binding.officeNumber}）` : `${city}の担当者`}</td><td>${i.createdAt.slice(0, 16).replace('T', ' ')}</td><td>${dateOf(i.expiresAt)}</td><td>${invitationState(i, now)}</td></tr>`)}</tbody></table>`
  : html`<p>まだ招待はありません。</p>`}`,
  );
}

/** Sends the invitation; a failure is only logged (the link is on the page anyway) and said on the page. */
async function mailInvitation(deps: SubmissionDeps, message: Parameters<NonNullable<SubmissionDeps['mailer']>['send']>[0]): Promise<boolean> {
  try {
    await deps.mailer!.send(message);
    return true;
  } catch (e) {
    deps.logger?.error({ err: e instanceof Error ? e.name : 'unknown' }, 'invitation mail failed');
    return false;
  }
}

/** What the handlers are made with. */
interface InvitationsContext {
  deps: SubmissionDeps;
  service: SubmissionService;
  clock: () => Date;
}

/** The signed-in city person of the request, or a Japanese page that says who may invite (401 / 403) and undefined. */
async function cityOf({ service }: InvitationsContext, req: Request, res: Response): Promise<Extract<Principal, { role: 'city' }> | undefined> {
  let principal: Principal | undefined;
  try {
    principal = await principalOf(service, req, { cookie: true });
  } catch (e) {
    if (!(e instanceof SubmissionError) || (statusOfCode(e.code) !== 401 && statusOfCode(e.code) !== 403)) throw e;
  }
  if (principal?.role === 'city') return principal;
  res
    .status(principal ? 403 : 401)
    .type('html')
    .send(page(TITLE, html`<h1>${TITLE}</h1><p class="error" role="alert">招待を作成できるのは、サインインした市の担当者だけです。</p><p><a href="/signin?returnTo=%2Finbox%2Finvitations">サインインする</a></p>`));
  return undefined;
}
const cityName = (p: Extract<Principal, { role: 'city' }>) => MUNICIPALITIES[p.municipality]?.name ?? p.municipality;
const SESSION_SECURITY = [{ sessionCookie: [] }];

export const INVITATION_ROUTES: DocumentedRoute<InvitationsContext>[] = [
  {
    method: 'get',
    path: '/inbox/invitations',
    operation: {
      operationId: 'invitationsPage',
      summary: '招待の作成と一覧（市の担当者、ウェブページ）',
      tags: ['inbox'],
      security: SESSION_SECURITY,
      responses: { 200: htmlResponse('招待のページ'), 401: htmlResponse('サインインしていない'), 403: htmlResponse('市の担当者でない'), 500: SERVER_FAULT },
    },
    handlers: (context) => [
      async (req, res) => {
        const p = await cityOf(context, req, res);
        if (!p) return;
        res.set('Cache-Control', 'no-store').type('html').send(invitationsPage(req, cityName(p), await context.deps.store.invitations(p.municipality), context.clock().getTime()));
      },
    ],
  },
  {
    method: 'post',
    path: '/inbox/invitations',
    operation: {
      operationId: 'createInvitation',
      summary: '招待を作成する（リンクを一度だけ表示し、メールが設定されていれば送る）',
      tags: ['inbox'],
      security: SESSION_SECURITY,
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['role', 'email', '_csrf'],
              properties: {
                role: { type: 'string', enum: ['office', 'city'] },
                officeNumber: { type: 'string', description: '事業所番号（role が office のとき）' },
                email: { type: 'string', description: '招待する人のメールアドレス' },
                _csrf: { type: 'string', description: 'CSRF トークン' },
              },
            },
          },
        },
      },
      responses: {
        201: htmlResponse('招待を作成した（リンクを表示）'),
        400: htmlResponse('入力の誤り（理由を表示）'),
        401: htmlResponse('サインインしていない'),
        403: htmlResponse('市の担当者でない、又は CSRF トークンがない'),
        500: SERVER_FAULT,
      },
    },
    handlers: (context) => [
      async (req, res) => {
        const { deps, clock } = context;
        const p = await cityOf(context, req, res);
        if (!p) return;
        const body = (req.body ?? {}) as Record<string, unknown>;
        const values = { role: String(body.role ?? ''), officeNumber: String(body.officeNumber ?? '').trim(), email: String(body.email ?? '').trim() };
        const binding: PersonBinding | undefined =
          values.role === 'office' ? { role: 'office', officeNumber: values.officeNumber } : values.role === 'city' ? { role: 'city', municipality: p.municipality } : undefined;
        const list = () => deps.store.invitations(p.municipality);
        try {
          if (!binding) throw new SubmissionError('INVITATION_ROLE', invitationMessages.role());
          const { secret } = await createInvitation(deps.store, { binding, municipality: p.municipality, email: values.email }, p.actor, deps.clock);
          const link = `${(deps.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '')}${invitationPath(secret)}`;
          const mailed = deps.mailer ? await mailInvitation(deps, invitationMail({ to: values.email, link, city: cityName(p) })) : false;
          const notice = html`<div role="status"><p>招待を作成しました。次のリンクを${values.email}に伝えてください（このリンクは今だけ表示されます）${mailed ? '。同じリンクをメールでも送りました' : ''}。</p><p><input aria-label="招待のリンク" readonly size="80" value="${link}"></p></div>`;
          res.status(201).set('Cache-Control', 'no-store').type('html').send(invitationsPage(req, cityName(p), await list(), clock().getTime(), notice));
        } catch (e) {
          if (!(e instanceof SubmissionError) || statusOfCode(e.code) !== 400) throw e;
          res.status(400).type('html').send(invitationsPage(req, cityName(p), await list(), clock().getTime(), html`<p class="error" role="alert">${e.message}</p>`, values));
        }
      },
    ],
  },
];

export function invitationsRouter(deps: SubmissionDeps): Router {
  return routerOf(INVITATION_ROUTES, { deps, service: serviceOf(deps), clock: () => (deps.clock ?? (() => new Date()))() });
}
