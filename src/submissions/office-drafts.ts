/**
 * What an office does from the web pages besides filing through the API: 一時保存 (a versioned draft per person, per office,
 * per 様式), the 添付書類 uploaded into that draft, 「前回の届出から作成」, filing the draft after the 確認画面, and
 * 「修正して再提出」 (a returned filing reopened as a draft that resubmits it). Everything goes through SubmissionService, so
 * the same checks, access rules and audit apply as to an API filing.
 */
import crypto from 'node:crypto';
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { getAt } from '../forms/fields.ts';
import { getDefinition, loadDefinitions } from '../forms/registry.ts';
import { StaleDraftError, type DraftKey, type DraftRecord, type Json, type SubmissionHead } from '../store/types.ts';
import { jstIso } from './clock.ts';
import { SubmissionError } from './errors.ts';
import { ErrorFields } from '../domain-error.ts';
import { looksLikePdf, MAX_ATTACHMENT_BYTES, officeFiling } from './filing-forms.ts';
import type { IncomingAttachment, StagedAttachment } from './filing-check.ts';
import { officeMessages as o } from '../messages/office-pages.ts';
import type { Receipt } from './receipt.ts';
import type { SubmissionService } from './submission-service.ts';
import type { Principal } from './tokens.ts';

export type OfficePrincipal = Extract<Principal, { role: 'office' }>;

/**
 * Whose drafts these are. A draft belongs to the person signed in (their own 一時保存, as in the MHLW system), so it is
 * keyed by who is acting; a bearer token (a script, the API) acts as its token.
 */
export const draftOwner = (principal: OfficePrincipal) => (principal.person ? `person:${principal.person.id}` : `token:${principal.tokenId}`);

/** What 「前回の届出から作成」 gives: the data to show, where it came from, and (変更届) the registered values for 変更前. */
export interface Prefill {
  data: Json;
  from: string;
  /** This form's 変更前 paths → the value registered now (filled in when the row's 変更後 is written). */
  registered: Record<string, unknown>;
}

/** Keeps only what `fields` define (a 届出書's data prefilling a 変更届 has keys the 変更届 does not know). */
function pickDefined(fields: FieldDefinition[], data: unknown): Json | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const out: Json = {};
  for (const f of fields) {
    const value = (data as Json)[f.key];
    if (value === undefined) continue;
    if (f.type === 'group') {
      const inner = pickDefined(f.fields ?? [], value);
      if (inner && Object.keys(inner).length) out[f.key] = inner;
    } else out[f.key] = value;
  }
  return out;
}

/** The 届出日 is the day of this filing, never the last one's: the first date field of the filedDate block is left out. */
function filedDatePath(definition: FormDefinition): string | undefined {
  for (const block of definition.pages.flat()) if (block.block === 'filedDate') return (block as { field?: string }).field ?? 'filedOn';
  return undefined;
}

export class OfficeDrafts {
  constructor(readonly service: SubmissionService) {}

  private get store() {
    return this.service.store;
  }

  office(principal: Principal): OfficePrincipal {
    if (principal.role !== 'office') throw new SubmissionError('OFFICE_ONLY', o.officeOnly());
    return principal;
  }

  /** The definition of a 様式 an office files; anything else (unknown, a city notice, not online) is 404. */
  fileable(form: string): FormDefinition {
    if (!loadDefinitions().has(form) || !officeFiling(form)) throw new SubmissionError('FORM_NOT_FILEABLE', o.notFileable(form));
    return getDefinition(form);
  }

  key(principal: Principal, form: string): DraftKey {
    const office = this.office(principal);
    this.fileable(form);
    return { owner: draftOwner(office), officeNumber: office.officeNumber, form };
  }

  draft(principal: Principal, form: string): Promise<DraftRecord | undefined> {
    return this.store.draft(this.key(principal, form));
  }

  /** Saves the next version; `version` is the one the page last loaded or saved (0: none yet). */
  async save(principal: Principal, form: string, input: { version?: unknown; data?: unknown }): Promise<{ version: number; savedAt: string }> {
    const key = this.key(principal, form);
    if (typeof input.version !== 'number' || !Number.isInteger(input.version) || input.version < 0)
      throw new SubmissionError('DRAFT_VERSION', o.draftVersion());
    if (!input.data || typeof input.data !== 'object' || Array.isArray(input.data)) throw new SubmissionError('DRAFT_DATA', o.draftData());
    const savedAt = jstIso(this.service.clock());
    try {
      const { version } = await this.store.saveDraft(key, { expectedVersion: input.version, data: input.data as Json, savedAt });
      return { version, savedAt };
    } catch (e) {
      if (e instanceof StaleDraftError) throw new SubmissionError('DRAFT_STALE', o.draftStale(e.latestSavedAt), new ErrorFields({ version: e.latestVersion }));
      throw e;
    }
  }

  async discard(principal: Principal, form: string): Promise<void> {
    await this.store.deleteDraft(this.key(principal, form));
  }

