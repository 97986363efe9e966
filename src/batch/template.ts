/**
 * `yoshiki batch-template`: the header row a batch reads for a 様式 (and one example row from the folder's example.json),
 * as XLSX or CSV. Headers are the Japanese labels the 様式 prints wherever a label names its field alone, else the key;
 * every header is checked by reading it back the way the batch will, so the template always reads without error.
 * Repeated rows get as many numbered columns as the example fills, at least three (more can be added: 「出席者 6行目 氏名」).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { fieldType } from '../forms/field-types/index.ts';
import { getAt, labelAt } from '../forms/fields.ts';
import { readExample } from '../forms/folders.ts';
import { resolveHeaders } from './columns.ts';
import { csvLine } from '../csv-cell.ts';

const MIN_LIST_COLUMNS = 3;

interface TemplateColumn {
  header: string;
  example: string;
}

function keyOf(path: string): string {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p)).join('.');
}

function headerOf(definition: FormDefinition, path: string): string {
  const label = labelAt(definition, path);
  try {
    if (resolveHeaders(definition, [label])[0]?.path === path) return label;
  } catch {
    // The label names several fields (e.g. 「実施日」 in 様式3): the key is unambiguous.
  }
  return keyOf(path);
}

function exampleText(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return '';
  return fieldType(field).toCell(field, value);
}

function templateColumns(definition: FormDefinition, example: unknown): TemplateColumn[] {
  const columns: TemplateColumn[] = [];
  const visit = (field: FieldDefinition, dataPath: string) => {
    if (field.type === 'group') {
      for (const child of field.fields ?? []) visit(child, `${dataPath}.${child.key}`);
      return;
    }
    if (field.type === 'list' && field.item) {
      const given = getAt(example, dataPath);
      const count = Math.max(Array.isArray(given) ? given.length : 0, Math.min(field.maxItems ?? MIN_LIST_COLUMNS, MIN_LIST_COLUMNS));
      for (let i = 0; i < count; i++) visit(field.item, `${dataPath}.${i}`);
      return;
    }
    columns.push({ header: headerOf(definition, dataPath), example: exampleText(field, getAt(example, dataPath)) });
  };
  for (const field of definition.fields) visit(field, field.key);
  return columns;
}

export { readExample };

const NOTES = [
  '1行目が見出し、2行目からが1件ずつの書類です（この見本の2行目は記入例です。消して使ってください）。',
  '見出しは様式に印刷された項目名か、項目のキー（例：office.number）です。列の順番は自由です。',
  'チェック欄は ○・✓・はい・1・true で「あり」、空欄・いいえ・0・false で「なし」です。',
  '複数選べる項目は、選択肢を「;」で区切って並べます（例：相談機能;体験の機会・場の提供機能）。',
  '日付は 令和6年5月1日・R6.5.1・2024-05-01 のどれでも、Excel の日付でも読めます。',
  '繰り返す行（出席者など）は見出しの番号で区別し、1から数えます（例：出席者 2行目 氏名）。列を増やせば行を増やせます。',
  'このシート（説明）は読み込みません。読み込むのは最初のシートです。',
];


export async function writeBatchTemplate(definition: FormDefinition, kind: 'csv' | 'xlsx', file: string): Promise<void> {
  const example = readExample(definition.id);
  const columns = templateColumns(definition, example);
  const rows = [columns.map((c) => c.header), ...(example ? [columns.map((c) => c.example)] : [])];
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (kind === 'csv') {
    fs.writeFileSync(file, `\uFEFF${rows.map((r) => csvLine(r, 'always')).join('\r\n')}\r\n`);
    return;
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yoshiki';
  const sheet = workbook.addWorksheet('入力', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Every column is text ('@'), so what is typed stays as typed: 事業所番号 keeps its leading zeros, 和暦 stays 和暦.
  sheet.columns = columns.map((c) => ({ width: Math.min(Math.max(c.header.length * 2 + 2, 12), 40), style: { numFmt: '@' } }));
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('説明');
  notes.getColumn(1).width = 110;
  notes.addRow([`${definition.title}（${definition.id}）の一括作成用の表`]).font = { bold: true };
  for (const note of NOTES) notes.addRow([note]);
  await workbook.xlsx.writeFile(file);
}
