/**
 * Rules across documents filed or produced together (a bundle, a batch, a city's inbox). Like the single-form rules they
 * are small pure functions with an id, a severity, a seed reference and a message code; a hit names the document it is on.
 */
import { formatWareki } from '../text/wareki.ts';
import { normalizeSpacesForCompare } from '../text/characters.ts';
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

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const monthWareki = (date: string) => formatWareki(`${date.slice(0, 7)}-01`).replace(/1日$/, '');
const birthWareki = (birth: string) => (ISO.test(birth) ? formatWareki(birth) : birth);

/**
 * 「1月に1回を限度」 across documents of one 様式: a document whose person (any of its identities) already has one in the
 * same calendar month of `date` is a hit naming the first (`other`, 1-based). Causal: a hit on document n depends only on
 * documents 1…n, so a batch can check its rows block by block (src/batch/cross-row.ts).
 */
// any: a document's normalised data, as BundleDocument carries it; read with optional chaining and type checks only.
function oncePerMonth(spec: {
  id: string;
  source: string;
  message: MessageCode;
  form: string;
  /** The document's month-deciding date path (the finding's path). */
  path: string;
  date: (data: Record<string, any>) => unknown;
  /** Every key that names the person; undefined when the document does not say who it is (the schema reports that). */
  identities: (data: Record<string, any>) => string[] | undefined;
  params: (data: Record<string, any>, date: string) => MessageParams;
}): BundleRule {
  return {
    id: spec.id,
    severity: 'error',
    source: spec.source,
    message: spec.message,
    check(documents) {
      const seen = new Map<string, number>();
      const hits: BundleHit[] = [];
      documents.forEach((d, i) => {
        if (d.form !== spec.form) return;
        const date = spec.date(d.data);
        const identities = spec.identities(d.data);
        if (typeof date !== 'string' || !ISO.test(date) || !identities?.length) return;
        const keys = identities.map((id) => `${id}\u0000${date.slice(0, 7)}`);
        const first = keys.map((k) => seen.get(k)).find((n) => n !== undefined);
        if (first === undefined) for (const k of keys) seen.set(k, i);
        else hits.push({ document: i, path: spec.path, params: { ...spec.params(d.data, date), other: first + 1 } });
      });
      return hits;
    },
  };
}

/** TK-MONTHLY (S002 §25-1 「1月に1回を限度として」): one 記録書 per 利用者 (氏名 + 生年月日) per calendar month of the meeting. */
export const oncePerUserPerMonth: BundleRule = oncePerMonth({
  id: 'TK-MONTHLY',
  source: 'S002 §25-1',
  message: 'TK-MONTHLY',
  form: 'ichikawa-taisei-kyoka-kiroku',
  path: 'meeting.date',
  date: (data) => data.meeting?.date,
  identities(data) {
    const { name, birthDate } = data.user ?? {};
    return typeof name === 'string' && typeof birthDate === 'string' ? [`${normalizeSpacesForCompare(name)}\u0000${birthDate}`] : undefined;
  },
  params: (data, date) => ({ name: data.user.name, birth: birthWareki(data.user.birthDate), month: monthWareki(date) }),
});

/**
 * RM-MONTHLY (S000 Q13 「事業所間連携加算(Ⅰ)500単位(月１回を限度)」, Q15 「(Ⅱ)150単位(月１回を限度)」; S001 「いずれも1月に1回を
 * 限度」): the claims of one 記録（報告書） are the child's claims for the month of the meeting, so a second record for the
 * same 加算対象児 in the same month would claim (Ⅰ) and (Ⅱ) again. The child is the same when the 通所受給者証番号 is, or when
 * 氏名 and 生年月日 are (a mistyped number does not make another child).
 */
export const claimOncePerChildPerMonth: BundleRule = oncePerMonth({
  id: 'RM-MONTHLY',
  source: 'S000 Q13, Q15, S001',
  message: 'RM-MONTHLY',
  form: 'takatsuki-renkei-kaigi-kiroku',
  path: 'meeting.date',
  date: (data) => data.meeting?.date,
  identities(data) {
    const { name, birthDate, certificateNumber } = data.child ?? {};
    const keys: string[] = [];
    if (typeof certificateNumber === 'string' && certificateNumber.trim() !== '') keys.push(`受給者証\u0000${certificateNumber.trim()}`);
    if (typeof name === 'string' && name.trim() !== '' && typeof birthDate === 'string') keys.push(`氏名\u0000${normalizeSpacesForCompare(name)}\u0000${birthDate}`);
    return keys;
  },
  params: (data, date) => ({ name: data.child?.name, certificate: data.child?.certificateNumber, month: monthWareki(date) }),
});

export const bundleRules: BundleRule[] = [filedWithKyotenTodokede, oncePerUserPerMonth, claimOncePerChildPerMonth];
