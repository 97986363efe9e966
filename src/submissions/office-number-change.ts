/**
 * A 変更届出書 may change the 事業所番号 itself (`changes.number` { before, after }, S002 §27). One office must not take
 * another's number or act on another's registry entry, so the change is checked twice:
 * - before filing (numberChangeFindings): 変更前 must be the filer's own number (the one its token is bound to); 変更後 must
 *   not be registered in the city's 一覧表, nor be the number of another office this system knows (a token bound to it, or
 *   a filing under it) — the city issues a token for the new number once it has accepted the change;
 * - at 受理 (checkNumberChangeAtAcceptance), against the registry as it stands then, since another filing may have been
 *   accepted meanwhile.
 */
import { getAt, isBlank, labelAt } from '../forms/fields.ts';
import { getDefinition } from '../forms/registry.ts';
import type { Json, SubmissionStore } from '../store/types.ts';
import { SubmissionError } from './errors.ts';
import type { SubmissionFinding } from './filing-check.ts';
import { submissionMessages as m } from '../messages/submissions.ts';

const HENKO = 'ichikawa-kyoten-henko';
const BEFORE = 'changes.number.before';
const AFTER = 'changes.number.after';

const written = (v: unknown): v is string => typeof v === 'string' && !isBlank(v);
const finding = (rule: string, message: string, document: number, path: string): SubmissionFinding => ({ rule, severity: 'error', path, message, document });

/** Findings about the 事業所番号 changes of a filing (normalised documents), for the filer `officeNumber`. */
export async function numberChangeFindings(
  store: SubmissionStore,
  input: { municipality: string; officeNumber: string; documents: { form: string; data: Json }[] },
): Promise<SubmissionFinding[]> {
  const findings: SubmissionFinding[] = [];
  for (const [i, d] of input.documents.entries()) {
    if (d.form !== HENKO) continue;
    const definition = getDefinition(d.form);
    const before = getAt(d.data, BEFORE);
    const after = getAt(d.data, AFTER);
    if (written(before) && before !== input.officeNumber)
      findings.push(finding('SUB-NUMBER-OWN', m.numberNotOwn(labelAt(definition, BEFORE), before, input.officeNumber), i, BEFORE));
    if (!written(after) || after === input.officeNumber) continue;
    if (await store.registryEntry(input.municipality, after)) findings.push(finding('SUB-NUMBER-TAKEN', m.numberTaken(labelAt(definition, AFTER), after), i, AFTER));
    else {
      const use = await store.officeNumberUse(after);
      if (use.tokens > 0 || use.submissions > 0) findings.push(finding('SUB-NUMBER-TAKEN', m.numberInUse(labelAt(definition, AFTER), after), i, AFTER));
    }
  }
  return findings;
}

/**
 * At 受理 of a 変更届出書: the number before is the filer's (`filedBy`, the token's office at filing), and the new number
 * (`to`, from the derived notice) is neither registered nor another office's. Refused with 409 / 422 and what to do.
 */
export async function checkNumberChangeAtAcceptance(
  store: SubmissionStore,
  input: { municipality: string; filedBy: string; registered: string; filing: Json; to: string },
): Promise<void> {
  const before = getAt(input.filing, BEFORE);
  if (input.registered !== input.filedBy || (written(before) && before !== input.filedBy))
    throw new SubmissionError('OFFICE_NUMBER_NOT_OWN', m.acceptNumberNotOwn(written(before) ? before : input.registered, input.filedBy));
  if (input.to === input.registered) return;
  if (await store.registryEntry(input.municipality, input.to)) throw new SubmissionError('OFFICE_NUMBER_TAKEN', m.acceptNumberTaken(input.to));
  const use = await store.officeNumberUse(input.to);
  if (use.tokens > 0 || use.submissions > 0) throw new SubmissionError('OFFICE_NUMBER_TAKEN', m.acceptNumberInUse(input.to));
}
