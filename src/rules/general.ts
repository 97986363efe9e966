/**
 * General rules that follow from the definition itself rather than from one 様式 (rules.md §General). The per-field checks
 * (G-REQUIRED, G-UNKNOWN, G-DATE, G-OFFICE-NUMBER, G-POSTAL, G-KANA) live in the data schema; these look across fields.
 */
import { getAt, labelAt, walkFields } from '../forms/fields.ts';
import type { FieldDefinition } from '../forms/definition.ts';
import { defineRule, type Rule, type RuleHit } from './rule.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** G-TIME: in every group that has `start` and `end` times, the end comes after the start. */
export const endAfterStart = defineRule<Record<string, unknown>>({
  id: 'G-TIME',
  severity: 'error',
  source: '—',
  message: 'G-TIME',
  check({ data, definition }) {
    const hits: RuleHit[] = [];
    const visitGroup = (fields: FieldDefinition[], path: string) => {
      const start = fields.find((f) => f.key === 'start' && f.type === 'time');
      const end = fields.find((f) => f.key === 'end' && f.type === 'time');
      if (!start || !end) return;
      const at = (k: string) => (path ? `${path}.${k}` : k);
      const s = getAt(data, at('start'));
      const e = getAt(data, at('end'));
      if (typeof s === 'string' && typeof e === 'string' && TIME.test(s) && TIME.test(e) && e <= s)
        hits.push({ path: at('end'), params: { start: s, end: e, startLabel: labelAt(definition, at('start')), endLabel: labelAt(definition, at('end')) } });
    };
    visitGroup(definition.fields, '');
    walkFields(definition.fields, data, (field, path, value) => {
      if (field.type === 'group' && value && typeof value === 'object') visitGroup(field.fields!, path);
    });
    return hits;
  },
});

export const generalRules: Rule[] = [endAfterStart];
