/**
 * sumAtMost: the sum of a list's column is at most a limit computed from other fields — (c) ≦ (a)×100 (S002 §26-1). The
 * limit is a small arithmetic expression (./expression.ts), read as a tree, never run as code; its paths are data paths or
 * computed values. Only non-negative integers are summed: anything else is the cell's own finding (G-TYPE, G-RANGE).
 */
import { getAt } from '../../forms/fields.ts';
import { rowsAt } from '../common/distinct.ts';
import { isObject } from '../common/values.ts';
import type { RuleHit } from '../rule.ts';
import { evaluateExpression, expressionPaths, parseExpression, type Expression } from './expression.ts';
import type { DeclaredKind } from './kind.ts';

const parsed = new Map<string, Expression>();
const expressionOf = (source: string): Expression => {
  let tree = parsed.get(source);
  if (!tree) parsed.set(source, (tree = parseExpression(source)));
  return tree;
};

export const sumAtMost: DeclaredKind<'sumAtMost'> = {
  check(rule, { data, computed }, resolve) {
    const limit = evaluateExpression(expressionOf(rule.atMost), (p) => getAt(data, p) ?? computed[p]);
    if (limit === undefined) return [];
    const sum = rowsAt(data, rule.list).reduce<number>((total, row) => {
      const v = isObject(row) ? row[rule.column] : undefined;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? total + v : total;
    }, 0);
    if (sum <= limit) return [];
    const hit: RuleHit = { path: rule.list, params: { [rule.sumParam]: sum, [rule.limitParam]: limit } };
    return [limit === 0 && rule.messageWhenNoLimit ? { ...hit, code: resolve(rule.messageWhenNoLimit) } : hit];
  },
  paths: (rule) => [`${rule.list}.*.${rule.column}`, ...expressionPaths(expressionOf(rule.atMost))],
  messages: (rule) => (rule.messageWhenNoLimit ? [rule.messageWhenNoLimit] : []),
};
