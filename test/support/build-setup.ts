/**
 * vitest globalSetup: the tests run the TypeScript sources, but what starts the CLI as a process (bin/yoshiki.js) or a
 * render thread runs the compiled dist/, as in production. So before any test, dist/ is built when it is missing or
 * older than the sources (by content: scripts/build-stamp.mjs) — a fresh clone stays `npm ci && npm test`, and an edit
 * followed by `npx vitest run test/x.test.ts` tests the edit, not a stale build.
 */
import { ensureBuilt } from '../../scripts/build-stamp.mjs';

export default function setup(): void {
  ensureBuilt();
}
