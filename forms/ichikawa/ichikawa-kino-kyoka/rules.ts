/**
 * Rules of ichikawa-kino-kyoka — 市川市地域生活支援拠点等機能強化加算に関する届出書 (S002 §27; rules from §26).
 *
 * The form's own arithmetic: (a) 常勤の拠点コーディネーター数, (b) = (a) × 100 回 (月内算定上限), (c) = 配分の合計, and the
 * printed check (c) ≦ (b). KK-LIMIT ((c) ≦ (a) × 100, S002 §26-1, §26-3(三)ア) and KK-DUPLICATE are declared in
 * definition.json (sumAtMost, distinctRows). KK-BUNDLE (filed together with the 拠点等届出書) looks across a submission, not one form, so it is
 * not implemented here and not listed in the definition's `rules`.
 *
 * F-START (S002 §6-5): the paper has no 届出日, but the form goes to 市川市 together with the 拠点等届出書; when the
 * (unprinted) `filedOn` is given, the first month is derived from it — for 計画相談支援 and 障害児相談支援 only, whose
 * 指定権者 is 市川市長. 自立生活援助, 地域移行支援 and 地域定着支援 are designated by 千葉県: their month follows the later
 * filing to 千葉県 (with the 登録通知書), which F-START-PREF says instead of computing it.
 */
import { filingStart } from '../../../src/rules/common/billing.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { isObject } from '../../../src/rules/common/values.ts';
import { distinctRows, identityKey, type DistinctKey } from '../../../src/rules/common/distinct.ts';

export interface Coordinator {
  office?: string;
  name?: string;
  fullTimeDedicated?: boolean;
}

export type KyotenService = 'planConsultation' | 'independentLiving' | 'transition' | 'settlement';

export interface Allocation {
  office?: string;
  service?: KyotenService | string;
  count?: number;
}

export interface KinoKyokaData {
  operatorName?: string;
  officeName?: string;
  /** Not printed: the day the form is filed (with the 拠点等届出書) — drives F-START. */
  filedOn?: string;
  coordinators?: Coordinator[];
  structure?: 'integrated' | 'networked' | string;
  allocations?: Allocation[];
}

export interface KinoKyokaCounts {
  a: number;
  b: number;
  c: number;
  check: 'OK' | 'NG';
}

/** S002 §26-1 / §26-3(三)ア: 拠点コーディネーター1人につき1月100回を限度. */
const TIMES_PER_COORDINATOR = 100;

/** The four 拠点機能強化サービス (S002 §26-3(一)), in the order the seed's table prints them. */
const SERVICES: { value: KyotenService; label: string }[] = [
  { value: 'planConsultation', label: '計画相談支援及び障害児相談支援(機能強化型基本報酬(Ⅰ)又は(Ⅱ))' },
  { value: 'independentLiving', label: '自立生活援助' },
  { value: 'transition', label: '地域移行支援' },
  { value: 'settlement', label: '地域定着支援' },
];

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** An office as a message quotes it: its spaces (半角・全角) collapsed, nothing else changed. */
const officeText = (office: unknown) => (typeof office === 'string' ? office.replace(/[\s\u3000]+/g, ' ').trim() : '');

/**
 * The distinct offices of the allocations table, in first-seen order, as first written (blank cells are left to
 * G-REQUIRED). One office written two ways (spaces, 全角/半角) is still one office (identityKey).
 */
export function allocationOffices(data: KinoKyokaData): string[] {
  const offices = new Map<string, string>();
  for (const row of list<unknown>(data.allocations)) {
    const text = isObject(row) ? officeText(row.office) : '';
    if (text && !offices.has(identityKey(text))) offices.set(identityKey(text), text);
  }
  return [...offices.values()];
}

/** A coordinator is one person of one 法人・事業所, counted once (KK-DUPLICATE, declared in definition.json, names repeats). */
export const COORDINATOR_KEY: DistinctKey = { list: 'coordinators', key: ['office', 'name'] };

/**
 * KK-COUNTS — S002 §26-1, §27: (a) counts only 常勤・専従 coordinators, each person once (「拠点コーディネーター1人につき」:
 * one person written twice is not two coordinators); (b) = (a) × 100; (c) sums the 目安 counts of the rows as printed.
 */
export function kinoKyokaCounts(data: KinoKyokaData): KinoKyokaCounts {
  const a = distinctRows(list<unknown>(data.coordinators), COORDINATOR_KEY.key).filter((c) => isObject(c) && c.fullTimeDedicated === true).length;
  const b = a * TIMES_PER_COORDINATOR;
  const c = list<unknown>(data.allocations).reduce<number>((sum, row) => {
    const count = isObject(row) ? row.count : undefined;
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? sum + count : sum;
  }, 0);
  return { a, b, c, check: c <= b ? 'OK' : 'NG' };
}

