/**
 * countDistinctAtLeast: a list holds at least N different things, counted by key (one office written twice is one office;
 * a row whose key is not filled in cannot be matched and counts on its own — its blank is the field's own finding). An
 * empty list is the list's own finding (G-REQUIRED), so this rule says nothing about it.
 */
import { distinctRows, rowsAt } from '../common/distinct.ts';
import type { DeclaredKind } from './kind.ts';

export const countDistinctAtLeast: DeclaredKind<'countDistinctAtLeast'> = {
  check(rule, { data }) {
    const rows = rowsAt(data, rule.list);
    if (rows.length === 0) return [];
    const count = distinctRows(rows, rule.key).length;
    return count >= rule.atLeast ? [] : [{ path: rule.list, params: { [rule.countParam]: count } }];
  },
  paths: (rule) => (rule.key.length ? rule.key.map((k) => `${rule.list}.*.${k}`) : [rule.list]),
};
