/**
 * The definition format as JSON Schema (2020-12), generated from the zod schema that checks every definition at load, so
 * an editor that follows a definition's `$schema` flags a mistake while the city's IT person types — the same mistakes
 * `yoshiki` would refuse at load. Published as `forms/definition.schema.json` (`npm run definition-schema` rewrites it;
 * a test fails when it is stale).
 */
import { z } from 'zod';
import { DEFINITION_FORMAT, definitionSchema } from './definition.ts';

export const DEFINITION_SCHEMA_FILE = 'forms/definition.schema.json';

export function definitionJsonSchema(): Record<string, unknown> {
  // io 'input': what a person writes (defaults may be left out); the key-uniqueness refinement has no JSON Schema form
  // and stays a load-time check.
  const schema = z.toJSONSchema(definitionSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `yoshiki 様式定義（形式 ${DEFINITION_FORMAT}）`,
    description: '様式を一つ定義するファイル（項目とその印字ラベル、規則、計算値、レイアウトのブロック）の形式。',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export function definitionJsonSchemaText(): string {
  return `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`;
}