/**
 * KK-COORDINATOR — S002 §26-2 イ(3)/ロ(3): 拠点コーディネーターが常勤で一人以上; §26-7 問6: 0.5人×2 の常勤換算では算定できない,
 * so only coordinators marked 常勤・専従 count, however many part-time ones are listed.
 */
export const fullTimeCoordinator = defineRule<KinoKyokaData>({
  id: 'KK-COORDINATOR',
  severity: 'error',
  source: 'S002 §26-2, §26-7 問6',
  message: 'KK-COORDINATOR',
  check({ data, computed }) {
    // An empty list is G-REQUIRED's to report.
    return computed.a === 0 && list(data.coordinators).length > 0 ? [{ path: 'coordinators' }] : [];
  },
});

/**
 * KK-SERVICES — S002 §26-3(一), §26-5(1)①: the addition needs ALL four 拠点機能強化サービス run together (一体的 or 相互に連携),
 * so the allocation must name each of them (a row with 0 回 still shows the service is part of the 拠点).
 */
export const allFourServices = defineRule<KinoKyokaData>({
  id: 'KK-SERVICES',
  severity: 'error',
  source: 'S002 §26-3(一), §26-5(1)①',
  message: 'KK-SERVICES',
  check({ data }) {
    const rows = list<unknown>(data.allocations);
    const present = new Set(rows.map((row) => (isObject(row) ? row.service : undefined)));
    const missing = SERVICES.filter((s) => !present.has(s.value));
    if (missing.length === 0 || rows.length === 0) return []; // an empty table is G-REQUIRED's
    return [{ path: 'allocations', params: { missing: missing.map((s) => `「${s.label}」`).join('、') } }];
  },
});

/**
 * KK-STRUCTURE — S002 §26-2 イ(2): 一体的に運営 = one 事業所 runs all four services; ロ(2): 相互に連携して運営 = the services are
 * spread over several 事業所. The allocation table shows which one it is, so it must agree with the checked 構成形態.
 */
export const structureMatchesOffices = defineRule<KinoKyokaData>({
  id: 'KK-STRUCTURE',
  severity: 'error',
  source: 'S002 §26-2 イ/ロ',
  message: 'KK-STRUCTURE-INTEGRATED',
  check({ data }) {
    const offices = allocationOffices(data);
    const hits: RuleHit[] = [];
    if (data.structure === 'integrated' && offices.length > 1)
      hits.push({ path: 'structure', code: 'KK-STRUCTURE-INTEGRATED', params: { offices: offices.join('、') } });
    if (data.structure === 'networked' && offices.length === 1) hits.push({ path: 'structure', code: 'KK-STRUCTURE-NETWORKED' });
    return hits;
  },
});

/**
 * KK-CITY — S002 §26: 「市川市においては、この加算の算定を可とすることができる体制になっていません」 (the city's 拠点
 * coordinators are not 専従). Always a warning, so a filer learns it before relying on the addition.
 */
export const cityNotReady = defineRule<KinoKyokaData>({
  id: 'KK-CITY',
  severity: 'warning',
  source: 'S002 §26',
  message: 'KK-CITY',
  check() {
    return [{ path: '' }];
  },
});

/** F-START-PREF — S002 §6-5: the allocated services designated by 千葉県, whose 算定開始月 this filing does not decide. */
export const prefectureFiling = defineRule<KinoKyokaData>({
  id: 'F-START-PREF',
  severity: 'warning',
  source: 'S002 §6-5',
  message: 'F-START-PREF',
  check({ data }) {
    const allocated = new Set(list<unknown>(data.allocations).map((row) => (isObject(row) ? row.service : undefined)));
    const prefecture = SERVICES.filter((s) => s.value !== 'planConsultation' && allocated.has(s.value));
    return prefecture.length ? [{ path: 'allocations', params: { services: prefecture.map((s) => `「${s.label}」`).join('、') } }] : [];
  },
});

export const ichikawaKinoKyokaRules: FormRules<KinoKyokaData> = {
  rules: [fullTimeCoordinator, allFourServices, structureMatchesOffices, cityNotReady, prefectureFiling],
  compute(data) {
    // F-START (S002 §6-5) for 計画相談支援・障害児相談支援, only from a real ISO date (an impossible one is G-DATE's).
    return { ...kinoKyokaCounts(data), ...filingStart(data.filedOn) };
  },
};

export default ichikawaKinoKyokaRules;
