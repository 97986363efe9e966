/**
 * What a rule is: a small pure function with a stable id (rules.md), a severity, its seed reference and a message code.
 * Rules read normalised data and today's date (an argument: never the clock) and return hits; the engine turns a hit into a
 * finding with the Japanese message.
 */
import type { FormDefinition } from '../forms/definition.ts';
import type { MessageCode, MessageParams, MessageTemplate } from '../messages/ja.ts';

export type Severity = 'error' | 'warning';

/** One finding of the result contract. `path` is dotted (`allocations.2.count`); '' means the whole document. */
export interface Finding {
  rule: string;
  severity: Severity;
  path: string;
  message: string;
}

export interface RuleHit {
  path: string;
  /** Overrides the rule's default message code (a rule with several distinct failures). */
  code?: MessageCode | MessageTemplate;
  params?: MessageParams;
}

export interface RuleContext<Data = Record<string, unknown>> {
  data: Data;
  definition: FormDefinition;
  /** ISO date of "today" in Japan, given by the caller. */
  today: string;
  computed: Record<string, unknown>;
}

export interface Rule<Data = any> {
  id: string;
  severity: Severity;
  /** Where the rule comes from: seed and section (S002 §26-1). */
  source: string;
  /** A code of src/messages/ja.ts, or a template from the 様式 folder's own messages.ts. */
  message: MessageCode | MessageTemplate;
  check(ctx: RuleContext<Data>): RuleHit[];
}

/** A form's rules module: its cross-field rules and the values it derives. */
export interface FormRules<Data = any> {
  rules: Rule<Data>[];
  compute?(data: Data, today: string): Record<string, unknown>;
  /** Which rule id checks each computed key, when the input carries it (for G-COMPUTED findings). */
}

export function defineRule<Data>(rule: Rule<Data>): Rule<Data> {
  return rule;
}
