/**
 * Rules of ichikawa-kyoten-henko-toroku-tsuchi — 市川市地域生活支援拠点等変更登録通知書 (S002 §27; procedure §4-3).
 *
 * Issued for a 変更届出: the table shows the registration as it stands after the change (the changed items from the
 * 変更届出書, the rest from the earlier registration; src/derive/derive-notice.ts). 位置付けた日 is the date the city
 * registers the changed content, so, like 通知日, it cannot precede the 変更届出.
 */
import { noticeDatesRule } from '../../../src/rules/common/notice-dates.ts';
import type { FormRules } from '../../../src/rules/rule.ts';

export const ichikawaKyotenHenkoTorokuTsuchiRules: FormRules = {
  rules: [noticeDatesRule(['designatedOn', 'issuedOn'])],
};

export default ichikawaKyotenHenkoTorokuTsuchiRules;
