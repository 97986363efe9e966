/**
 * Every CSV the project writes keeps what a person typed as text: a cell beginning with =, +, -, @ (or a tab or carriage
 * return) gets a leading apostrophe, since quoting alone does not stop Excel from running it as a formula. One module
 * (src/csv-cell.ts) for the batch report (test/server/batch-limits.test.ts, test/batch/formula-text.test.ts), the batch
 * template and the public registry (here).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/csv-cell.ts';
import { writeBatchTemplate } from '../../src/batch/template.ts';
import { getDefinition } from '../../src/forms/registry.ts';
import { registryCsv } from '../../src/submissions/registry.ts';
import type { RegistryEntry } from '../../src/store/types.ts';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://example.com","開く")', `"'=HYPERLINK(""http://example.com"",""開く"")"`],
    ['+81 47 334 1111', `'+81 47 334 1111`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tタブ', `'\tタブ`],
    ['\r=1', `"'\r=1"`],
  ])('keeps %j as text: %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves other text as it is, quoting only where RFC 4180 needs it (or always, when asked)', () => {
    expect(csvCell('市川 太郎')).toBe('市川 太郎');
    expect(csvCell('1+1=2')).toBe('1+1=2');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('市川', 'always')).toBe('"市川"');
    expect(csvLine(['=1', 'x'], 'always')).toBe(`"'=1","x"`);
  });
});

describe('the public registry CSV', () => {
  it('writes an office name typed as a formula with an apostrophe before it', () => {
    const entry = { row: { officeName: '=cmd|" /C calc"!A0', officeNumber: '1212345678', tel: '-047-000-0000' } } as unknown as RegistryEntry;
    const [, row] = parse(registryCsv([entry]), { bom: true, relax_column_count: true }) as string[][];
    expect(row[0]).toBe(`'=cmd|" /C calc"!A0`);
    expect(row[3]).toBe(`'-047-000-0000`);
    expect(row[6]).toBe('1212345678');
  });
});

describe('the batch template CSV', () => {
  it('is written through the same cell function: every cell quoted, the header and the example row as they are', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-csv-cell-')), 't.csv');
    await writeBatchTemplate(getDefinition('ichikawa-kyoten-todokede'), 'csv', file);
    const text = fs.readFileSync(file, 'utf8');
    const [header] = parse(text, { bom: true }) as string[][];
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${csvLine(header, 'always')}`);
    expect(header[0]).toBe('届出日');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
