/**
 * Rules of takatsuki-renkei-kaigi-kiroku — (様式3) 事業所間連携会議にかかる記録(報告書), 高槻市 (rules.md RM-*).
 *
 * S000 = 高槻市 事業所間連携加算 Q&A (Q1–Q20); S001 = 事業所間連携加算(Ⅰ)(Ⅱ) の算定要件.
 * Rules read normalised data (ISO dates) but never trust it: every value is checked with a type guard first.
 */
import { formatWareki, addMonths, lastDayOfMonth, monthOf } from '../../../src/text/wareki.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { isCoreOffice, isoDate, objectAt, officesOf, textOf, type Obj } from '../../../src/rules/common/values.ts';
import { distinctRows, duplicateRows, identityKey, rowsAt, type DistinctKey } from '../../../src/rules/common/distinct.ts';

type Data = Record<string, unknown>;

/** One office's claim for this meeting (RM-CLAIMS). `reason` is the rule id that keeps the office from claiming. */
export interface OfficeClaim {
  office: string;
  number: string;
  addition: 'Ⅰ' | 'Ⅱ' | null;
  units: number;
  reason?: string;
}

// S000 Q13, S001: (Ⅰ) 500単位, (Ⅱ) 150単位, いずれも月1回を限度.
const UNITS = { 'Ⅰ': 500, 'Ⅱ': 150 } as const;

const meetingDate = (data: Data) => isoDate(objectAt(data.meeting).date);

/** Corporation names compared as identities: 全角/半角 and spaces do not make two corporations. */
const corporationKey = identityKey;

/**
 * An office is its 事業所番号; an attached 個別支援計画 its file name. Each is counted once. Declared in definition.json:
 * RM-DUPLICATE (S000 Q1, Q13, S001: an office written twice would count as a second office and earn (Ⅱ) twice, a plan
 * listed twice as a second copy) and RM-MONTHLY (「いずれも1月に1回を限度」 across records of one child).
 */
export const OFFICE_KEY: DistinctKey = { list: 'offices', key: ['number'] };
export const ATTACHMENT_KEY: DistinctKey = { list: 'attachments', key: [] };
const distinctOffices = (data: Data): Obj[] => distinctRows(officesOf(data), OFFICE_KEY.key);

/** S000 Q20: every office run by one corporation → the addition cannot be claimed at all. */
function singleCorporation(data: Data): string | undefined {
  const list = distinctOffices(data);
  const names = list.map((o) => textOf(o.corporation));
  if (list.length < 2 || names.some((n) => n === '')) return undefined;
  return new Set(names.map(corporationKey)).size === 1 ? names[0] : undefined;
}

/** S000 Q1–Q2: 2か所以上の事業所, その中核となるコア連携事業所がちょうど1か所. */
function officesInShape(data: Data): boolean {
  const list = distinctOffices(data);
  return list.length >= 2 && list.filter(isCoreOffice).length === 1;
}

/** What keeps one side (会議前 / 会議後) of an absent office's information sharing from counting. */
interface AbsentProblem {
  side: 'before' | 'after';
  /** nothing written; the 実施日 or the 内容 alone missing; or dated on the wrong side of the meeting. */
  kind: 'empty' | 'no-date' | 'no-content' | 'wrong-date';
  date?: string;
}

/**
 * S000 Q17: an absent office needs information sharing both before and after the meeting (date and content written).
 * A 会議前 entry dated after the meeting, or a 会議後 entry dated before it, is not what the item asks for.
 */
function absentProblems(office: Obj, meeting: string | undefined): AbsentProblem[] {
  if (office.attended === true || isCoreOffice(office)) return [];
  const problem = (side: 'before' | 'after'): AbsentProblem | undefined => {
    const e = objectAt(office[side]);
    const date = isoDate(e.date);
    const content = textOf(e.content) !== '';
    if (!date && !content) return { side, kind: 'empty' };
    if (!date) return { side, kind: 'no-date' };
    if (!content) return { side, kind: 'no-content' };
    if (meeting && (side === 'before' ? date > meeting : date < meeting)) return { side, kind: 'wrong-date', date };
    return undefined;
  };
  return [problem('before'), problem('after')].filter((p): p is AbsentProblem => p !== undefined);
}

const absentMissing = (office: Obj, meeting: string | undefined) => absentProblems(office, meeting).map((p) => p.side);

/**
 * S000 Q17: 前回の連携会議の開催後1度も利用がない事業所は(Ⅱ)を算定できない. At the first meeting there is no 前回 to have
 * used an office since, so the record says so (`meeting.isFirst`) and the rule does not apply.
 */
const firstMeeting = (data: Data) => objectAt(data.meeting).isFirst === true;
const unused = (data: Data, office: Obj) => !firstMeeting(data) && !isCoreOffice(office) && textOf(office.lastUsedOn) === '';

