/**
 * Rules across documents filed or produced together (a bundle, a batch, a city's inbox). Like the single-form rules they
 * are small pure functions with an id, a severity, a seed reference and a message code; a hit names the document it is on.
 */
import { formatWareki } from './common/wareki.ts';
import { normalizeSpacesForCompare } from './common/characters.ts';
import type { MessageCode, MessageParams } from '../messages/ja.ts';
import type { Severity } from './rule.ts';

export interface BundleDocument {
  form: string;
  /** Normalised data (ISO dates, ASCII codes). */
  data: Record<string, any>;
}

export interface BundleHit {
  /** Index of the document the finding belongs to. */
  document: number;
  path: string;
  params?: MessageParams;
}

export interface BundleRule {
  id: string;
  severity: Severity;
  source: string;
  message: MessageCode;
  check(documents: BundleDocument[]): BundleHit[];
}

const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && normalizeSpacesForCompare(a) === normalizeSpacesForCompare(b);

/**
 * KK-BUNDLE (S002 §26-10, §27 note 「本様式は、市川市地域生活支援拠点等届出書と併せて市に提出すること。」): a 機能強化加算
 * 届出書 travels with a 拠点届出書 of the same office (事業所名, or else 事業者名 = 申請者名称).
 */
export const filedWithKyotenTodokede: BundleRule = {
  id: 'KK-BUNDLE',
  severity: 'error',
  source: 'S002 §26-10, §27',
  message: 'KK-BUNDLE',
  check(documents) {
    const todokede = documents.filter((d) => d.form === 'ichikawa-kyoten-todokede');
    return documents.flatMap((d, i) => {
      if (d.form !== 'ichikawa-kino-kyoka') return [];
      const matched = todokede.some((t) => same(t.data.office?.name, d.data.officeName) || same(t.data.applicant?.name, d.data.operatorName));
      return matched ? [] : [{ document: i, path: '', params: { office: d.data.officeName } }];
    });
  },
};

/** TK-MONTHLY (S002 §25-1 「1月に1回を限度として」): one 記録書 per 利用者 (氏名 + 生年月日) per calendar month of the meeting. */
export const oncePerUserPerMonth: BundleRule = {
  id: 'TK-MONTHLY',
  severity: 'error',
  source: 'S002 §25-1',
  message: 'TK-MONTHLY',
  check(documents) {
    const seen = new Map<string, number>();
    const hits: BundleHit[] = [];
    documents.forEach((d, i) => {
      if (d.form !== 'ichikawa-taisei-kyoka-kiroku') return;
      const { name, birthDate } = d.data.user ?? {};
      const date = d.data.meeting?.date;
      if (typeof name !== 'string' || typeof birthDate !== 'string' || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
      const key = `${normalizeSpacesForCompare(name)}\u0000${birthDate}\u0000${date.slice(0, 7)}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        hits.push({
          document: i,
          path: 'meeting.date',
          params: { name, birth: /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? formatWareki(birthDate) : birthDate, month: `${formatWareki(`${date.slice(0, 7)}-01`).replace(/1日$/, '')}`, other: first + 1 },
        });
    });
    return hits;
  },
};

export const bundleRules: BundleRule[] = [filedWithKyotenTodokede, oncePerUserPerMonth];
