/**
 * Rules of ichikawa-taisei-kyoka-kiroku — 市川市地域体制強化共同支援加算 記録書兼報告書 (S002 §27, requirements §25).
 *
 * Declared in definition.json: TK-AGE (S002 §27 「生年月日(年齢)」: the age is counted at the meeting, so the birth date
 * comes before it), TK-DUPLICATE (an attendee written twice, S002 §25-1 「3者以上と共同して」), TK-PURPOSE
 * (開催目的 「その他の場合下段に具体的に記載」, S002 §27) and TK-MONTHLY (the same user twice in one calendar month,
 * 「1月に1回を限度」 — a rule across records: bundle, batch and submission).
 */
import { fieldAt, isBlank } from '../../../src/forms/fields.ts';
import { ageOn, formatWareki } from '../../../src/text/wareki.ts';
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { isoDate } from '../../../src/rules/common/values.ts';
import { identityKey } from '../../../src/rules/common/distinct.ts';

interface Attendee {
  organization?: unknown;
  service?: unknown;
  role?: unknown;
  name?: unknown;
}

interface KirokuData {
  office?: { name?: unknown; author?: unknown; contact?: unknown };
  user?: { name?: unknown; kana?: unknown; birthDate?: unknown };
  consent?: unknown;
  meeting?: { date?: unknown; attendees?: unknown; purposes?: unknown; purposeOther?: unknown };
  report?: Record<string, unknown>;
}

/** S002 §25-1: 2,000 単位 per user and month. */
export const TAISEI_KYOKA_UNITS = 2000;

const filled = (value: unknown) => !isBlank(value);

/** S002 §25-1 「計画相談支援対象障害者等の同意を得て」: without the person's consent the addition cannot be claimed. */
const consent = defineRule<KirokuData>({
  id: 'TK-CONSENT',
  severity: 'error',
  source: 'S002 §25-1',
  message: 'TK-CONSENT',
  check: ({ data }) => (data.consent === true ? [] : [{ path: 'consent' }]),
});

/**
 * S002 §25-1 「福祉サービス等を提供する事業者のうちいずれか3者以上と共同して」: at least three organisations besides the
 * office itself. Organisations are counted as identities (distinct.ts: NFKC, without spaces), so 「○○ クリニック」,
 * 「○○　クリニック」 and 「○○クリニック」 are one, and so are 「ＡＢＣ病院」 and 「ABC病院」.
 * §25-4 問20: 医療機関・教育機関・自治会等 count as well, so any organisation name is accepted.
 */
const three = defineRule<KirokuData>({
  id: 'TK-THREE',
  severity: 'error',
  source: 'S002 §25-1, §25-4 問20',
  message: 'TK-THREE',
  check({ data }) {
    const attendees = data.meeting?.attendees;
    if (!Array.isArray(attendees)) return []; // missing list: G-REQUIRED
    const own = typeof data.office?.name === 'string' ? identityKey(data.office.name) : '';
    const others = new Set<string>();
    for (const a of attendees as Attendee[]) {
      if (typeof a?.organization !== 'string') continue;
      const org = identityKey(a.organization);
      if (org !== '' && org !== own) others.add(org);
    }
    return others.size >= 3 ? [] : [{ path: 'meeting.attendees', params: { count: others.size } }];
  },
});

const REPORT_KEYS = ['councilName', 'date', 'reporter', 'opinion', 'discussion', 'impressions'] as const;
const REPORT_REQUIRED = ['councilName', 'date', 'reporter'] as const;

/**
 * S002 §27 <以下、自立支援協議会に報告後に記載>: the report part is blank until the 協議会 has heard the case; once any of
 * it is written, 【報告状況】 (協議会名・報告年月日・報告者) must be complete, and the report cannot precede the meeting
 * (§25-1: 共同して…行った上で、協議会に…報告).
 */
const report = defineRule<KirokuData>({
  id: 'TK-REPORT',
  severity: 'error',
  source: 'S002 §27, §25-1',
  message: 'TK-REPORT-INCOMPLETE',
  check({ data, definition }) {
    const r = data.report;
    if (!r || typeof r !== 'object' || !REPORT_KEYS.some((k) => filled(r[k]))) return [];
    // The message already says 報告状況, so name the item by its own printed label.
    const hits: RuleHit[] = REPORT_REQUIRED.filter((k) => !filled(r[k])).map((k) => ({
      path: `report.${k}`,
      params: { label: fieldAt(definition, `report.${k}`)?.label },
    }));
    const reported = isoDate(r.date);
    const met = isoDate(data.meeting?.date);
    if (reported && met && reported < met)
      hits.push({ path: 'report.date', code: 'TK-REPORT-BEFORE', params: { report: formatWareki(reported), meeting: formatWareki(met) } });
    return hits;
  },
});

export const ichikawaTaiseiKyokaKirokuRules: FormRules<KirokuData> = {
  rules: [consent, three, report],
  compute(data) {
    const computed: Record<string, unknown> = { units: TAISEI_KYOKA_UNITS }; // TK-UNITS, S002 §25-1
    const birth = isoDate(data.user?.birthDate);
    const met = isoDate(data.meeting?.date);
    if (birth && met && birth < met) computed['user.age'] = ageOn(birth, met); // TK-AGE
    return computed;
  },
};

export default ichikawaTaiseiKyokaKirokuRules;
