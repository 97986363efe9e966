/**
 * Invitations: how a person comes to act for an office (事業所番号) or a city. The city creates one (the CLI
 * `yoshiki invite`, or the inbox's /inbox/invitations); it is a one-time link `${publicUrl}/invitations/<secret>` (32
 * random bytes; only the SHA-256 is stored), valid INVITATION_TTL_MS, redeemed once by a signed-in person, which binds
 * their OpenID subject to the office or city. The e-mail address it was made for is where that office's mail goes.
 */
import crypto from 'node:crypto';
import { sha256Hex } from '../store/canonical.ts';
import { MUNICIPALITIES } from '../store/receipt-number.ts';
import type { InvitationRecord, PersonBinding, PersonRecord, SubmissionStore } from '../store/types.ts';
import { jstIso, systemClock, type Clock } from './clock.ts';
import { SubmissionError } from './errors.ts';
import { personActor } from './people.ts';
import { invitationMessages } from '../messages/signin.ts';

export { invitationMessages };

/** A week: long enough for a letter or mail to reach the office, short enough that a forgotten link dies. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** A practical address check (RFC 5321 lengths, one @, a dot in the domain); the provider's own check is the real one. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const invitationHash = (secret: string) => sha256Hex(`invitation:${secret}`);


export interface InvitationSpec {
  binding: PersonBinding;
  /** The inviting city (for an office: the city it files with). */
  municipality: string;
  email: string;
}

export function checkInvitationSpec(spec: InvitationSpec): void {
  if (!MUNICIPALITIES[spec.municipality]) throw new SubmissionError('INVITATION_MUNICIPALITY', invitationMessages.municipality(Object.keys(MUNICIPALITIES).join('、')));
  if (spec.binding.role === 'office' && !/^\d{10}$/.test(spec.binding.officeNumber)) throw new SubmissionError('INVITATION_OFFICE', invitationMessages.office());
  if (spec.binding.role === 'city' && spec.binding.municipality !== spec.municipality)
    throw new SubmissionError('INVITATION_MUNICIPALITY', invitationMessages.municipality(spec.municipality));
  if (!EMAIL.test(spec.email) || spec.email.length > 254) throw new SubmissionError('INVITATION_EMAIL', invitationMessages.email());
}

/** Creates the invitation; returns the secret (shown or sent once, never stored) and the record. */
export async function createInvitation(store: SubmissionStore, spec: InvitationSpec, actor: string, clock: Clock = systemClock): Promise<{ secret: string; record: InvitationRecord }> {
  checkInvitationSpec(spec);
  const secret = crypto.randomBytes(32).toString('base64url');
  const now = clock();
  const secretHash = invitationHash(secret);
  const record: InvitationRecord = {
    id: secretHash.slice(0, 12),
    secretHash,
    binding: spec.binding,
    municipality: spec.municipality,
    email: spec.email,
    createdBy: actor,
    createdAt: jstIso(now),
    expiresAt: now.getTime() + INVITATION_TTL_MS,
    redeemedAt: null,
    redeemedBy: null,
  };
  // The audit names the invitation and whom it binds to, not the address (personal data).
  await store.addInvitation(record, { actor, action: 'invitation-created', subject: `invitation:${record.id}`, details: { ...spec.binding, municipality: spec.municipality } }, record.createdAt);
  return { secret, record };
}

export const invitationPath = (secret: string) => `/invitations/${secret}`;

export type Redemption = { ok: true; binding: PersonBinding } | { ok: false; message: string };

/** Redeems the invitation for the signed-in person: once, before it expires. */
export async function redeemInvitation(store: SubmissionStore, secret: string, person: PersonRecord, clock: Clock = systemClock): Promise<Redemption> {
  const invitation = SECRET.test(secret) ? await store.invitationByHash(invitationHash(secret)) : undefined;
  if (!invitation) return { ok: false, message: invitationMessages.unknown() };
  if (invitation.redeemedAt) return { ok: false, message: invitationMessages.used() };
  const now = clock();
  if (now.getTime() >= invitation.expiresAt) return { ok: false, message: invitationMessages.expired() };
  const won = await store.redeemInvitation(
    invitation.secretHash,
    person.id,
    now.getTime(),
    { actor: personActor(person.id, invitation.binding), action: 'invitation-redeemed', subject: `invitation:${invitation.id}`, details: { person: person.id, ...invitation.binding } },
    jstIso(now),
  );
  // Lost a race with another tab: it was used meanwhile (or expired this very moment).
  return won ? { ok: true, binding: invitation.binding } : { ok: false, message: invitationMessages.used() };
}

export const isInvitationSecret = (value: string) => SECRET.test(value);
