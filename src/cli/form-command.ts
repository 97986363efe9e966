/**
 * `yoshiki form …`: the commands a city's IT person uses to add a 様式 without touching the code.
 *   form new <municipality>/<form-id>   a folder that passes `form check`, to fill in
 *   form check <folder>                 every check a folder must pass before the 様式 is published
 *   form schemas                        rewrites forms/*.schema.json from the formats yoshiki checks at load
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FORMS_DIR, shownPath } from '../forms/folders.ts';
import { writePublishedSchemas } from '../forms/published-schemas.ts';
import { EXIT, InputError, type CommandIo } from './errors.ts';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function registerFormCommands(program: Command, { out, exit }: CommandIo): void {
  const form = program.command('form').description('様式のフォルダ（forms/<市>/<様式の id>/）を作る・確かめる');

  form
    .command('check')
    .description('様式のフォルダを確かめる（定義・記入例・規則・配置・PDF と Excel・事例）')
    .argument('<folder>', '様式のフォルダ（例：forms/ichikawa/ichikawa-kyoten-haishi）')
    .action(async (folder: string) => {
      if (!fs.existsSync(path.join(folder, 'definition.json'))) throw new InputError(`${folder} に definition.json がありません。様式のフォルダを指定してください。`);
      // The check renders the folder's cases: the PDF engine loads now, not when the program starts (see main.ts).
      const { checkFormFolder } = await import('../check-form.ts');
      const steps = await checkFormFolder(folder);
      let failed = 0;
      for (const s of steps) {
        out(`${s.problems.length ? '✗' : '✓'} ${s.name}\n`);
        for (const p of s.problems) out(`    ${p}\n`);
        if (s.problems.length) failed++;
      }
      out(failed ? `\n${failed} 件の確認が通りませんでした。\n` : '\nすべての確認が通りました。\n');
      exit.code = failed ? EXIT.invalid : EXIT.ok;
    });

  form
    .command('new')
    .description('新しい様式のフォルダを、form check が通るひな形で作る')
    .argument('<municipality/form-id>', '市と様式の id（例：ichikawa/ichikawa-kesseki-taio）')
    .option('--title <title>', '様式の表題', '（様式の表題）')
    .action((spec: string, opts: { title: string }) => {
      const [municipality, id, ...rest] = spec.split('/');
      if (rest.length || !municipality || !id || !ID.test(municipality) || !ID.test(id))
        throw new InputError(`「${spec}」は <市>/<様式の id> の形で、半角英小文字・数字・ハイフンで指定してください（例：ichikawa/ichikawa-kesseki-taio）。`);
      const dir = path.join(FORMS_DIR, municipality, id);
      if (fs.existsSync(dir)) throw new InputError(`${shownPath(dir)} はすでにあります。別の id を指定してください。`);
      const written = scaffoldForm(municipality, id, opts.title);
      for (const file of written) out(`作成 ${shownPath(file)}\n`);
      out(`\n項目・レイアウト・規則を書き換えたら、yoshiki form check ${shownPath(dir)} で確かめてください（docs/adding-a-form.md）。\n`);
    });

  form
    .command('schemas')
    .description('forms/ の JSON Schema（definition・municipality・cases）を書き直す')
    .action(() => {
      for (const file of writePublishedSchemas()) out(`作成 ${shownPath(file)}\n`);
    });
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The smallest 様式 that passes `form check`: a title, a 届出日, the filer and one office table. */
export function scaffoldForm(municipality: string, id: string, title: string, root = FORMS_DIR): string[] {
  const cityDir = path.join(root, municipality);
  const dir = path.join(cityDir, id);
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [];
  const cityFile = path.join(cityDir, 'municipality.json');
  if (!fs.existsSync(cityFile))
    files.push([
      cityFile,
      json({ $schema: '../municipality.schema.json', id: municipality, name: '（市の名称）', prefecture: '（都道府県）', receiptPrefix: municipality.slice(0, 3).toUpperCase().padEnd(3, 'X') }),
    ]);
  files.push([
    path.join(dir, 'definition.json'),
    json({
      $schema: '../../definition.schema.json',
      format: 1,
      id,
      title,
      version: new Date().toISOString().slice(0, 7),
      municipality,
      source: { seed: '（出典の文書）', section: '（節）' },
      fields: [
        { key: 'filedOn', label: '届出日', type: 'date', required: true },
        {
          key: 'applicant',
          label: '申請者',
          type: 'group',
          required: true,
          fields: [
            { key: 'address', label: '申請者 所在地', printLabel: '所在地', type: 'text', required: true },
            { key: 'name', label: '申請者 名称', printLabel: '名称', type: 'text', required: true },
            { key: 'representative', label: '申請者 代表者', printLabel: '代表者', type: 'text', required: true },
          ],
        },
        {
          key: 'office',
          label: '事業所',
          type: 'group',
          required: true,
          fields: [
            { key: 'name', label: '事業所名', type: 'text', required: true },
            { key: 'number', label: '事業所番号', type: 'officeNumber', required: true },
          ],
        },
      ],
      rules: [],
      pages: [
        [
          { block: 'title' },
          { block: 'filedDate', field: 'filedOn' },
          { block: 'addressee', text: '（宛先）' },
          { block: 'applicant', field: 'applicant' },
          { block: 'fieldTable', rows: [{ fields: ['office.name'] }, { fields: ['office.number'] }] },
        ],
      ],
    }),
  ]);
  files.push([
    path.join(dir, 'example.json'),
    json({
      filedOn: '令和6年6月3日',
      applicant: { address: '（所在地の例）', name: '（法人名の例）', representative: '（代表者の例）' },
      office: { name: '（事業所名の例）', number: '1234567890' },
    }),
  ]);
  files.push([
    path.join(dir, 'cases.json'),
    json({
      $schema: '../../cases.schema.json',
      today: '2024-06-03',
      cases: [
        { name: '記入例は誤りなく受け付けられる', errors: [], warnings: [] },
        { name: '事業所名が空欄なら提出できない', set: { 'office.name': '' }, errors: ['G-REQUIRED'], messages: { 'G-REQUIRED': '「事業所名」を入力してください。' } },
      ],
    }),
  ]);
  for (const [file, text] of files) fs.writeFileSync(file, text);
  return files.map(([file]) => file);
}
