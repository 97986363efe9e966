/**
 * yoshiki fillable <form-id> <out.pdf>
 *   The blank 様式 as a fillable PDF: a form field wherever a value is printed, named by its data path.
 * yoshiki import <form-id> <file.pdf|file.xlsx> [--json] [--out data.json] [--today YYYY-MM-DD]
 *   A filled-in fillable PDF or yoshiki XLSX back to data, validated. Without --json the data goes to stdout (or --out)
 *   and the findings to stderr, so the output pipes into `yoshiki render`; with --json stdout is `{ data, result }`.
 *   Exit: 0 valid, 1 the document has errors, 2 usage or a file that cannot be read as this 様式.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getDefinition } from '../forms/registry.ts';
import { ImportError } from '../import/errors.ts';
import { EXIT, InputError, type CommandIo } from './errors.ts';
import { todayOption } from './today.ts';
import { formatResult } from './format-result.ts';


function writeFile(file: string, bytes: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, bytes);
}

function readFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new InputError(`ファイル「${file}」を読めません（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。パスを確認してください。`);
  }
}

interface ImportOptions {
  json?: boolean;
  out?: string;
  today?: string;
}

export function registerFillableCommand(program: Command, io: CommandIo): void {
  program
    .command('fillable')
    .description('記入用 PDF（入力欄付きの白紙の様式）を作成する')
    .argument('<form-id>', '様式の id')
    .argument('<out.pdf>', 'PDF の出力先')
    .action(async (formId: string, out: string) => {
      // The PDF engine loads now, not when the program starts (see main.ts).
      const { renderFillablePdf } = await import('../fillable/fillable-pdf.ts');
      const pdf = await renderFillablePdf(getDefinition(formId));
      writeFile(out, pdf);
      io.out(`記入用 PDF を作成しました：${out}\n`);
    });

  program
    .command('import')
    .description('記入済みの記入用 PDF 又は Excel（.xlsx）からデータを読み取り、検証する')
    .argument('<form-id>', '様式の id')
    .argument('<file>', '記入済みの PDF 又は Excel（.xlsx）')
    .option('--json', '{ data, result }（データと検証結果）を JSON で出力する')
    .option('--out <file>', '読み取ったデータ（JSON）の出力先（省略時は標準出力）')
    .option('--today <date>', '基準日（YYYY-MM-DD、省略時は日本時間の今日）')
    .action(async (formId: string, file: string, opts: ImportOptions) => {
      const definition = getDefinition(formId);
      const today = todayOption(opts.today);
      const { importDocument } = await import('../import/import-document.ts');
      let imported;
      try {
        imported = await importDocument(definition, readFile(file), { today });
      } catch (e) {
        if (e instanceof ImportError) throw new InputError(e.message);
        throw e;
      }
      const json = `${JSON.stringify(opts.json ? imported : imported.data, null, 2)}\n`;
      if (opts.out) {
        writeFile(opts.out, `${JSON.stringify(imported.data, null, 2)}\n`);
        if (opts.json) io.out(json);
        else io.out(`${formatResult(definition, imported.result)}データを書き出しました：${opts.out}\n`);
      } else if (opts.json) io.out(json);
      else {
        io.out(json);
        io.err(formatResult(definition, imported.result));
      }
      io.exit.code = imported.result.valid ? EXIT.ok : EXIT.invalid;
    });
}
