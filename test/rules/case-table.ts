/**
 * The shape of a rule case table (`test/rules/<form-id>.cases.ts`): named cases, each a change to the form's valid example
 * and the exact rule ids (and, for some, the exact Japanese messages and computed values) it must produce.
 */
import fs from 'node:fs';

export interface RuleCase {
  /** A sentence a city official can check: 「(c) が (a)×100 を超えると提出できない」. */
  name: string;
  /** Changes the example (a deep copy) into the case's data. */
  change: (data: any) => void;
  /** Exactly these error rule ids (sorted, unique) — [] for a valid document. */
  errors: string[];
  /** Exactly these warning rule ids; omitted → not checked. */
  warnings?: string[];
  /** Computed values that must be present with these values. */
  computed?: Record<string, unknown>;
  /** Exact messages by rule id (the first finding of that rule). */
  messages?: Record<string, string>;
  /** Exact paths by rule id (every finding of that rule, in order). */
  paths?: Record<string, string[]>;
  /** Today's date for this case (default: the table's). */
  today?: string;
}

export interface CaseTable {
  form: string;
  today: string;
  cases: RuleCase[];
}

export function example(form: string): any {
  return JSON.parse(fs.readFileSync(new URL(`../../examples/${form}.json`, import.meta.url), 'utf8'));
}
