/**
 * Every PDF yoshiki writes passes what preflight tools check: poppler's pdffonts sees an embedded subset named with its
 * six-letter tag, qpdf --check finds nothing, the information dictionary and the XMP metadata carry the title, the filer
 * as Author and yoshiki as Creator / Producer, the viewer is asked to show the title, and the language is Japanese.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString } from '@pdfme/pdf-lib';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFillablePdf } from '../../src/fillable/fillable-pdf.ts';
import { fillFillablePdf } from '../../src/fillable/fill-pdf.ts';
import { getAt } from '../../src/forms/fields.ts';
import { getDefinition, loadDefinitions } from '../../src/forms/registry.ts';
import { displaysDocTitle, subsetTag } from '../../src/render/pdf/pdf-standards.ts';
import { renderDocument } from '../../src/render/render.ts';
import { renderReceiptPdf } from '../../src/submissions/receipt-pdf.ts';
import type { Receipt } from '../../src/submissions/receipt.ts';
import { formPagesRouter } from '../../server/pages/router.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';
import { pdffonts, pdfinfo, pdfXmp, qpdfCheck, tempDir, writeTemp } from '../support/print-tools.ts';
import { runCli } from '../batch/support/run-cli.ts';
import { csvText, example, table } from '../batch/support/table.ts';
import { formFolder } from '../../src/forms/folders.ts';

const TODAY = '2024-07-10';
// The title prints in the Bold weight where the layout uses it: it is a tagged subset too.
const TAGGED = /^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)$/;
const exampleOf = (id: string) => JSON.parse(fs.readFileSync(formFolder(id)!.example, 'utf8'));
const definitions = [...loadDefinitions().values()];
let dir: string;
beforeAll(() => {
  dir = tempDir('standards');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What every PDF of yoshiki shows the tools, whatever wrote it. */
async function expectPreflightClean(file: string, bytes: Uint8Array, title: string, author: string | undefined, wholeFont = false) {
  const fonts = pdffonts(file);
  expect(fonts.filter((f) => TAGGED.test(f.name)).length).toBeGreaterThan(0);
  for (const font of fonts) {
    // A fillable form also embeds the whole font for typing: named without a tag, as it is no subset.
    if (wholeFont && font.name === 'BIZUDPGothic-Regular') expect(font).toMatchObject({ embedded: true, subset: false });
    else expect(font, font.name).toMatchObject({ name: expect.stringMatching(TAGGED), embedded: true, subset: true, unicode: true });
  }
  const check = qpdfCheck(file);
  expect(check.status, check.output).toBe(0);
  const info = pdfinfo(file);
  expect([info.Title, info.Creator, info.Producer]).toEqual([title, 'yoshiki', 'yoshiki']);
  expect(info.Author ?? '').toBe(author ?? '');
  expect(info['Metadata Stream']).toBe('yes');
  const xmp = pdfXmp(file);
  expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>`);
  expect(xmp).toContain('<xmp:CreatorTool>yoshiki</xmp:CreatorTool>');
  expect(xmp).toContain('<pdf:Producer>yoshiki</pdf:Producer>');
  if (author) expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${author}</rdf:li></rdf:Seq></dc:creator>`);
  else expect(xmp).not.toContain('<dc:creator>');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  expect(displaysDocTitle(doc)).toBe(true);
  expect((doc.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('ja');
}

describe.each(definitions.map((d) => [d.id, d] as const))('the PDF of %s', (id, definition) => {
  it('passes pdffonts (tagged subset), qpdf --check and carries title, filer, XMP and DisplayDocTitle', async () => {
    const data = exampleOf(id);
    const { pdf } = await renderDocument(definition, data, { today: TODAY });
    const author = 'text' in definition.author ? definition.author.text : (getAt(data, definition.author.field) as string);
    expect(author).toBeTruthy();
    await expectPreflightClean(writeTemp(dir, `${id}.pdf`, pdf!), pdf!, definition.title, author);
  });
});

describe('Author names who the document is from', () => {
  it.each([
    ['ichikawa-kyoten-todokede', '社会福祉法人 みどりの杜会'],
    ['ichikawa-kyoten-toroku-tsuchi', '市川市長'],
  ])('%s: %s', async (id, author) => {
    const { pdf } = await renderDocument(id, exampleOf(id), { today: TODAY });
    expect(pdfinfo(writeTemp(dir, `author-${id}.pdf`, pdf!)).Author).toBe(author);
  });

  it('a draft carries 【下書き】 in its title, in the information dictionary and the XMP alike', async () => {
    const id = 'ichikawa-kyoten-todokede';
    const data = { ...exampleOf(id), office: { ...exampleOf(id).office, number: '12345' } };
    const { pdf } = await renderDocument(id, data, { today: TODAY, draft: true });
    const file = writeTemp(dir, 'draft.pdf', pdf!);
    expect(pdfinfo(file).Title).toBe('【下書き】市川市地域生活支援拠点等届出書');
    expect(pdfXmp(file)).toContain('<rdf:li xml:lang="x-default">【下書き】市川市地域生活支援拠点等届出書</rdf:li>');
  });
});

describe('the subset tag', () => {
  it('is six capital letters that follow from the glyphs: the same glyphs, the same tag', () => {
    expect(subsetTag([3, 1, 2])).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag([3, 1, 2])).toBe(subsetTag([1, 2, 3]));
    expect(subsetTag([1, 2, 3])).not.toBe(subsetTag([1, 2, 4]));
  });

  it('is the same for the same document rendered twice, and differs for different text', async () => {
    const id = 'ichikawa-kyoten-haishi';
    // The regular weight: the bold one holds the title alone, which the applicant's name does not change.
    const name = async (data: unknown, n: string) => pdffonts(writeTemp(dir, n, (await renderDocument(id, data, { today: TODAY })).pdf!)).find((f) => f.name.includes('Regular'))!.name;
    const first = await name(exampleOf(id), 'tag-1.pdf');
    expect(await name(exampleOf(id), 'tag-2.pdf')).toBe(first);
    expect(await name({ ...exampleOf(id), applicant: { ...exampleOf(id).applicant, name: '特定非営利活動法人 ひまわり工房' } }, 'tag-3.pdf')).not.toBe(first);
  });
});

