/**
 * Reading filled-in files back: every example survives PDF/XLSX → data, what a person does to the files (ticks a box,
 * skips a row, ticks two options of a single choice) reads as they meant it, and what is not a filled-in 様式 is refused
 * with a Japanese message that says what to do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { PDFDocument } from '@pdfme/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/cli/errors.ts';
import { registerFillableCommand } from '../src/cli/fillable-command.ts';
import { fillFillablePdf } from '../src/fillable/fill-pdf.ts';
import { renderFillablePdf } from '../src/fillable/fillable-pdf.ts';
import type { FieldDefinition, FormDefinition } from '../src/forms/definition.ts';
import { getDefinition, loadDefinitions } from '../src/forms/registry.ts';
import { importDocument, sniffFormat } from '../src/import/import-document.ts';
import { ImportError } from '../src/import/errors.ts';
import { renderDocument } from '../src/render/render.ts';
import { parseDateInput } from '../src/text/wareki.ts';
import { validateDocument } from '../src/validate.ts';
import { asFormHoldsIt } from './support/form-data.ts';
import { formFolder } from '../src/forms/folders.ts';
import { readPrintedValue, tickedBefore } from '../src/forms/field-types/index.ts';

const definitions = [...loadDefinitions().values()];
const fillable = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const definition of definitions) fillable.set(definition.id, await renderFillablePdf(definition));
}, 180_000);

function exampleOf(definition: FormDefinition): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(formFolder(definition.id)!.example, 'utf8'));
}

/** Examples are dated: validate each as of its own filing date (as `yoshiki demo` does). */
function todayOf(data: Record<string, unknown>): string {
  for (const key of ['filedOn', 'submittedOn', 'recordedOn', 'issuedOn']) {
    const parsed = typeof data[key] === 'string' ? parseDateInput(data[key] as string) : undefined;
    if (parsed?.ok) return parsed.iso;
  }
  return '2024-07-01';
}


describe.each(definitions.map((d) => [d.id, d] as const))('round trip of the example of %s', (_id, definition) => {
  const example = exampleOf(definition);
  const today = todayOf(example);
  const expected = () => asFormHoldsIt(validateDocument(definition, example, { today }).data);

  it('reads the XLSX yoshiki renders back into the same data', async () => {
    const { xlsx } = await renderDocument(definition, example, { today, xlsx: true, pdf: false, draft: true });
    const imported = await importDocument(definition, xlsx!, { today });
    expect(asFormHoldsIt(imported.data)).toEqual(expected());
    expect(imported.result.warnings.filter((w) => w.rule.startsWith('IM-'))).toEqual([]);
  });

  it('reads the fillable PDF, filled with the example, back into the same data', async () => {
    const { data } = validateDocument(definition, example, { today });
    const filled = await fillFillablePdf(fillable.get(definition.id)!, definition, data);
    const imported = await importDocument(definition, filled, { today });
    expect(asFormHoldsIt(imported.data)).toEqual(expected());
  });
});

