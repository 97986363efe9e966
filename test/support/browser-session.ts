/**
 * A small browser for tests of sign-in: real HTTP to a running server (fetch), a cookie jar (name, path, expiry), and
 * redirects followed one by one so each hop can be checked. `signInAs` walks the authorization code flow through the
 * embedded demo provider exactly as a person's browser does: /signin → the provider → its login page → the login post →
 * back to /signin/callback → the page asked for.
 */
interface Cookie {
  name: string;
  value: string;
  path: string;
}

export interface Hop {
  status: number;
  url: string;
  location?: string;
}

export class BrowserSession {
  private cookies: Cookie[] = [];
  /** The hops of the last request (its redirects followed). */
  hops: Hop[] = [];

  constructor(readonly origin: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  /** Replaces the jar's cookie (to replay an old one). */
  setCookie(name: string, value: string, path = '/'): void {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    this.cookies.push({ name, value, path });
  }

  private header(url: URL): string {
    return this.cookies
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? url.pathname.replace(/\/[^/]*$/, '') ?? '/';
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now()) || value === '';
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!gone) this.cookies.push({ name, value, path: path || '/' });
    }
  }

  /** One request (no redirect followed). */
  async fetch(pathOrUrl: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.header(url);
    if (cookie) headers.cookie = cookie;
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
    this.store(url, res.headers.getSetCookie());
    return res;
  }

  /** A request with its redirects followed (a 303 or 302 becomes a GET), as a browser does. */
  async go(pathOrUrl: string, init: Parameters<BrowserSession['fetch']>[1] = {}): Promise<Response> {
    this.hops = [];
    let res = await this.fetch(pathOrUrl, init);
    let url = new URL(pathOrUrl, this.origin).href;
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      const location = res.headers.get('location')!;
      this.hops.push({ status: res.status, url, location });
      await res.arrayBuffer();
      url = new URL(location, url).href;
      res = await this.fetch(url);
    }
    this.hops.push({ status: res.status, url });
    return res;
  }

  /** The URL the last `go` ended at. */
  get url(): string {
    return this.hops.at(-1)?.url ?? '';
  }
}

/** The hidden CSRF field of a page. */
export function csrfOf(pageHtml: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(pageHtml);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1];
}

/** Signs in at the demo provider as `loginId` (office / city); returns the page the flow ends on. */
export async function signInAs(browser: BrowserSession, loginId: string, returnTo?: string, password = 'demo'): Promise<Response> {
  const start = await browser.go(`/signin${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
  const loginPage = await start.text();
  const action = /<form method="post" action="([^"]+)"/.exec(loginPage)?.[1];
  if (start.status !== 200 || !action) throw new Error(`no login page at the provider: ${start.status} ${browser.url}\n${loginPage.slice(0, 500)}`);
  return browser.go(action.replace(/&amp;/g, '&'), { form: { login: loginId, password } });
}
