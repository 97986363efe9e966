/**
 * The city's decisions: 受付 (received) → 審査中 (reviewing) → 受理 (accepted) | 差戻し (returned, with a reason the office
 * reads). On 受理 of a 拠点等 filing the notice is derived from the filing (deriveNotice: nothing retyped) and the registry
 * follows (S002 §4-3):
 * - 届出書 + designatedOn → 登録通知書, the office joins the 一覧表;
 * - 変更届出書 (+ designatedOn) → 変更登録通知書 built on the registry's current registration, the row changes;
 * - 廃止届出書 + abolishedOn → 廃止通知書, the row leaves the 一覧表 (kept in its history).
 * Other filings (加算の届出, 記録書, 高槻市の確認書) are accepted without a notice.
 */
import { DerivationError, deriveNotice } from '../derive/derive-notice.ts';
import { getDefinition } from '../forms/registry.ts';
import { fieldAt, getAt, labelAt } from '../forms/fields.ts';
import { findMunicipality } from '../forms/municipalities.ts';
import { DOCUMENT_NUMBER_KEY } from '../store/notice-number.ts';
import { isoToday } from '../text/wareki.ts';
import type { AuditInput, Json, StatusChange, SubmissionRecord, SubmissionStatus, SubmissionStore } from '../store/types.ts';
import { eventAnchor } from '../store/audit-anchors.ts';
import { canonicalJson, sha256Hex } from '../store/canonical.ts';
import { jstIso } from './clock.ts';
import { SubmissionError } from './errors.ts';
import { submissionMessages as m, STATUS_LABELS } from '../messages/submissions.ts';
import { checkNumberChangeAtAcceptance } from './office-number-change.ts';
import { registryRow } from './registry.ts';
import type { Principal } from './tokens.ts';
import { officeFiling } from './filing-forms.ts';

export interface StatusRequest {
  to?: unknown;
  reason?: unknown;
  designatedOn?: unknown;
  abolishedOn?: unknown;
  /** 宛名, when the notice should not be addressed to the applicant as filed. */
  addressee?: unknown;
  /** 公印の省略 (押印廃止). */
  noSeal?: unknown;
}

const NEXT: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  received: ['reviewing'],
  reviewing: ['accepted', 'returned'],
  accepted: [],
  returned: [],
};

const MAX_REASON = 2000;