describe('reading a filled-in fillable PDF', () => {
  const kino = () => getDefinition('ichikawa-kino-kyoka');

  async function filledBy(edit: (form: ReturnType<PDFDocument['getForm']>) => void): Promise<Uint8Array> {
    const doc = await PDFDocument.load(fillable.get('ichikawa-kino-kyoka')!);
    edit(doc.getForm());
    // Values only: drawing their appearances is the viewer's business (and would need a Japanese font here).
    return doc.save({ updateFieldAppearances: false });
  }

  it('closes up table rows a person skipped, and reads an unticked box in a filled row as false', async () => {
    const pdf = await filledBy((form) => {
      form.getTextField('coordinators.0.name').setText('本八幡 健一');
      form.getTextField('allocations.0.office').setText('相談支援センターこうのだい');
      form.getTextField('allocations.2.office').setText('地域相談支援センターぎょうとく');
      form.getTextField('allocations.2.count').setText('３０');
      form.getDropdown('allocations.2.service').select(kino().fields.find((f) => f.key === 'allocations')!.item!.fields!.find((f) => f.key === 'service')!.options![1].label);
    });
    const { data } = await importDocument(kino(), pdf, { today: '2024-06-10' });
    expect(data.coordinators).toEqual([{ name: '本八幡 健一', fullTimeDedicated: false }]);
    expect(data.allocations).toEqual([
      { office: '相談支援センターこうのだい' },
      { office: '地域相談支援センターぎょうとく', service: expect.any(String), count: 30 },
    ]);
  });

  it('reads a blank fillable PDF as no data, which validation then asks for', async () => {
    const { data, result } = await importDocument(kino(), fillable.get('ichikawa-kino-kyoka')!, { today: '2024-06-10' });
    expect(data).toEqual({});
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rule)).toContain('G-REQUIRED');
  });

  it('refuses a PDF without yoshiki fields (the printed PDF) with what to do', async () => {
    const { pdf } = await renderDocument(kino(), exampleOf(kino()), { today: '2024-06-10' });
    const refused = await importDocument(kino(), pdf!, { today: '2024-06-10' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportError);
    expect(refused).toMatchObject({ code: 'NOT_FILLABLE' });
    // A domain error carries no HTTP status: the server's one table gives it (server/error-codes.ts).
    expect(refused).not.toHaveProperty('status');
    expect((refused as Error).message).toContain('yoshiki fillable ichikawa-kino-kyoka');
  });

  it('refuses the fillable PDF of another 様式, naming it', async () => {
    const refused = await importDocument(kino(), fillable.get('takatsuki-renkei-kaijo')!, { today: '2024-06-10' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'WRONG_FORM' });
    expect((refused as Error).message).toContain(getDefinition('takatsuki-renkei-kaijo').title);
  });

  it('refuses a broken PDF as unreadable', async () => {
    const refused = await importDocument(kino(), Buffer.from('%PDF-1.7\nnot really'), { today: '2024-06-10' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNREADABLE_FILE' });
  });
});

describe('reading a filled-in yoshiki XLSX', () => {
  async function workbookOf(formId: string): Promise<ExcelJS.Workbook> {
    const definition = getDefinition(formId);
    const example = exampleOf(definition);
    const { xlsx } = await renderDocument(definition, example, { today: todayOf(example), xlsx: true, pdf: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    return workbook;
  }
  const named = (workbook: ExcelJS.Workbook, path: string) => {
    const range = (workbook.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === `yoshiki.${path}`)!.ranges[0];
    const [, sheet, address] = /^'?(.*?)'?!(.*)$/.exec(range)!;
    return workbook.getWorksheet(sheet)!.getCell(address.replace(/\$/g, ''));
  };
  const bytes = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

  it('names every value cell yoshiki.<data path>', async () => {
    const workbook = await workbookOf('ichikawa-kyoten-todokede');
    expect(named(workbook, 'office.number').value).toBe('1212345678');
    expect(named(workbook, 'functions').value).toContain('■緊急時の受け入れ・対応機能');
  });

  it('reads what a person changed: a text, a ■ turned □ and a □ turned ■', async () => {
    const workbook = await workbookOf('ichikawa-kyoten-todokede');
    named(workbook, 'office.name').value = 'みどりの杜ショートステイ本八幡';
    const functions = named(workbook, 'functions');
    functions.value = String(functions.value).replace('■緊急時の受け入れ', '□緊急時の受け入れ').replace('□相談機能', '■相談機能');
    const { data } = await importDocument(getDefinition('ichikawa-kyoten-todokede'), await bytes(workbook), { today: '2024-05-15' });
    expect((data.office as Record<string, unknown>).name).toBe('みどりの杜ショートステイ本八幡');
    expect(data.functions).toContain('consultation');
    expect(data.functions).not.toContain('emergencyAcceptance');
  });

  it('reports a single choice ticked twice, instead of guessing', async () => {
    const workbook = await workbookOf('ichikawa-kino-kyoka');
    const structure = named(workbook, 'structure');
    structure.value = String(structure.value).replace(/□/g, '■');
    const { data, result } = await importDocument(getDefinition('ichikawa-kino-kyoka'), await bytes(workbook), { today: '2024-06-10' });
    expect(data.structure).toBeUndefined();
    expect(result.errors.filter((e) => e.path === 'structure').map((e) => e.rule)).toEqual(['IM-CHOICE']);
    expect(result.errors.find((e) => e.rule === 'IM-CHOICE')!.message).toContain('1つだけ');
  });

  it('reads a value that breaks across pages whole: its parts are joined, nothing is lost or added', async () => {
    const definition = getDefinition('ichikawa-kyoten-todokede');
    const long = '短期入所の空床を活用して緊急の受入れを行う。\n夜間は24時間365日の連絡体制（0120-000-000）。'.repeat(40);
    const { xlsx, layout } = await renderDocument(definition, { ...exampleOf(definition), functionDetails: long }, { today: '2024-05-15', xlsx: true, pdf: false });
    const parts = layout!.pages.flatMap((p) => p.cells).filter((c) => c.path === 'functionDetails').map((c) => c.part ?? 1);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts).toEqual(parts.map((_, i) => i + 1));
    const { data, result } = await importDocument(definition, xlsx!, { today: '2024-05-15' });
    expect(data.functionDetails).toBe(long);
    expect(result.warnings.filter((w) => w.rule === 'IM-CONTINUED')).toEqual([]);
  });

  it('warns, naming the item, when a value continues on the 続紙 it does not read', async () => {
    // A 様式 that fixes its boxes (`fixed`) continues a long text on the 続紙 instead of growing the box.
    const base = getDefinition('ichikawa-kyoten-todokede');
    const definition = { ...base, pages: base.pages.map((page) => page.map((b) => (b.block === 'fieldTable' ? { ...b, fixed: true } : b))) };
    const example = { ...exampleOf(base), functionDetails: '短期入所の空床を活用して緊急の受入れを行う。'.repeat(40) };
    const { xlsx } = await renderDocument(definition, example, { today: '2024-05-15', xlsx: true, pdf: false });
    const { result } = await importDocument(definition, xlsx!, { today: '2024-05-15' });
    const warning = result.warnings.find((w) => w.rule === 'IM-CONTINUED');
    expect(warning).toMatchObject({ path: 'functionDetails', severity: 'warning' });
    expect(warning!.message).toContain('続紙');
  });

  it('refuses a workbook that yoshiki did not make', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = '事業所名';
    const refused = await importDocument(getDefinition('ichikawa-kino-kyoka'), await bytes(workbook), { today: '2024-06-10' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'NOT_FILLABLE' });
    expect((refused as Error).message).toContain('名前の定義');
  });

  it('refuses the workbook of another 様式', async () => {
    const workbook = await workbookOf('takatsuki-renkei-kaijo');
    const refused = await importDocument(getDefinition('ichikawa-kino-kyoka'), await bytes(workbook), { today: '2024-06-10' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'WRONG_FORM' });
  });
});

describe('yes/no items (有・無): "no" is told from "not answered"', () => {
  const kiroku = () => getDefinition('takatsuki-renkei-kaigi-kiroku');
  /** 保護者の参加 有, 利用の必要性 無, 急ぎの利用の必要性 and 個別支援計画の見直し not answered. */
  const answers = () => {
    const data = structuredClone(exampleOf(kiroku())) as Record<string, Record<string, unknown>>;
    data.meeting.guardianAttended = true;
    data.consultationNeed.needed = false;
    delete data.consultationNeed.urgent;
    delete data.planReview.needed;
    return data;
  };
  const read = (data: Record<string, unknown>) => {
    const at = data as Record<string, Record<string, unknown>>;
    return [at.meeting?.guardianAttended, at.consultationNeed?.needed, at.consultationNeed?.urgent, at.planReview?.needed];
  };

  it('prints both choices of each pair, ticking 有, 無 or neither', async () => {
    const { layout } = await renderDocument(kiroku(), answers(), { today: '2024-07-10', pdf: false });
    const marks = (path: string) =>
      layout!.pages.flatMap((p) => p.cells).find((c) => c.path === path)!.checks!.map((m) => `${m.checked ? '■' : '□'}${m.label}`).join(' ');
    expect(marks('meeting.guardianAttended')).toBe('■有 □無');
    expect(marks('consultationNeed.needed')).toBe('□有 ■無');
    expect(marks('consultationNeed.urgent')).toBe('□有 □無');
    expect(marks('planReview.needed')).toBe('□有 □無');
  });

  it('makes each pair one radio group named by its path, export values true and false', () => {
    const form = fillable.get('takatsuki-renkei-kaigi-kiroku')!;
    return PDFDocument.load(form).then((doc) => {
      const group = doc.getForm().getRadioGroup('meeting.guardianAttended');
      expect(group.getOptions()).toEqual(['true', 'false']);
      expect(doc.getForm().getFields().map((f) => f.getName())).not.toContain('meeting.guardianAttended.true');
    });
  });

  it('reads true, false and not answered back from the fillable PDF', async () => {
    const filled = await fillFillablePdf(fillable.get('takatsuki-renkei-kaigi-kiroku')!, kiroku(), answers());
    const { data } = await importDocument(kiroku(), filled, { today: '2024-07-10' });
    expect(read(data)).toEqual([true, false, undefined, undefined]);
  });

  it('reads true, false and not answered back from the XLSX, and a 無 a person ticks instead of 有', async () => {
    const { xlsx } = await renderDocument(kiroku(), answers(), { today: '2024-07-10', xlsx: true, pdf: false });
    const { data } = await importDocument(kiroku(), xlsx!, { today: '2024-07-10' });
    expect(read(data)).toEqual([true, false, undefined, undefined]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const range = (workbook.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === 'yoshiki.consultationNeed.urgent')!.ranges[0];
    const [, sheet, address] = /^'?(.*?)'?!(.*)$/.exec(range)!;
    const cell = workbook.getWorksheet(sheet)!.getCell(address.replace(/\$/g, ''));
    expect(cell.value).toBe('□有\n□無');
    cell.value = '□有\n■無';
    const edited = await importDocument(kiroku(), Buffer.from(await workbook.xlsx.writeBuffer()), { today: '2024-07-10' });
    expect(read(edited.data)).toEqual([true, false, false, undefined]);
  });
});

describe('telling files apart by their first bytes', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'pdf'],
    ['an XLSX (a ZIP)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]), 'xlsx'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47]), undefined],
    ['JSON that mentions %PDF-', Buffer.from('{"note":"%PDF-"}'), undefined],
  ])('%s', (_what, bytes, format) => {
    expect(sniffFormat(bytes)).toBe(format);
  });

  it('refuses anything else with 415 and a Japanese message', async () => {
    const refused = await importDocument(getDefinition('ichikawa-kino-kyoka'), Buffer.from('事業所名,相談支援センター'), { today: '2024-06-10' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((refused as Error).message).toContain('PDF でも Excel');
  });
});

describe('values printed with formatting parse back', () => {
  const field = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ key: 'x', label: 'x', type, ...extra });
  const choice = field('choice', { options: [{ value: 'tanki', label: '短期入所' }, { value: 'seikatsu', label: '生活介護' }] });

  it.each([
    ['a 和暦 date stays for normalisation', field('date'), '令和6年5月1日', '令和6年5月1日'],
    ['a date loses its weekday', field('date'), '令和6年6月5日（水）', '令和6年6月5日'],
    ['the blank 年　月　日 is nothing', field('date'), '年　　月　　日', undefined],
    ['a lone 〒 is nothing', field('postalCode'), '〒', undefined],
    ['an option label becomes its value', choice, '生活介護', 'seikatsu'],
    ['an unknown label is kept for validation to name', choice, '居宅介護', '居宅介護'],
    ['a number loses its unit', field('integer'), '120 回', '120'],
    ['a list printed in one box splits at 、', field('list', { item: field('text') }), '国府台 一郎、行徳 さくら', ['国府台 一郎', '行徳 さくら']],
    ['a list typed one per line splits at line ends', field('list', { item: field('text') }), '国府台 一郎\n行徳 さくら\n', ['国府台 一郎', '行徳 さくら']],
    ['a boolean reads ■ as true', field('boolean'), '■', true],
    ['text is kept as typed', field('text'), ' 理事長　真間 花子', ' 理事長　真間 花子'],
  ])('%s', (_what, f, text, value) => {
    expect(readPrintedValue(f, text)).toEqual(value);
  });

  it.each([
    ['■者　□児', '者', true],
    ['■者　□児', '児', false],
    ['□その他の支援　■その他', 'その他', true],
    ['■', '', true],
    ['□相談機能', '体験', undefined],
  ])('in %j, %j is ticked: %s', (text, label, ticked) => {
    expect(tickedBefore(text, label)).toBe(ticked);
  });
});

