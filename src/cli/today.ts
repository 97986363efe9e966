/**
 * `--today YYYY-MM-DD`, the one reading every command shares (validate, render, demo, batch, derive, import): a real day of
 * the calendar, or a usage error (exit 2) in Japanese — never a date like 2024-02-30 taken as given, which would move
 * every deadline a rule computes from it.
 */
import { isoToday, parseDateInput } from '../text/wareki.ts';
import { InputError } from './errors.ts';

export function todayOption(value: string | undefined): string {
  if (value === undefined) return isoToday(new Date());
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDateInput(value) : undefined;
  if (!parsed?.ok || parsed.iso !== value)
    throw new InputError(`--today は実在する日付を YYYY-MM-DD の形で指定してください（例：2024-06-01、指定された値：「${value}」）。`);
  return value;
}
