/** Definitions are checked when loaded: a broken one is a clear developer error naming the file and the path. */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SCHEMAS, publishedSchema } from '../src/forms/published-schemas.ts';
import { DefinitionError, parseDefinition } from '../src/forms/registry.ts';
import { labelAt } from '../src/forms/fields.ts';
import { formFolders, shownPath } from '../src/forms/folders.ts';

const FILE = 'forms/ichikawa/ichikawa-kyoten-todokede/definition.json';
const good = () => JSON.parse(fs.readFileSync(new URL(`../${FILE}`, import.meta.url), 'utf8'));

describe('a broken definition', () => {
  it.each([
    ['an unknown field type', (d: any) => (d.fields[0].type = 'datetime'), 'fields.0.type'],
    ['a choice without options', (d: any) => delete d.fields[2].fields[1].options, 'fields.2.fields.1.options'],
    ['a duplicate key', (d: any) => (d.fields[1].fields[1].key = 'address'), 'fields.1.fields.1.key'],
    ['a layout row naming no field', (d: any) => (d.pages[0][5].rows[0].fields = ['office.nmae']), 'pages.0.5'],
    ['an unknown block', (d: any) => (d.pages[0][0] = { block: 'banner' }), 'pages.0.0.block'],
  ])('with %s names the file and the path', (_name, breakIt, at) => {
    const d = good();
    breakIt(d);
    expect(() => parseDefinition(d, FILE)).toThrow(DefinitionError);
    try {
      parseDefinition(d, FILE);
    } catch (e) {
      expect((e as DefinitionError).message).toContain(`[yoshiki] definition ${FILE} is broken at `);
      expect((e as DefinitionError).at).toBe(at);
    }
  });

  it('whose filing names no 事業所番号 without saying why is refused (no silent default)', () => {
    const d = good();
    d.filing.officeNumber = null;
    expect(() => parseDefinition(d, FILE)).toThrow('officeNumber が null の様式は、番号を持たない理由を officeNumberNote に書いてください');
  });

  it('whose filing is issued by someone unknown is refused', () => {
    const d = good();
    d.filing = { issuedBy: 'prefecture' };
    expect(() => parseDefinition(d, FILE)).toThrow(DefinitionError);
  });

  it('whose id differs from its folder name is refused', () => {
    expect(() => parseDefinition(good(), 'forms/ichikawa/other/definition.json', { id: 'other', municipality: 'ichikawa' })).toThrow(
      'id "ichikawa-kyoten-todokede" does not match the folder name "other"',
    );
  });

  it('whose municipality differs from its city folder is refused', () => {
    expect(() => parseDefinition(good(), 'forms/takatsuki/ichikawa-kyoten-todokede/definition.json', { id: 'ichikawa-kyoten-todokede', municipality: 'takatsuki' })).toThrow(
      'municipality "ichikawa" does not match the folder "takatsuki"',
    );
  });
});

describe('labels in messages', () => {
  const d = parseDefinition(good(), FILE);
  it.each([
    ['office.number', '事業所番号'],
    ['applicant.name', '申請者 名称'],
    ['emergencyAcceptance.visual.adult', '視覚 受入可 者'],
    ['emergencyAcceptance.others.1.type', 'その他受入れ可能な障がい 2行目 種類'],
    ['liaisons.0', '市町村及び地域生活支援拠点等との連携及び調整に従事する者の氏名 1行目'],
  ])('%s reads as 「%s」', (path, label) => expect(labelAt(d, path)).toBe(label));
});

describe('the published definition format (forms/definition.schema.json)', () => {
  const published = JSON.parse(fs.readFileSync(new URL('../forms/definition.schema.json', import.meta.url), 'utf8'));
  const files = formFolders().map((f) => shownPath(f.definition));

  it.each(PUBLISHED_SCHEMAS)('forms/%s is what the zod schema generates today (`yoshiki form schemas` rewrites it)', (name) => {
    expect(JSON.parse(fs.readFileSync(new URL(`../forms/${name}`, import.meta.url), 'utf8'))).toEqual(publishedSchema(name));
  });

  it.each(formFolders().flatMap((f) => [path.join(f.dir, '..', 'municipality.json'), f.cases]).filter((f, i, all) => all.indexOf(f) === i).map((f) => shownPath(f)))(
    '%s names its schema and is accepted by it',
    (file) => {
      const value = JSON.parse(fs.readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
      const schema = JSON.parse(fs.readFileSync(path.join(path.dirname(new URL(`../${file}`, import.meta.url).pathname), value.$schema), 'utf8'));
      const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it.each(files)('is named by %s as its $schema, and accepts it', (name) => {
    const definition = JSON.parse(fs.readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'));
    expect(definition.$schema).toBe('../../definition.schema.json');
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);
    expect(validate(definition), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses what the loader refuses, so an editor flags it while typing', () => {
    const validate = new Ajv2020({ strict: false }).compile(published);
    const typo = good();
    typo.fields[0].type = 'datetime';
    expect(validate(typo)).toBe(false);
    const unknownBlock = good();
    unknownBlock.pages[0][0] = { block: 'banner' };
    expect(validate(unknownBlock)).toBe(false);
  });
});
