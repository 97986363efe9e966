/** requiredIf: a path must be filled in when a condition on another path holds (「その他」 → its description). */
import type { RuleCondition } from '../../forms/declared-rules.ts';
import { getAt, isBlank } from '../../forms/fields.ts';
import type { DeclaredKind } from './kind.ts';

export function conditionHolds(condition: RuleCondition, data: unknown): boolean {
  const value = getAt(data, condition.path);
  if ('equals' in condition) return value === condition.equals;
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  return !isBlank(value);
}

export const requiredIf: DeclaredKind<'requiredIf'> = {
  check: (rule, { data }) => (conditionHolds(rule.when, data) && isBlank(getAt(data, rule.path)) ? [{ path: rule.path }] : []),
  paths: (rule) => [rule.path, rule.when.path],
};
