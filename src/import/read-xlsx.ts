/**
 * Reads a filled-in yoshiki workbook: every value box carries a defined name `yoshiki.<data path>` (render-xlsx.ts), so
 * values are found by name wherever Excel has moved them — on the 様式's sheets, and on the sheet 入力専用項目 for the
 * values the 様式 does not print. The text of a box is what the 様式 prints (和暦, 〒, labels,
 * ■/□); its field type reads it back into a value (src/forms/field-types/), printed-tokens.ts splits a box that prints several.
 */
import ExcelJS from 'exceljs';
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { fieldAt, labelAt } from '../forms/fields.ts';
import { loadDefinitions } from '../forms/registry.ts';
import { yesNoPair } from '../render/layout/overrides.ts';
import { VALUE_NAME_PREFIX } from '../render/xlsx/render-xlsx.ts';
import type { Finding } from '../rules/rule.ts';
import { isValue, printedTokens, splitPrinted, type Token } from '../fillable/printed-tokens.ts';
import type { Reading, ReadValues } from './assemble-data.ts';
import { importMessage, type ImportMessageCode } from '../messages/import.ts';
import { ImportError } from './errors.ts';
import { checkZip, ZipRefusal, type ZipLimits } from '../zip-check.ts';
import { hasMarks, readPrintedValue, tickedBefore } from '../forms/field-types/index.ts';

/**
 * A filled-in workbook of one 様式 inflates to well under 1 MB in some 20–40 parts; exceljs reads it whole into memory
 * (some 20 times the inflated size), so a zip past these bounds is refused before it is opened: a 3 MB "XLSX bomb" once
 * took the server to 3.4 GB.
 */
export const IMPORT_ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxTotalBytes: 16 * 1024 * 1024, maxRatio: 200 };
const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** The line a box ends with when its text continues on the 続紙 (engine.ts). */
const CONTINUED = /\n?（(続紙)に続く）[\s\u3000]*$/;
/** The later parts of a value that breaks across pages (render-xlsx.ts names them `<path>.part<n>`). */
const PART = /\.part\d+$/;

export async function readYoshikiXlsx(definition: FormDefinition, bytes: Uint8Array): Promise<Reading> {
  try {
    await checkZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), IMPORT_ZIP_LIMITS);
  } catch (e) {
    if (!(e instanceof ZipRefusal)) throw e;
    if (e.kind === 'bomb')
      throw new ImportError('PAYLOAD_TOO_LARGE', importMessage('IM-XLSX-BOMB', { limit: MB(IMPORT_ZIP_LIMITS.maxTotalBytes), parts: IMPORT_ZIP_LIMITS.maxEntries }));
    throw new ImportError('UNSUPPORTED_MEDIA_TYPE', importMessage('IM-XLSX-UNREADABLE'));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer; a Node Buffer is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportError('UNSUPPORTED_MEDIA_TYPE', importMessage('IM-XLSX-UNREADABLE'));
  }
  refuseOtherForm(definition, workbook.title);

  const named = valueNames(workbook);
  if (named.size === 0) throw new ImportError('NOT_FILLABLE', importMessage('IM-XLSX-NOT-YOSHIKI', { form: definition.id }));

  const tokens = printedTokens(definition);
  const values: ReadValues = new Map();
  const findings: Finding[] = [];
  const finding = (rule: string, severity: Finding['severity'], path: string, code: ImportMessageCode, params: Record<string, string>) =>
    findings.push({ rule, severity, path, message: importMessage(code, { label: labelAt(definition, path), ...params }) });

  for (const [path, cell] of named) {
    if (PART.test(path)) continue;
    let text = cellText(cell);
    for (let n = 2; named.has(`${path}.part${n}`); n++) text += cellText(named.get(`${path}.part${n}`)!);
    const continued = CONTINUED.exec(text);
    if (continued) {
      finding('IM-CONTINUED', 'warning', path, 'IM-CONTINUED', { page: continued[1] });
      // The box shows the value wrapped to its width: the line breaks are the layout's, not the person's.
      text = text.slice(0, continued.index).replace(/\n/g, '');
    }
    const row = tokens.byCellPath.get(path);
    if (row) {
      readTokens(row, text.replace(/\n/g, ''), values, (fixed) => finding('IM-SPLIT', 'warning', path, 'IM-SPLIT', { text, fixed }));
      continue;
    }
    const field = definition.computed.some((c) => c.key === path) ? undefined : fieldAt(definition, path);
    if (!field) continue;
    const pair = field.type === 'boolean' ? yesNoPair(definition.id, path) : undefined;
    // A yes/no pair (■有 □無): yes, no, or neither ticked (not answered).
    if (pair) values.set(path, tickedBefore(text, pair[0]) ? true : tickedBefore(text, pair[1]) ? false : undefined);
    else if (field.type === 'boolean') values.set(path, tickedBefore(text, field.printLabel ?? field.label) ?? false);
    else if (field.type === 'choices' || (field.type === 'choice' && hasMarks(text))) {
      const ticked = (field.options ?? []).filter((o) => tickedBefore(text, o.label)).map((o) => o.value);
      if (field.type === 'choices') values.set(path, ticked.length ? ticked : undefined);
      else if (ticked.length > 1) {
        const chosen = ticked.map((v) => `「${field.options!.find((o) => o.value === v)!.label}」`).join('と');
        finding('IM-CHOICE', 'error', path, 'IM-CHOICE', { chosen });
      } else values.set(path, ticked[0]);
    } else values.set(path, readPrintedValue(field, text));
  }
  readSentences(workbook, tokens.sentences, named, values);
  return { values, findings };
}

