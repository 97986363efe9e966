/**
 * Reading one JSON file of a 様式 folder (cases.json, municipality.json, definition.json) and checking it against its
 * zod format: what is wrong is a developer error naming the file and the path inside it.
 */
import fs from 'node:fs';
import type { z } from 'zod';
import { DefinitionError } from './definition-error.ts';
import { shownPath } from './folders.ts';

/** The parsed JSON of `file`, or a DefinitionError naming the file when it is not JSON. */
export function readJsonOf(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DefinitionError(shownPath(file), '', `not valid JSON (${(e as Error).message})`);
  }
}

/** The JSON of `file` checked against `schema`; the first issue becomes a DefinitionError at its path. */
export function readCheckedJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const checked = schema.safeParse(readJsonOf(file));
  if (!checked.success) throw new DefinitionError(shownPath(file), checked.error.issues[0].path.join('.'), checked.error.issues[0].message);
  return checked.data;
}
