/**
 * The e-submission domain as one object the server and the CLI call: filing with its receipt, resubmission, reading
 * with access rules, downloads, status changes. Access: an office sees only what it filed (by 事業所番号), a city only
 * what was filed with it; anything else is "not found" (404), so nobody learns that another's receipt number exists.
 * Every city read of filed (personal) data is written to the audit log. Logs carry receipt numbers, never filed data.
 */
import { getDefinition } from '../forms/registry.ts';
import { isoToday } from '../text/wareki.ts';
import type { Json, SubmissionHead, SubmissionRecord, SubmissionStatus, SubmissionStore } from '../store/types.ts';
import { canonicalJson, sha256Hex } from '../store/canonical.ts';
import { jstIso, systemClock, type Clock } from './clock.ts';
import { notFound, SubmissionError } from './errors.ts';
import { attachmentContent, attachmentSha256, attachmentSize, checkFiling, type IncomingAttachment } from './filing-check.ts';
import { numberChangeFindings } from './office-number-change.ts';
import { officeFiling } from './filing-forms.ts';
import { submissionMessages as m, STATUS_LABELS } from '../messages/submissions.ts';
import { MUNICIPALITIES, RECEIPT_NUMBER } from '../store/receipt-number.ts';
import { officeNameOf } from './printed-items.ts';
import { receiptOf, submissionPath, type Receipt } from './receipt.ts';
import { changeStatus, type StatusRequest } from './review.ts';
import { closeSession, openSession, sessionPrincipal } from './sessions.ts';
import { authenticate, type Principal } from './tokens.ts';
import { MAILED_STATUSES, sendStatusMail, type Mailer, type StatusMailRequest } from './mail.ts';

export interface FilingRequest {
  documents: unknown;
  attachments: IncomingAttachment[];
  idempotencyKey: string | undefined;
}

export interface SubmissionLogger {
  info(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}

export interface ServiceOptions {
  clock?: Clock;
  logger?: SubmissionLogger;
  /**
   * Called once a 受理 that issued a notice is committed (the server enqueues the notice job here: the PDF is rendered
   * and stored by a worker). A failure to enqueue is logged, never undoes the decision: the notice is rendered on demand.
   */
  onNoticeIssued?: (receiptNumber: string) => Promise<unknown>;
  /** Mail to the office on 受付, 差戻し and 受理 (off without). */
  mailer?: Mailer;
  /**
   * With a job queue: hands each status mail to a job (retried when the mail server fails, sent by whichever process
   * runs consumers) instead of sending it from this process. Without it, the mail is sent here in the background.
   */
  enqueueMail?: (request: StatusMailRequest) => Promise<unknown>;
  /** Where people reach the server (the link in a mail). */
  publicUrl?: string;
}

/** 受付 or 審査中: the city has it; a 差戻し is back with the office. */
export const inCityHands = (head: SubmissionHead) => head.status === 'received' || head.status === 'reviewing';

/** One row of a list of submissions (the API's GET /api/submissions, the inbox, its CSV/XLSX export). */
export interface SubmissionSummary {
  receiptNumber: string;
  municipality: string;
  officeNumber: string;
  officeName: string;
  kind: string;
  title: string;
  status: SubmissionStatus;
  statusLabel: string;
  revision: number;
  receivedAt: string;
  updatedAt: string;
  links: { self: string };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const titleOf = (form: string) => {
  try {
    return getDefinition(form).title;
  } catch {
    return form;
  }
};

export class SubmissionService {
  readonly clock: Clock;
  private readonly logger?: SubmissionLogger;
  private readonly onNoticeIssued?: ServiceOptions['onNoticeIssued'];
  private readonly mailer?: Mailer;
  private readonly enqueueMail?: ServiceOptions['enqueueMail'];
  private readonly publicUrl: string;
  /** Mails being sent (tests and a graceful shutdown can wait for them; a filing never does). */
  readonly mailing = new Set<Promise<void>>();

  constructor(
    readonly store: SubmissionStore,
    options: ServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
    this.onNoticeIssued = options.onNoticeIssued;
    this.mailer = options.mailer;
    this.enqueueMail = options.enqueueMail;
    this.publicUrl = options.publicUrl ?? 'http://localhost:3000';
  }

