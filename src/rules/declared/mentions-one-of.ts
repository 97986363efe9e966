/**
 * mentionsOneOf: a text, when written, contains at least one of the words — a record that must say what was done, not only
 * that something happened (S004 「欠席の連絡があったことのみの記録では不十分」). A blank text is the field's own finding.
 */
import { getAt } from '../../forms/fields.ts';
import type { DeclaredKind } from './kind.ts';

export const mentionsOneOf: DeclaredKind<'mentionsOneOf'> = {
  check(rule, { data }) {
    const text = getAt(data, rule.path);
    if (typeof text !== 'string' || text.trim() === '') return [];
    return rule.words.some((w) => text.includes(w)) ? [] : [{ path: rule.path }];
  },
  paths: (rule) => [rule.path],
};