/**
 * S000 Q13 ①②: the core may claim (Ⅰ) only once it has given the guardian 相談援助 based on the meeting and shared the
 * meeting with its own staff — both on or after the meeting day.
 */
function coreMissing(data: Data): { path: string; what: string }[] {
  const meeting = meetingDate(data);
  const doneAfter = (v: unknown) => {
    const date = isoDate(v);
    return !!date && (!meeting || date >= meeting);
  };
  const missing: { path: string; what: string }[] = [];
  if (!doneAfter(objectAt(data.guardianSupport).date)) missing.push({ path: 'guardianSupport.date', what: '会議後の保護者への相談援助' });
  if (!doneAfter(objectAt(data.staffSharing).date)) missing.push({ path: 'staffSharing.date', what: '会議後の自事業所の従業者への共有' });
  return missing;
}

/** The same day one month later, or the month's last day when that day does not exist (1月31日 → 2月29日). */
function oneMonthAfter(iso: string): string {
  const month = addMonths(monthOf(iso), 1);
  const last = lastDayOfMonth(month);
  const day = Math.min(Number(iso.slice(8, 10)), Number(last.slice(8, 10)));
  return `${month}-${String(day).padStart(2, '0')}`;
}

export const officesRule = defineRule<Data>({
  id: 'RM-OFFICES',
  severity: 'error',
  source: 'S000 Q1–Q2',
  message: 'RM-OFFICES',
  // S000 Q1: 「セルフプラン」かつ「2か所以上」の事業所を併用する児童が対象. Q2: 中核となるコア連携事業所は1か所.
  // Counted by 事業所番号: one office written twice is one office (RM-DUPLICATE names the rows).
  check({ data }) {
    const list = distinctOffices(data);
    if (list.length === 0) return []; // an empty list is G-REQUIRED
    if (officesInShape(data)) return [];
    return [{ path: 'offices', params: { count: list.length, core: list.filter(isCoreOffice).length } }];
  },
});

export const sameCorporation = defineRule<Data>({
  id: 'RM-SAME-CORP',
  severity: 'error',
  source: 'S000 Q20',
  message: 'RM-SAME-CORP',
  // S000 Q20: 加算対象児が利用する事業所のすべてが同一法人により運営される場合には、本加算は算定できません.
  check({ data }) {
    const corporation = singleCorporation(data);
    return corporation ? [{ path: 'offices', params: { corporation } }] : [];
  },
});

export const absentOffice = defineRule<Data>({
  id: 'RM-ABSENT',
  severity: 'warning',
  source: 'S000 Q17, S001',
  message: 'RM-ABSENT',
  // S000 Q17: 欠席する事業所と会議の前後両方ともに情報共有及び連絡調整を行い、その項目が記入されていれば(Ⅱ)を算定可能.
  check({ data }) {
    const meeting = meetingDate(data);
    const hits: RuleHit[] = [];
    const SIDE = { before: '前', after: '後' } as const;
    officesOf(data).forEach((office, i) => {
      const problems = absentProblems(office, meeting);
      const name = textOf(office.name);
      // Nothing written on either side: one finding for the row, as the person has one thing to do.
      if (problems.length === 2 && problems.every((p) => p.kind === 'empty')) {
        hits.push({ path: `offices.${i}`, params: { office: name, missing: '前後' } });
        return;
      }
      for (const p of problems) {
        const path = `offices.${i}.${p.side}`;
        const side = SIDE[p.side];
        if (p.kind === 'empty') hits.push({ path, params: { office: name, missing: side } });
        else if (p.kind === 'wrong-date')
          hits.push({ path: `${path}.date`, code: 'RM-ABSENT-DATE', params: { office: name, side, date: formatWareki(p.date!), meeting: formatWareki(meeting!) } });
        else hits.push({ path: `${path}.${p.kind === 'no-date' ? 'date' : 'content'}`, code: 'RM-ABSENT-PART', params: { office: name, side, what: p.kind === 'no-date' ? '実施日' : '内容' } });
      }
    });
    return hits;
  },
});

export const noUseSinceLastMeeting = defineRule<Data>({
  id: 'RM-NO-USE',
  severity: 'warning',
  source: 'S000 Q17',
  message: 'RM-NO-USE',
  // S000 Q17: 契約は継続していても、前回の連携会議の開催後1度も利用がない場合は(Ⅱ)の算定は不可.
  check({ data }) {
    const hits: RuleHit[] = [];
    officesOf(data).forEach((office, i) => {
      if (unused(data, office)) hits.push({ path: `offices.${i}.lastUsedOn`, params: { office: textOf(office.name) } });
    });
    return hits;
  },
});

