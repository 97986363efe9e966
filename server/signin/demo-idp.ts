/**
 * The embedded demo OpenID provider (npm `oidc-provider`), served by this same server under /demo-idp when no provider is
 * configured (YOSHIKI_OIDC_ISSUER unset), so `npm start` alone gives a working sign-in. Two people: an office's
 * (bound to the demo office) and 市川市's. Its keys, client secret and sessions live in memory and change at every start.
 * Its login page is ours (Japanese, nothing loaded from elsewhere); consent is not asked (the only client is this server).
 * The tests sign in through this very provider: there is no mock of the flow.
 */
import crypto from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import Provider, { type KoaContextLike } from 'oidc-provider';
import { MUNICIPALITIES } from '../../src/store/receipt-number.ts';
import { DEMO_OFFICE_NUMBER } from '../../src/submissions/tokens.ts';
import type { PersonBinding } from '../../src/store/types.ts';
import { signinMessages as s } from '../../src/messages/signin.ts';
import { html, page } from '../submissions/html.ts';
import type { OidcSettings } from './oidc-client.ts';
import { DemoIdpAdapter } from './demo-idp-adapter.ts';

export const DEMO_IDP_PATH = '/demo-idp';
export const DEMO_PASSWORD = 'demo';

export interface DemoAccount {
  loginId: string;
  subject: string;
  name: string;
  email: string;
  binding: PersonBinding;
}

/** The demo's two people. Their e-mail addresses are in example.com (RFC 2606): mail to them reaches nobody. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { loginId: 'office', subject: 'demo-office', name: '試用 事業所担当', email: 'office@example.com', binding: { role: 'office', officeNumber: DEMO_OFFICE_NUMBER } },
  { loginId: 'city', subject: 'demo-city', name: '試用 市川市担当', email: 'city@example.com', binding: { role: 'city', municipality: 'ichikawa' } },
];

const accountLabel = (a: DemoAccount) =>
  a.binding.role === 'office' ? s.demoOfficeAccount(a.binding.officeNumber) : s.demoCityAccount(MUNICIPALITIES[a.binding.municipality]?.name ?? a.binding.municipality);

export interface DemoIdp {
  /** The relying party's settings that point at this provider. */
  settings: OidcSettings;
  /** Mount at DEMO_IDP_PATH. */
  router: Router;
}

function loginPage(uid: string, message?: string): string {
  return page(
    s.demoTitle,
    html`<h1>${s.demoTitle}</h1>
<p class="note">${s.demoLead}</p>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="${DEMO_IDP_PATH}/interaction/${uid}/login">
<label for="login">${s.demoLoginId}</label>
<input id="login" name="login" autocomplete="username" required>
<label for="password">${s.demoPassword}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">${s.demoSubmit}</button></p>
</form>
<h2>${s.demoAccounts}</h2>
<table><thead><tr><th scope="col">アカウント</th><th scope="col">${s.demoLoginId}</th><th scope="col">${s.demoPassword}</th></tr></thead>
<tbody>${DEMO_ACCOUNTS.map((a) => html`<tr><td>${accountLabel(a)}</td><td><code>${a.loginId}</code></td><td><code>${DEMO_PASSWORD}</code></td></tr>`)}</tbody></table>`,
  );
}

/** The provider for `publicUrl` (this server's address as people reach it). */
export function createDemoIdp(publicUrl: string, options: { trustProxy?: boolean } = {}): DemoIdp {
  const base = publicUrl.replace(/\/$/, '');
  const issuer = `${base}${DEMO_IDP_PATH}`;
  const settings: OidcSettings = { issuer, clientId: 'yoshiki-demo', clientSecret: crypto.randomBytes(32).toString('base64url'), publicUrl: base };
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        redirect_uris: [`${base}/signin/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx: unknown, sub: string) {
      const account = DEMO_ACCOUNTS.find((a) => a.subject === sub);
      return account && { accountId: sub, claims: async () => ({ sub, name: account.name, email: account.email, email_verified: true }) };
    },
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${DEMO_IDP_PATH}/interaction/${interaction.uid}` },
    // This server is the provider's only client: no consent screen; the grant covers what it asks for.
    async loadExistingGrant(ctx: KoaContextLike) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    adapter: DemoIdpAdapter,
    // Lifetimes (seconds): a login page an hour, the provider's own session a working day, codes a minute, tokens 10 min.
    ttl: { Interaction: 3600, Session: 8 * 3600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    pkce: { required: () => true },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo', use: 'sig', alg: 'RS256' }] },
    features: { devInteractions: { enabled: false } },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page(s.demoTitle, html`<h1>${s.demoTitle}</h1><p class="error" role="alert">${s.loginFailed}</p><p class="note">${out.error ?? ''}</p>`);
    },
  });
  provider.proxy = options.trustProxy ?? false;

  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  /** The interaction of the request, or undefined when its cookie is gone or expired (answered with a page). */
  const details = async (req: Request, res: Response) => {
    try {
      return await provider.interactionDetails(req, res);
    } catch {
      res.status(400).type('html').send(page(s.demoTitle, html`<h1>${s.demoTitle}</h1><p class="error" role="alert">${s.demoInteractionGone}</p>`));
      return undefined;
    }
  };
  router.get('/interaction/:uid', async (req, res) => {
    const interaction = await details(req, res);
    if (interaction) res.type('html').send(loginPage(interaction.uid));
  });
  router.post('/interaction/:uid/login', form, async (req, res) => {
    const interaction = await details(req, res);
    if (!interaction) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const account = DEMO_ACCOUNTS.find((a) => a.loginId === body.login);
    if (!account || body.password !== DEMO_PASSWORD) return void res.status(401).type('html').send(loginPage(interaction.uid, s.demoLoginFailed));
    await provider.interactionFinished(req, res, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
  });
  router.use(provider.callback());
  return { settings, router };
}
