/** Test inputs for batch production: documents varied from the examples, flattened to table rows, written as CSV/XLSX/JSONL. */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FieldDefinition } from '../../../src/forms/definition.ts';
import { getDefinition } from '../../../src/forms/registry.ts';
import { labelAt } from '../../../src/forms/fields.ts';
import { formFolder } from '../../../src/forms/folders.ts';

export type Doc = Record<string, any>;

export const example = (formId: string): Doc => JSON.parse(fs.readFileSync(formFolder(formId)!.example, 'utf8'));

const SURNAMES = ['真間', '国府台', '行徳', '妙典', '八幡', '市川', '大洲', '鬼高', '北方', '曽谷', '大野', '柏井', '原木', '高谷', '大町', '菅野', '平田', '新田', '湊', '福栄'];
const GIVEN = ['一郎', '健太', '花子', '由美子', '修', '真理', '誠', '和子', '翔', '陽菜'];

/** 記録書 of distinct 利用者 (氏名 and 生年月日 differ row by row), all met in June 2024. */
export function kirokuDocuments(count: number): Doc[] {
  const base = example('ichikawa-taisei-kyoka-kiroku');
  return Array.from({ length: count }, (_, i) => {
    const d = structuredClone(base);
    d.user.name = `${SURNAMES[i % SURNAMES.length]} ${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    d.user.birthDate = `平成${(i % 20) + 2}年${(i % 12) + 1}月${(i % 28) + 1}日`;
    return d;
  });
}

/** [data path with 1-based list rows, value as a spreadsheet cell shows it] for every leaf the document fills. */
export function flatten(fields: FieldDefinition[], data: unknown, prefix = '', out: [string, string][] = []): [string, string][] {
  for (const f of fields) {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    const value = (data as Record<string, unknown> | undefined)?.[f.key];
    if (value === undefined) continue;
    if (f.type === 'group') flatten(f.fields!, value, path, out);
    else if (f.type === 'list' && Array.isArray(value))
      value.forEach((v, i) => (f.item!.type === 'group' ? flatten(f.item!.fields!, v, `${path}.${i}`, out) : out.push([`${path}.${i}`, String(v)])));
    else if (f.type === 'choices' && Array.isArray(value)) out.push([path, value.join(';')]);
    else if (f.type === 'boolean') out.push([path, value ? '○' : '']);
    else out.push([path, String(value)]);
  }
  return out;
}

/** A header row (Japanese labels, or keys with rows from 1) and one row per document. */
export function table(formId: string, docs: Doc[], headers: 'label' | 'key'): string[][] {
  const definition = getDefinition(formId);
  const rows = docs.map((d) => new Map(flatten(definition.fields, d)));
  const paths = [...new Set(rows.flatMap((r) => [...r.keys()]))];
  const header = (p: string) => (headers === 'label' ? labelAt(definition, p) : p.split('.').map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : s)).join('.'));
  return [paths.map(header), ...rows.map((r) => paths.map((p) => r.get(p) ?? ''))];
}

export const csvText = (rows: string[][]) => rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';

export async function writeXlsx(file: string, rows: unknown[][], sheetName = 'Sheet1'): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}
