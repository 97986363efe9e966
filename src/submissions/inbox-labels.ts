/**
 * How the inbox names things a clerk reads: a resubmission's flag, and the person behind an event — by 事業所名 or as the
 * city's staff, never the raw actor id (`office:1212345678#1a6528d9120f`) the audit keeps.
 */
import { municipalityName } from '../store/receipt-number.ts';

/** 「再提出（第2版）」 for a revision after a 差戻し; '' for a first filing. */
export const revisionFlag = (revision: number) => (revision > 1 ? `再提出（第${revision}版）` : '');

/**
 * The actor of an event as a person reads it. `office:<番号>#…` is the office (its 事業所名 when the filing gives one);
 * `city:<市>#…` the city's staff; a person signed in (`person:…`) by the name the caller knows; anything else (the CLI,
 * the demo seed) as the system.
 */
export function actorLabel(actor: string, known: { officeName?: string; personName?: (actor: string) => string | undefined } = {}): string {
  const office = /^office:(\d{10})#/.exec(actor);
  if (office) return known.officeName ? `${known.officeName}（事業所）` : `事業所番号 ${office[1]} の事業所`;
  const city = /^city:([a-z0-9-]+)#/.exec(actor);
  if (city) return `${municipalityName(city[1])}の担当者`;
  const person = known.personName?.(actor);
  if (person) return person;
  return 'システム';
}
