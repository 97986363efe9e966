/**
 * Rules of takatsuki-renkei-kakunin — (様式1) 事業所間連携加算(新規・変更)確認書, 高槻市 (rules.md RK-*).
 *
 * S000 = 高槻市 事業所間連携加算 Q&A (Q1–Q20); S001 = 事業所間連携加算(Ⅰ)(Ⅱ) の算定要件.
 * Rules read normalised data (ISO dates, ASCII digits) but never trust it: every value is checked with a type guard first.
 */
import { firstOfNextMonth } from '../../../src/text/wareki.ts';
import { defineRule, type FormRules } from '../../../src/rules/rule.ts';
import { isCoreOffice, isoDate, objectAt, officesOf, textOf, type Obj } from '../../../src/rules/common/values.ts';
import { distinctRows, identityKey, type DistinctKey } from '../../../src/rules/common/distinct.ts';

type Data = Record<string, unknown>;

/** Corporation names compared as identities: 全角/半角 and spaces do not make two corporations. */
const corporationKey = identityKey;

/**
 * An office is its 事業所番号: the same number on two rows is one office, counted once everywhere. Declared in
 * definition.json: RK-DUPLICATE (the repeated row), RK-OFFICES (S000 Q1 「2か所以上」, counted by 事業所番号), RK-CHANGE
 * (S000 Q9, Q11: 「変更」 says what changed) and RK-DATES (S000 Q5: 承諾日 ≤ 提出日 ≤ 受理日).
 */
export const OFFICE_KEY: DistinctKey = { list: 'offices', key: ['number'] };
const distinctOffices = (data: Data): Obj[] => distinctRows(officesOf(data), OFFICE_KEY.key);

export const coreRule = defineRule<Data>({
  id: 'RK-CORE',
  severity: 'error',
  source: 'S000 Q2, Q5',
  message: 'RK-CORE',
  // S000 Q2: コア連携事業所は加算対象児の支援の中核となる1か所の事業所. Q5: 保護者記入欄とコア連携事業所記入欄の両方を
  // 記入して提出するので、コア連携事業所記入欄の事業所は利用事業所のうちコアに印のある事業所と同じでなければならない.
  check({ data }) {
    const list = distinctOffices(data);
    if (list.length === 0) return [];
    const cores = list.map((office, i) => ({ office, i })).filter(({ office }) => isCoreOffice(office));
    if (cores.length !== 1) return [{ path: 'offices', params: { core: cores.length } }];
    const expected = textOf(cores[0].office.number);
    const given = textOf(objectAt(data.core).number);
    // Malformed or missing numbers are G-OFFICE-NUMBER / G-REQUIRED already.
    if (!/^\d{10}$/.test(expected) || !/^\d{10}$/.test(given) || given === expected) return [];
    return [{ path: 'core.number', code: 'RK-CORE-NUMBER', params: { given, expected, office: textOf(cores[0].office.name) } }];
  },
});

export const sameCorporation = defineRule<Data>({
  id: 'RK-SAME-CORP',
  severity: 'error',
  source: 'S000 Q20, S001',
  message: 'RK-SAME-CORP',
  // S000 Q20: 加算対象児が利用する事業所のすべてが同一法人により運営される場合には、本加算は算定できません.
  // S001: 1つでも他法人の事業所が含まれていれば算定対象 — so only "all of them" fires.
  check({ data }) {
    const list = distinctOffices(data);
    const names = list.map((o) => textOf(o.corporation));
    if (list.length < 2 || names.some((n) => n === '')) return [];
    return new Set(names.map(corporationKey)).size === 1 ? [{ path: 'offices', params: { corporation: names[0] } }] : [];
  },
});

export const selfPlanRule = defineRule<Data>({
  id: 'RK-SELFPLAN',
  severity: 'error',
  source: 'S000 Q1, S001',
  message: 'RK-SELFPLAN',
  // S000 Q1, S001: 障害児支援利用計画（相談支援事業所の計画）ではなくセルフプランで利用する児童だけが対象.
  check({ data }) {
    return data.selfPlan === true ? [] : [{ path: 'selfPlan' }];
  },
});

export const consentRule = defineRule<Data>({
  id: 'RK-CONSENT',
  severity: 'error',
  source: 'S000 Q7, S001',
  message: 'RK-CONSENT',
  // S000 Q7: 個人情報を保護者同意のもと複数の事業所間で共有する趣旨の加算. S001: あらかじめ保護者の同意を得ていること.
  check({ data }) {
    return data.consent === true ? [] : [{ path: 'consent' }];
  },
});

/**
 * S000 Q5: コア連携事業所が承諾し（承諾日）、保護者が確認書を提出し（提出日）、子育て支援課が受理する（受理日）— in that
 * order; the 適用開始日 is the 1st of the month after the 受理日. Dates out of that order would put the 適用開始日 before the
 * core had agreed or the city had the paper, so they are errors and no 適用開始日 is computed from them.
 */
function datesInOrder(data: Data): { accepted?: string; filed?: string; received?: string; acceptedLate: boolean; receivedEarly: boolean } {
  const accepted = isoDate(objectAt(data.core).acceptedOn);
  const filed = isoDate(data.filedOn);
  const received = isoDate(data.receivedOn);
  return { accepted, filed, received, acceptedLate: !!accepted && !!filed && accepted > filed, receivedEarly: !!filed && !!received && received < filed };
}

export const takatsukiRenkeiKakuninRules: FormRules<Data> = {
  rules: [coreRule, sameCorporation, selfPlanRule, consentRule],
  compute(data) {
    // RK-EFFECTIVE, S000 Q5: 保護者からの確認書を受理した日の、翌月1日付けでコア連携事業所としての適用を決定 — only from a
    // 受理日 that follows the 承諾日 and the 提出日 (RK-DATES).
    const d = datesInOrder(data);
    return d.accepted && d.filed && d.received && !d.acceptedLate && !d.receivedEarly ? { effectiveFrom: firstOfNextMonth(d.received) } : {};
  },
};

export default takatsukiRenkeiKakuninRules;