describe('the other PDFs', () => {
  it('the 受付票 is issued by the municipality', async () => {
    const receipt: Receipt = {
      receiptNumber: 'ICH-2024-000123',
      revision: 1,
      receivedAt: '2024-07-10T01:23:45.000Z',
      status: 'received',
      municipality: 'ichikawa',
      officeNumber: '1212345678',
      sha256: { documents: ['a'.repeat(64)], attachments: [] },
      documents: [{ form: 'ichikawa-kyoten-todokede', sha256: 'a'.repeat(64) }],
      attachments: [],
      warnings: [],
      computed: [{}],
      links: { submission: '/api/submissions/ICH-2024-000123', receiptPdf: '/api/submissions/ICH-2024-000123/receipt.pdf' },
    };
    const pdf = await renderReceiptPdf(receipt);
    await expectPreflightClean(writeTemp(dir, 'receipt.pdf', pdf), pdf, '受付票', '市川市');
  });

  it('the blank fillable PDF has no filer yet; filled in, it is from the filer, and both pass the tools', async () => {
    const definition = getDefinition('ichikawa-kyoten-todokede');
    const blank = await renderFillablePdf(definition);
    const blankFile = writeTemp(dir, 'blank.pdf', blank);
    // The whole font for typing sits in the form's resources; the pages use the tagged subset.
    await expectPreflightClean(blankFile, blank, definition.title, undefined, true);
    const filled = await fillFillablePdf(blank, definition, exampleOf(definition.id));
    await expectPreflightClean(writeTemp(dir, 'filled.pdf', filled), filled, definition.title, '社会福祉法人 みどりの杜会', true);
    expect(pdfinfo(writeTemp(dir, 'filled2.pdf', filled)).Keywords).toContain('yoshiki-form:ichikawa-kyoten-todokede');
  });
});

describe('batch production', () => {
  it('gives each row’s PDF its own filer as Author, and the combined PDF none; all pass the tools', async () => {
    const form = 'ichikawa-kyoten-haishi';
    const docs = [example(form), example(form)];
    docs[1].applicant.name = '社会福祉法人 すがの福祉会';
    docs[1].office.number = '1212345679';
    const csv = path.join(dir, 'rows.csv');
    fs.writeFileSync(csv, csvText(table(form, docs, 'key')));
    const out = path.join(dir, 'batch');
    const run = await runCli('batch', form, csv, '--out', out, '--combined', '--today', TODAY, '--jobs', '1');
    expect(run.err).toBe('');
    const title = getDefinition(form).title;
    const rows = fs.readdirSync(out).filter((f) => f.endsWith('.pdf') && f !== 'combined.pdf').sort();
    expect(rows).toHaveLength(2);
    for (const [i, file] of rows.entries()) {
      const bytes = fs.readFileSync(path.join(out, file));
      await expectPreflightClean(path.join(out, file), bytes, title, docs[i].applicant.name);
    }
    const combined = fs.readFileSync(path.join(out, 'combined.pdf'));
    await expectPreflightClean(path.join(out, 'combined.pdf'), combined, title, undefined);
  }, 120_000);
});

describe('(c) ≦ (b): the sign of JIS X 0208, never ≤ (a common BIZ UDPGothic build on Linux draws ≤ as ≥)', () => {
  it('is printed on the 機能強化加算 届出書', async () => {
    const { pdf } = await renderDocument('ichikawa-kino-kyoka', exampleOf('ichikawa-kino-kyoka'), { today: TODAY });
    const text = (await pdfPageTexts(pdf!)).join('');
    expect(squash(text)).toContain('※(c)≦(b)であるかの確認');
    expect(text).not.toMatch(/[≤≥]/);
  });

  it('is shown in the web form', async () => {
    const html = (await request(express().use(formPagesRouter())).get('/forms/ichikawa-kino-kyoka')).text;
    expect(html).toContain('(c) ≦ (b) であるかの確認');
    expect(html).not.toMatch(/[≤≥]/);
  });
});
