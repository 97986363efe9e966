/**
 * F-START (S002 §6-5): a 加算 filed with the 指定権者 by the 15th may be claimed from the next month's service; filed on
 * the 16th or later, from the month after that.
 */
import { addMonths, monthOf } from './wareki.ts';

export function billingStartMonth(filedOn: string): string {
  const day = Number(filedOn.slice(8, 10));
  return addMonths(monthOf(filedOn), day <= 15 ? 1 : 2);
}
