/**
 * The yoshiki command line. Exit codes: 0 valid / done, 1 the document has errors, 2 usage or unreadable input.
 *
 * A command loads what it needs when it runs (`await import(…)` in its action), not when the program starts: the PDF
 * engine, the server, the stores and the job queue together are ~150 MB of memory, and `yoshiki validate` or the main
 * thread of `yoshiki batch` (which only reads and checks rows; its threads draw) need none of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadDefinitions, getDefinition, UnknownFormError } from '../forms/registry.ts';
import { jsonSchema } from '../forms/data-schema.ts';
import { parseDateInput } from '../text/wareki.ts';
import { validateDocument, type ValidationResult } from '../validate.ts';
import { validateBundle } from '../validate-bundle.ts';
import { printFont } from '../render/font.ts';
import { formatResult } from './format-result.ts';
import { readJson } from './read-json.ts';
import { registerDeriveCommand } from './derive-command.ts';
import { registerClauseCommand } from './clause-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerWorkerCommand } from './worker-command.ts';
import { registerFillableCommand } from './fillable-command.ts';
import { registerSubmissionCommands } from './submission-commands.ts';
import { registerBatchCommand } from './batch-command.ts';
import { registerFormCommands } from './form-command.ts';
import { readExample } from '../forms/folders.ts';

import { EXIT, InputError } from './errors.ts';
import { todayOption } from './today.ts';

export { EXIT, InputError };


/** A document of a bundle: a JSON file `{ "form": "<form-id>", "data": { … } }`. */
function bundleDocument(file: string): { form: string; data: unknown } {
  const json = readJson(file) as { form?: unknown; data?: unknown } | null;
  if (!json || typeof json !== 'object' || typeof json.form !== 'string' || json.data === undefined)
    throw new InputError(`「${file}」は { "form": "<様式の id>", "data": { … } } の形にしてください（--bundle では各ファイルが様式を名乗ります）。`);
  getDefinition(json.form);
  return { form: json.form, data: json.data };
}


function writeFile(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, bytes);
}

