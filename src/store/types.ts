/**
 * The repository of filed submissions: one interface, used by the domain (src/submissions) and the server, implemented
 * over SQLite (embedded default) and PostgreSQL (DATABASE_URL). Every write that belongs together — a filing with its
 * receipt number, documents, attachments, first event and audit entry — happens in one transaction.
 */
import { DomainError } from '../domain-error.ts';
import type { BatchStore } from './sql-batches.ts';
export type SubmissionStatus = 'received' | 'reviewing' | 'accepted' | 'returned';
export type Role = 'office' | 'city';
export type Json = Record<string, unknown>;

export interface SubmissionHead {
  receiptNumber: string;
  municipality: string;
  year: number;
  seq: number;
  officeNumber: string;
  /** The form of the filing's first document: what the submission is (拠点届出書, 変更届 …). */
  kind: string;
  status: SubmissionStatus;
  /** The current revision (1, or more after a 差戻し and resubmission). */
  revision: number;
  receivedAt: string;
  updatedAt: string;
}

export interface StoredDocument {
  position: number;
  form: string;
  /** The normalised data as validated and filed. */
  data: Json;
  sha256: string;
}

export interface StoredAttachment {
  position: number;
  name: string;
  sha256: string;
  size: number;
  location: string;
}

export interface SubmissionEvent {
  revision: number;
  at: string;
  actor: string;
  from: SubmissionStatus | null;
  to: SubmissionStatus;
  reason: string | null;
}

export interface RevisionRecord {
  revision: number;
  receivedAt: string;
  idempotencyKey: string;
  bodySha256: string;
  warnings: unknown[];
  computed: unknown[];
  documents: StoredDocument[];
  attachments: StoredAttachment[];
}

export interface StoredNotice {
  form: string;
  data: Json;
  sha256: string;
  issuedAt: string;
}

export interface SubmissionRecord extends SubmissionHead {
  /** The revision asked for (the current one by default). */
  current: RevisionRecord;
  revisions: { revision: number; receivedAt: string }[];
  events: SubmissionEvent[];
  notice?: StoredNotice;
}

export interface NewDocument {
  form: string;
  data: Json;
  sha256: string;
}

export interface NewAttachment {
  name: string;
  sha256: string;
  size: number;
  /** The bytes, or a file holding them (an upload the server streamed to disk), copied into the store. */
  bytes: Uint8Array | { file: string };
}

export interface AuditInput {
  actor: string;
  action: string;
  /** What the entry is about (a receipt number, a token id, 'registry') — never a person's name. */
  subject: string;
  details: Json;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

/** A signed head of the audit chain: entry `seq` (so `seq` entries in all) had `hash`; see src/store/audit-key.ts. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** Base64 Ed25519 over checkpointMessage({ seq, hash, at, keyId }). */
  signature: string;
}

export interface NewRevision {
  officeNumber: string;
  receivedAt: string;
  idempotencyKey: string;
  bodySha256: string;
  documents: NewDocument[];
  attachments: NewAttachment[];
  warnings: unknown[];
  computed: unknown[];
  actor: string;
  /** Audit details without personal data (forms, digests, counts). */
  auditDetails: Json;
}

export interface NewFiling extends NewRevision {
  municipality: string;
  prefix: string;
  year: number;
  kind: string;
}

/** `created: false` — the idempotency key was used before; the caller compares `bodySha256`. */
export interface FilingOutcome {
  created: boolean;
  receiptNumber: string;
  revision: number;
  bodySha256: string;
}

export type RegistryAction = 'added' | 'changed' | 'removed';

export interface RegistryEntry {
  municipality: string;
  officeNumber: string;
  /** The published columns (事業所名 …), already as printed. */
  row: Record<string, string>;
  /** The registration as it now stands (登録通知書 or 変更登録通知書 data): the earlier document of the next 変更. */
  sourceForm: string;
  sourceData: Json;
  receiptNumber: string;
  version: number;
  updatedAt: string;
}

export interface RegistryHistoryRow {
  municipality: string;
  officeNumber: string;
  action: RegistryAction;
  row: Record<string, string>;
  receiptNumber: string;
  at: string;
}

export interface StatusChange {
  receiptNumber: string;
  /** The state the decision was made on; a change meanwhile makes the store refuse (StaleSubmissionError). */
  expected: { status: SubmissionStatus; revision: number };
  to: SubmissionStatus;
  reason: string | null;
  at: string;
  actor: string;
  notice?: NewDocument;
  /**
   * Give the notice its 文書番号: the next number of the city and year, formatted (`{n}`), written into the notice's
   * `documentNumber` before its digest is taken — in the same transaction, so numbers have no gaps.
   */
  noticeNumber?: { municipality: string; year: number; format: string };
  registry?: {
    action: RegistryAction;
    municipality: string;
    /** The office as registered (the row to add, change or remove). */
    officeNumber: string;
    /** A 変更 of the 事業所番号 itself moves the row to the new number. */
    newOfficeNumber?: string;
    row: Record<string, string>;
    sourceForm: string;
    sourceData: Json;
    /** The registry row's version the notice was derived from (null: the office had no row). */
    expectedVersion: number | null;
  };
  audit: AuditInput[];
}

