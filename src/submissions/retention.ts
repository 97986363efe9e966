/**
 * Retention: filed records are kept 5 years (S002 §24-3(3), §25-3(3): 「作成した記録は5年間保存する」), then removed by
 * `yoshiki purge --older-than 5y`. A settled submission (受理 or 差戻し) whose last activity is older than the period goes,
 * with its documents, attachments, events and notice; the audit log records the purge by receipt number only.
 */
import type { PurgeReport, SubmissionStore } from '../store/types.ts';
import { jstIso, systemClock, type Clock } from './clock.ts';
import { SubmissionError } from './errors.ts';

export const RETENTION_DEFAULT = '5y';
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `5y`, `18m`, `30d` → the moment that long before `now`. */
export function retentionCutoff(olderThan: string, now: Date): Date {
  const match = /^(\d{1,3})([ymd])$/.exec(olderThan.trim());
  if (!match || Number(match[1]) === 0)
    throw new SubmissionError('RETENTION_PERIOD', `--older-than は「5y」（年）、「18m」（月）、「30d」（日）の形で指定してください（指定された値：「${olderThan}」）。`);
  const n = Number(match[1]);
  // Count years, months and days on the Japanese calendar: shift to JST, step the UTC fields, shift back.
  const cutoff = new Date(now.getTime() + JST_OFFSET_MS);
  if (match[2] === 'y') cutoff.setUTCFullYear(cutoff.getUTCFullYear() - n);
  else if (match[2] === 'm') cutoff.setUTCMonth(cutoff.getUTCMonth() - n);
  else cutoff.setUTCDate(cutoff.getUTCDate() - n);
  return new Date(cutoff.getTime() - JST_OFFSET_MS);
}

export async function purgeExpired(
  store: SubmissionStore,
  options: { olderThan?: string; dryRun?: boolean; actor?: string; clock?: Clock } = {},
): Promise<PurgeReport> {
  const now = (options.clock ?? systemClock)();
  const olderThan = options.olderThan ?? RETENTION_DEFAULT;
  const cutoff = jstIso(retentionCutoff(olderThan, now));
  return store.purge(cutoff, { dryRun: options.dryRun ?? false, at: jstIso(now), actor: options.actor ?? 'cli', olderThan });
}
