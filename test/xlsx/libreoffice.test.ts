/**
 * Printing a workbook gives the PDF's pages: LibreOffice (headless, as an office without Excel prints) converts every
 * example's XLSX — and every long-value twin's — to PDF, with as many pages as yoshiki's own PDF of the same data. All
 * files go through one LibreOffice run, which is slow to start; the run is bounded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render/render.ts';
import { PRINT_TODAY, printCases } from '../support/print-cases.ts';
import { libreOfficeToPdf, pdfinfo, tempDir, writeTemp } from '../support/print-tools.ts';

const cases = printCases();
let dir: string;
const yoshikiPages = new Map<string, number>();

beforeAll(async () => {
  dir = tempDir('libreoffice');
  const xlsxFiles: string[] = [];
  for (const c of cases) {
    const rendered = await renderDocument(c.form, c.data, { today: PRINT_TODAY, xlsx: true });
    if (!rendered.pdf || !rendered.xlsx) throw new Error(`${c.name}: not rendered (${rendered.result.errors.map((e) => e.rule).join(', ')})`);
    yoshikiPages.set(c.name, Number(pdfinfo(writeTemp(dir, `${c.name}.yoshiki.pdf`, rendered.pdf)).Pages));
    xlsxFiles.push(writeTemp(dir, `${c.name}.xlsx`, rendered.xlsx));
  }
  fs.mkdirSync(path.join(dir, 'lo'));
  libreOfficeToPdf(xlsxFiles, path.join(dir, 'lo'));
}, 420_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('LibreOffice prints every workbook as yoshiki prints the PDF', () => {
  it.each(cases.map((c) => c.name))('%s: the same number of pages (the 入力専用項目 sheet is not printed)', (name) => {
    const converted = path.join(dir, 'lo', `${name}.pdf`);
    expect(fs.existsSync(converted), `LibreOffice wrote no PDF for ${name}.xlsx`).toBe(true);
    expect(Number(pdfinfo(converted).Pages)).toBe(yoshikiPages.get(name));
  });
});
