/**
 * Sign-in sessions of the city inbox (/inbox). The browser never holds the city's bearer token: signing in with it opens a
 * session, and the cookie carries only a random session id (32 bytes from crypto.randomBytes, base64url). The store keeps
 * the SHA-256 of that id (a copy of the database opens no session), bound to the token used (removing the token ends its
 * sessions). A session ends at sign-out, after SESSION_IDLE_MS without a request, and SESSION_MAX_MS after sign-in
 * whatever happens (OWASP Session Management: idle and absolute timeouts). Signing in and out are audited.
 */
import crypto from 'node:crypto';
import type { SubmissionStore } from '../store/types.ts';
import { sha256Hex } from '../store/canonical.ts';
import { jstIso } from './clock.ts';
import { principalOfToken, tokenHash, type Principal } from './tokens.ts';

/** Absolute lifetime: one working day. */
export const SESSION_MAX_MS = 8 * 60 * 60 * 1000;
/** Idle timeout: a desk left for half an hour needs the token again. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** The last-seen time is written at most once a minute, not on every page. */
const TOUCH_EVERY_MS = 60 * 1000;
/** What a session id looks like (43 base64url characters); anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const idHash = (id: string) => sha256Hex(`inbox-session:${id}`);

/** Opens a session for a token already authenticated as the city's; returns the id for the cookie and its lifetime. */
export async function openSession(store: SubmissionStore, token: string, principal: Principal, now: Date): Promise<{ id: string; maxAgeMs: number }> {
  const id = crypto.randomBytes(32).toString('base64url');
  const at = now.getTime();
  await store.createSession(
    { idHash: idHash(id), tokenHash: tokenHash(token), at },
    { createdBefore: at - SESSION_MAX_MS, idleSince: at - SESSION_IDLE_MS },
    { actor: principal.actor, action: 'signed-in', subject: `token:${principal.tokenId}`, details: { via: 'inbox' } },
    jstIso(now),
  );
  return { id, maxAgeMs: SESSION_MAX_MS };
}

/** The principal of a live session, or undefined (unknown, malformed or expired id — an expired one is removed). */
export async function sessionPrincipal(store: SubmissionStore, id: string | undefined, now: Date): Promise<Principal | undefined> {
  if (!id || !SESSION_ID.test(id)) return undefined;
  const hash = idHash(id);
  const session = await store.sessionByHash(hash);
  if (!session) return undefined;
  const at = now.getTime();
  if (at - session.createdAt >= SESSION_MAX_MS || at - session.lastSeenAt >= SESSION_IDLE_MS) {
    await store.deleteSession(hash);
    return undefined;
  }
  if (at - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchSession(hash, at);
  return principalOfToken(session.token);
}

/** Ends the session (sign-out); an unknown id is nothing to end. */
export async function closeSession(store: SubmissionStore, id: string | undefined, now: Date): Promise<void> {
  if (!id || !SESSION_ID.test(id)) return;
  const hash = idHash(id);
  const session = await store.sessionByHash(hash);
  if (!session) return;
  const principal = principalOfToken(session.token);
  await store.deleteSession(hash, { actor: principal.actor, action: 'signed-out', subject: `token:${principal.tokenId}`, details: { via: 'inbox' } }, jstIso(now));
}
