/**
 * Data anchors: each audit entry that records a change of stored data carries `recordSha256`, the SHA-256 of the RFC 8785
 * JSON of what it recorded, and `audit verify` rebuilds that JSON from the rows as they are stored now (re-hashing the
 * filed data and every attachment's bytes rather than trusting stored digests). So a filing, a decision or a token
 * changed behind the audit's back is reported with the entry and the record (受付番号 and 版, token id) it concerns.
 *
 * Anchored: a filing or resubmission (市, 事業所番号, 様式, every document's data, every attachment's name, bytes and size),
 * a status change (from, to, 版, time, actor, reason), a notice (its data), a token's creation (its hash, role, office or
 * city, label, time — never the token itself). Free text (a reason, a label, a file name) enters only as its own digest,
 * so a lone surrogate in it, which RFC 8785 cannot express, never stops a filing. What the audit details show in clear
 * stays as before: forms, digests, counts, numbers — no filed content.
 */
import type { Json, SubmissionStatus, SubmissionStore, TokenRecord } from '../store/types.ts';
import { canonicalJson, jcs, sha256Hex } from './canonical.ts';

/** The digest of a piece of free text (JSON-escaped first, so distinct texts — lone surrogates included — stay distinct). */
const textDigest = (text: string | null) => (text === null ? null : sha256Hex(JSON.stringify(text)));

export interface FilingView {
  receiptNumber: string;
  revision: number;
  municipality: string;
  officeNumber: string;
  kind: string;
  documents: { form: string; sha256: string }[];
  attachments: { name: string; sha256: string; size: number }[];
}

export function filingAnchor(v: FilingView): string {
  return sha256Hex(
    jcs({
      record: 'filing',
      receiptNumber: v.receiptNumber,
      revision: v.revision,
      municipality: v.municipality,
      officeNumber: v.officeNumber,
      kind: v.kind,
      documents: v.documents.map((d) => ({ form: d.form, sha256: d.sha256 })),
      attachments: v.attachments.map((a) => ({ name: textDigest(a.name), sha256: a.sha256, size: a.size })),
    }),
  );
}

export interface EventView {
  receiptNumber: string;
  revision: number;
  from: SubmissionStatus | null;
  to: SubmissionStatus;
  at: string;
  actor: string;
  reason: string | null;
}

export function eventAnchor(v: EventView): string {
  return sha256Hex(jcs({ record: 'status', receiptNumber: v.receiptNumber, revision: v.revision, from: v.from, to: v.to, at: v.at, actor: v.actor, reason: textDigest(v.reason) }));
}

export function tokenAnchor(t: TokenRecord): string {
  return sha256Hex(
    jcs({ record: 'token', id: t.id, hash: t.hash, role: t.role, officeNumber: t.officeNumber, municipality: t.municipality, label: textDigest(t.label), createdAt: t.createdAt }),
  );
}

/* ---- verification ---- */

export interface RecordProblem {
  /** The audit entry whose record no longer matches (absent for a stored record the audit never saw). */
  seq?: number;
  /** 受付番号 and 版, or token id. */
  record: string;
  reason: string;
}

interface Entry {
  seq: number;
  action: string;
  subject: string;
  details: Json;
}

const STATUS_LABEL: Record<string, string> = { received: '受付', reviewing: '審査中', accepted: '受理', returned: '差戻し' };
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

async function checkFiling(store: SubmissionStore, e: Entry, revision: number): Promise<RecordProblem | undefined> {
  const record = `受付番号 ${e.subject} 第${revision}版`;
  const problem = (reason: string): RecordProblem => ({ seq: e.seq, record, reason: `${record}：${reason}` });
  const stored = await store.submission(e.subject, revision);
  if (!stored) return problem('提出が保存データにありません（監査ログを通らずに削除されています）。');
  const recorded = Array.isArray(e.details.documents) ? (e.details.documents as unknown[]) : [];
  const documents = stored.current.documents.map((d) => ({ form: d.form, sha256: sha256Hex(canonicalJson(d.data)) }));
  if (documents.length !== recorded.length) return problem(`書類の数（${documents.length}件）が、提出されたとき（${recorded.length}件）と違います。`);
  for (const [i, d] of documents.entries())
    if (d.sha256 !== recorded[i] || d.sha256 !== stored.current.documents[i].sha256)
      return problem(`書類 ${i + 1}（${d.form}）のデータが、提出されたときと一致しません（書き換えられています）。`);
  const recordedFiles = Array.isArray(e.details.attachments) ? (e.details.attachments as { sha256?: unknown }[]) : [];
  if (stored.current.attachments.length !== recordedFiles.length)
    return problem(`添付ファイルの数（${stored.current.attachments.length}件）が、提出されたとき（${recordedFiles.length}件）と違います。`);
  const attachments: FilingView['attachments'] = [];
  for (const [i, a] of stored.current.attachments.entries()) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await store.attachmentBytes(a.location);
    } catch {
      // The blob store refuses a location outside its folder: the row was rewritten.
      return problem(`添付ファイル ${i + 1} 件目の保存場所が不正です（書き換えられています）。`);
    }
    if (!bytes) return problem(`添付ファイル ${i + 1} 件目の中身が保存先にありません（削除されています）。`);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== recordedFiles[i]?.sha256 || sha256 !== a.sha256)
      return problem(`添付ファイル ${i + 1} 件目の中身が、提出されたときと一致しません（書き換えられています）。`);
    attachments.push({ name: a.name, sha256, size: bytes.byteLength });
  }
  const anchor = filingAnchor({ receiptNumber: e.subject, revision, municipality: stored.municipality, officeNumber: stored.officeNumber, kind: stored.kind, documents, attachments });
  if (anchor !== e.details.recordSha256)
    return problem('提出の記録（市・事業所番号・様式・添付ファイルの名前や大きさ）が、提出されたときと一致しません（書き換えられています）。');
  return undefined;
}