describe('yoshiki import', () => {
  async function run(args: string[]) {
    const io = { text: '', errors: '', out: (s: string) => void (io.text += s), err: (s: string) => void (io.errors += s), exit: { code: 0 } };
    const program = new Command().exitOverride();
    registerFillableCommand(program, io);
    const thrown = await program.parseAsync(['node', 'yoshiki', ...args]).then(() => undefined, (e: unknown) => e);
    return { ...io, thrown };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-import-'));

  it('prints { data, result } with --json and exits 0 for a valid document', async () => {
    const definition = getDefinition('takatsuki-renkei-kaijo');
    const example = exampleOf(definition);
    const { xlsx } = await renderDocument(definition, example, { today: todayOf(example), xlsx: true, pdf: false });
    const file = path.join(dir, 'kaijo.xlsx');
    fs.writeFileSync(file, xlsx!);
    const { text, exit } = await run(['import', definition.id, file, '--json', '--today', todayOf(example)]);
    const out = JSON.parse(text);
    expect(out.result.valid).toBe(true);
    expect(asFormHoldsIt(out.data)).toEqual(asFormHoldsIt(validateDocument(definition, example, { today: todayOf(example) }).data));
    expect(exit.code).toBe(0);
  });

  it('prints the data, with the findings on stderr, and exits 1 for a document with errors', async () => {
    const file = path.join(dir, 'blank.pdf');
    fs.writeFileSync(file, fillable.get('takatsuki-renkei-kaijo')!);
    const { text, errors, exit } = await run(['import', 'takatsuki-renkei-kaijo', file, '--today', '2024-06-01']);
    expect(JSON.parse(text)).toEqual({});
    expect(errors).toContain('誤りがあります');
    expect(exit.code).toBe(1);
  });

  it('refuses a file that is neither PDF nor XLSX with a Japanese message (exit 2 in main)', async () => {
    const file = path.join(dir, 'data.csv');
    fs.writeFileSync(file, '事業所名,相談支援センター\n');
    const { thrown } = await run(['import', 'takatsuki-renkei-kaijo', file]);
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toContain('PDF でも Excel');
  });

  it('names a file it cannot open', async () => {
    const { thrown } = await run(['import', 'takatsuki-renkei-kaijo', path.join(dir, 'missing.pdf')]);
    expect((thrown as Error).message).toContain('missing.pdf');
  });
});
