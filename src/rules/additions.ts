/**
 * The 加算 a 拠点 filing may be made for (rules.md §Additions, from S002 §6-1 and §7–§26): which services may claim each,
 * the function the 運営規程 usually names for it, and whether the 連携担当者 may be left blank (S002 §27 ※).
 */

export type FunctionId = 'consultation' | 'emergencyAcceptance' | 'emergencyResponse' | 'experience' | 'specialistTraining';

export interface Addition {
  id: string;
  name: string;
  /** Service → the functions the 運営規程 usually names when that service claims it. */
  services: Record<string, FunctionId[]>;
  /** Exempt from 連携担当者氏名 (S002 §27 ※). */
  liaisonExempt: boolean;
  /**
   * The addition's own chapter, for the additions S002 treats apart from the services (§23–§26), and its 「運営規程への記載」.
   * The service chapters (§20–§22) only say 「後述の26を参照」 for 機能強化加算, so the citation is the addition's own.
   */
  own?: { section: string; charter: string };
}

/** The 「運営規程への記載」 subsection of each service's chapter (S002 目次 and body): what KT-FUNCTION-FIT cites. */
export const SERVICE_CHARTER_SECTION: Record<string, string> = {
  居宅介護: '§7-5',
  重度訪問介護: '§8-5',
  同行援護: '§9-5',
  行動援護: '§10-5',
  生活介護: '§11-8',
  短期入所: '§12-6',
  重度障害者等包括支援: '§13-5',
  施設入所支援: '§14-6',
  '自立訓練（機能訓練）': '§15-8',
  '自立訓練（生活訓練）': '§16-8',
  就労移行支援: '§17-8',
  就労継続支援A型: '§18-8',
  就労継続支援B型: '§19-8',
  自立生活援助: '§20-5',
  地域移行支援: '§21-6',
  地域定着支援: '§22-5',
};

/** The seed section (chapter) of each service's additions (S002 目次): the chapter of its 「運営規程への記載」 (§7-5 → §7). */
export const SERVICE_SECTION: Record<string, string> = Object.fromEntries(
  Object.entries(SERVICE_CHARTER_SECTION).map(([service, section]) => [service, section.split('-')[0]]),
);

const each = (services: string[], functions: FunctionId[]) => Object.fromEntries(services.map((s) => [s, functions]));
const DAY_SERVICES = ['生活介護', '自立訓練（機能訓練）', '自立訓練（生活訓練）', '就労移行支援', '就労継続支援A型', '就労継続支援B型'];
const SOUDAN = ['計画相談支援', '障害児相談支援'];

export const ADDITIONS: Addition[] = [
  { id: 'kinkyu-taio', name: '緊急時対応加算', services: each(['居宅介護', '重度訪問介護', '同行援護', '行動援護'], ['emergencyResponse']), liaisonExempt: false },
  { id: 'taiken-riyo', name: '障害福祉サービスの体験利用支援加算', services: each(DAY_SERVICES, ['experience']), liaisonExempt: false },
  { id: 'kinkyu-ukeire', name: '緊急時受入加算', services: each(DAY_SERVICES, ['emergencyAcceptance']), liaisonExempt: false },
  { id: 'tanki-kyoten', name: '短期入所の拠点等である場合の加算', services: each(['短期入所'], ['emergencyAcceptance']), liaisonExempt: false },
  { id: 'hokatsu-kyoten', name: '重度障害者等包括支援の拠点等の加算', services: each(['重度障害者等包括支援'], ['emergencyAcceptance']), liaisonExempt: false },
  { id: 'chiiki-iko-sokushin', name: '地域移行促進加算', services: each(['施設入所支援'], ['experience']), liaisonExempt: false },
  { id: 'kinkyu-shien', name: '緊急時支援加算(Ⅰ)・緊急時支援費(Ⅰ)', services: each(['自立生活援助', '地域定着支援'], ['emergencyResponse']), liaisonExempt: false },
  { id: 'chiiki-iko-taiken', name: '体験利用加算・体験宿泊加算', services: each(['地域移行支援'], ['experience']), liaisonExempt: false },
  // §23 has no numbered subsection: its last paragraph is the 運営規程 note.
  {
    id: 'kino-kyoka-gata',
    name: '機能強化型（継続）サービス利用支援費・障害児支援利用援助費',
    services: each(SOUDAN, ['consultation']),
    liaisonExempt: true,
    own: { section: '§23', charter: '§23' },
  },
  {
    id: 'sodan-kyoka',
    name: '地域生活支援拠点等相談強化加算',
    services: each(SOUDAN, ['consultation', 'emergencyResponse']),
    liaisonExempt: true,
    own: { section: '§24', charter: '§24-6' },
  },
  // §25-7 市町村長への届出手続: 「運営規程への記載については…「相談機能」を担う旨の記載をしてください」.
  { id: 'taisei-kyoka', name: '地域体制強化共同支援加算', services: each(SOUDAN, ['consultation']), liaisonExempt: true, own: { section: '§25', charter: '§25-7' } },
  // §26-9 運営規程への記載: 相談支援は「相談機能」, 自立生活援助・地域定着支援は「緊急時の対応機能」, 地域移行支援は「体験の機会・場の提供機能」.
  {
    id: 'kino-kyoka',
    name: '地域生活支援拠点等機能強化加算',
    services: { ...each(SOUDAN, ['consultation']), ...each(['自立生活援助', '地域定着支援'], ['emergencyResponse']), 地域移行支援: ['experience'] },
    liaisonExempt: true,
    own: { section: '§26', charter: '§26-9' },
  },
];

/**
 * The chapter to cite for which services may claim an addition (KT-SERVICE-FIT): the addition's own chapter (§23–§26), else
 * the chapters of the services that claim it.
 */
export function additionSection(addition: Addition): string {
  if (addition.own) return addition.own.section;
  const claiming = Object.keys(addition.services).map((s) => SERVICE_SECTION[s]).filter(Boolean);
  return claiming.length ? claiming.join('・') : '§6-1';
}

/**
 * The 「運営規程への記載」 subsection to cite for the function an addition is usually claimed with (KT-FUNCTION-FIT): the
 * addition's own (§26-9 for 機能強化加算, whatever the service), else the one in the claiming service's chapter (§12-6 …).
 */
export function charterSection(addition: Addition, service: string | undefined): string {
  if (addition.own) return addition.own.charter;
  return (service && SERVICE_CHARTER_SECTION[service]) || '§6-1';
}

export const FUNCTION_LABELS: Record<FunctionId, string> = {
  consultation: '相談機能',
  emergencyAcceptance: '緊急時の受け入れ・対応機能',
  emergencyResponse: '緊急時の対応機能',
  experience: '体験の機会・場の提供機能',
  specialistTraining: '専門的人材の確保・養成機能',
};