  /** Puts an uploaded 添付書類 in its slot of the draft: a PDF by content, 10 MB at most, named as the definition names it. */
  async attach(principal: Principal, form: string, slot: number, upload: StagedAttachment): Promise<void> {
    const key = this.key(principal, form);
    const policy = officeFiling(form)?.attachments[slot];
    if (!policy) throw new SubmissionError('ATTACHMENT_SLOT', o.noSuchSlot());
    if (upload.size > MAX_ATTACHMENT_BYTES) throw new SubmissionError('ATTACHMENT_TOO_LARGE', o.attachmentTooLarge(policy.name, MAX_ATTACHMENT_BYTES / 1024 / 1024));
    if (!looksLikePdf(upload.pdfSample)) throw new SubmissionError('ATTACHMENT_NOT_PDF', o.attachmentNotPdf(policy.name, upload.name));
    // A draft exists before its attachment does, so the attachment is found again with the draft.
    if (!(await this.store.draft(key))) await this.store.saveDraft(key, { expectedVersion: 0, data: {}, savedAt: jstIso(this.service.clock()) });
    await this.store.saveDraftAttachment(key, {
      slot,
      name: `${policy.name}.pdf`,
      fileName: upload.name,
      sha256: upload.sha256,
      size: upload.size,
      savedAt: jstIso(this.service.clock()),
      bytes: { file: upload.file },
    });
  }

  /** The office's filings of this 様式 still in progress (for the 確認画面's warning), except the one a draft revises. */
  openFilings(principal: Principal, form: string, except?: string | null): Promise<SubmissionHead[]> {
    return this.service.openFilings(this.office(principal).officeNumber, form, except ?? undefined);
  }

  /**
   * 「前回の届出から作成」: the office's last filing of this 様式, without its 届出日. For a 変更届 (`registeredValues`), the
   * office's last accepted filing that registered it gives 申請者 and the rest, and the registration as it stands the 変更前.
   */
  async previous(principal: Principal, form: string): Promise<Prefill | undefined> {
    const office = this.office(principal);
    const definition = this.fileable(form);
    const registeredPaths = officeFiling(form)?.registeredValues;
    const heads = (await this.service.store.list({ officeNumber: office.officeNumber })).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
    const registers = (kind: string) => (loadDefinitions().has(kind) ? officeFiling(kind)?.acceptance?.registry : undefined);
    const source = registeredPaths
      ? heads.find((h) => h.status === 'accepted' && (registers(h.kind) === 'added' || registers(h.kind) === 'changed'))
      : heads.find((h) => h.kind === form);
    if (!source) return undefined;
    const record = await this.service.store.submission(source.receiptNumber);
    const data = pickDefined(definition.fields, record?.current.documents[0]?.data) ?? {};
    const dated = filedDatePath(definition);
    if (dated && !dated.includes('.')) delete data[dated];
    const registered: Record<string, unknown> = {};
    if (registeredPaths) {
      // A 変更届 starts with no changes written (a row with only 変更前 would be a change): its 変更 rows are left out.
      delete data.changes;
      delete data.changedOn;
      const entry = await this.service.store.registryEntry(record!.municipality, office.officeNumber);
      if (entry) for (const [path, from] of Object.entries(registeredPaths)) registered[path] = getAt(entry.sourceData, from);
    }
    return { data, from: source.receiptNumber, registered };
  }

  /** 「修正して再提出」: a returned filing's current revision becomes this person's draft, with its attachments kept. */
  async reopen(principal: Principal, receiptNumber: string): Promise<string> {
    const head = await this.service.visibleHead(principal, receiptNumber);
    if (head.status !== 'returned') throw new SubmissionError('NOT_RETURNED', o.notReturned(receiptNumber));
    const key = this.key(principal, head.kind);
    const record = (await this.store.submission(receiptNumber))!;
    // An earlier draft of the same 様式 is replaced (the 提出一覧 says so beside the button).
    await this.store.deleteDraft(key);
    await this.store.saveDraft(key, { expectedVersion: 0, data: record.current.documents[0].data, revises: receiptNumber, savedAt: jstIso(this.service.clock()) });
    const policies = officeFiling(head.kind)?.attachments ?? [];
    for (const a of record.current.attachments) {
      const bytes = await this.store.attachmentBytes(a.location);
      if (!bytes) continue;
      // Matched to its slot by the name it was filed under; an API filing's own file names go to the first slot.
      const slot = Math.max(0, policies.findIndex((p) => `${p.name}.pdf` === a.name));
      if (slot >= policies.length) continue;
      await this.store.saveDraftAttachment(key, { slot, name: `${policies[slot].name}.pdf`, fileName: a.name, sha256: a.sha256, size: a.size, savedAt: jstIso(this.service.clock()), bytes });
    }
    return head.kind;
  }

  /**
   * Files the draft as it stands at `version` (the version the 確認画面 showed; a newer save meanwhile is refused, so what
   * is filed is what was confirmed). A draft that revises a returned filing is its next revision. The draft is removed.
   */
  async submit(principal: Principal, form: string, version: unknown): Promise<Receipt> {
    const key = this.key(principal, form);
    const draft = await this.store.draft(key);
    if (!draft) throw new SubmissionError('DRAFT_NOT_FOUND', o.noDraft());
    if (String(draft.version) !== String(version)) throw new SubmissionError('DRAFT_STALE', o.changedSinceConfirm());
    const attachments: IncomingAttachment[] = [];
    for (const a of draft.attachments) {
      const bytes = await this.store.attachmentBytes(a.location);
      if (bytes) attachments.push({ name: a.name, bytes });
    }
    // One key per confirmed draft version: pressing 「提出する」 twice files once and shows the same receipt.
    const idempotencyKey = `page-${crypto.createHash('sha256').update(`${key.owner}\n${key.form}\n${draft.version}\n${draft.savedAt}`).digest('hex').slice(0, 40)}`;
    const request = { documents: [{ form, data: draft.data }], attachments, idempotencyKey };
    const { receipt } = draft.revises ? await this.service.resubmit(principal, draft.revises, request) : await this.service.file(principal, request);
    await this.store.deleteDraft(key);
    return receipt;
  }
}
