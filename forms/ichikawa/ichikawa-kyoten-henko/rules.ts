/**
 * Rules of ichikawa-kyoten-henko — 市川市地域生活支援拠点等変更届出書 (+ 別紙) (S002 §27).
 *
 * The form is a table of the ten items of the 届出書, each with 変更前 / 変更後; rows not changed stay blank. The 別紙 is
 * the 届出書's, checked against the functions after the change. KH-CHANGES is declared in definition.json (atLeastOneOf
 * of the twenty 変更前・変更後 boxes): S002 §27 「次のとおり変更が生じたので、届け出ます。」 — a 変更届 without any changed
 * row says nothing; one side alone is accepted (adding or removing an optional FAX, e-mail or contact person is a change).
 */
import { fieldAt, isBlank } from '../../../src/forms/fields.ts';
import { besshiRules } from '../../../src/rules/common/besshi.ts';
import { normalizeSpacesForCompare } from '../../../src/text/characters.ts';
import { daysBetween, formatWareki } from '../../../src/text/wareki.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { isObject } from '../../../src/rules/common/values.ts';

/** The ten rows of the change table, in the printed order. */
export const CHANGE_ITEMS = [
  'name',
  'serviceType',
  'number',
  'address',
  'tel',
  'fax',
  'email',
  'functions',
  'functionDetails',
  'liaisons',
] as const;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** S004 1(2) (静岡市 集団指導): 変更届は「変更が生じてから10日以内」 — a reference point, as 市川市 sets no number. */
const FILING_DAYS = 10;

interface BeforeAfter {
  before?: unknown;
  after?: unknown;
}


/** The `{ before, after }` of one item, or undefined when the row is absent or malformed. */
function item(data: unknown, key: string): BeforeAfter | undefined {
  const changes = isObject(data) ? data.changes : undefined;
  const row = isObject(changes) ? changes[key] : undefined;
  return isObject(row) ? row : undefined;
}

/** A side of a row is written when it holds text or a non-empty list. */
const written = (v: unknown) => !isBlank(v);

/** The comparable form of a value: spaces trimmed/collapsed, lists as sorted unique sets. */
function comparable(v: unknown): string {
  if (Array.isArray(v)) {
    const set = [...new Set(v.map((e) => (typeof e === 'string' ? normalizeSpacesForCompare(e) : JSON.stringify(e))).filter((e) => e !== ''))];
    return JSON.stringify(set.sort());
  }
  return typeof v === 'string' ? normalizeSpacesForCompare(v) : JSON.stringify(v ?? null);
}

/** The functions the office takes on after the change; undefined when the form leaves them unchanged (not known here). */
export function functionsAfterChange(data: unknown): string[] | undefined {
  const after = item(data, 'functions')?.after;
  return Array.isArray(after) && after.length > 0 ? after.filter((v): v is string => typeof v === 'string') : undefined;
}

// A row whose 変更後 equals its 変更前 is not a change: the person most likely copied the row or meant another one.
// Compared after trimming and collapsing spaces (全角 spaces too); lists (機能, 氏名) as sets, so a mere reordering is no change.
const sameBeforeAfter = defineRule<any>({
  id: 'KH-SAME',
  severity: 'error',
  source: '—',
  message: 'KH-SAME',
  check({ data, definition }) {
    const hits: RuleHit[] = [];
    for (const key of CHANGE_ITEMS) {
      const row = item(data, key);
      if (!row || !written(row.before) || !written(row.after)) continue;
      const path = `changes.${key}`;
      // The row's own label (「連絡先電話番号」), not the dotted 「変更内容 連絡先電話番号」.
      if (comparable(row.before) === comparable(row.after)) hits.push({ path, params: { label: fieldAt(definition, path)?.label ?? key } });
    }
    return hits;
  },
});

// S004 1(2) 変更届: 期限「変更が生じてから10日以内」 is 静岡市's practice; Ichikawa's own form (S002 §27) only says 「速やかに」,
// so a late filing is still accepted, with a warning whose message says where the 10 days come from. Day 10 after the change
// is on time; a filing before the change (planned) is fine.
const lateFiling = defineRule<any>({
  id: 'KH-LATE',
  severity: 'warning',
  source: 'S002 §27 (「速やかに」), S004 1(2) 変更届 (静岡市: 10日以内)',
  message: 'KH-LATE',
  check({ data }) {
    const filedOn = isObject(data) ? data.filedOn : undefined;
    const changedOn = isObject(data) ? data.changedOn : undefined;
    if (typeof filedOn !== 'string' || typeof changedOn !== 'string' || !ISO.test(filedOn) || !ISO.test(changedOn)) return [];
    const days = daysBetween(changedOn, filedOn);
    return days > FILING_DAYS ? [{ path: 'filedOn', params: { changedOn: formatWareki(changedOn), days, limit: FILING_DAYS } }] : [];
  },
});

export const ichikawaKyotenHenkoRules: FormRules = {
  // KT-BESSHI / KT-BESSHI-UNUSED: as in the 届出書, against the functions after the change (S002 §27 別紙).
  rules: [sameBeforeAfter, lateFiling, ...besshiRules(functionsAfterChange)],
};

export default ichikawaKyotenHenkoRules;