export interface TokenRecord {
  id: string;
  hash: string;
  role: Role;
  officeNumber: string | null;
  municipality: string | null;
  label: string | null;
  createdAt: string;
}

/** A city inbox sign-in: the stored SHA-256 of the session id, the token it was opened with, and when (epoch ms). */
export interface SessionRecord {
  idHash: string;
  token: TokenRecord;
  createdAt: number;
  lastSeenAt: number;
}

/** Whose a draft is: the person (or, for a token session, the token) and the office they act for, and the 様式. */
export interface DraftKey {
  owner: string;
  officeNumber: string;
  form: string;
}

/** An attachment of a draft, in the slot of the definition's `filing.attachments` it answers. */
export interface DraftAttachment {
  slot: number;
  /** The name it is filed under (the definition's name of the 添付書類, `.pdf`). */
  name: string;
  /** The file name the person chose, shown back to them. */
  fileName: string;
  sha256: string;
  size: number;
  location: string;
  savedAt: string;
}

/** The newest version of a draft. */
export interface DraftRecord extends DraftKey {
  version: number;
  data: Json;
  /** The 受付番号 this draft will resubmit (「修正して再提出」), or null for a new filing. */
  revises: string | null;
  savedAt: string;
  attachments: DraftAttachment[];
}

/** A draft was saved meanwhile from another tab: the save from an older version is refused. */
export class StaleDraftError extends Error {
  constructor(
    readonly latestVersion: number,
    readonly latestSavedAt: string | undefined,
  ) {
    super(`draft version ${latestVersion} is newer`);
    this.name = 'StaleDraftError';
  }
}

/** Whom a person acts for: an office (事業所番号) or a city; null until an invitation is redeemed. */
export type PersonBinding = { role: 'office'; officeNumber: string } | { role: 'city'; municipality: string };

/** A person known from an OpenID Connect sign-in (issuer + subject); name and email as the provider last sent them. */
export interface PersonRecord {
  id: string;
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  binding: PersonBinding | null;
  createdAt: string;
  updatedAt: string;
}

/** While the person is at the provider: what the callback must find again (RFC 9700 §2.1.1: PKCE, state, nonce). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path on this server to go back to after sign-in. */
  returnTo: string;
  /** An invitation link followed before signing in, redeemed right after. */
  invitation?: string;
}

/** A person session (signed in, or on its way to the provider); times in epoch ms. */
export interface PersonSessionRecord {
  idHash: string;
  person: PersonRecord | null;
  csrfToken: string;
  login: PendingLogin | null;
  createdAt: number;
  lastSeenAt: number;
}

export interface InvitationRecord {
  id: string;
  secretHash: string;
  binding: PersonBinding;
  /** The inviting city. */
  municipality: string;
  email: string;
  createdBy: string;
  createdAt: string;
  expiresAt: number;
  redeemedAt: string | null;
  redeemedBy: string | null;
}

export interface SubmissionFilter {
  municipality?: string;
  officeNumber?: string;
  status?: SubmissionStatus;
}

export interface PurgeReport {
  cutoff: string;
  dryRun: boolean;
  removed: { receiptNumber: string; municipality: string; status: SubmissionStatus; updatedAt: string; documents: number; attachments: number }[];
  files: number;
}

/** The submission changed between reading it and deciding (another city user, a resubmission): decide again. */
export class StaleSubmissionError extends DomainError<'STALE'> {
  constructor(message: string) {
    super('STALE', message);
    this.name = 'StaleSubmissionError';
  }
}

/** A notice PDF as the notice job rendered it on 受理 (the bytes handed out from then on), and which process made it. */
export interface NoticeFile {
  sha256: string;
  bytes: Uint8Array;
  renderedAt: string;
  renderedBy: string;
}