  authenticate(token: string): Promise<Principal | undefined> {
    return authenticate(this.store, token);
  }

  /* ---- inbox sessions (the cookie carries a session id, never the token) ---- */

  /** Signs a city person in with their token: a new session, or undefined when the token is not a city's. */
  async signIn(token: string): Promise<{ id: string; maxAgeMs: number } | undefined> {
    const principal = await this.authenticate(token);
    if (principal?.role !== 'city') return undefined;
    return openSession(this.store, token, principal, this.clock());
  }

  sessionPrincipal(sessionId: string | undefined): Promise<Principal | undefined> {
    return sessionPrincipal(this.store, sessionId, this.clock());
  }

  signOut(sessionId: string | undefined): Promise<void> {
    return closeSession(this.store, sessionId, this.clock());
  }

  /* ---- mail to the office ---- */

  /**
   * Tells the office's addresses (its people's, its invitations') of the new status, in the background: the filing or
   * decision is already committed, and a mail server that is slow or down must neither delay nor fail it. A failure is
   * logged with the receipt number and the error's name only (no address, no content).
   */
  private notifyOffice(officeNumber: string, receiptNumber: string, status: SubmissionStatus): void {
    const mailer = this.mailer;
    if (!mailer || !MAILED_STATUSES.includes(status)) return;
    const request: StatusMailRequest = { receiptNumber, officeNumber, status, publicUrl: this.publicUrl };
    const enqueue = this.enqueueMail;
    const sending = (async () => {
      if (enqueue) {
        await enqueue(request);
        this.logger?.info({ receiptNumber, status }, 'status mail queued');
        return;
      }
      const recipients = await sendStatusMail(this.store, mailer, request);
      this.logger?.info({ receiptNumber, status, recipients }, 'status mail sent');
    })().catch((e: unknown) => {
      (this.logger?.warn ?? this.logger?.info)?.call(this.logger, { receiptNumber, status, err: e instanceof Error ? e.name : 'unknown' }, 'status mail failed');
    });
    this.mailing.add(sending);
    void sending.finally(() => this.mailing.delete(sending));
  }

  /* ---- filing ---- */

  private office(principal: Principal): Extract<Principal, { role: 'office' }> {
    if (principal.role !== 'office') throw new SubmissionError('OFFICE_ONLY', m.officeOnly());
    return principal;
  }

  private key(key: string | undefined): string {
    if (key === undefined || key === '') throw new SubmissionError('IDEMPOTENCY_KEY_REQUIRED', m.idempotencyKeyMissing());
    if (!IDEMPOTENCY_KEY.test(key)) throw new SubmissionError('IDEMPOTENCY_KEY_INVALID', m.idempotencyKeyInvalid());
    return key;
  }

  /** "The same body": the documents exactly as sent and the attachments' digests, in order. */
  private bodyHash(request: FilingRequest): string {
    return sha256Hex(canonicalJson({ documents: request.documents, attachments: request.attachments.map(attachmentSha256) }));
  }

  private async replay(outcome: { receiptNumber: string; revision: number; bodySha256: string }, bodySha256: string): Promise<{ created: false; receipt: Receipt }> {
    if (outcome.bodySha256 !== bodySha256) throw new SubmissionError('IDEMPOTENCY_KEY_REUSED', m.idempotencyKeyReused());
    const record = await this.store.submission(outcome.receiptNumber, outcome.revision);
    return { created: false, receipt: receiptOf(record!) };
  }

