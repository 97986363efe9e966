/**
 * The relying party: OpenID Connect authorization code flow with PKCE (S256), state and nonce, through `openid-client`.
 * The provider's metadata is discovered on the first sign-in (not at start: the embedded demo provider is served by this
 * same server, and a provider that is down must not keep the forms from being served) and kept once it succeeded.
 */
import * as oidc from 'openid-client';
import type { PendingLogin } from '../../src/store/types.ts';

export interface OidcSettings {
  /** The provider's issuer URL (its /.well-known/openid-configuration is read). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where people reach this server (`https://yoshiki.city.example.jp`): the redirect URI is `${publicUrl}/signin/callback`. */
  publicUrl: string;
}

/** What the provider vouches for: who (issuer + subject) and what it says the name and e-mail are. */
export interface VerifiedPerson {
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

export class OidcClient {
  private configuration?: Promise<oidc.Configuration>;

  constructor(readonly settings: OidcSettings) {}

  get redirectUri(): string {
    return `${this.settings.publicUrl.replace(/\/$/, '')}/signin/callback`;
  }

  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.settings;
      // Plain http only for a provider on this machine (the demo, a test); anything else must be https.
      const local = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(issuer);
      this.configuration = oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), local ? { execute: [oidc.allowInsecureRequests] } : undefined);
      // A failed discovery is tried again at the next sign-in.
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration;
  }

  /** A new sign-in: what to remember in the session, and where to send the browser. */
  async start(returnTo: string, invitation?: string): Promise<{ login: PendingLogin; url: URL }> {
    const config = await this.config();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const login: PendingLogin = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, returnTo, ...(invitation ? { invitation } : {}) };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    return { login, url };
  }

  /** The callback: exchanges the code (checking state, nonce and PKCE) and reads the person's claims. */
  async finish(currentUrl: URL, login: PendingLogin): Promise<VerifiedPerson> {
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true });
    const claims = tokens.claims()!;
    let name = text(claims.name);
    let email = text(claims.email);
    // Many providers put the profile only in UserInfo (the ID token then carries just the subject).
    if ((!name || !email) && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      name ??= text(info.name);
      email ??= text(info.email);
    }
    return { issuer: String(claims.iss), subject: claims.sub, name, email };
  }
}