export interface SubmissionStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Asynchronous batches and their files (src/store/sql-batches.ts), in the same database. */
  readonly batches: BatchStore;
  /** Where the data lives, for messages (a folder, or the PostgreSQL host/database without password). */
  readonly location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;

  addToken(token: TokenRecord, audit: AuditInput, at: string): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRecord | undefined>;
  countTokens(): Promise<number>;
  /** How many tokens are bound to the 事業所番号 and how many submissions were filed under it (is the number another office's?). */
  officeNumberUse(officeNumber: string): Promise<{ tokens: number; submissions: number }>;

  /** Opens a session (and removes sessions created before `expired.createdBefore` or idle since `expired.idleSince`). */
  createSession(session: { idHash: string; tokenHash: string; at: number }, expired: { createdBefore: number; idleSince: number }, audit: AuditInput, at: string): Promise<void>;
  sessionByHash(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, at: number): Promise<void>;
  /** Ends a session; the audit entry is written only when there was one to end. Returns whether there was. */
  deleteSession(idHash: string, audit?: AuditInput, at?: string): Promise<boolean>;

  /** Creates the person on first sign-in, else refreshes name and email; returns the stored person. */
  upsertPerson(person: { id: string; issuer: string; subject: string; name: string | null; email: string | null }, at: string): Promise<PersonRecord>;
  personById(id: string): Promise<PersonRecord | undefined>;
  /** Binds the person to an office or city (the demo's people, or an invitation redeemed), audited. */
  bindPerson(personId: string, binding: PersonBinding, audit: AuditInput, at: string): Promise<void>;
  /** The e-mail addresses an office's mail goes to: its bound people's, and those its invitations were sent to. */
  officeEmails(officeNumber: string): Promise<string[]>;

  createPersonSession(
    session: { idHash: string; personId: string | null; csrfToken: string; login: PendingLogin | null; at: number },
    expired: { createdBefore: number; idleSince: number },
    audit: AuditInput | undefined,
    at: string,
  ): Promise<void>;
  personSessionByHash(idHash: string): Promise<PersonSessionRecord | undefined>;
  touchPersonSession(idHash: string, at: number): Promise<void>;
  /** Ends a person session; audited only when there was one. Returns whether there was. */
  deletePersonSession(idHash: string, audit?: AuditInput, at?: string): Promise<boolean>;

  addInvitation(invitation: InvitationRecord, audit: AuditInput, at: string): Promise<void>;
  invitationByHash(secretHash: string): Promise<InvitationRecord | undefined>;
  /**
   * Marks the invitation redeemed by the person and binds them, in one transaction; false when it was already redeemed
   * or has expired by `now` (two tabs redeeming at once: one wins).
   */
  redeemInvitation(secretHash: string, personId: string, now: number, audit: AuditInput, at: string): Promise<boolean>;
  invitations(municipality: string): Promise<InvitationRecord[]>;

  revisionByKey(officeNumber: string, idempotencyKey: string): Promise<FilingOutcome | undefined>;
  file(filing: NewFiling): Promise<FilingOutcome>;
  resubmit(receiptNumber: string, expectedRevision: number, revision: NewRevision): Promise<FilingOutcome>;

  head(receiptNumber: string): Promise<SubmissionHead | undefined>;
  submission(receiptNumber: string, revision?: number): Promise<SubmissionRecord | undefined>;
  list(filter: SubmissionFilter): Promise<SubmissionHead[]>;
  /** The first document of each listed submission's current revision (the inbox names the office from it), by 受付番号. */
  firstDocuments(filter: SubmissionFilter): Promise<Map<string, { form: string; data: Json }>>;
  /** The current documents of one form an office has filed, except returned filings (TK-MONTHLY against what is stored). */
  filedDocuments(officeNumber: string, form: string, exceptReceipt?: string): Promise<{ receiptNumber: string; data: Json }[]>;
  attachmentBytes(location: string): Promise<Uint8Array | undefined>;

  changeStatus(change: StatusChange): Promise<void>;
  noticeFile(receiptNumber: string): Promise<NoticeFile | undefined>;
  /** Stores the rendered notice once: a second render (a retried job) keeps the first bytes. Returns whether it stored. */
  saveNoticeFile(receiptNumber: string, file: NoticeFile): Promise<boolean>;
  /** One round trip to the database (readiness): throws when it cannot be reached. */
  ping(): Promise<void>;

  /** The newest version of a draft with its attachments, or undefined. */
  draft(key: DraftKey): Promise<DraftRecord | undefined>;
  /**
   * Saves the next version of a draft; `expectedVersion` is the version the writer last saw (0: none). Refused with
   * StaleDraftError when a newer version exists. `revises` undefined keeps the draft's current one.
   */
  saveDraft(key: DraftKey, draft: { expectedVersion: number; data: Json; revises?: string | null; savedAt: string }): Promise<{ version: number }>;
  /** Puts (or replaces) the attachment in a slot of the draft; its bytes go to the blob store. */
  saveDraftAttachment(key: DraftKey, attachment: Omit<DraftAttachment, 'location'> & { bytes: Uint8Array | { file: string } }): Promise<void>;
  /** Removes the draft, every version and its attachments (after it was filed, or when the person discards it). */
  deleteDraft(key: DraftKey): Promise<void>;

  registryEntries(municipality: string): Promise<RegistryEntry[]>;
  registryEntry(municipality: string, officeNumber: string): Promise<RegistryEntry | undefined>;
  registryHistory(municipality: string): Promise<RegistryHistoryRow[]>;

  appendAudit(entries: AuditInput[], at: string): Promise<void>;
  auditLog(): Promise<AuditEntry[]>;
  auditCheckpoints(): Promise<AuditCheckpoint[]>;
  /** Signs the entries of a log written before checkpoints existed (only when there is no checkpoint at all). */
  signLegacyAudit(at: string): Promise<{ signed: number } | { refused: string }>;
  /** Every token as stored (hashes only), for `audit verify` to compare with what the audit recorded at creation. */
  tokens(): Promise<TokenRecord[]>;

  purge(cutoff: string, options: { dryRun: boolean; at: string; actor: string; olderThan: string }): Promise<PurgeReport>;
  /** 'ok' when the database's own consistency check passes. */
  integrityCheck(): Promise<string>;
}
