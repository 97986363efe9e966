/**
 * People who sign in with OpenID Connect, and their server-side sessions. The cookie carries only a random session id
 * (32 bytes, base64url); the store keeps its SHA-256, so a copy of the database opens no session. A session starts
 * before the person goes to the provider (it holds the sign-in's state, nonce and PKCE verifier) and is replaced by a
 * fresh one — a new id and a new CSRF token — once the provider has vouched for them (no session fixation). It ends at
 * sign-out (removed on the server), after SESSION_IDLE_MS without a request, and SESSION_MAX_MS after it began
 * (OWASP Session Management: idle and absolute timeouts). Signing in and out are audited by person id, never by name.
 */
import crypto from 'node:crypto';
import { sha256Hex } from '../store/canonical.ts';
import type { PendingLogin, PersonBinding, PersonRecord, PersonSessionRecord, SubmissionStore } from '../store/types.ts';
import { jstIso } from './clock.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from './sessions.ts';
import type { Principal } from './tokens.ts';

/** A sign-in not completed within this time (the person left the provider's page) must start again. */
export const LOGIN_MAX_MS = 10 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const idHash = (id: string) => sha256Hex(`person-session:${id}`);

/** A person's id: derived from issuer and subject (stable across sign-ins), and saying nothing about who they are. */
export const personIdOf = (issuer: string, subject: string) => sha256Hex(`person:${issuer}\n${subject}`).slice(0, 16);

/** `office:1212345678/person:ab12…` — what the audit and the events record for a person's actions (no name). */
export function personActor(personId: string, binding: PersonBinding | null): string {
  const role = binding ? (binding.role === 'office' ? `office:${binding.officeNumber}` : `city:${binding.municipality}`) : 'unbound';
  return `${role}/person:${personId}`;
}

/** The principal a signed-in person acts as, or undefined while they are bound to nothing (no invitation redeemed). */
export function principalOfPerson(person: PersonRecord): Principal | undefined {
  const b = person.binding;
  if (!b) return undefined;
  const ref = { id: person.id, name: person.name, email: person.email };
  const actor = personActor(person.id, b);
  return b.role === 'office'
    ? { role: 'office', officeNumber: b.officeNumber, tokenId: null, actor, person: ref }
    : { role: 'city', municipality: b.municipality, tokenId: null, actor, person: ref };
}

const newId = () => crypto.randomBytes(32).toString('base64url');
const expiry = (at: number) => ({ createdBefore: at - SESSION_MAX_MS, idleSince: at - SESSION_IDLE_MS });

/** The session that carries a sign-in to the provider and back (no person yet). */
export async function openLoginSession(store: SubmissionStore, login: PendingLogin, csrfToken: string, now: Date): Promise<{ id: string; maxAgeMs: number }> {
  const id = newId();
  const at = now.getTime();
  await store.createPersonSession({ idHash: idHash(id), personId: null, csrfToken, login, at }, expiry(at), undefined, jstIso(now));
  return { id, maxAgeMs: LOGIN_MAX_MS };
}

/** The signed-in session of a person the provider has vouched for. */
export async function openPersonSession(store: SubmissionStore, person: PersonRecord, csrfToken: string, now: Date): Promise<{ id: string; maxAgeMs: number }> {
  const id = newId();
  const at = now.getTime();
  await store.createPersonSession(
    { idHash: idHash(id), personId: person.id, csrfToken, login: null, at },
    expiry(at),
    { actor: personActor(person.id, person.binding), action: 'signed-in', subject: `person:${person.id}`, details: { via: 'oidc' } },
    jstIso(now),
  );
  return { id, maxAgeMs: SESSION_MAX_MS };
}

/** A live session, or undefined (unknown, malformed or expired id — an expired one is removed). */
export async function loadPersonSession(store: SubmissionStore, id: string | undefined, now: Date): Promise<PersonSessionRecord | undefined> {
  if (!id || !SESSION_ID.test(id)) return undefined;
  const hash = idHash(id);
  const session = await store.personSessionByHash(hash);
  if (!session) return undefined;
  const at = now.getTime();
  const maxMs = session.person ? SESSION_MAX_MS : LOGIN_MAX_MS;
  if (at - session.createdAt >= maxMs || at - session.lastSeenAt >= SESSION_IDLE_MS) {
    await store.deletePersonSession(hash);
    return undefined;
  }
  if (at - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchPersonSession(hash, at);
  return session;
}

/** Ends the session on the server (sign-out, or the sign-in session replaced by the signed-in one). */
export async function closePersonSession(store: SubmissionStore, id: string | undefined, now: Date): Promise<void> {
  if (!id || !SESSION_ID.test(id)) return;
  const hash = idHash(id);
  const session = await store.personSessionByHash(hash);
  if (!session) return;
  const person = session.person;
  await store.deletePersonSession(
    hash,
    person ? { actor: personActor(person.id, person.binding), action: 'signed-out', subject: `person:${person.id}`, details: { via: 'oidc' } } : undefined,
    jstIso(now),
  );
}

/** What the provider said about the person: stored (created or refreshed) and returned. */
export function rememberPerson(store: SubmissionStore, claims: { issuer: string; subject: string; name: string | null; email: string | null }, now: Date): Promise<PersonRecord> {
  return store.upsertPerson({ id: personIdOf(claims.issuer, claims.subject), ...claims }, jstIso(now));
}

/** Binds a person (the demo's people at start; later, invitations) when not already bound so; audited. */
export async function ensureBinding(store: SubmissionStore, person: PersonRecord, binding: PersonBinding, actor: string, now: Date): Promise<void> {
  const same = person.binding && JSON.stringify(person.binding) === JSON.stringify(binding);
  if (same) return;
  await store.bindPerson(person.id, binding, { actor, action: 'person-bound', subject: `person:${person.id}`, details: { ...binding } }, jstIso(now));
}
