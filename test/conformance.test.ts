/**
 * The suite every 様式 passes (adding a definition adds its tests): the example validates; the definition's rule list
 * matches its rules module; the JSON Schema export is accepted by ajv and accepts the example; the PDF's extracted text holds
 * every label and every value as printed; the XLSX read back holds the same values, ■/□ for every option, and no formula.
 */
import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FieldDefinition, FormDefinition } from '../src/forms/definition.ts';
import { jsonSchema } from '../src/forms/data-schema.ts';
import { fieldAt, walkFields } from '../src/forms/fields.ts';
import { loadDefinitions } from '../src/forms/registry.ts';
import { printsAsChecks } from '../src/render/layout/print-values.ts';
import { renderDocument, type Rendered } from '../src/render/render.ts';
import { generalRules } from '../src/rules/general.ts';
import { formRules } from '../src/rules/index.ts';
import { declaredRulesOf } from '../src/rules/declared/index.ts';
import { validateDocument } from '../src/validate.ts';
import { pdfPageTexts, squash, xlsxCells, type XlsxCell } from './support/read-back.ts';
import { layoutPaths, leafPaths, printedLabels } from '../src/render/layout/printed-labels.ts';
import { formFolder } from '../src/forms/folders.ts';
import { printValue } from '../src/forms/field-types/index.ts';

const definitions = [...loadDefinitions().values()];
const exampleOf = (d: FormDefinition) => JSON.parse(fs.readFileSync(formFolder(d.id)!.example, 'utf8'));
const TODAY = '2024-07-10';

/** Every value of the data as the 様式 prints it (和暦 dates, 〒…); checkbox choices are checked separately. */
function printedValues(definition: FormDefinition, data: Record<string, unknown>): { path: string; text: string }[] {
  const values: { path: string; text: string }[] = [];
  walkFields(definition.fields, data, (field, path, value) => {
    if (field.printed === false || field.type === 'group' || printsAsChecks(field)) return;
    if (field.type === 'list' && field.item?.type === 'group') return;
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
    if (field.type === 'list') for (const v of value as unknown[]) values.push({ path, text: printValue(field.item, v) });
    else values.push({ path, text: printValue(field, value) });
  });
  return values.filter((v, i, all) => all.findIndex((o) => o.text === v.text) === i && v.text !== '');
}

/** Every checkbox option with its state, as XLSX prints it (■ chosen, □ not). */
function checkStates(definition: FormDefinition, data: Record<string, unknown>): string[] {
  const states: string[] = [];
  walkFields(definition.fields, data, (field, path, value) => {
    // In a table column a single choice prints its label as text (a row of four boxes per line helps no one).
    if (field.printed === false || !printsAsChecks(field) || field.type === 'boolean' || (field.type === 'choice' && /\.\d+\./.test(path))) return;
    for (const o of field.options ?? []) {
      const chosen = Array.isArray(value) ? value.includes(o.value) : value === o.value;
      states.push(`${chosen ? '■' : '□'}${o.label}`);
    }
  });
  return states;
}

describe.each(definitions.map((d) => [d.id, d] as const))('%s', (_id, definition) => {
  let example: Record<string, unknown>;
  let data: Record<string, unknown>;
  let rendered: Rendered;
  let pdfText: string;
  let xlsx: { cells: XlsxCell[]; text: string };

  beforeAll(async () => {
    example = exampleOf(definition);
    data = validateDocument(definition, example, { today: TODAY }).data;
    rendered = await renderDocument(definition, example, { today: TODAY, xlsx: true });
    pdfText = squash((await pdfPageTexts(rendered.pdf!)).join(''));
    const { cells } = await xlsxCells(rendered.xlsx!);
    xlsx = { cells, text: squash(cells.map((c) => c.text).join('')) };
  });

  it('its example validates with no errors', () => {
    expect(rendered.result.errors).toEqual([]);
    expect(rendered.result.valid).toBe(true);
  });

  it('its example fits the 様式: nothing continues on the 続紙', () => {
    expect(rendered.result.warnings.filter((w) => w.rule === 'G-OVERFLOW')).toEqual([]);
  });

  it('lists exactly the rules its rules module implements, beside the rules it declares as data', () => {
    const implemented = new Set((formRules[definition.id]?.rules ?? []).map((r) => r.id));
    const computedRules = new Set(definition.computed.map((c) => c.rule));
    const declared = new Set(declaredRulesOf(definition).map((r) => r.id));
    for (const entry of definition.rules)
      if (typeof entry === 'string') expect(implemented.has(entry) || computedRules.has(entry), `${entry} is listed but not implemented`).toBe(true);
    for (const id of implemented) expect(definition.rules, `${id} is implemented but not listed`).toContain(id);
    for (const id of implemented) expect(declared.has(id), `${id} is both declared and in rules.ts`).toBe(false);
    for (const rule of [...(formRules[definition.id]?.rules ?? []), ...generalRules]) expect(rule.source).toBeTruthy();
  });

  it('exports a JSON Schema (2020-12) that ajv compiles and that accepts the normalised example', () => {
    const schema = jsonSchema(definition);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const check = ajv.compile(schema);
    const valid = check(data);
    expect(check.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(check({ ...data, notAField: 1 })).toBe(false);
  });

  it('places every field of the definition somewhere on the printed page', () => {
    const printed = layoutPaths(definition);
    for (const path of leafPaths(definition.fields))
      expect(printed.some((p) => path === p || path.startsWith(`${p}.`)), `${path} is printed nowhere`).toBe(true);
  });

  it('prints every label of the 様式 in the PDF', () => {
    for (const text of printedLabels(definition)) expect(pdfText, text).toContain(squash(text));
  });

  // A value that continues on the 続紙 is split by design; test/render.test.ts checks no character of it is lost.
  const whole = () => printedValues(definition, data).filter((v) => !rendered.layout!.overflows.some((o) => o.path === v.path));

  it('prints every value of the example in the PDF as the 様式 prints it', () => {
    for (const { path, text } of whole()) expect(pdfText, `${path}: ${text}`).toContain(squash(text));
  });

  it('holds every label and value in the XLSX, with ■/□ for every option', () => {
    for (const text of printedLabels(definition)) expect(xlsx.text, text).toContain(squash(text));
    for (const { path, text } of whole()) expect(xlsx.text, `${path}: ${text}`).toContain(squash(text));
    for (const state of checkStates(definition, data)) expect(xlsx.text, state).toContain(squash(state));
  });

  it('writes no formula into any XLSX cell and keeps codes as text', () => {
    for (const cell of xlsx.cells) {
      expect(cell.formula, `${cell.sheet}!${cell.address}`).toBeUndefined();
      expect(typeof cell.value === 'string' || cell.value === null, `${cell.sheet}!${cell.address}`).toBe(true);
    }
  });
});
