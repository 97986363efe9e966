/**
 * Rules of 市川市地域生活支援拠点等届出書 (S002 §27, rules.md §ichikawa-kyoten-todokede).
 */
import { ADDITIONS, FUNCTION_LABELS, SERVICE_SECTION, additionSection, charterSection, type FunctionId } from '../../../src/rules/additions.ts';
import { besshiRules } from '../../../src/rules/common/besshi.ts';
import { CITY_DESIGNATED_SERVICES, filingStart } from '../../../src/rules/common/billing.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';

interface TodokedeData {
  filedOn?: string;
  office?: { serviceType?: string };
  functions?: string[];
  liaisons?: string[];
  targetAdditions?: string[];
}

const chosen = (d: TodokedeData) => (Array.isArray(d.functions) ? d.functions : []);
const targets = (d: TodokedeData) => (Array.isArray(d.targetAdditions) ? d.targetAdditions : []);
const additionsOf = (d: TodokedeData) => targets(d).flatMap((id) => ADDITIONS.filter((a) => a.id === id));

/**
 * S002 §27 (※), §6: the 連携担当者 may be left blank only when the filing is made solely for the additions that exempt it
 * (機能強化型サービス利用支援費, 相談強化加算, 地域体制強化共同支援加算, 機能強化加算). KT-FUNCTIONS (担う機能 — at least one
 * box ticked, S002 §27) is declared in definition.json (atLeastOneOf).
 */
export const liaisonNamed = defineRule<TodokedeData>({
  id: 'KT-LIAISON',
  severity: 'error',
  source: 'S002 §6, §27 (※)',
  message: 'KT-LIAISON',
  check({ data }) {
    const named = (Array.isArray(data.liaisons) ? data.liaisons : []).some((n) => typeof n === 'string' && n.trim() !== '');
    const additions = additionsOf(data);
    const exempt = targets(data).length > 0 && additions.length === targets(data).length && additions.every((a) => a.liaisonExempt);
    return named || exempt ? [] : [{ path: 'liaisons' }];
  },
});

/**
 * S002 §6-1, and each chapter's 「運営規程への記載」 (§7-5 … §22-5, §23, §24-6, §25-7, §26-9): each addition is usually
 * claimed for a named function. The message cites that subsection — for 機能強化加算 §26-9, not the service chapters, which
 * only refer to §26.
 */
export const functionFitsAddition = defineRule<TodokedeData>({
  id: 'KT-FUNCTION-FIT',
  severity: 'warning',
  source: 'S002 §6-1, §7-5–§26-9 (運営規程への記載)',
  message: 'KT-FUNCTION-FIT',
  check({ data }) {
    const service = data.office?.serviceType;
    const hits: RuleHit[] = [];
    for (const addition of additionsOf(data)) {
      const functions: FunctionId[] = (service && addition.services[service]) || [];
      for (const f of functions)
        if (!chosen(data).includes(f))
          hits.push({ path: 'functions', params: { addition: addition.name, function: FUNCTION_LABELS[f], section: charterSection(addition, service) } });
    }
    return hits;
  },
});

/** S002 §7–§26: each addition belongs to certain services; another service cannot claim it. */
export const serviceFitsAddition = defineRule<TodokedeData>({
  id: 'KT-SERVICE-FIT',
  severity: 'warning',
  source: 'S002 §7–§26',
  message: 'KT-SERVICE-FIT',
  check({ data }) {
    const service = data.office?.serviceType;
    if (!service) return [];
    return additionsOf(data)
      .filter((a) => !a.services[service])
      .map((a) => ({ path: 'targetAdditions', params: { service, addition: a.name, section: additionSection(a) } }));
  },
});

/** The service types of this form designated by 千葉県 (S002 §6-5): those with their own seed section (§7–§22). */
const SERVICE_SECTION_OF_PREFECTURE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SERVICE_SECTION).filter(([service]) => !CITY_DESIGNATED_SERVICES.includes(service)),
);

/**
 * F-START-PREF — S002 §6-5: a service designated by 千葉県 (every 障害福祉サービス and 一般相談支援: all the service types
 * of this form but 計画相談支援 and 障害児相談支援) starts its 加算 from the filing to 千葉県 with the 登録通知書 attached, not
 * from this one; a filer naming an addition is told so, and no 算定開始月 is computed from the 届出日 here.
 */
export const prefectureFiling = defineRule<TodokedeData>({
  id: 'F-START-PREF',
  severity: 'warning',
  source: 'S002 §6-5',
  message: 'F-START-PREF',
  check({ data }) {
    const service = data.office?.serviceType;
    // Only when the filing names an addition (届出の目的とする加算): without one there is no 算定開始月 to speak of. An
    // unknown service is G-CHOICE's; a blank one G-REQUIRED's.
    if (targets(data).length === 0 || typeof service !== 'string' || !Object.hasOwn(SERVICE_SECTION_OF_PREFECTURE, service)) return [];
    return [{ path: 'office.serviceType', params: { services: `「${service}」` } }];
  },
});

export const ichikawaKyotenTodokedeRules: FormRules<TodokedeData> = {
  rules: [...besshiRules((d: TodokedeData) => d.functions ?? []), liaisonNamed, functionFitsAddition, serviceFitsAddition, prefectureFiling],
  compute(data) {
    // F-START (S002 §6-5): for 計画相談支援 and 障害児相談支援 this filing to 市川市 is the filing to the 指定権者.
    const service = data.office?.serviceType;
    return typeof service === 'string' && CITY_DESIGNATED_SERVICES.includes(service) ? filingStart(data.filedOn) : {};
  },
};

export default ichikawaKyotenTodokedeRules;