  private async prepare(principal: Principal, request: FilingRequest, exceptReceipt?: string) {
    const office = this.office(principal);
    const idempotencyKey = this.key(request.idempotencyKey);
    const bodySha256 = this.bodyHash(request);
    const earlier = await this.store.revisionByKey(office.officeNumber, idempotencyKey);
    const now = this.clock();
    const checked = earlier
      ? undefined
      : await checkFiling(this.store, { officeNumber: office.officeNumber, documents: request.documents, attachments: request.attachments, today: isoToday(now), exceptReceipt });
    if (checked?.documents.length) {
      // A 変更届出書 that changes the 事業所番号: the filer's own number, to one no other office holds.
      const numbers = await numberChangeFindings(this.store, { municipality: checked.municipality, officeNumber: office.officeNumber, documents: checked.documents });
      if (numbers.length) checked.result = { ...checked.result, valid: false, errors: [...checked.result.errors, ...numbers] };
    }
    if (checked && !checked.result.valid)
      throw new SubmissionError('SUBMISSION_INVALID', `提出された書類に誤りが${checked.result.errors.length}件あるため、受け付けませんでした。`, checked.result);
    return { office, idempotencyKey, bodySha256, earlier, now, checked };
  }

  private newRevision(p: Awaited<ReturnType<SubmissionService['prepare']>>, request: FilingRequest) {
    const checked = p.checked!;
    const documents = checked.documents.map((d) => ({ form: d.form, data: d.data, sha256: sha256Hex(canonicalJson(d.data)) }));
    const attachments = request.attachments.map((a) => ({ name: a.name, sha256: attachmentSha256(a), size: attachmentSize(a), bytes: attachmentContent(a) }));
    return {
      officeNumber: p.office.officeNumber,
      receivedAt: jstIso(p.now),
      idempotencyKey: p.idempotencyKey,
      bodySha256: p.bodySha256,
      documents,
      attachments,
      warnings: checked.result.warnings,
      computed: checked.result.computed,
      actor: p.office.actor,
      // What the audit keeps: forms and digests, never the filed content.
      auditDetails: {
        officeNumber: p.office.officeNumber,
        forms: documents.map((d) => d.form),
        documents: documents.map((d) => d.sha256),
        attachments: attachments.map((a) => ({ sha256: a.sha256, size: a.size })),
      },
    };
  }

  /**
   * The office's filings of `form` still in progress (受付・審査中・差戻し), newest first, except `exceptReceipt`. Those in
   * the city's hands (inCityHands) block a second filing of a `oneOpenFiling` 様式; a returned one only warns (the office
   * may resubmit it or file afresh).
   */
  async openFilings(officeNumber: string, form: string, exceptReceipt?: string): Promise<SubmissionHead[]> {
    const heads = await this.store.list({ officeNumber });
    return heads
      .filter((h) => h.kind === form && h.status !== 'accepted' && h.receiptNumber !== exceptReceipt)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
  }

  async file(principal: Principal, request: FilingRequest): Promise<{ created: boolean; receipt: Receipt }> {
    const p = await this.prepare(principal, request);
    if (p.earlier) return this.replay(p.earlier, p.bodySha256);
    // A 様式 decided once per office (`filing.oneOpenFiling`): a second one while the first is open is refused here,
    // not only at 受理, and the office is sent to the one in progress.
    const kind = p.checked!.documents[0].form;
    if (officeFiling(kind)?.oneOpenFiling) {
      const open = (await this.openFilings(p.office.officeNumber, kind)).find(inCityHands);
      // The same filing sent again meanwhile (the same Idempotency-Key) gets its receipt, not this refusal.
      const sent = open && (await this.store.revisionByKey(p.office.officeNumber, p.idempotencyKey));
      if (sent) return this.replay(sent, p.bodySha256);
      if (open) throw new SubmissionError('OPEN_FILING_EXISTS', m.openFilingExists(titleOf(kind), open.receiptNumber, STATUS_LABELS[open.status]));
    }
    const revision = this.newRevision(p, request);
    const municipality = p.checked!.municipality;
    const outcome = await this.store.file({
      ...revision,
      municipality,
      prefix: MUNICIPALITIES[municipality].prefix,
      year: Number(revision.receivedAt.slice(0, 4)),
      kind: revision.documents[0].form,
    });
    if (!outcome.created) return this.replay(outcome, p.bodySha256);
    this.logger?.info({ receiptNumber: outcome.receiptNumber, revision: 1 }, 'submission filed');
    this.notifyOffice(p.office.officeNumber, outcome.receiptNumber, 'received');
    return { created: true, receipt: receiptOf((await this.store.submission(outcome.receiptNumber, 1))!) };
  }