export const recordLate = defineRule<Data>({
  id: 'RM-RECORD-LATE',
  severity: 'warning',
  source: 'S000 Q14',
  message: 'RM-RECORD-LATE',
  // S000 Q14: 記録の作成及び共有は会議開催から1か月を目途に. 「目途」なので誤りではなく注意.
  check({ data }) {
    const meeting = meetingDate(data);
    const recorded = isoDate(data.recordedOn);
    if (!meeting || !recorded || recorded <= oneMonthAfter(meeting)) return [];
    return [{ path: 'recordedOn', params: { recordedOn: formatWareki(recorded) } }];
  },
});

export const coreReady = defineRule<Data>({
  id: 'RM-CORE-READY',
  severity: 'warning',
  source: 'S000 Q13',
  message: 'RM-CORE-READY',
  // S000 Q13: ①保護者への相談援助 ②自事業所の従業者への共有 の2点を完了した時点で初めて(Ⅰ)の請求要件を満たす.
  check({ data }) {
    return coreMissing(data).map((m) => ({ path: m.path, params: { missing: m.what } }));
  },
});

export const guardianAttendance = defineRule<Data>({
  id: 'RM-GUARDIAN',
  severity: 'warning',
  source: 'S000 Q8',
  message: 'RM-GUARDIAN',
  // S000 Q8: 会議への保護者の参加をもって相談援助を実施したこととならないよう留意. 同じ日の相談援助は会議への参加と
  // 見分けられないので、確かめるよう促す.
  check({ data }) {
    const meeting = meetingDate(data);
    const support = isoDate(objectAt(data.guardianSupport).date);
    if (objectAt(data.meeting).guardianAttended !== true || !meeting || support !== meeting) return [];
    return [{ path: 'guardianSupport.date' }];
  },
});

export const plansAttached = defineRule<Data>({
  id: 'RM-PLANS',
  severity: 'error',
  source: 'S000 Q13',
  message: 'RM-PLANS',
  // S000 Q13: 各事業所の個別支援計画の写しも添付が必須.
  // Both counted once each: the same file name twice is one copy, the same office twice one office.
  check({ data }) {
    const count = distinctOffices(data).length;
    const attached = distinctRows(rowsAt(data, ATTACHMENT_KEY.list), ATTACHMENT_KEY.key).filter((a) => textOf(a) !== '').length;
    if (count === 0 || attached >= count) return [];
    return [{ path: 'attachments', params: { attached, offices: count } }];
  },
});

// RM-CLAIMS has nothing to check: its values are computed below and compared with any given input by the engine.
export const claimsRule = defineRule<Data>({
  id: 'RM-CLAIMS',
  severity: 'error',
  source: 'S000 Q13–Q15, S001',
  message: 'G-COMPUTED',
  check: () => [],
});

/** Per office: who may claim which addition for this meeting, and why not (S000 Q13–Q17, Q20; S001). */
export function officeClaims(data: Data): OfficeClaim[] {
  const meeting = meetingDate(data);
  const blocked = !officesInShape(data) ? 'RM-OFFICES' : singleCorporation(data) ? 'RM-SAME-CORP' : undefined;
  const coreReadyNow = coreMissing(data).length === 0;
  const repeated = new Set(duplicateRows(officesOf(data), OFFICE_KEY.key).map((d) => d.row));
  return officesOf(data).map((office, i) => {
    const base = { office: textOf(office.name), number: textOf(office.number) };
    const no = (reason: string): OfficeClaim => ({ ...base, addition: null, units: 0, reason });
    // S001 「いずれも1月に1回を限度」: an office claims once, on its first row.
    if (repeated.has(i)) return no('RM-DUPLICATE');
    if (blocked) return no(blocked);
    if (isCoreOffice(office)) return coreReadyNow ? { ...base, addition: 'Ⅰ', units: UNITS['Ⅰ'] } : no('RM-CORE-READY');
    if (absentMissing(office, meeting).length) return no('RM-ABSENT');
    if (unused(data, office)) return no('RM-NO-USE');
    return { ...base, addition: 'Ⅱ', units: UNITS['Ⅱ'] };
  });
}

export const takatsukiRenkeiKaigiKirokuRules: FormRules<Data> = {
  rules: [officesRule, sameCorporation, absentOffice, noUseSinceLastMeeting, recordLate, coreReady, guardianAttendance, plansAttached, claimsRule],
  compute(data) {
    const claims = officeClaims(data);
    const computed: Record<string, unknown> = { claims, totalUnits: claims.reduce((sum, c) => sum + c.units, 0) };
    // S000 Q13: 請求は記録(報告書)を提出した翌月以降.
    const submitted = isoDate(data.submittedOn);
    if (submitted) computed.earliestBillingMonth = addMonths(monthOf(submitted), 1);
    // S000 Q14: 請求月の前月末日までに提出. The first month a claim for the meeting can be billed is the month after it,
    // so that month's deadline is the last day of the meeting's month.
    const meeting = meetingDate(data);
    if (meeting) computed.submissionDeadline = lastDayOfMonth(monthOf(meeting));
    return computed;
  },
};

export default takatsukiRenkeiKaigiKirokuRules;
