/**
 * Runs the rule cases of every 様式 folder (`forms/<municipality>/<form-id>/cases.json`) against the real validator:
 * a new folder with cases adds its tests. Each case changes a copy of the folder's example and must produce exactly the
 * rule ids, computed values, messages and paths it names.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCase, readCaseFile } from '../../src/forms/cases.ts';
import { formFolders, readExample } from '../../src/forms/folders.ts';
import { validate } from '../../src/index.ts';

const tables = formFolders()
  .filter((f) => fs.existsSync(f.cases))
  .map((f) => ({ form: f.id, ...readCaseFile(f.cases) }));

const ids = (findings: { rule: string }[]) => [...new Set(findings.map((f) => f.rule))].sort();

it('finds the cases of every 様式 that has its own rules', () => {
  expect(tables.map((t) => t.form).sort()).toEqual(formFolders().map((f) => f.id).sort());
});

describe.each(tables.map((t) => [t.form, t] as const))('%s', (form, table) => {
  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const data = applyCase(readExample(form), c);
    const result = validate(form, data, { today: c.today ?? table.today });
    expect(ids(result.errors), JSON.stringify(result.errors, null, 1)).toEqual([...c.errors].sort());
    if (c.warnings) expect(ids(result.warnings), JSON.stringify(result.warnings, null, 1)).toEqual([...c.warnings].sort());
    for (const [key, value] of Object.entries(c.computed ?? {})) expect(result.computed[key], key).toEqual(value);
    for (const [rule, text] of Object.entries(c.messages ?? {}))
      expect([...result.errors, ...result.warnings].find((f) => f.rule === rule)?.message).toBe(text);
    for (const [rule, paths] of Object.entries(c.paths ?? {}))
      expect([...result.errors, ...result.warnings].filter((f) => f.rule === rule).map((f) => f.path)).toEqual(paths);
  });
});

describe('a case changes a copy of the example by dotted paths', () => {
  const example = { office: { name: 'ひまわり工房', number: '1212345678' }, rows: [{ n: 1 }, { n: 2 }, { n: 3 }] };

  it('sets a nested value, appends a row one past the end, and leaves the example alone', () => {
    const data = applyCase(example, { set: { 'office.name': 'そらいろ', 'rows.3': { n: 4 }, 'extra.deep.key': 'x' } });
    expect(data).toEqual({ office: { name: 'そらいろ', number: '1212345678' }, rows: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }], extra: { deep: { key: 'x' } } });
    expect(example.office.name).toBe('ひまわり工房');
  });

  it('removes a key and a row in the middle', () => {
    expect(applyCase(example, { remove: ['office.number', 'rows.1'] })).toEqual({ office: { name: 'ひまわり工房' }, rows: [{ n: 1 }, { n: 3 }] });
  });
});