  /** A returned filing comes back as the next revision of the same receipt number. */
  async resubmit(principal: Principal, receiptNumber: string, request: FilingRequest): Promise<{ created: boolean; receipt: Receipt }> {
    const head = await this.visibleHead(principal, receiptNumber);
    // A revision keeps the 様式 of the filing it revises: a returned 届出書 does not come back as a 廃止届出書.
    const first = Array.isArray(request.documents) ? (request.documents[0] as { form?: unknown } | null)?.form : undefined;
    if (principal.role === 'office' && typeof first === 'string' && first !== head.kind)
      throw new SubmissionError('REVISION_FORM', m.revisionForm(receiptNumber, titleOf(head.kind), titleOf(first)));
    const p = await this.prepare(principal, request, receiptNumber);
    if (p.earlier) return this.replay(p.earlier, p.bodySha256);
    if (head.status !== 'returned') throw new SubmissionError('NOT_RETURNED', m.notReturned(receiptNumber));
    if (p.checked!.municipality !== head.municipality)
      throw new SubmissionError('SUBMISSION_INVALID', m.mixedMunicipality(MUNICIPALITIES[head.municipality]?.name ?? head.municipality, MUNICIPALITIES[p.checked!.municipality]?.name ?? ''));
    const outcome = await this.store.resubmit(receiptNumber, head.revision, this.newRevision(p, request));
    if (!outcome.created) return this.replay(outcome, p.bodySha256);
    this.logger?.info({ receiptNumber, revision: outcome.revision }, 'submission resubmitted');
    this.notifyOffice(head.officeNumber, receiptNumber, 'received');
    return { created: true, receipt: receiptOf((await this.store.submission(receiptNumber, outcome.revision))!) };
  }

  /* ---- reading ---- */

  /** The submission's head if the principal may see it; otherwise "not found" (never "forbidden"). */
  async visibleHead(principal: Principal, receiptNumber: string): Promise<SubmissionHead> {
    const head = RECEIPT_NUMBER.test(receiptNumber) ? await this.store.head(receiptNumber) : undefined;
    const visible =
      head && (principal.role === 'office' ? head.officeNumber === principal.officeNumber : head.municipality === principal.municipality);
    if (!visible) throw notFound(receiptNumber);
    return head;
  }

  /** The stored submission (a given revision, or the current one), after the access check; city reads are audited. */
  async record(principal: Principal, receiptNumber: string, revision: string | undefined, read: { what: string; index?: number }): Promise<SubmissionRecord> {
    await this.visibleHead(principal, receiptNumber);
    const revisionNo = revision === undefined ? undefined : /^[1-9]\d{0,3}$/.test(revision) ? Number(revision) : NaN;
    const record = Number.isNaN(revisionNo) ? undefined : await this.store.submission(receiptNumber, revisionNo);
    if (!record) throw new SubmissionError('REVISION_NOT_FOUND', m.revisionNotFound(receiptNumber, String(revision)));
    if (principal.role === 'city')
      await this.store.appendAudit(
        [{ actor: principal.actor, action: 'read', subject: receiptNumber, details: { what: read.what, revision: record.current.revision, ...(read.index !== undefined ? { index: read.index } : {}) } }],
        jstIso(this.clock()),
      );
    return record;
  }

  async list(principal: Principal, status?: string): Promise<SubmissionSummary[]> {
    if (status !== undefined && !Object.hasOwn(STATUS_LABELS, status)) throw new SubmissionError('STATUS_UNKNOWN', m.statusUnknown(status));
    const filter = principal.role === 'office' ? { officeNumber: principal.officeNumber } : { municipality: principal.municipality };
    const query = { ...filter, status: status as SubmissionStatus | undefined };
    const [heads, documents] = await Promise.all([this.store.list(query), this.store.firstDocuments(query)]);
    return heads.map((h) => ({
      receiptNumber: h.receiptNumber,
      municipality: h.municipality,
      officeNumber: h.officeNumber,
      officeName: officeNameOf(documents.get(h.receiptNumber)?.form ?? h.kind, documents.get(h.receiptNumber)?.data),
      kind: h.kind,
      title: titleOf(h.kind),
      status: h.status,
      statusLabel: STATUS_LABELS[h.status],
      revision: h.revision,
      receivedAt: h.receivedAt,
      updatedAt: h.updatedAt,
      links: { self: submissionPath(h.receiptNumber) },
    }));
  }

