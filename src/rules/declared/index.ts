/**
 * A definition's declared rules as the engine runs them: each becomes a Rule of the same shape as a rules.ts rule (id,
 * severity, seed reference, message), and each `monthOnce` a rule across documents. Messages are codes of
 * src/messages/ja.ts or templates of the folder's messages.ts (`formMessages`, found like the folders' rules.ts).
 */
import { isDeclaredRule, type DeclaredRule, type DeclaredRuleOf } from '../../forms/declared-rules.ts';
import type { FormDefinition } from '../../forms/definition.ts';
import { ja, type MessageCode, type MessageTemplate } from '../../messages/ja.ts';
import { formMessages } from '../index.ts';
import type { Rule } from '../rule.ts';
import { kindOf } from './kinds.ts';
import type { ResolveMessage } from './kind.ts';
import { monthOnceBundleRule, type MonthOnceRule } from './month-once.ts';

/** A message named in `formId`'s definition, or undefined when neither ja.ts nor the folder's messages.ts has it. */
export function findMessage(formId: string, name: string): MessageCode | MessageTemplate | undefined {
  const own = formMessages[formId]?.[name];
  if (typeof own === 'function') return own;
  return Object.hasOwn(ja, name) ? (name as MessageCode) : undefined;
}

function resolverFor(definition: FormDefinition): ResolveMessage {
  return (name) => {
    const found = findMessage(definition.id, name);
    // `yoshiki form check` refuses such a definition; a folder published without it fails loudly on first use.
    if (!found) throw new Error(`[yoshiki] forms/${definition.municipality}/${definition.id}/definition.json: message "${name}" is neither in src/messages/ja.ts nor in the folder's messages.ts`);
    return found;
  };
}

export const declaredRulesOf = (definition: FormDefinition): DeclaredRule[] => definition.rules.filter(isDeclaredRule);

function toRule(rule: DeclaredRule, definition: FormDefinition): Rule {
  const resolve = resolverFor(definition);
  const kind = kindOf(rule);
  // never: TypeScript cannot follow that `kind` was picked by this very rule's `kind`, so the union is narrowed by hand.
  return { id: rule.id, severity: rule.severity, source: rule.source, message: resolve(rule.message), check: (ctx) => kind.check(rule as never, ctx, resolve) };
}

const compiled = new WeakMap<FormDefinition, Rule[]>();

/** The definition's declared rules, as rules of one document. */
export function declaredRules(definition: FormDefinition): Rule[] {
  let rules = compiled.get(definition);
  if (!rules) compiled.set(definition, (rules = declaredRulesOf(definition).map((r) => toRule(r, definition))));
  return rules;
}

/** The definition's `monthOnce` rules, as rules across documents of that 様式 (bundle, batch, stored filings). */
export function declaredBundleRules(definition: FormDefinition): MonthOnceRule[] {
  const resolve = resolverFor(definition);
  return declaredRulesOf(definition)
    .filter((r): r is DeclaredRuleOf<'monthOnce'> => r.kind === 'monthOnce')
    .map((r) => monthOnceBundleRule(r, definition, resolve));
}