/** The notice a filing's 受理 issues, the city's date it needs, and what happens to the registry (its definition's `filing.acceptance`). */
function acceptancePlan(form: string): { notice: string; date: 'designatedOn' | 'abolishedOn'; registry: 'added' | 'changed' | 'removed' } | undefined {
  const plan = officeFiling(form)?.acceptance;
  return plan && { notice: plan.notice, date: plan.date.key, registry: plan.registry };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The notice and registry change that 受理 brings, or nothing for a filing that has no notice. */
async function acceptance(store: SubmissionStore, record: SubmissionRecord, request: StatusRequest, today: string): Promise<Pick<StatusChange, 'notice' | 'noticeNumber' | 'registry'>> {
  const main = record.current.documents.find((d) => acceptancePlan(d.form));
  const given = (['designatedOn', 'abolishedOn'] as const).filter((k) => text(request[k]) !== '');
  if (!main) {
    if (given.length) throw new SubmissionError('DATE_NOT_USED', m.dateNotUsed(given[0], getDefinition(record.kind).title));
    return {};
  }
  const plan = acceptancePlan(main.form)!;
  const noticeDefinition = getDefinition(plan.notice);
  const unused = given.find((k) => k !== plan.date);
  if (unused) throw new SubmissionError('DATE_NOT_USED', m.dateNotUsed(unused, getDefinition(main.form).title));
  if (!given.includes(plan.date)) throw new SubmissionError('DATE_REQUIRED', m.dateRequired(labelAt(noticeDefinition, plan.date), plan.date));

  const officeNumber = text(getAt(main.data, 'office.number'));
  const entry = await store.registryEntry(record.municipality, officeNumber);
  if (plan.registry === 'added' && entry) throw new SubmissionError('ALREADY_REGISTERED', m.alreadyRegistered(officeNumber));
  if (plan.registry !== 'added' && !entry) throw new SubmissionError('NOT_REGISTERED', m.notRegistered(officeNumber));

  const filings = [{ form: main.form, data: main.data as unknown }];
  if (plan.registry === 'changed') filings.push({ form: entry!.sourceForm, data: entry!.sourceData });
  const set: Record<string, unknown> = { issuedOn: today, [plan.date]: text(request[plan.date]) };
  if (text(request.addressee)) set.addressee = text(request.addressee);
  if (typeof request.noSeal === 'boolean') set.noSeal = request.noSeal;
  let derived;
  try {
    derived = deriveNotice(plan.notice, filings, set, { today });
  } catch (e) {
    if (e instanceof DerivationError) throw new SubmissionError('NOTICE_NOT_DERIVED', e.message);
    throw e;
  }
  if (!derived.result.valid)
    throw new SubmissionError('NOTICE_INVALID', `${noticeDefinition.title}に誤りが${derived.result.errors.length}件あるため、受理できません。`, derived.result);

  const data = derived.data as Json;
  const newOfficeNumber = text(getAt(data, 'office.number')) || officeNumber;
  if (plan.registry === 'changed')
    await checkNumberChangeAtAcceptance(store, { municipality: record.municipality, filedBy: record.officeNumber, registered: officeNumber, filing: main.data, to: newOfficeNumber });
  const row = plan.registry === 'removed' ? entry!.row : registryRow(plan.notice, data);
  // The city's 文書番号, when it numbers its notices and the notice prints one; the store gives the number (no gaps).
  const numbering = findMunicipality(record.municipality)?.noticeNumber;
  const numbered = numbering && fieldAt(noticeDefinition, DOCUMENT_NUMBER_KEY);
  return {
    notice: { form: plan.notice, data, sha256: sha256Hex(canonicalJson(data)) },
    ...(numbered ? { noticeNumber: { municipality: record.municipality, year: Number(today.slice(0, 4)), format: numbering.format } } : {}),
    registry: {
      action: plan.registry,
      municipality: record.municipality,
      officeNumber,
      newOfficeNumber: plan.registry === 'changed' ? newOfficeNumber : undefined,
      row,
      sourceForm: plan.registry === 'removed' ? entry!.sourceForm : plan.notice,
      sourceData: plan.registry === 'removed' ? entry!.sourceData : data,
      expectedVersion: entry?.version ?? null,
    },
  };
}

export async function changeStatus(store: SubmissionStore, principal: Principal, record: SubmissionRecord, request: StatusRequest, now: Date): Promise<Json> {
  const to = request.to;
  if (typeof to !== 'string' || !['reviewing', 'accepted', 'returned'].includes(to)) throw new SubmissionError('STATUS_UNKNOWN', m.statusUnknown(String(to ?? '')));
  const target = to as SubmissionStatus;
  if (!NEXT[record.status].includes(target))
    throw new SubmissionError('STATUS_TRANSITION', m.transition(STATUS_LABELS[record.status], STATUS_LABELS[target]));
  const reason = text(request.reason);
  if (target === 'returned' && !reason) throw new SubmissionError('REASON_REQUIRED', m.reasonRequired());
  if (reason.length > MAX_REASON) throw new SubmissionError('REASON_TOO_LONG', m.reasonTooLong(MAX_REASON));

  const at = jstIso(now);
  const planned = target === 'accepted' ? await acceptance(store, record, request, isoToday(now)) : {};
  // The reason is free text and may name a person; the audit keeps only that one was given.
  const audit: AuditInput[] = [
    {
      actor: principal.actor,
      action: 'status',
      subject: record.receiptNumber,
      details: {
        from: record.status,
        to: target,
        revision: record.revision,
        reasonGiven: reason !== '',
        // The decision as the events table will hold it (the reason only as a digest): audit verify re-hashes that row.
        recordSha256: eventAnchor({ receiptNumber: record.receiptNumber, revision: record.revision, from: record.status, to: target, at, actor: principal.actor, reason: reason || null }),
      },
    },
  ];
  if (planned.notice) audit.push({ actor: principal.actor, action: 'notice-issued', subject: record.receiptNumber, details: { form: planned.notice.form, sha256: planned.notice.sha256 } });
  if (planned.registry)
    audit.push({
      actor: principal.actor,
      action: `registry-${planned.registry.action}`,
      subject: record.receiptNumber,
      details: { municipality: planned.registry.municipality, officeNumber: planned.registry.newOfficeNumber ?? planned.registry.officeNumber },
    });
  await store.changeStatus({
    receiptNumber: record.receiptNumber,
    expected: { status: record.status, revision: record.revision },
    to: target,
    reason: reason || null,
    at,
    actor: principal.actor,
    ...planned,
    audit,
  });
  return {
    receiptNumber: record.receiptNumber,
    status: target,
    statusLabel: STATUS_LABELS[target],
    at,
    notice: planned.notice ? { form: planned.notice.form, title: getDefinition(planned.notice.form).title, sha256: planned.notice.sha256, link: `/api/submissions/${record.receiptNumber}/notice.pdf` } : null,
  };
}
