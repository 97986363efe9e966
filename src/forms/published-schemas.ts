/**
 * The file formats of a 様式 folder as JSON Schema (2020-12), generated from the zod schemas that check those files at
 * load, so an editor that follows a file's `$schema` flags a mistake while the city's IT person types — the same mistakes
 * yoshiki would refuse. Published beside the folders in `forms/` (`yoshiki form schemas` rewrites them; a test fails when
 * one is stale).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { caseFileSchema } from './cases.ts';
import { DEFINITION_FORMAT, definitionSchema } from './definition.ts';
import { FORMS_DIR } from './folders.ts';
import { municipalitySchema } from './municipalities.ts';

const SCHEMAS = {
  'definition.schema.json': { schema: definitionSchema, title: `yoshiki 様式定義（形式 ${DEFINITION_FORMAT}）`, description: '様式を一つ定義するファイル（項目とその印字ラベル、規則、計算値、レイアウトのブロック）の形式。' },
  'municipality.schema.json': { schema: municipalitySchema, title: 'yoshiki 市の情報', description: 'forms/<市>/municipality.json：市の名称、都道府県、受付番号の接頭辞、一覧表の表題。' },
  'cases.schema.json': { schema: caseFileSchema, title: 'yoshiki 規則の事例', description: 'forms/<市>/<様式>/cases.json：記入例を変えた事例と、そのとき出るべき誤り・注意・計算値・メッセージ。' },
} as const;

export type PublishedSchemaName = keyof typeof SCHEMAS;
export const PUBLISHED_SCHEMAS = Object.keys(SCHEMAS) as PublishedSchemaName[];

export function publishedSchema(name: PublishedSchemaName): Record<string, unknown> {
  const { schema, title, description } = SCHEMAS[name];
  // io 'input': what a person writes (defaults may be left out); refinements with no JSON Schema form (unique keys)
  // stay load-time checks.
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    description,
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

export const publishedSchemaText = (name: PublishedSchemaName): string => `${JSON.stringify(publishedSchema(name), null, 2)}\n`;

/** Writes every schema into `forms/`; returns the files written. */
export function writePublishedSchemas(root = FORMS_DIR): string[] {
  return PUBLISHED_SCHEMAS.map((name) => {
    const file = path.join(root, name);
    fs.writeFileSync(file, publishedSchemaText(name));
    return file;
  });
}
