/**
 * Server time in Japan. 受付日時 and every event are stamped by the server clock (never by the client) as ISO 8601 with
 * +09:00, so they read as Japanese local time and still sort as strings.
 */
import { formatWareki } from '../text/wareki.ts';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** 2026-05-20T14:03:11+09:00 */
export function jstIso(now: Date): string {
  const shifted = new Date(now.getTime() + JST_OFFSET_MS).toISOString(); // 2026-05-20T05:03:11.123Z shifted by 9 h
  return `${shifted.slice(0, 19)}+09:00`;
}

/** The calendar year in Japan (receipt numbers restart each year). */
export function jstYear(now: Date): number {
  return Number(jstIso(now).slice(0, 4));
}

/** A JST ISO stamp as a person reads it: 2026-05-20T14:03:11+09:00 → 「令和8年5月20日 14時03分（日本時間）」. */
export function warekiDateTime(iso: string): string {
  return `${formatWareki(iso.slice(0, 10))} ${jstTimeOfDay(iso)}（日本時間）`;
}

/** The time of day of a JST ISO stamp as printed: 2026-05-20T14:03:11+09:00 → 「14時03分」. */
export function jstTimeOfDay(iso: string): string {
  return `${Number(iso.slice(11, 13))}時${iso.slice(14, 16)}分`;
}

/** A JST ISO stamp as a clerk reads it: 2024-06-20T10:00:01+09:00 → 「令和6年6月20日 10時00分」. */
export function jstWarekiDateTime(iso: string): string {
  return `${formatWareki(iso.slice(0, 10))} ${jstTimeOfDay(iso)}`;
}
