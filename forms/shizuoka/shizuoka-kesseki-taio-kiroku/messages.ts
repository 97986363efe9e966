/**
 * The wording of this 様式's own rules (its locale module): what a person reads. Both rules are declared in definition.json
 * (S004 5(3)オ・6(3)カ): SZ-KESSEKI-CONTACT (dateOrder — the contact came on the absence day, the day before or the day
 * before that, counted in the office's open days) and SZ-KESSEKI-RECORD (mentionsOneOf — the record says what help was
 * given, not only that the person will be absent).
 */
import type { MessageParams } from '../../../src/messages/ja.ts';

export const messages = {
  contactAfterAbsence: (p: MessageParams) =>
    `「受付日」${p.received} が「欠席日（利用予定日）」${p.absent} より後です。欠席時対応加算は、利用を中止した日の前々日、前日又は当日に受けた連絡についてのみ算定できます。日付を確かめてください。`,
  contactTooEarly: (p: MessageParams) =>
    `「受付日」${p.received} は「欠席日（利用予定日）」${p.absent} の${p.days}営業日前です。欠席時対応加算は、利用を中止した日の前々日、前日又は当日に受けた連絡についてのみ算定できます（事業所休業日は数えません）。休業日があれば「受付日から欠席日までの事業所休業日」に入力してください。`,
  recordOnlyAbsence: () =>
    '「相談援助の内容」に、利用者又は家族等に伝えたこと・確認したことが書かれていません。欠席の連絡があったことのみの記録では算定できません。行った相談援助の内容（例：受診を勧めた、次回の利用について伝えた）を記録してください。',
};