export function buildProgram(out: (s: string) => void, err: (s: string) => void): { program: Command; exit: { code: number } } {
  const exit = { code: EXIT.ok as number };
  const program = new Command();
  program
    .name('yoshiki')
    .description('自治体の様式を、定義ひとつから検証・PDF・Excel に。')
    .configureOutput({ writeOut: out, writeErr: err })
    .exitOverride();

  program
    .command('forms')
    .description('様式の一覧（id、表題、版）')
    .option('--json', 'JSON で出力する')
    .action((opts: { json?: boolean }) => {
      const forms = [...loadDefinitions().values()].map((d) => ({ id: d.id, title: d.title, version: d.version }));
      if (opts.json) out(`${JSON.stringify(forms, null, 2)}\n`);
      else for (const f of forms) out(`${f.id}\t${f.title}\t${f.version}\n`);
    });

  program
    .command('validate')
    .description('データを様式の規則で検証する（--bundle: 複数の書類を併せて検証する）')
    .argument('<args...>', '<form-id> <data.json>、又は --bundle のとき { "form", "data" } の JSON ファイルを複数')
    .option('--bundle', '併せて提出する書類をまとめて検証する（KK-BUNDLE、TK-MONTHLY、RM-MONTHLY）')
    .option('--json', '結果を JSON（valid, errors, warnings, computed）で出力する')
    .option('--today <date>', '基準日（YYYY-MM-DD、省略時は日本時間の今日）')
    .action((args: string[], opts: { bundle?: boolean; json?: boolean; today?: string }) => {
      const today = todayOption(opts.today);
      if (opts.bundle) {
        const inputs = args.map((file) => bundleDocument(file));
        const bundle = validateBundle(inputs, { today, canDraw: printFont().canDraw });
        if (opts.json) out(`${JSON.stringify({ valid: bundle.valid, documents: bundle.documents.map((d, i) => ({ file: args[i], ...d })) }, null, 2)}\n`);
        else bundle.documents.forEach((d, i) => out(`${args[i]}: ${formatResult(getDefinition(d.form), d.result)}`));
        exit.code = bundle.valid ? EXIT.ok : EXIT.invalid;
        return;
      }
      if (args.length !== 2) throw new InputError('yoshiki validate <form-id> <data.json> の形で指定してください（複数の書類は --bundle）。');
      const [formId, file] = args;
      const definition = getDefinition(formId);
      const data = readJson(file);
      const { result } = validateDocument(definition, data, { today, canDraw: printFont().canDraw });
      out(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(definition, result));
      exit.code = result.valid ? EXIT.ok : EXIT.invalid;
    });

  program
    .command('render')
    .description('PDF・Excel を作成する（誤りがあると作成しない。--draft で「下書き」入りを作成）')
    .argument('<form-id>', '様式の id')
    .argument('<data.json>', '記入データ（JSON）')
    .option('--pdf <file>', 'PDF の出力先')
    .option('--xlsx <file>', 'Excel（XLSX）の出力先')
    .option('--draft', '誤りがあっても「下書き」の透かし入りで作成する')
    .option('--json', '検証結果を JSON で出力する')
    .option('--today <date>', '基準日（YYYY-MM-DD）')
    .action(async (formId: string, file: string, opts: { pdf?: string; xlsx?: string; draft?: boolean; json?: boolean; today?: string }) => {
      const definition = getDefinition(formId);
      if (!opts.pdf && !opts.xlsx) throw new InputError('--pdf か --xlsx で出力先を指定してください。');
      const data = readJson(file);
      const { renderDocument } = await import('../render/render.ts');
      const rendered = await renderDocument(definition, data, { today: todayOption(opts.today), draft: opts.draft, pdf: !!opts.pdf, xlsx: !!opts.xlsx });
      out(opts.json ? `${JSON.stringify(rendered.result, null, 2)}\n` : formatResult(definition, rendered.result));
      if (rendered.pdf && opts.pdf) {
        writeFile(opts.pdf, rendered.pdf);
        if (!opts.json) out(`PDF を作成しました：${opts.pdf}\n`);
      }
      if (rendered.xlsx && opts.xlsx) {
        writeFile(opts.xlsx, rendered.xlsx);
        if (!opts.json) out(`Excel を作成しました：${opts.xlsx}\n`);
      }
      if (!rendered.pdf && !rendered.xlsx) err('誤りがあるため作成しませんでした。誤りを直すか、--draft で下書きを作成してください。\n');
      exit.code = rendered.result.valid ? EXIT.ok : EXIT.invalid;
    });

  program
    .command('schema')
    .description('様式のデータの JSON Schema（2020-12）を出力する')
    .argument('<form-id>', '様式の id')
    .action((formId: string) => out(`${JSON.stringify(jsonSchema(getDefinition(formId)), null, 2)}\n`));

  program
    .command('demo')
    .description('すべての様式の記入例（forms/<市>/<様式>/example.json）を検証し、PDF と Excel を作成する')
    .option('--out <dir>', '出力先フォルダ', 'out')
    .option('--today <date>', '基準日（YYYY-MM-DD）')
    .action(async (opts: { out: string; today?: string }) => {
      let failed = 0;
      const [{ renderDocument }, { exampleToday }] = await Promise.all([import('../render/render.ts'), import('../check-form.ts')]);
      for (const definition of loadDefinitions().values()) {
        const data = readExample(definition.id);
        if (!data) continue;
        const rendered = await renderDocument(definition, data, { today: todayOption(opts.today ?? exampleToday(data)), xlsx: true });
        const base = path.join(opts.out, definition.id);
        if (rendered.pdf) writeFile(`${base}.pdf`, rendered.pdf);
        if (rendered.xlsx) writeFile(`${base}.xlsx`, rendered.xlsx);
        const status = rendered.result.valid ? `作成 ${base}.pdf, ${base}.xlsx` : `誤り ${rendered.result.errors.length}件`;
        out(`${definition.id}\t${definition.title}\t${status}\n`);
        if (!rendered.result.valid) failed++;
      }
      exit.code = failed ? EXIT.invalid : EXIT.ok;
    });

  registerDeriveCommand(program, { out, err, exit });
  registerClauseCommand(program, { out, err, exit });
  registerServeCommand(program, { out, err, exit });
  registerWorkerCommand(program, { out, err, exit });
  registerFillableCommand(program, { out, err, exit });
  registerSubmissionCommands(program, { out, err, exit });
  registerBatchCommand(program, { out, err, exit });
  registerFormCommands(program, { out, err, exit });

  return { program, exit };
}

export async function main(argv: string[], out = (s: string) => void process.stdout.write(s), err = (s: string) => void process.stderr.write(s)): Promise<number> {
  const { program, exit } = buildProgram(out, err);
  try {
    await program.parseAsync(argv);
    return exit.code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof InputError || e instanceof UnknownFormError) {
      err(`${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

export type { ValidationResult };
