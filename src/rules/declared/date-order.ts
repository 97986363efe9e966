/**
 * dateOrder: two or three dates in the order the procedure has them (承諾日 ≤ 提出日 ≤ 受理日; `strict`: 生年月日 < 開催日). Each pair is checked when
 * both of its dates are real dates (a blank or impossible one is the field's own finding); a pair out of order is one
 * finding, with the pair's message, on the date the pair names. `within` adds a window: the first date at most N open
 * days before the last, the office's closed days not counted (S004 「前々日、前日又は当日」, counted in 営業日).
 */
import { getAt } from '../../forms/fields.ts';
import { formatWareki } from '../../text/wareki.ts';
import { isoDate } from '../common/values.ts';
import type { RuleHit } from '../rule.ts';
import type { DeclaredKind } from './kind.ts';

const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Open days after `from` up to and including `to`: 0 = the same day, 1 = the open day before, … */
export function openDaysBetween(from: string, to: string, closedDays: string[]): number {
  const closed = new Set(closedDays);
  let days = 0;
  for (let t = utc(from) + DAY_MS; t <= utc(to); t += DAY_MS) if (!closed.has(new Date(t).toISOString().slice(0, 10))) days++;
  return days;
}

export const dateOrder: DeclaredKind<'dateOrder'> = {
  check(rule, { data }, resolve) {
    const dates = rule.dates.map((d) => isoDate(getAt(data, d.path)));
    const shown = (iso: string) => (rule.format === 'slashes' ? iso.replaceAll('-', '/') : formatWareki(iso));
    const hits: RuleHit[] = [];
    for (let i = 0; i + 1 < dates.length; i++) {
      const [earlier, later] = [dates[i], dates[i + 1]];
      if (!earlier || !later || earlier < later || (earlier === later && !rule.strict)) continue;
      const pair = rule.pairs?.[i];
      hits.push({
        path: pair?.at === 'earlier' ? rule.dates[i].path : rule.dates[i + 1].path,
        ...(pair?.message ? { code: resolve(pair.message) } : {}),
        params: { [rule.dates[i].param]: shown(earlier), [rule.dates[i + 1].param]: shown(later) },
      });
    }
    const first = dates[0];
    const last = dates[dates.length - 1];
    if (rule.within && hits.length === 0 && first && last) {
      const closed = rule.within.closedDays ? getAt(data, rule.within.closedDays) : undefined;
      const days = openDaysBetween(first, last, (Array.isArray(closed) ? closed : []).map(isoDate).filter((d): d is string => d !== undefined));
      if (days > rule.within.days) {
        const params = Object.fromEntries(rule.dates.map((d, i) => [d.param, dates[i] ? shown(dates[i]) : undefined]));
        hits.push({ path: rule.dates[0].path, params: { ...params, days } });
      }
    }
    return hits;
  },
  paths: (rule) => [...rule.dates.map((d) => d.path), ...(rule.within?.closedDays ? [rule.within.closedDays] : [])],
  messages: (rule) => (rule.pairs ?? []).flatMap((p) => (p.message ? [p.message] : [])),
};
