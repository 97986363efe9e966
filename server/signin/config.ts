/**
 * Where sign-in comes from, decided at start:
 * - YOSHIKI_OIDC_ISSUER, YOSHIKI_OIDC_CLIENT_ID, YOSHIKI_OIDC_CLIENT_SECRET: a real provider (GビズID, the city's own);
 *   register `${YOSHIKI_PUBLIC_URL}/signin/callback` as the client's redirect URI there;
 * - none of them: the embedded demo provider under /demo-idp (server/signin/demo-idp.ts), with its two demo people bound
 *   to the demo office and to 市川市.
 * YOSHIKI_PUBLIC_URL is the address people reach this server at (`https://yoshiki.city.example.jp`); default the
 * address it listens on.
 */
import { ensureBinding, rememberPerson } from '../../src/submissions/people.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { createDemoIdp, DEMO_ACCOUNTS, type DemoIdp } from './demo-idp.ts';
import { OidcClient } from './oidc-client.ts';

/** A configuration a person must fix (the CLI prints the message and exits). */
export class SignInConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInConfigError';
  }
}

export interface SignInSetup {
  oidc: OidcClient;
  demoIdp?: DemoIdp;
}

export async function signInFromEnv(env: NodeJS.ProcessEnv, origin: string, store: SubmissionStore, options: { trustProxy?: boolean } = {}): Promise<SignInSetup> {
  const publicUrl = (env.YOSHIKI_PUBLIC_URL?.trim() || origin).replace(/\/$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) throw new SignInConfigError(`YOSHIKI_PUBLIC_URL「${publicUrl}」は URL ではありません。https://yoshiki.example.jp のように書いてください。`);
  const issuer = env.YOSHIKI_OIDC_ISSUER?.trim();
  if (issuer) {
    const clientId = env.YOSHIKI_OIDC_CLIENT_ID?.trim();
    const clientSecret = env.YOSHIKI_OIDC_CLIENT_SECRET?.trim();
    if (!clientId || !clientSecret)
      throw new SignInConfigError('YOSHIKI_OIDC_ISSUER を設定したときは、認証サーバーに登録したクライアントの YOSHIKI_OIDC_CLIENT_ID と YOSHIKI_OIDC_CLIENT_SECRET も設定してください。');
    return { oidc: new OidcClient({ issuer, clientId, clientSecret, publicUrl }) };
  }
  const demoIdp = createDemoIdp(publicUrl, options);
  // The demo's people are bound from the start (no invitation needed to try the demo).
  const now = new Date();
  for (const account of DEMO_ACCOUNTS) {
    const person = await rememberPerson(store, { issuer: demoIdp.settings.issuer, subject: account.subject, name: account.name, email: account.email }, now);
    await ensureBinding(store, person, account.binding, 'server', now);
  }
  return { oidc: new OidcClient(demoIdp.settings), demoIdp };
}
