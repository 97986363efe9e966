/**
 * The fillable PDF: for every 様式, a field wherever the printed form shows a value, named by data path, over the same
 * place; the blank form underneath still reads as the 様式; people can type Japanese (the whole font is embedded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import {
  decodePDFRawStream,
  PDFArray,
  PDFCheckBox,
  PDFDict,
  PDFDocument,
  PDFDropdown,
  PDFName,
  PDFRadioGroup,
  PDFRawStream,
  PDFStream,
  PDFTextField,
} from '@pdfme/pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFillableCommand } from '../src/cli/fillable-command.ts';
import { fillableFields } from '../src/fillable/fillable-fields.ts';
import { renderFillablePdf } from '../src/fillable/fillable-pdf.ts';
import { fieldAt, walkFields } from '../src/forms/fields.ts';
import { getDefinition, loadDefinitions } from '../src/forms/registry.ts';
import type { FormDefinition } from '../src/forms/definition.ts';
import { printFont } from '../src/render/font.ts';
import { layoutDocument } from '../src/render/layout/layout.ts';
import { validateDocument } from '../src/validate.ts';
import { pdfPageTexts, squash } from './support/read-back.ts';
import { formFolder } from '../src/forms/folders.ts';

const MM = 72 / 25.4;
const font = printFont();
const definitions = [...loadDefinitions().values()];
const fillables = new Map<string, PDFDocument>();
const bytesOf = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const definition of definitions) {
    const pdf = await renderFillablePdf(definition);
    bytesOf.set(definition.id, pdf);
    fillables.set(definition.id, await PDFDocument.load(pdf));
  }
  // Each PDF embeds the whole font (≈ 1 s apiece).
}, 180_000);

const example = (definition: FormDefinition) =>
  validateDocument(definition, JSON.parse(fs.readFileSync(formFolder(definition.id)!.example, 'utf8')), { today: '2024-07-01' }).data;

describe.each(definitions.map((d) => [d.id, d] as const))('fillable PDF of %s', (id, definition) => {
  it('has exactly the fields the layout places, one AcroForm field per name', () => {
    const names = fillables.get(id)!.getForm().getFields().map((f) => f.getName());
    const expected = [...new Set(fillableFields(definition, font).fields.map((f) => f.name))];
    expect([...names].sort()).toEqual([...expected].sort());
  });

  it('names every field by a data path, or path.option for an option of a multiple choice', () => {
    for (const field of fillables.get(id)!.getForm().getFields()) {
      const name = field.getName();
      const direct = fieldAt(definition, name);
      if (field instanceof PDFCheckBox && direct?.type !== 'boolean') {
        const owner = fieldAt(definition, name.slice(0, name.lastIndexOf('.')));
        expect(owner?.type, name).toBe('choices');
        expect(owner?.options?.map((o) => o.value), name).toContain(name.slice(name.lastIndexOf('.') + 1));
      } else expect(direct, name).toBeDefined();
    }
  });

  it('has a field for every value the example fills in, the values the 様式 does not print included', () => {
    const names = new Set(fillables.get(id)!.getForm().getFields().map((f) => f.getName()));
    const missing: string[] = [];
    walkFields(definition.fields, example(definition), (field, at, value) => {
      if (value === undefined || field.type === 'group' || field.type === 'list') return;
      // A list of plain values printed in one box is one field named by the list.
      const list = at.replace(/\.\d+$/, '');
      if (fieldAt(definition, list)?.type === 'list' && names.has(list)) return;
      const wanted = field.type === 'choices' && Array.isArray(value) ? value.map((v) => `${at}.${v}`) : [at];
      for (const name of wanted) if (!names.has(name)) missing.push(name);
    });
    expect(missing).toEqual([]);
  });

  it('still shows every label of the 様式 to a text extractor (pdf.js)', async () => {
    const text = squash((await pdfPageTexts(bytesOf.get(id)!)).join(''));
    const blank = layoutDocument({ definition, data: {}, computed: {}, font });
    const labels = blank.pages.flatMap((p) => p.cells.filter((c) => c.role === 'label' || c.role === 'title').map((c) => squash(c.lines.join(''))));
    expect(labels.filter((l) => !text.includes(l))).toEqual([]);
  });
});

describe('fillable PDF fields', () => {
  const todokede = () => fillables.get('ichikawa-kyoten-todokede')!;

  it('uses the naming scheme: values, options of a multiple choice, booleans of a table, list rows', () => {
    const names = todokede().getForm().getFields().map((f) => f.getName());
    expect(names).toEqual(
      expect.arrayContaining(['filedOn', 'applicant.name', 'office.number', 'office.postalCode', 'office.address', 'functions.consultation', 'liaisons']),
    );
    expect(names).toEqual(expect.arrayContaining(['emergencyAcceptance.visual.adult', 'emergencyAcceptance.visual.notAccepted', 'emergencyAcceptance.others.2.type']));
  });

  it('gives every row a list table prints its fields, and no more', () => {
    const names = fillables.get('ichikawa-kino-kyoka')!.getForm().getFields().map((f) => f.getName());
    expect(names).toEqual(expect.arrayContaining(['allocations.0.office', 'allocations.4.count', 'coordinators.1.fullTimeDedicated']));
    expect(names).not.toContain('allocations.5.count');
    // A computed total is printed by yoshiki, not typed.
    expect(names).not.toContain('c');
  });

  it('makes a single choice printed as boxes a radio group, and one printed as a word a drop-down of its labels', () => {
    const form = fillables.get('ichikawa-kino-kyoka')!.getForm();
    expect(form.getField('structure')).toBeInstanceOf(PDFRadioGroup);
    expect(form.getRadioGroup('structure').getOptions()).toEqual(getDefinition('ichikawa-kino-kyoka').fields.find((f) => f.key === 'structure')!.options!.map((o) => o.value));
    const serviceType = todokede().getForm().getField('office.serviceType');
    expect(serviceType).toBeInstanceOf(PDFDropdown);
    expect((serviceType as PDFDropdown).getOptions()).toContain('短期入所');
  });

  it('places a text field over the box the 様式 prints the value in', () => {
    const definition = getDefinition('ichikawa-kyoten-todokede');
    const cell = layoutDocument({ definition, data: {}, computed: {}, font }).pages[0].cells.find((c) => c.path === 'office.number')!;
    const page = todokede().getPage(0);
    const [widget] = todokede().getForm().getTextField('office.number').acroField.getWidgets();
    const rect = widget.getRectangle();
    const box = { x: rect.x / MM, y: (page.getHeight() - rect.y - rect.height) / MM, w: rect.width / MM, h: rect.height / MM };
    // Just inside the printed border, which stays visible.
    expect(box.x - cell.x).toBeGreaterThan(0);
    expect(box.x - cell.x).toBeLessThan(0.5);
    expect(box.y - cell.y).toBeGreaterThan(0);
    expect(box.y - cell.y).toBeLessThan(0.5);
    expect(cell.w - box.w).toBeLessThan(1);
    expect(cell.h - box.h).toBeLessThan(1);
  });

  it('places each checkbox inside the box printed for its option', () => {
    const definition = getDefinition('ichikawa-kyoten-todokede');
    const cell = layoutDocument({ definition, data: {}, computed: {}, font }).pages[0].cells.find((c) => c.path === 'functions')!;
    const mark = cell.checks!.find((m) => m.value === 'experience')!;
    const [widget] = todokede().getForm().getCheckBox('functions.experience').acroField.getWidgets();
    const rect = widget.getRectangle();
    const top = (todokede().getPage(0).getHeight() - rect.y - rect.height) / MM;
    expect(rect.x / MM).toBeGreaterThanOrEqual(mark.x);
    expect(rect.x / MM + rect.width / MM).toBeLessThanOrEqual(mark.x + mark.size);
    expect(top).toBeGreaterThanOrEqual(mark.y);
    expect(top + rect.height / MM).toBeLessThanOrEqual(mark.y + mark.size);
  });

  it('makes free-text boxes multi-line and one-line values single-line', () => {
    const form = todokede().getForm();
    expect(form.getTextField('functionDetails').isMultiline()).toBe(true);
    expect(form.getTextField('liaisons').isMultiline()).toBe(true);
    expect(form.getTextField('office.number').isMultiline()).toBe(false);
  });

  it('gives a date inside a sentence a field of its own (「{filedOn}にあった…」)', () => {
    const form = fillables.get('ichikawa-kyoten-toroku-tsuchi')!.getForm();
    expect(form.getField('filedOn')).toBeInstanceOf(PDFTextField);
  });

  it('labels each field for screen readers and hover (TU)', () => {
    const field = todokede().getForm().getTextField('office.number');
    expect(field.acroField.dict.lookup(PDFName.of('TU'))?.toString()).toBeDefined();
  });

  it('embeds the whole font (not a subset) as the fields’ default font, so any Japanese can be typed', () => {
    const doc = todokede();
    const form = doc.getForm();
    const fonts = form.acroForm.dict.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
    const [[name, ref]] = fonts.entries();
    const type0 = doc.context.lookup(ref, PDFDict);
    const cid = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const file = cid.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2'), PDFStream) as PDFRawStream;
    expect(decodePDFRawStream(file).decode().length).toBe(font.data.length);
    expect(form.getTextField('office.name').acroField.getDefaultAppearance()).toContain(name.toString());
  });

  it('is a form pdf.js (the viewer of Firefox and many web apps) can fill: it sees the same fields', async () => {
    const pdf = await getDocument({ data: new Uint8Array(bytesOf.get('ichikawa-kyoten-todokede')!), isEvalSupported: false }).promise;
    const seen = Object.keys((await pdf.getFieldObjects()) ?? {});
    await pdf.destroy();
    // pdf.js also lists the parents of dotted names (office, functions); every field is among what it sees.
    expect(seen).toEqual(expect.arrayContaining(todokede().getForm().getFields().map((f) => f.getName())));
  });

  it('names its 様式 in the keywords, so it cannot be imported as another', () => {
    expect(todokede().getKeywords()).toContain('yoshiki-form:ichikawa-kyoten-todokede');
  });
});

describe('yoshiki fillable', () => {
  it('writes the fillable PDF', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-fillable-')), 'form.pdf');
    const io = { text: '', out: (s: string) => void (io.text += s), err: () => {}, exit: { code: 0 } };
    const program = new Command().exitOverride();
    registerFillableCommand(program, io);
    await program.parseAsync(['node', 'yoshiki', 'fillable', 'takatsuki-renkei-kaijo', out]);
    const doc = await PDFDocument.load(fs.readFileSync(out));
    expect(doc.getForm().getFields().length).toBeGreaterThan(5);
    expect(doc.getForm().getFields().every((f) => f instanceof PDFTextField || f instanceof PDFCheckBox || f instanceof PDFRadioGroup || f instanceof PDFDropdown)).toBe(true);
    expect(io.text).toContain('記入用 PDF を作成しました');
  });
});