/** A box printing several values: split along its fixed text; a box retyped without it is reported, not guessed. */
function readTokens(tokens: Token[], text: string, values: ReadValues, unsplittable: (fixed: string) => void): void {
  if (text.trim() === '') return;
  const parts = splitPrinted(tokens, text);
  if (!parts) {
    unsplittable(tokens.map((t) => (isValue(t) ? '…' : t.literal.trim() || '空白')).join(''));
    return;
  }
  for (const token of tokens) if (isValue(token) && token.field) values.set(token.path, readPrintedValue(token.field, parts.get(token.path)!));
}

/**
 * A date inside a sentence (「{filedOn}にあった…」) has no box of its own and so no name: find the sentence by its
 * fixed text among the unnamed cells.
 */
function readSentences(workbook: ExcelJS.Workbook, sentences: Token[][], named: Map<string, ExcelJS.Cell>, values: ReadValues): void {
  if (sentences.length === 0) return;
  const namedCells = new Set([...named.values()].map((c) => `${c.worksheet.name}!${c.address}`));
  const fields = sentences.map((tokens) => tokens.filter(isValue).filter((t) => t.field) as { path: string; field: FieldDefinition }[]);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (namedCells.has(`${sheet.name}!${cell.address}`)) return;
        const text = cellText(cell).replace(/\n/g, '');
        sentences.forEach((tokens, i) => {
          const parts = text ? splitPrinted(tokens, text) : undefined;
          if (parts) for (const { path, field } of fields[i]) if (!values.has(path)) values.set(path, readPrintedValue(field, parts.get(path)!));
        });
      }),
    ),
  );
}

/** Defined names `yoshiki.<path>` → their (first) cell. */
function valueNames(workbook: ExcelJS.Workbook): Map<string, ExcelJS.Cell> {
  const named = new Map<string, ExcelJS.Cell>();
  for (const { name, ranges } of workbook.definedNames.model as { name: string; ranges: string[] }[]) {
    if (!name.startsWith(VALUE_NAME_PREFIX) || !ranges.length) continue;
    // 'シート名'!$B$4 (a quote inside the sheet name is doubled).
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ranges[0]);
    const sheet = m && workbook.getWorksheet(m[1].replace(/''/g, "'"));
    if (sheet) named.set(name.slice(VALUE_NAME_PREFIX.length), sheet.getCell(`${m[2]}${m[3]}`));
  }
  return named;
}

/** The text a cell shows, whatever Excel made of what was typed (rich text, a number, a date). */
function cellText(cell: ExcelJS.Cell): string {
  const value = (cell.isMerged ? cell.master : cell).value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('').replace(/\r\n?/g, '\n');
  if (typeof value === 'object' && 'result' in value && value.result !== undefined) return String(value.result);
  return String(cell.text ?? '');
}

/** The workbook's title is its 様式's; reading it as another 様式 would fill the wrong fields. */
function refuseOtherForm(definition: FormDefinition, title: string | undefined): void {
  const plain = title?.replace(/（下書き）$/, '');
  if (!plain || plain === definition.title) return;
  const other = [...loadDefinitions().values()].find((d) => d.title === plain);
  if (other) throw new ImportError('WRONG_FORM', importMessage('IM-WRONG-FORM', { other: other.title, title: definition.title }));
}
