/**
 * N-DATES, shared by the three notices the city issues (登録通知書, 変更登録通知書, 廃止通知書).
 *
 * S002 §4-3: 「届出を受けた市は、当該事業所を…位置付けたときは、申請者に対しその旨を通知する」 — the city decides and
 * notifies only after it has received the filing, so neither the decision's date (位置付けた日 / 位置付けを廃止した日) nor
 * the notice's date (通知日) can be earlier than the day the filing arrived (`filedOn`).
 */
import { formatWareki } from '../../text/wareki.ts';
import { defineRule, type Rule, type RuleHit } from '../rule.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isIso = (v: unknown): v is string => typeof v === 'string' && ISO.test(v);

/** The 和暦 the notice's sentence prints for the filing date; the paper's blank 「年 月 日」 when it is not known. */
export function filedOnWareki(filedOn: unknown): string {
  if (!isIso(filedOn)) return '　　年　　月　　日';
  try {
    return formatWareki(filedOn);
  } catch {
    return '　　年　　月　　日';
  }
}

/** N-DATES for a notice whose city dates are `dateKeys` (in printed order). */
export function noticeDatesRule(dateKeys: readonly string[]): Rule<Record<string, unknown>> {
  return defineRule<Record<string, unknown>>({
    id: 'N-DATES',
    severity: 'error',
    source: 'S002 §4-3',
    message: 'N-DATES',
    check({ data }) {
      const filedOn = data?.filedOn;
      if (!isIso(filedOn)) return [];
      const hits: RuleHit[] = [];
      for (const key of dateKeys) {
        const date = data[key];
        // ISO strings compare in calendar order.
        if (isIso(date) && date < filedOn) hits.push({ path: key, params: { date: filedOnWareki(date), filedOn: filedOnWareki(filedOn) } });
      }
      return hits;
    },
  });
}
