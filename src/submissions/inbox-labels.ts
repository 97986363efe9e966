/**
 * How the inbox names things a clerk reads: a resubmission's flag, and the person behind an event — by 事業所名 or as the
 * city's staff, never the raw actor id (`office:1212345678#1a6528d9120f`) the audit keeps.
 */
import { municipalityName } from '../store/receipt-number.ts';

/** 「再提出（第2版）」 for a revision after a 差戻し; '' for a first filing. */
export const revisionFlag = (revision: number) => (revision > 1 ? `再提出（第${revision}版）` : '');

/** `office:1212345678/person:ab12…` (a signed-in person, src/submissions/people.ts) → `ab12…`; a token's actor has none. */
export const personIdOfActor = (actor: string): string | undefined => /\/person:([0-9a-f]+)$/.exec(actor)?.[1];

/**
 * The actor of an event as a person reads it. An office (`office:<番号>#<token>` or `office:<番号>/person:<id>`) by its
 * 事業所名 when the filing gives one; the city's staff (`city:<市>…`) as 「市川市の担当者」; a signed-in person by their
 * name too, when the caller knows it; anything else (the CLI, the demo seed) as the system.
 */
export function actorLabel(actor: string, known: { officeName?: string; personName?: (actor: string) => string | undefined } = {}): string {
  const name = known.personName?.(actor);
  const office = /^office:(\d{10})[#/]/.exec(actor);
  if (office) {
    const where = known.officeName ? `${known.officeName}（事業所）` : `事業所番号 ${office[1]} の事業所`;
    return name ? `${name}（${where.replace(/（事業所）$/, '')}）` : where;
  }
  const city = /^city:([a-z0-9-]+)[#/]/.exec(actor);
  if (city) return name ? `${name}（${municipalityName(city[1])}）` : `${municipalityName(city[1])}の担当者`;
  return 'システム';
}
