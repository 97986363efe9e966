/**
 * F-START (S002 §6-5): a 加算 filed with the 指定権者 by the 15th may be claimed from the next month's service; filed on
 * the 16th or later, from the month after that.
 *
 * Which filing that is depends on who designated the service (S002 §6-5 「指定を受けた行政庁」): for 特定相談支援
 * (計画相談支援) and 障害児相談支援 it is 市川市長, so the filing to 市川市 is itself the filing to the 指定権者 (「6-5.の手續は
 * 行う必要はありません」) and its date decides the month. For every 障害福祉サービス and 一般相談支援 (自立生活援助, 地域移行支援,
 * 地域定着支援 …) it is 千葉県知事: the month follows the later filing to 千葉県, with the 登録通知書 attached, which no
 * 市川市 form carries — so it is never computed from the city filing (F-START-PREF says so instead).
 */
import { addMonths, monthOf, parseDateInput } from '../../text/wareki.ts';

export function billingStartMonth(filedOn: string): string {
  const day = Number(filedOn.slice(8, 10));
  return addMonths(monthOf(filedOn), day <= 15 ? 1 : 2);
}

/** S002 §6-5: services whose 指定権者 is 市川市長 (特定相談支援事業 = 計画相談支援, 障害児相談支援事業). */
export const CITY_DESIGNATED_SERVICES: readonly string[] = ['計画相談支援', '障害児相談支援'];

/** `{ billingStartMonth }` from a real ISO date only (an impossible one is G-DATE's to report), else `{}`. */
export function filingStart(filedOn: unknown): Record<string, string> {
  if (typeof filedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(filedOn) || !parseDateInput(filedOn).ok) return {};
  return { billingStartMonth: billingStartMonth(filedOn) };
}
