/**
 * Rules across the rows of one batch. A batch holds one 様式, so only the rules that compare documents of that same 様式
 * apply: the `monthOnce` rules its definition declares (src/rules/declared/month-once.ts) — TK-MONTHLY (S002 §25-1, one
 * 記録書 per 利用者 per month), RM-MONTHLY (S000 Q13, Q15, S001: one 様式3 記録 per 加算対象児 per month). KK-BUNDLE is
 * left out on purpose: it asks that a 機能強化加算届出書 travel with a *different* 様式, which a one-様式 batch never holds, so
 * it would refuse every row.
 *
 * Rows arrive in blocks, in order. These rules are causal — a finding on row n depends only on rows 1…n (the first record
 * of the month counts, later ones are refused) — so checking the rows so far plus the new block gives the same findings as
 * checking the whole file at once, and a row can be rendered as soon as its block is checked.
 */
import { message } from '../messages/ja.ts';
import type { FormDefinition } from '../forms/definition.ts';
import type { BundleDocument, BundleRule } from '../rules/bundle.ts';
import { declaredBundleRules } from '../rules/declared/index.ts';
import type { Finding } from '../rules/rule.ts';

export class CrossRowCheck {
  private readonly rules: BundleRule[];
  /** Normalised data of every row so far (index = row − 1, so a rule's 「n件目」 is the row number); kept only when a rule needs it. */
  private readonly documents: BundleDocument[] = [];

  private readonly formId: string;

  constructor(definition: FormDefinition) {
    this.formId = definition.id;
    this.rules = declaredBundleRules(definition);
  }

  /** Findings for each row of the block (rows in order; a row that could not be read is passed as undefined). */
  check(block: (Record<string, unknown> | undefined)[]): Finding[][] {
    const findings: Finding[][] = block.map(() => []);
    if (this.rules.length === 0) return findings;
    const offset = this.documents.length;
    for (const data of block) this.documents.push({ form: this.formId, data: data ?? {} });
    for (const rule of this.rules) {
      for (const hit of rule.check(this.documents)) {
        if (hit.document < offset) continue; // found, and reported, when its own block was checked
        findings[hit.document - offset].push({ rule: rule.id, severity: rule.severity, path: hit.path, message: message(rule.message, hit.params) });
      }
    }
    return findings;
  }
}
