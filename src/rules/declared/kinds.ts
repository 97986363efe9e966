/**
 * The kinds of declared rule, one evaluator module each. A definition names a kind in `kind`; a kind missing here is
 * refused when the definition loads (the zod format in src/forms/declared-rules.ts lists the same kinds).
 */
import type { DeclaredRule, DeclaredRuleKind } from '../../forms/declared-rules.ts';
import { atLeastOneOf } from './at-least-one-of.ts';
import { countDistinctAtLeast } from './count-distinct-at-least.ts';
import { dateOrder } from './date-order.ts';
import { distinctRowsKind } from './distinct-rows.ts';
import type { DeclaredKind } from './kind.ts';
import { mentionsOneOf } from './mentions-one-of.ts';
import { monthOnce } from './month-once.ts';
import { requiredIf } from './required-if.ts';
import { sumAtMost } from './sum-at-most.ts';

export const DECLARED_KINDS: { [K in DeclaredRuleKind]: DeclaredKind<K> } = {
  requiredIf,
  atLeastOneOf,
  distinctRows: distinctRowsKind,
  countDistinctAtLeast,
  sumAtMost,
  dateOrder,
  mentionsOneOf,
  monthOnce,
};

/** The evaluator of a rule's kind, typed for that rule. */
export const kindOf = <R extends DeclaredRule>(rule: R): DeclaredKind<R['kind']> => DECLARED_KINDS[rule.kind] as DeclaredKind<R['kind']>;
