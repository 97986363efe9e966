/**
 * A filled-in file back to data: a fillable PDF (AcroForm values) or a yoshiki workbook (named cells), told apart by their
 * first bytes, never by a file name or a declared type. The data is then validated like any input, so the answer is the
 * same result contract the CLI and the server give everywhere, with what reading the file noticed added to it.
 */
import type { FormDefinition } from '../forms/definition.ts';
import { printFont } from '../render/font.ts';
import { validateDocument, type ValidationResult } from '../validate.ts';
import { assembleData } from './assemble-data.ts';
import { importMessage } from '../messages/import.ts';
import { ImportError } from './errors.ts';
import { readFillablePdf } from './read-pdf.ts';
import { readYoshikiXlsx } from './read-xlsx.ts';

export interface Imported {
  /** The data read from the file, normalised (ISO dates, ASCII codes): what `render` and the web form take. */
  data: Record<string, unknown>;
  result: ValidationResult;
}

export type ImportFormat = 'pdf' | 'xlsx';

/** %PDF- (after white space at most), or PK\x03\x04, the ZIP an .xlsx is. */
export function sniffFormat(bytes: Uint8Array): ImportFormat | undefined {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (/^[\s\uFEFF]*%PDF-/.test(head)) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  return undefined;
}

export async function importDocument(definition: FormDefinition, bytes: Uint8Array, options: { today: string }): Promise<Imported> {
  const format = sniffFormat(bytes);
  if (!format) throw new ImportError('UNSUPPORTED_MEDIA_TYPE', importMessage('IM-UNSUPPORTED'));
  const reading = format === 'pdf' ? await readFillablePdf(definition, bytes) : await readYoshikiXlsx(definition, bytes);
  const { data, result } = validateDocument(definition, assembleData(definition, reading.values), { today: options.today, canDraw: printFont().canDraw });
  // A choice ticked twice was left out, so validation calls it missing: the reader's own finding says what happened.
  const misread = new Set(reading.findings.filter((f) => f.severity === 'error').map((f) => f.path));
  result.errors = result.errors.filter((f) => !(f.rule === 'G-REQUIRED' && misread.has(f.path)));
  result.errors.push(...reading.findings.filter((f) => f.severity === 'error'));
  result.warnings.push(...reading.findings.filter((f) => f.severity === 'warning'));
  result.valid = result.errors.length === 0;
  return { data, result };
}

