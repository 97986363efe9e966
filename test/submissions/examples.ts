/** The filings and the PDF the tests send (kept free of server imports, so the crash test's child process starts fast). */
import fs from 'node:fs';
import { PDFDocument } from '@pdfme/pdf-lib';
import { formFolder } from '../../src/forms/folders.ts';

export const OFFICE_A = '1212345678'; // forms/ichikawa/ichikawa-kyoten-todokede/example.json
export const OFFICE_B = '1213500421'; // forms/ichikawa/ichikawa-kyoten-henko/example.json

/** An example's JSON, loosely typed: tests reach into it and change a field or two (it is validated by the server). */
export type ExampleData = Record<string, any>; // any: free-form JSON the tests edit

export function example(form: string): ExampleData {
  return JSON.parse(fs.readFileSync(formFolder(form)!.example, 'utf8'));
}

/** A small, valid PDF (運営規程案 stand-in); `note` makes each one's bytes different. */
export async function tinyPdf(note = '運営規程案'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(note);
  doc.setCreationDate(new Date('2024-05-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-05-01T00:00:00Z'));
  doc.addPage([595, 842]);
  return doc.save();
}
