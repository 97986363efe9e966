/**
 * Rules of ichikawa-kyoten-toroku-tsuchi — 市川市地域生活支援拠点等登録通知書 (S002 §27; procedure §4-3).
 *
 * The city issues it when it places an office filed with the 届出書 in its 地域生活支援拠点等一覧表. Everything but the
 * city's decision (通知日, 位置付けた日, 宛名) is carried over from the filing (src/derive/derive-notice.ts).
 */
import { noticeDatesRule } from '../../../src/rules/common/notice-dates.ts';
import type { FormRules } from '../../../src/rules/rule.ts';

export const ichikawaKyotenTorokuTsuchiRules: FormRules = {
  rules: [noticeDatesRule(['designatedOn', 'issuedOn'])],
};

export default ichikawaKyotenTorokuTsuchiRules;
