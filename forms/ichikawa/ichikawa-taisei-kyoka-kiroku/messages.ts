/** The wording of this 様式's own rules (its locale module), apart from the checks. */
import type { MessageParams } from '../../../src/messages/ja.ts';

export const messages = {
  // TK-MONTHLY on submission (S002 §25-1 「1月に1回を限度として」): the earlier record is one the office has already filed.
  monthlyStored: (p: MessageParams) =>
    `利用者「${p.name ?? ''}」（生年月日 ${p.birth}）の${p.month}の記録書は、受付番号 ${p.receipt} で提出済みです。地域体制強化共同支援加算は1月に1回を限度とします。`,
};
