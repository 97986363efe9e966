/** Runs every rule case table in this folder against the real validator: adding a table adds its tests. */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.ts';
import { example, type CaseTable } from './case-table.ts';

const tables = Object.values(import.meta.glob<{ default: CaseTable }>('./*.cases.ts', { eager: true })).map((m) => m.default);

const ids = (findings: { rule: string }[]) => [...new Set(findings.map((f) => f.rule))].sort();

describe.each(tables.map((t) => [t.form, t] as const))('%s', (_form, table) => {
  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const data = example(table.form);
    c.change(data);
    const result = validate(table.form, data, { today: c.today ?? table.today });
    expect(ids(result.errors), JSON.stringify(result.errors, null, 1)).toEqual([...c.errors].sort());
    if (c.warnings) expect(ids(result.warnings), JSON.stringify(result.warnings, null, 1)).toEqual([...c.warnings].sort());
    for (const [key, value] of Object.entries(c.computed ?? {})) expect(result.computed[key], key).toEqual(value);
    for (const [rule, text] of Object.entries(c.messages ?? {}))
      expect([...result.errors, ...result.warnings].find((f) => f.rule === rule)?.message).toBe(text);
    for (const [rule, paths] of Object.entries(c.paths ?? {}))
      expect([...result.errors, ...result.warnings].filter((f) => f.rule === rule).map((f) => f.path)).toEqual(paths);
  });
});
