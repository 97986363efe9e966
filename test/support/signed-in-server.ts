/**
 * The app as `yoshiki serve` builds it for sign-in: the embedded demo provider is found at the server's own address,
 * so the server listens first and the app (with its sign-in setup) is made for that address.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../../server/app.ts';
import { signInFromEnv } from '../../server/signin/config.ts';
import type { SubmissionStore } from '../../src/store/types.ts';

export async function listenWithSignIn(store: SubmissionStore, options: Omit<AppOptions, 'submissionStore' | 'signIn'>): Promise<{ server: http.Server; base: string; app: ReturnType<typeof createApp> }> {
  let app: ReturnType<typeof createApp> | undefined;
  const server = http.createServer((req, res) => app!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = await signInFromEnv({}, base, store);
  app = createApp({ ...options, submissionStore: store, signIn });
  return { server, base, app };
}
