/**
 * The conformance suite with real offices' long values (test/fixtures/long-values/<form-id>.json: 30–60-character
 * 法人名 and addresses with building names, 300–2,000-character free text, 10+ list rows where the 様式 allows them).
 * Every 様式 must still be one a clerk accepts: the applicant and the office whole on page 1, nothing below 8 pt, no line
 * broken inside a number or a Latin word, no near-empty continuation page, and every character in the PDF and the XLSX.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../src/forms/definition.ts';
import { walkFields } from '../src/forms/fields.ts';
import { loadDefinitions } from '../src/forms/registry.ts';
import { PAGE, type Cell } from '../src/render/layout/model.ts';
import { printsAsChecks } from '../src/render/layout/print-values.ts';
import { renderDocument, type Rendered } from '../src/render/render.ts';
import { validateDocument } from '../src/validate.ts';
import { pdfPageTexts, squash, xlsxCells } from './support/read-back.ts';
import { readExample } from '../src/forms/folders.ts';
import { printValue } from '../src/forms/field-types/index.ts';

const definitions = [...loadDefinitions().values()];
const TODAY = '2024-07-10';
const fixture = (d: FormDefinition) => JSON.parse(fs.readFileSync(new URL(`./fixtures/long-values/${d.id}.json`, import.meta.url), 'utf8'));

/** The identity values of the data (申請者, 事業所名, 所在地 …) as printed, outside tables (`*` paths are table rows). */
function identityValues(definition: FormDefinition, data: Record<string, unknown>): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const roots = (definition.identity ?? []).filter((p) => !p.includes('*'));
  walkFields(definition.fields, data, (field, path, value) => {
    if (field.type === 'group' || field.type === 'list' || printsAsChecks(field) || value === undefined || value === '') return;
    if (roots.some((r) => path === r || path.startsWith(`${r}.`))) out.push({ path, text: printValue(field, value) });
  });
  return out;
}

/** The value cells of a path, page by page (a value that breaks across pages has several parts). */
const partsOf = (rendered: Rendered, path: string) => rendered.layout!.pages.flatMap((page, p) => page.cells.filter((c) => c.path === path && c.role === 'value').map((cell) => ({ page: p, cell })));

const WORD_END = /[0-9A-Za-z_.-]$/;
const WORD_START = /^[0-9A-Za-z_.-]/;

describe.each(definitions.map((d) => [d.id, d] as const))('%s with long values', (_id, definition) => {
  let data: Record<string, unknown>;
  let rendered: Rendered;
  let pages: string[];
  let xlsxText: string;
  let values: Cell[];

  beforeAll(async () => {
    const input = fixture(definition);
    data = validateDocument(definition, input, { today: TODAY }).data;
    rendered = await renderDocument(definition, input, { today: TODAY, xlsx: true });
    pages = (await pdfPageTexts(rendered.pdf!)).map(squash);
    xlsxText = squash((await xlsxCells(rendered.xlsx!)).cells.map((c) => c.text).join(''));
    values = rendered.layout!.pages.flatMap((p) => p.cells).filter((c) => c.role === 'value');
    // The first 様式 also loads the fonts and pdf.js, on a machine shared with other work.
  }, 60_000);

  it('is a valid document, and the fixture is long indeed', () => {
    expect(rendered.result.errors).toEqual([]);
    let freeText = false;
    walkFields(definition.fields, data, (field) => void (freeText ||= field.type === 'text' && (field.lines ?? 1) > 1));
    expect(Math.max(...values.map((c) => (c.text ?? c.lines.join('')).length))).toBeGreaterThanOrEqual(freeText ? 300 : 30);
  });

  it('prints every identity value (申請者, 事業所名, 所在地 …) whole on the face: page 1, or the 様式 own page for it', async () => {
    const identity = identityValues(definition, data);
    expect(identity.length).toBeGreaterThan(0);
    // Where the example prints it: the コア連携事業所 of the 確認書 is on the 様式's second page.
    const example = await renderDocument(definition, readExample(definition.id), { today: TODAY, pdf: false });
    for (const { path, text } of identity) {
      const home = partsOf(example, path).map((p) => p.page);
      const page = home.length ? home[0] : 0;
      if (page === 0) expect(pages[0], `${path}: ${text}`).toContain(squash(text));
      else expect(pages.some((p) => p.includes(squash(text))), `${path}: ${text}`).toBe(true);
      // Whole: one box on one page, never split nor continued.
      if (home.length) expect(partsOf(rendered, path).map((p) => p.page), path).toEqual(page === 0 ? [0] : [expect.any(Number)]);
    }
  });

  it('keeps every box inside the printable area of its page', () => {
    for (const [i, page] of rendered.layout!.pages.entries())
      for (const cell of page.cells) expect(cell.y + cell.h, `page ${i + 1}: ${cell.path ?? cell.lines[0]}`).toBeLessThanOrEqual(PAGE.height - PAGE.bottom + 0.01);
  });

  it('prints no line of a value below 8 pt', () => {
    for (const cell of values) expect(cell.size, `${cell.path}: ${cell.lines[0]}`).toBeGreaterThanOrEqual(8);
  });

  it('breaks no line inside a number or a Latin word', () => {
    for (const cell of values)
      for (let i = 1; i < cell.lines.length; i++)
        expect(WORD_END.test(cell.lines[i - 1]) && WORD_START.test(cell.lines[i]), `${cell.path}: ${cell.lines[i - 1]}｜${cell.lines[i]}`).toBe(false);
  });

  it('fills a page before its content continues on the next: a page followed by a continuation is three quarters full (two thirds when a section heading moved over with its table)', () => {
    const layoutPages = rendered.layout!.pages;
    const headings = new Set(definition.pages.flat().flatMap((b) => (b.block === 'heading' ? [squash(b.text)] : [])));
    layoutPages.forEach((page, i) => {
      const next = layoutPages[i + 1];
      if (!next?.continued) return;
      const used = Math.max(...page.cells.map((c) => c.y + c.h)) - PAGE.top;
      const keptWithTable = headings.has(squash(next.cells[0]?.lines.join('') ?? ''));
      expect(used, `page ${i + 1}`).toBeGreaterThanOrEqual(((PAGE.height - PAGE.top - PAGE.bottom) * (keptWithTable ? 2 : 3)) / (keptWithTable ? 3 : 4));
    });
  });

  it('reads every character of every value back from the PDF and the XLSX, part by part', () => {
    walkFields(definition.fields, data, (field, path, value) => {
      if (field.printed === false || field.type === 'group' || printsAsChecks(field) || value === undefined || value === '') return;
      if (field.type === 'list') return; // its items are checked by their own paths
      const parts = partsOf(rendered, path);
      const text = printValue(field, value);
      if (!parts.length) {
        // Printed inside a row of several values (〒 and address, a date and its weekday).
        expect(pages.join(''), `${path}: ${text}`).toContain(squash(text));
        expect(xlsxText, `${path}: ${text}`).toContain(squash(text));
        return;
      }
      const joined = parts.map(({ cell }) => cell.text ?? cell.lines.join('')).join('');
      expect(squash(joined), path).toContain(squash(text));
      for (const { page, cell } of parts) {
        expect(pages[page], `${path} on page ${page + 1}`).toContain(squash(cell.lines.join('')));
        expect(xlsxText, `${path} in the XLSX`).toContain(squash(cell.text ?? cell.lines.join('')));
      }
    });
  });
});
