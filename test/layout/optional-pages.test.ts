/**
 * The ＜別紙＞ 「緊急時に受入れ可能な障がいの種類」 applies only to an office that takes on 緊急時の受け入れ・対応機能: when that
 * function is not chosen and nothing is written on it, the page is left out (layout.json `pagesWhen`). What a person did
 * write on it is never dropped, and the blank fillable form keeps every page.
 */
import fs from 'node:fs';
import { PDFDocument } from '@pdfme/pdf-lib';
import { describe, expect, it } from 'vitest';
import { formFolder } from '../../src/forms/folders.ts';
import { renderFillablePdf } from '../../src/fillable/fillable-pdf.ts';
import { getDefinition } from '../../src/forms/registry.ts';
import { renderDocument } from '../../src/render/render.ts';
import { pdfPageTexts, squash, xlsxCells } from '../support/read-back.ts';

const example = (id: string) => JSON.parse(fs.readFileSync(formFolder(id)!.example, 'utf8')) as Record<string, any>;
const BESSHI = '緊急時に受入れ可能な障がいの種類';

async function printed(id: string, data: Record<string, unknown>, today: string) {
  const { pdf, xlsx, result } = await renderDocument(id, data, { today, xlsx: true, draft: true });
  const texts = (await pdfPageTexts(pdf!)).map(squash);
  return { pages: texts.length, texts, xlsx: xlsx!, result };
}

describe('届出書 (ichikawa-kyoten-todokede): the ＜別紙＞ prints only when it applies', () => {
  const id = 'ichikawa-kyoten-todokede';

  it('prints it when 緊急時の受け入れ・対応機能 is chosen', async () => {
    const { pages, texts } = await printed(id, example(id), '2024-05-15');
    expect(pages).toBe(2);
    expect(texts[1]).toContain('<別紙>');
    expect(texts[1]).toContain(BESSHI);
  });

  it('leaves it out when the function is not chosen and nothing is written on it: one page, no 別紙 text, no 別紙 sheet', async () => {
    const data: Record<string, unknown> = { ...example(id), functions: ['experience'] };
    delete data.emergencyAcceptance;
    const { pages, texts, xlsx } = await printed(id, data, '2024-05-15');
    expect(pages).toBe(1);
    expect(texts.join('')).not.toContain(BESSHI);
    expect(texts[0]).toContain(squash('別紙（緊急時の受け入れ・対応機能を担う場合のみ）')); // the attachment list still names it
    const sheets: string[] = [];
    (await xlsxCells(xlsx)).workbook.eachSheet((s) => sheets.push(s.name));
    expect(sheets.some((n) => n.includes('別紙'))).toBe(false);
  });

  it('still prints what was written on it when the function is not chosen, so nothing typed is lost', async () => {
    const data = { ...example(id), functions: ['experience'] };
    const { pages, texts } = await printed(id, data, '2024-05-15');
    expect(pages).toBe(2);
    expect(texts[1]).toContain(BESSHI);
  });

  it('keeps it in the blank fillable PDF', async () => {
    const pdf = await renderFillablePdf(getDefinition(id));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getForm().getFields().map((f) => f.getName())).toContain('emergencyAcceptance.visual.adult');
    expect(squash((await pdfPageTexts(pdf))[1])).toContain(BESSHI);
  });
});

describe('変更届出書 (ichikawa-kyoten-henko): the ＜別紙＞ follows 変更後 の担う機能', () => {
  const id = 'ichikawa-kyoten-henko';

  it('prints it when 変更後 includes 緊急時の受け入れ・対応機能, and leaves it out when no change takes it on', async () => {
    const withIt = await printed(id, example(id), '2024-06-20');
    expect(withIt.texts.join('')).toContain(BESSHI);

    const data = example(id);
    delete data.changes.functions;
    delete data.emergencyAcceptance;
    const without = await printed(id, data, '2024-06-20');
    expect(without.texts.join('')).not.toContain(BESSHI);
    expect(without.pages).toBe(withIt.pages - 1);
  });
});
