/**
 * Rules across documents filed or produced together (a bundle, a batch, a city's inbox). Like the single-form rules they
 * are small pure functions with an id, a severity, a seed reference and a message code; a hit names the document it is on.
 */
import { normalizeSpacesForCompare } from '../text/characters.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { declaredBundleRules } from './declared/index.ts';
import type { BundleRule } from './bundle-rule.ts';

export type { BundleDocument, BundleHit, BundleRule } from './bundle-rule.ts';

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

/**
 * The rules across the documents of these 様式: KK-BUNDLE, and each definition's declared `monthOnce` rules (TK-MONTHLY,
 * RM-MONTHLY: 「1月に1回を限度」), which compare documents of their own 様式 only.
 */
export function bundleRulesFor(definitions: Iterable<FormDefinition>): BundleRule[] {
  return [filedWithKyotenTodokede, ...[...definitions].flatMap(declaredBundleRules)];
}
