/**
 * Rules of ichikawa-taisei-kyoka-todokede — 市川市地域体制強化共同支援加算に関する届出書 (S002 §27; rules from §25, §6-5).
 *
 * This form is the route of 計画相談別告示 十二 ロ (S002 §25-2, §25-7-2): an office that is NOT positioned as a 拠点等 may
 * still claim the 地域体制強化共同支援加算 when it has the 連携体制 with the 拠点関係機関 and takes part in the 協議会
 * regularly. The paper asks for all three confirmations, each ticked and described (「以下の全てに該当し、記載がある必要があります」).
 */
import { filingStart } from '../../../src/rules/common/billing.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { isObject } from '../../../src/rules/common/values.ts';

export interface Confirmation {
  checked?: boolean;
  detail?: string;
}

export interface TaiseiKyokaTodokedeData {
  filedOn?: string;
  office?: { serviceTypes?: string[] };
  consultationSystem?: Confirmation;
  emergencyContact?: Confirmation;
  councilParticipation?: Confirmation;
}

/** S002 §25-1: the addition belongs to 計画相談支援給付費 and 障害児相談支援給付費 only. */
const SERVICES = ['計画相談支援', '障害児相談支援'];

type ConfirmationKey = 'consultationSystem' | 'emergencyContact' | 'councilParticipation';

/**
 * The three confirmations in the order the paper prints them, each with the short name a message uses and what its 下欄
 * asks for (the words of the seed's parenthesis). S002 §25-3 第四の1の(2)の③(一)イ(イ)b(b): 連携体制 = 協議する体制 and
 * 緊急時に連絡をとれる体制; 定期的な参画 = 構成員として定期的に専門部会等に参加 (§25-6 問61).
 */
const CONFIRMATIONS: { key: ConfirmationKey; item: string; what: string }[] = [
  { key: 'consultationSystem', item: '支援が必要な方への対応について拠点関係機関と協議する体制', what: '具体的な確保の状況' },
  { key: 'emergencyContact', item: '緊急時に連絡をとれる体制', what: '具体的な確保の状況' },
  { key: 'councilParticipation', item: '市川市自立支援協議会への定期的な参画', what: 'どの会議に定期的に参画しているか' },
];

const written = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** TT-SERVICE — S002 §27 (☐計画相談支援 ☐障害児相談支援), §25-1: at least one of the two services is ticked. */
export const serviceChosen = defineRule<TaiseiKyokaTodokedeData>({
  id: 'TT-SERVICE',
  severity: 'error',
  source: 'S002 §27, §25-1',
  message: 'TT-SERVICE',
  check({ data }) {
    const chosen = Array.isArray(data.office?.serviceTypes) ? data.office.serviceTypes : [];
    // An option outside the two is G-CHOICE's; here only "none of the two" counts.
    return chosen.some((s) => SERVICES.includes(s)) ? [] : [{ path: 'office.serviceTypes' }];
  },
});

/**
 * TT-CONFIRM — S002 §27 「（※ 以下の全てに該当し、記載がある必要があります。）」: each of the three boxes ticked AND its 下欄
 * written. One hit per missing tick and per missing description, so the filer sees every gap at once.
 */
export const allConfirmed = defineRule<TaiseiKyokaTodokedeData>({
  id: 'TT-CONFIRM',
  severity: 'error',
  source: 'S002 §27 (※ 以下の全てに該当し、記載がある必要があります), §25-2 ロ',
  message: 'TT-CONFIRM-CHECK',
  check({ data }) {
    const hits: RuleHit[] = [];
    for (const { key, item, what } of CONFIRMATIONS) {
      const confirmation = isObject(data[key]) ? (data[key] as Confirmation) : {};
      if (confirmation.checked !== true) hits.push({ path: `${key}.checked`, code: 'TT-CONFIRM-CHECK', params: { item } });
      if (!written(confirmation.detail)) hits.push({ path: `${key}.detail`, code: 'TT-CONFIRM-DETAIL', params: { item, what } });
    }
    return hits;
  },
});

/**
 * F-START (S002 §6-5): this addition belongs to 計画相談支援 and 障害児相談支援 only (TT-SERVICE), whose 指定権者 is 市川市長,
 * so this filing is the one that decides the month.
 */
export { filingStart };

export const ichikawaTaiseiKyokaTodokedeRules: FormRules<TaiseiKyokaTodokedeData> = {
  rules: [serviceChosen, allConfirmed],
  compute(data) {
    return filingStart(data.filedOn);
  },
};

export default ichikawaTaiseiKyokaTodokedeRules;
