/**
 * Rules of ichikawa-kyoten-haishi-tsuchi — 市川市地域生活支援拠点等廃止通知書 (S002 §27; procedure §4-1 ※, §4-3).
 *
 * Issued for a 廃止届出. The notice's sentence names no filing date, but the date is kept (not printed) so that the
 * city's dates can be checked against it: the city abolishes the placement only after the 廃止届 has arrived.
 */
import { noticeDatesRule } from '../../../src/rules/common/notice-dates.ts';
import type { FormRules } from '../../../src/rules/rule.ts';

export const ichikawaKyotenHaishiTsuchiRules: FormRules = {
  rules: [noticeDatesRule(['abolishedOn', 'issuedOn'])],
};

export default ichikawaKyotenHaishiTsuchiRules;