  /** A city's export of its list (CSV / XLSX): the audit keeps who, the format, the filter and the count — never the rows. */
  async recordExport(principal: Principal, what: { format: 'csv' | 'xlsx'; status: string | null; rows: number }): Promise<void> {
    if (principal.role !== 'city') throw new SubmissionError('CITY_ONLY', m.cityOnly());
    await this.store.appendAudit([{ actor: principal.actor, action: 'export', subject: `inbox:${principal.municipality}`, details: what }], jstIso(this.clock()));
  }

  async detail(principal: Principal, receiptNumber: string, revision?: string): Promise<Json> {
    const r = await this.record(principal, receiptNumber, revision, { what: 'detail' });
    const base = submissionPath(receiptNumber);
    const rev = r.revisions.length > 1 && r.current.revision !== r.revision ? `?revision=${r.current.revision}` : '';
    const lastReturn = [...r.events].reverse().find((e) => e.to === 'returned');
    return {
      receiptNumber: r.receiptNumber,
      municipality: r.municipality,
      officeNumber: r.officeNumber,
      kind: r.kind,
      title: titleOf(r.kind),
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      revision: r.revision,
      shownRevision: r.current.revision,
      receivedAt: r.receivedAt,
      updatedAt: r.updatedAt,
      returnReason: r.status === 'returned' ? (lastReturn?.reason ?? null) : null,
      documents: r.current.documents.map((d) => ({
        index: d.position,
        form: d.form,
        title: titleOf(d.form),
        sha256: d.sha256,
        data: d.data,
        links: { pdf: `${base}/documents/${d.position}.pdf${rev}`, xlsx: `${base}/documents/${d.position}.xlsx${rev}` },
      })),
      attachments: r.current.attachments.map((a) => ({ index: a.position, name: a.name, size: a.size, sha256: a.sha256, link: `${base}/attachments/${a.position}${rev}` })),
      warnings: r.current.warnings,
      computed: r.current.computed,
      revisions: r.revisions.map((v) => ({ ...v, link: `${base}?revision=${v.revision}` })),
      history: r.events,
      notice: r.notice ? { form: r.notice.form, title: titleOf(r.notice.form), issuedAt: r.notice.issuedAt, sha256: r.notice.sha256, data: r.notice.data, link: `${base}/notice.pdf` } : null,
      links: { receipt: `${base}/receipt${rev}`, receiptPdf: `${base}/receipt.pdf${rev}` },
    };
  }

  async receipt(principal: Principal, receiptNumber: string, revision?: string): Promise<Receipt> {
    return receiptOf(await this.record(principal, receiptNumber, revision, { what: 'receipt' }));
  }

  /* ---- review ---- */

  async changeStatus(principal: Principal, receiptNumber: string, request: StatusRequest): Promise<Json> {
    if (principal.role !== 'city') {
      // An office must not learn whether another office's number exists: check visibility first.
      await this.visibleHead(principal, receiptNumber);
      throw new SubmissionError('CITY_ONLY', m.cityOnly());
    }
    await this.visibleHead(principal, receiptNumber);
    const record = (await this.store.submission(receiptNumber))!;
    const outcome = await changeStatus(this.store, principal, record, request, this.clock());
    this.logger?.info({ receiptNumber, from: record.status, to: outcome.status }, 'submission status changed');
    if (outcome.notice && this.onNoticeIssued)
      await this.onNoticeIssued(receiptNumber).catch((e: Error) => this.logger?.info({ receiptNumber, err: e.message }, 'notice job not enqueued'));
    this.notifyOffice(record.officeNumber, receiptNumber, outcome.status as SubmissionStatus);
    return outcome;
  }
}
