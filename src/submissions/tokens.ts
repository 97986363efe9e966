/**
 * Bearer tokens: 32 random bytes, base64url. Only the SHA-256 of a token is stored, so a copy of the database gives no
 * working token; the token itself is shown once, when it is created. A token is either an office's (files and reads its
 * own submissions, by 事業所番号) or a city's (reads and decides everything filed with that city).
 */
import crypto from 'node:crypto';
import { tokenAnchor } from '../store/audit-anchors.ts';
import { sha256Hex } from '../store/canonical.ts';
import { jstIso, systemClock, type Clock } from './clock.ts';
import { SubmissionError } from './errors.ts';
import { submissionMessages as m } from '../messages/submissions.ts';
import { MUNICIPALITIES } from '../store/receipt-number.ts';
import type { Role, SubmissionStore, TokenRecord } from '../store/types.ts';

/** The person behind a cookie session (OpenID Connect sign-in): shown on pages, never written to logs or the audit. */
export interface PersonRef {
  id: string;
  name: string | null;
  email: string | null;
}

/**
 * Who is asking: an office (its 事業所番号) or a city. `actor` is what the audit and the events record. A bearer token's
 * principal carries `tokenId` (and no person); a signed-in person's carries `person` (and tokenId null).
 */
export type Principal =
  | { role: 'office'; officeNumber: string; tokenId: string | null; actor: string; person?: PersonRef }
  | { role: 'city'; municipality: string; tokenId: string | null; actor: string; person?: PersonRef };

export interface TokenSpec {
  role: Role;
  officeNumber?: string;
  municipality?: string;
  label?: string;
}

export const tokenHash = (token: string) => sha256Hex(token);

/** The name an audit entry or event gives the holder: `office:1212345678` / `city:ichikawa`, with the token id. */
function actorOf(record: Pick<TokenRecord, 'role' | 'officeNumber' | 'municipality' | 'id'>): string {
  return `${record.role}:${record.role === 'office' ? record.officeNumber : record.municipality}#${record.id}`;
}

export function checkTokenSpec(spec: TokenSpec): void {
  if (spec.role !== 'office' && spec.role !== 'city') throw new SubmissionError('TOKEN_ROLE', m.tokenRole());
  if (spec.role === 'office' && !/^\d{10}$/.test(spec.officeNumber ?? '')) throw new SubmissionError('TOKEN_OFFICE', m.tokenOffice());
  if (spec.role === 'city' && !MUNICIPALITIES[spec.municipality ?? ''])
    throw new SubmissionError('TOKEN_MUNICIPALITY', m.tokenMunicipality(Object.keys(MUNICIPALITIES).join('、')));
}

export async function createToken(store: SubmissionStore, spec: TokenSpec, actor = 'cli', clock: Clock = systemClock): Promise<{ token: string; record: TokenRecord }> {
  checkTokenSpec(spec);
  const token = crypto.randomBytes(32).toString('base64url');
  const hash = tokenHash(token);
  const at = jstIso(clock());
  const record: TokenRecord = {
    id: hash.slice(0, 12),
    hash,
    role: spec.role,
    officeNumber: spec.role === 'office' ? spec.officeNumber! : null,
    municipality: spec.role === 'city' ? spec.municipality! : null,
    label: spec.label ?? null,
    createdAt: at,
  };
  await store.addToken(
    record,
    {
      actor,
      action: 'token-created',
      subject: `token:${record.id}`,
      // The stored record's digest (it holds the token's hash, never the token): audit verify finds a swapped hash or role.
      details: { role: record.role, officeNumber: record.officeNumber, municipality: record.municipality, recordSha256: tokenAnchor(record) },
    },
    at,
  );
  return { token, record };
}

/** Who holds the token (also the principal of a session opened with it). */
export function principalOfToken(record: TokenRecord): Principal {
  return record.role === 'office'
    ? { role: 'office', officeNumber: record.officeNumber!, tokenId: record.id, actor: actorOf(record) }
    : { role: 'city', municipality: record.municipality!, tokenId: record.id, actor: actorOf(record) };
}

export async function authenticate(store: SubmissionStore, token: string): Promise<Principal | undefined> {
  // A token is 43 base64url characters; anything else is not looked up.
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return undefined;
  const record = await store.tokenByHash(tokenHash(token));
  return record && principalOfToken(record);
}

export interface DemoTokens {
  office: { token: string; officeNumber: string };
  city: { token: string; municipality: string };
}

/** The office of the 拠点届出書 example (forms/ichikawa/ichikawa-kyoten-todokede/example.json), so the demo can file the example as it is. */
export const DEMO_OFFICE_NUMBER = '1212345678';

/**
 * On the first start (no token at all), creates one office token and one city token and returns them for the server to
 * print; afterwards returns null (only hashes are kept, so a token cannot be shown again — create another with the CLI).
 */
export async function ensureDemoTokens(
  store: SubmissionStore,
  options: { officeNumber?: string; municipality?: string; clock?: Clock } = {},
): Promise<DemoTokens | null> {
  if ((await store.countTokens()) > 0) return null;
  const officeNumber = options.officeNumber ?? DEMO_OFFICE_NUMBER;
  const municipality = options.municipality ?? 'ichikawa';
  const office = await createToken(store, { role: 'office', officeNumber, label: 'demo' }, 'server', options.clock);
  const city = await createToken(store, { role: 'city', municipality, label: 'demo' }, 'server', options.clock);
  return { office: { token: office.token, officeNumber }, city: { token: city.token, municipality } };
}