async function checkStatus(store: SubmissionStore, e: Entry): Promise<RecordProblem | undefined> {
  const revision = Number(e.details.revision);
  const record = `受付番号 ${e.subject} 第${revision}版`;
  const change = `${STATUS_LABEL[String(e.details.from)] ?? e.details.from}→${STATUS_LABEL[String(e.details.to)] ?? e.details.to}`;
  const problem = (reason: string): RecordProblem => ({ seq: e.seq, record, reason: `${record}：${reason}` });
  const stored = await store.submission(e.subject);
  const event = stored?.events.find((v) => v.revision === revision && v.from === e.details.from && v.to === e.details.to);
  if (!event) return problem(`状態の変更（${change}）の履歴が保存データにありません（監査ログを通らずに削除されています）。`);
  const anchor = eventAnchor({ receiptNumber: e.subject, revision, from: event.from, to: event.to, at: event.at, actor: event.actor, reason: event.reason });
  if (anchor !== e.details.recordSha256) return problem(`状態の変更（${change}）の履歴（日時・操作した人・理由）が、記録したときと一致しません（書き換えられています）。`);
  return undefined;
}

async function checkNotice(store: SubmissionStore, e: Entry): Promise<RecordProblem | undefined> {
  const record = `受付番号 ${e.subject} の通知書`;
  const notice = (await store.submission(e.subject))?.notice;
  if (!notice) return { seq: e.seq, record, reason: `${record}：保存データにありません（監査ログを通らずに削除されています）。` };
  if (notice.form !== e.details.form || sha256Hex(canonicalJson(notice.data)) !== e.details.sha256 || notice.sha256 !== e.details.sha256)
    return { seq: e.seq, record, reason: `${record}：内容が、発行したときと一致しません（書き換えられています）。` };
  return undefined;
}

/**
 * Replays the audit in order against the stored records; returns the first that does not match, then the first stored
 * submission or token the audit never recorded, or whose status is not the last one the audit recorded.
 */
export async function verifyRecords(store: SubmissionStore, entries: Entry[]): Promise<RecordProblem | undefined> {
  // Retention removes settled filings on purpose, and says which: those are expected to be gone.
  const purged = new Set(entries.filter((e) => e.action === 'purged').flatMap((e) => (Array.isArray(e.details.receiptNumbers) ? (e.details.receiptNumbers as string[]) : [])));
  const expected = new Map<string, { status: string; revision: number; seq: number }>();
  const tokens = new Map((await store.tokens()).map((t) => [t.id, t]));
  const audited = new Set<string>();
  for (const e of entries) {
    // Entries written before anchoring have no recordSha256: their status still counts, their data cannot be checked.
    const anchored = typeof e.details.recordSha256 === 'string';
    let problem: RecordProblem | undefined;
    if (e.action === 'filed' || e.action === 'resubmitted') {
      const revision = e.action === 'filed' ? 1 : (expected.get(e.subject)?.revision ?? 0) + 1;
      expected.set(e.subject, { status: 'received', revision, seq: e.seq });
      if (anchored && !purged.has(e.subject)) problem = await checkFiling(store, e, revision);
    } else if (e.action === 'status') {
      expected.set(e.subject, { status: String(e.details.to), revision: Number(e.details.revision), seq: e.seq });
      if (anchored && !purged.has(e.subject)) problem = await checkStatus(store, e);
    } else if (e.action === 'notice-issued') {
      if (!purged.has(e.subject)) problem = await checkNotice(store, e);
    } else if (e.action === 'purged') {
      for (const n of Array.isArray(e.details.receiptNumbers) ? (e.details.receiptNumbers as string[]) : []) expected.delete(n);
    } else if (e.action === 'token-created') {
      const id = e.subject.replace(/^token:/, '');
      audited.add(id);
      const token = tokens.get(id);
      const record = `トークン id ${id}`;
      if (!token) problem = { seq: e.seq, record, reason: `${record}：保存データにありません（監査ログを通らずに削除されています）。` };
      else if (anchored && tokenAnchor(token) !== e.details.recordSha256)
        problem = { seq: e.seq, record, reason: `${record}：保存内容（ハッシュ・役割・事業所番号又は市・メモ・作成日時）が、作成したときと一致しません（書き換えられています）。` };
    }
    if (problem) return problem;
  }
  for (const head of await store.list({})) {
    const record = `受付番号 ${head.receiptNumber}`;
    const want = expected.get(head.receiptNumber);
    if (!want) return { record, reason: `${record}：この提出は監査ログに提出の記録がありません（監査ログを通らずに追加されています）。` };
    if (want.status !== head.status || want.revision !== head.revision)
      return {
        seq: want.seq,
        record,
        reason: `${record}：保存されている状態（第${head.revision}版・${STATUS_LABEL[head.status] ?? head.status}）が、監査ログの最後の記録（記録 ${want.seq}：第${want.revision}版・${STATUS_LABEL[want.status] ?? want.status}）と一致しません（監査ログを通らずに変更されています）。`,
      };
  }
  for (const id of tokens.keys())
    if (!audited.has(id)) return { record: `トークン id ${id}`, reason: `トークン id ${id}：このトークンは監査ログに作成の記録がありません（監査ログを通らずに追加されています）。` };
  return undefined;
}
