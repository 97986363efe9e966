/**
 * What `yoshiki form check` asks of a definition's declared rules, in words a city's IT person can act on: each names the
 * file and the rule id. A kind the engine does not know, a path the definition does not have, a message neither ja.ts nor
 * the folder's messages.ts holds, an id used twice or a rule without its seed reference would otherwise surface only when
 * a document trips over it.
 */
import { isDeclaredRule, ruleEntryId, type DeclaredRule } from '../../forms/declared-rules.ts';
import type { FormDefinition } from '../../forms/definition.ts';
import { fieldAt } from '../../forms/fields.ts';
import { ExpressionError } from './expression.ts';
import { findMessage } from './index.ts';
import { DECLARED_KINDS, kindOf } from './kinds.ts';

const KINDS = Object.keys(DECLARED_KINDS);

/** Problems of the `rules` entries as written (before the format check): a kind that does not exist is named as such. */
export function declaredKindProblems(file: string, rules: unknown): string[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((entry, i) => {
    if (entry === null || typeof entry !== 'object') return [];
    const { id, kind } = entry as { id?: unknown; kind?: unknown };
    if (typeof kind === 'string' && KINDS.includes(kind)) return [];
    return [`${file} の rules の${typeof id === 'string' ? `規則 ${id}` : `${i + 1}番目の規則`}：種類（kind）${JSON.stringify(kind ?? null)} はありません。使える種類は ${KINDS.join('、')} です。`];
  });
}

/** Problems of a loaded definition's rules list: paths, messages, ids and sources. [] when every declared rule holds. */
export function declaredRuleProblems(definition: FormDefinition, file: string, implemented: Iterable<string>): string[] {
  const problems: string[] = [];
  const computed = new Set(definition.computed.map((c) => c.key));
  const seen = new Set<string>();
  for (const entry of definition.rules) {
    const id = ruleEntryId(entry);
    if (seen.has(id)) problems.push(`${file} の rules に規則 ${id} が2回あります。id は様式の中で1つにしてください。`);
    seen.add(id);
  }
  const own = new Set(implemented);
  for (const rule of definition.rules.filter(isDeclaredRule)) {
    const at = `${file} の規則 ${rule.id}`;
    if (own.has(rule.id)) problems.push(`${at}：同じ id の規則が rules.ts にもあります。どちらか一方にしてください。`);
    if (!rule.source.trim() || rule.source.trim() === '—') problems.push(`${at}：出典（source）に、規則のもとになる資料と節（例：S000 Q5）を書いてください。`);
    problems.push(...rulePathProblems(rule, at, definition, computed));
    const kind = kindOf(rule);
    for (const name of [rule.message, ...(kind.messages?.(rule) ?? [])])
      if (!findMessage(definition.id, name))
        problems.push(`${at}：メッセージ「${name}」が src/messages/ja.ts にも、この様式のフォルダの messages.ts にもありません。コードか messages.ts のテンプレート名を確かめてください。`);
  }
  return problems;
}

function rulePathProblems(rule: DeclaredRule, at: string, definition: FormDefinition, computed: Set<string>): string[] {
  let paths: string[];
  try {
    paths = kindOf(rule).paths(rule as never); // never: the kind was picked by this rule's own `kind` (see ./index.ts)
  } catch (e) {
    if (e instanceof ExpressionError) return [`${at}：${e.message}。`];
    throw e;
  }
  return [...new Set(paths)]
    .filter((p) => !fieldAt(definition, p) && !computed.has(p))
    .map((p) => `${at}：項目「${p}」がこの様式にありません（fields にも computed にもない）。項目のパスを確かめてください。`);
}

