/**
 * What each kind of declared rule provides (one small pure module per kind, registered in ./kinds.ts): its check on one
 * document, the data paths it names and the messages it may use (both checked by `yoshiki form check`).
 */
import type { DeclaredRuleKind, DeclaredRuleOf } from '../../forms/declared-rules.ts';
import type { MessageCode, MessageTemplate } from '../../messages/ja.ts';
import type { RuleContext, RuleHit } from '../rule.ts';

/** A message named in a definition, as the engine uses it: a code of ja.ts or a template of the folder's messages.ts. */
export type ResolveMessage = (name: string) => MessageCode | MessageTemplate;

export interface DeclaredKind<K extends DeclaredRuleKind> {
  check(rule: DeclaredRuleOf<K>, ctx: RuleContext, resolve: ResolveMessage): RuleHit[];
  /** Every path the rule reads: a field path (`offices.*.number` for a list's column) or a computed key. */
  paths(rule: DeclaredRuleOf<K>): string[];
  /** Messages besides `rule.message`. */
  messages?(rule: DeclaredRuleOf<K>): string[];
}
