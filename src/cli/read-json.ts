/** Reads a JSON data file the user named; what goes wrong is an InputError (exit 2) that says what to check. */
import fs from 'node:fs';
import { InputError } from './errors.ts';

export function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`データファイル「${file}」を読めません（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。パスを確認してください。`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`データファイル「${file}」は JSON として読めません（${(e as Error).message}）。JSON の書式を確認してください。`);
  }
}
