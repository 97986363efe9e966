/**
 * The documents the print checks run on: every 様式's example and, where test/fixtures/long-values/<form-id>.json exists,
 * its long-value twin (realistic long names, addresses and free text). A twin added to that folder is picked up as is.
 */
import fs from 'node:fs';
import { readExample } from '../../src/forms/folders.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';

export interface PrintCase {
  /** File-name-safe: the form id, with `.long` for the twin. */
  name: string;
  form: string;
  data: Record<string, unknown>;
}

const LONG_VALUES = new URL('../fixtures/long-values/', import.meta.url);
/** The date the examples are checked on (their 届出日 lie before it). */
export const PRINT_TODAY = '2024-07-10';

export function printCases(): PrintCase[] {
  const cases: PrintCase[] = [];
  for (const id of loadDefinitions().keys()) {
    const example = readExample(id);
    if (example) cases.push({ name: id, form: id, data: example });
    const twin = new URL(`${id}.json`, LONG_VALUES);
    if (fs.existsSync(twin)) cases.push({ name: `${id}.long`, form: id, data: JSON.parse(fs.readFileSync(twin, 'utf8')) });
  }
  return cases;
}
