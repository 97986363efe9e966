/**
 * Rules of takatsuki-renkei-kakunin — (様式1) 事業所間連携加算(新規・変更)確認書, 高槻市 (rules.md RK-*).
 *
 * S000 = 高槻市 事業所間連携加算 Q&A (Q1–Q20); S001 = 事業所間連携加算(Ⅰ)(Ⅱ) の算定要件.
 * Rules read normalised data (ISO dates, ASCII digits) but never trust it: every value is checked with a type guard first.
 */
import { firstOfNextMonth, formatWareki } from '../../../src/text/wareki.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { isCoreOffice, isoDate, objectAt, officesOf, textOf, type Obj } from '../../../src/rules/common/values.ts';
import { distinctRows, duplicateRowsRule, identityKey, type DistinctKey } from '../../../src/rules/common/distinct.ts';

type Data = Record<string, unknown>;

/** Corporation names compared as identities: 全角/半角 and spaces do not make two corporations. */
const corporationKey = identityKey;

/** An office is its 事業所番号: the same number on two rows is one office (RK-DUPLICATE), counted once everywhere. */
export const OFFICE_KEY: DistinctKey = { list: 'offices', key: ['number'] };
const distinctOffices = (data: Data): Obj[] => distinctRows(officesOf(data), OFFICE_KEY.key);

export const duplicateOffice = duplicateRowsRule<Data>({ id: 'RK-DUPLICATE', source: 'S000 Q1, S001', lists: [OFFICE_KEY] });

export const officesRule = defineRule<Data>({
  id: 'RK-OFFICES',
  severity: 'error',
  source: 'S000 Q1, S001',
  message: 'RK-OFFICES',
  // S000 Q1: 「セルフプラン」かつ「2か所以上」の事業所を併用する児童が対象; いずれかの条件から外れた場合は対象外.
  // Counted by 事業所番号: one office written twice is still one office (RK-DUPLICATE names the rows).
  check({ data }) {
    const count = distinctOffices(data).length;
    if (count === 0 || count >= 2) return []; // an empty list is G-REQUIRED
    return [{ path: 'offices', params: { count } }];
  },
});

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

export const changeRule = defineRule<Data>({
  id: 'RK-CHANGE',
  severity: 'error',
  source: 'S000 Q9, Q11',
  message: 'RK-CHANGE',
  // S000 Q9 (コア連携事業所の変更), Q11 (コア以外の事業所の変更): どちらも確認書の提出が必要. 何が変わったのかを
  // 書かなければ、市も関係事業所も変更を読み取れない.
  check({ data }) {
    return data.kind === 'change' && textOf(data.changeDetails) === '' ? [{ path: 'changeDetails' }] : [];
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

export const datesRule = defineRule<Data>({
  id: 'RK-DATES',
  severity: 'error',
  source: 'S000 Q5',
  message: 'RK-DATES-ACCEPTED',
  check({ data }) {
    const d = datesInOrder(data);
    const hits: RuleHit[] = [];
    if (d.acceptedLate) hits.push({ path: 'core.acceptedOn', code: 'RK-DATES-ACCEPTED', params: { accepted: formatWareki(d.accepted!), filed: formatWareki(d.filed!) } });
    if (d.receivedEarly) hits.push({ path: 'receivedOn', code: 'RK-DATES-RECEIVED', params: { received: formatWareki(d.received!), filed: formatWareki(d.filed!) } });
    return hits;
  },
});

export const takatsukiRenkeiKakuninRules: FormRules<Data> = {
  rules: [duplicateOffice, officesRule, coreRule, sameCorporation, selfPlanRule, consentRule, changeRule, datesRule],
  compute(data) {
    // RK-EFFECTIVE, S000 Q5: 保護者からの確認書を受理した日の、翌月1日付けでコア連携事業所としての適用を決定 — only from a
    // 受理日 that follows the 承諾日 and the 提出日 (RK-DATES).
    const d = datesInOrder(data);
    return d.accepted && d.filed && d.received && !d.acceptedLate && !d.receivedEarly ? { effectiveFrom: firstOfNextMonth(d.received) } : {};
  },
};

export default takatsukiRenkeiKakuninRules;
