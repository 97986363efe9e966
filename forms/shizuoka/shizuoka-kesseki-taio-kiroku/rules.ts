/**
 * Rules of shizuoka-kesseki-taio-kiroku — 欠席時対応加算 相談援助記録 (静岡市 集団指導資料, S004 5(3)オ・6(3)カ).
 *
 * The addition pays for the 相談援助 given when a person cancels a planned day: only for a contact received on the day
 * itself, the day before or the day before that — counted in the office's open days (the seed's example: a contact on
 * Friday counts as 前々日 for the following Tuesday when Saturday and Sunday are closed) — and only when the record
 * says what help was given, not merely that the person will be absent.
 */
import { defineRule, type FormRules, type RuleHit } from '../../../src/rules/rule.ts';
import { messages } from './messages.ts';

interface Data {
  absentOn?: string;
  receivedOn?: string;
  closedDays?: string[];
  support?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const shown = (iso: string) => iso.replaceAll('-', '/');

/** Open days after the contact up to and including the absence day: 0 = 当日, 1 = 前日, 2 = 前々日. */
export function openDaysBefore(receivedOn: string, absentOn: string, closedDays: string[]): number {
  const closed = new Set(closedDays);
  let days = 0;
  for (let t = utc(receivedOn) + DAY_MS; t <= utc(absentOn); t += DAY_MS) if (!closed.has(new Date(t).toISOString().slice(0, 10))) days++;
  return days;
}

// S004 5(3)オ・6(3)カ: 「利用を中止した日の前々日、前日又は当日に連絡があった場合について算定できる」
const contactInTime = defineRule<Data>({
  id: 'SZ-KESSEKI-CONTACT',
  severity: 'error',
  source: 'S004 5(3)オ・6(3)カ 欠席時対応加算',
  message: messages.contactTooEarly,
  check: ({ data }): RuleHit[] => {
    const { receivedOn, absentOn } = data;
    if (!receivedOn || !absentOn || !ISO.test(receivedOn) || !ISO.test(absentOn)) return [];
    const params = { received: shown(receivedOn), absent: shown(absentOn) };
    if (receivedOn > absentOn) return [{ path: 'receivedOn', code: messages.contactAfterAbsence, params }];
    const days = openDaysBefore(receivedOn, absentOn, (data.closedDays ?? []).filter((d) => ISO.test(d)));
    return days > 2 ? [{ path: 'receivedOn', params: { ...params, days } }] : [];
  },
});

/** Words that show an exchange with the person or the family (S004: 「欠席の連絡があったことのみの記録では不十分」). */
const EXCHANGE = ['伝え', '助言', '確認', '相談', '勧め', 'すすめ', '話し', '聞き取', '提案', '促し'];

const recordsSupport = defineRule<Data>({
  id: 'SZ-KESSEKI-RECORD',
  severity: 'warning',
  source: 'S004 5(3)オ・6(3)カ 「相談援助の内容を記録すること（欠席の連絡があったことのみの記録では不十分）」',
  message: messages.recordOnlyAbsence,
  check: ({ data }) => (data.support && !EXCHANGE.some((w) => data.support!.includes(w)) ? [{ path: 'support' }] : []),
});

export default { rules: [contactInTime, recordsSupport] } satisfies FormRules<Data>;
