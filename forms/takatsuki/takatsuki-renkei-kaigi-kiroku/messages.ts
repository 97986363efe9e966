/** The wording of this 様式's own rules (its locale module), apart from the checks. */
import type { MessageParams } from '../../../src/messages/ja.ts';

export const messages = {
  // RM-MONTHLY on submission (S000 Q13, Q15, S001 「いずれも1月に1回を限度」): the earlier record is already filed.
  claimStored: (p: MessageParams) =>
    `加算対象児「${p.name ?? ''}」（通所受給者証番号 ${p.certificate}）の${p.month}の記録（報告書）は、受付番号 ${p.receipt} で提出済みです。事業所間連携加算は(Ⅰ)(Ⅱ)とも1月に1回を限度とするため、同じ月の2回目の会議では算定できません。`,
};
