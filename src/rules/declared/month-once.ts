/**
 * monthOnce: 「1月に1回を限度」 across documents of one 様式 — a document whose person (any of its identities) already has
 * one in the same calendar month of `date` is a finding on that date naming the first (`other`, 1-based). It says nothing
 * about a single document; the bundle (`validate --bundle`), the batch (row by row) and the submission (against the
 * office's stored filings) run it as a cross-document rule (src/rules/bundle.ts). Causal: a finding on document n depends
 * only on documents 1…n, so a batch can check its rows block by block.
 */
import type { DeclaredRuleOf } from '../../forms/declared-rules.ts';
import type { FormDefinition } from '../../forms/definition.ts';
import { fieldAt, getAt } from '../../forms/fields.ts';
import type { MessageCode, MessageParams, MessageTemplate } from '../../messages/ja.ts';
import { normalizeSpacesForCompare } from '../../text/characters.ts';
import { formatWareki } from '../../text/wareki.ts';
import type { BundleHit, BundleRule } from '../bundle-rule.ts';
import type { DeclaredKind, ResolveMessage } from './kind.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const monthWareki = (date: string) => formatWareki(`${date.slice(0, 7)}-01`).replace(/1日$/, '');

/** A key value compared as the same person: spaces (全角・半角) ignored; blank is no value. */
function keyValue(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  return normalizeSpacesForCompare(v);
}

/** Every identity of the document that is complete, each tagged with its position so two kinds of key never meet. */
function identities(rule: DeclaredRuleOf<'monthOnce'>, data: unknown): string[] {
  return rule.keys.flatMap((paths, i) => {
    const values = paths.map((p) => keyValue(getAt(data, p)));
    return values.every((v) => v !== undefined) ? [`${i}\u0000${values.join('\u0000')}`] : [];
  });
}

function params(rule: DeclaredRuleOf<'monthOnce'>, definition: FormDefinition, data: unknown, date: string): MessageParams {
  const out: MessageParams = { month: monthWareki(date) };
  for (const [name, path] of Object.entries(rule.params)) {
    const v = getAt(data, path);
    out[name] = fieldAt(definition, path)?.type === 'date' && typeof v === 'string' && ISO.test(v) ? formatWareki(v) : typeof v === 'number' ? v : typeof v === 'string' ? v : undefined;
  }
  return out;
}

/** A `monthOnce` rule across documents, with its message for an earlier document already filed (named by 受付番号). */
export interface MonthOnceRule extends BundleRule {
  storedMessage: MessageCode | MessageTemplate;
}

/** The declared rule as a rule across documents of its 様式. */
export function monthOnceBundleRule(rule: DeclaredRuleOf<'monthOnce'>, definition: FormDefinition, resolve: ResolveMessage): MonthOnceRule {
  return {
    id: rule.id,
    storedMessage: resolve(rule.storedMessage),
    severity: rule.severity,
    source: rule.source,
    message: resolve(rule.message),
    check(documents) {
      const seen = new Map<string, number>();
      const hits: BundleHit[] = [];
      documents.forEach((d, i) => {
        if (d.form !== definition.id) return;
        const date = getAt(d.data, rule.date);
        const ids = identities(rule, d.data);
        if (typeof date !== 'string' || !ISO.test(date) || ids.length === 0) return;
        const keys = ids.map((id) => `${id}\u0000${date.slice(0, 7)}`);
        const first = keys.map((k) => seen.get(k)).find((n) => n !== undefined);
        if (first === undefined) for (const k of keys) seen.set(k, i);
        else hits.push({ document: i, path: rule.date, params: { ...params(rule, definition, d.data, date), other: first + 1 } });
      });
      return hits;
    },
  };
}

export const monthOnce: DeclaredKind<'monthOnce'> = {
  check: () => [],
  paths: (rule) => [rule.date, ...rule.keys.flat(), ...Object.values(rule.params)],
  messages: (rule) => [rule.storedMessage],
};
