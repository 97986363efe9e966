/**
 * yoshiki clause <filing.json> [--form <form-id>] [--txt out.txt] [--pdf out.pdf] [--article N] [--choice54 1|2|both]
 *
 * Writes the 運営規程案 clause (S002 §5) the office attaches to its 届出書, from the functions it files: a
 * 届出書 (its functions) or a 変更届出書 (the functions after the change). Without --txt / --pdf the text is printed.
 * Exit: 0 done, 2 usage, an unreadable file or a filing that cannot give a clause.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { clausePdf, clauseText, ClauseError, CLAUSE_FORMS, type Choice54 } from '../clause/clause.ts';
import { EXIT, InputError, type CommandIo } from './errors.ts';
import { readJson } from './read-json.ts';

interface ClauseCommandOptions {
  form: string;
  txt?: string;
  pdf?: string;
  article?: string;
  choice54?: string;
}

function articleOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new InputError(`--article は条番号（1以上の整数）で指定してください（指定された値：「${value}」）。`);
  return Number(value);
}

function choice54Option(value: string | undefined): Choice54 | undefined {
  if (value === undefined) return undefined;
  if (value !== '1' && value !== '2' && value !== 'both')
    throw new InputError(`--choice54 は 1（①のみ）、2（②のみ）又は both（両方）で指定してください（指定された値：「${value}」）。`);
  return value;
}

function writeFile(file: string, bytes: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, bytes);
}

export function registerClauseCommand(program: Command, io: CommandIo): void {
  program
    .command('clause')
    .description('届出書（又は変更届出書）の担う機能から、添付する運営規程案の条文（地域生活支援拠点等としての機能）を作成する')
    .argument('<filing.json>', '届出書のデータ（JSON）')
    .option('--form <form-id>', `届出書の様式 id（${CLAUSE_FORMS.todokede} / ${CLAUSE_FORMS.henko}）`, CLAUSE_FORMS.todokede)
    .option('--txt <file>', '条文をテキストで書き出す先')
    .option('--pdf <file>', '条文を PDF（A4）で書き出す先')
    .option('--article <N>', '条番号（省略時は記載例どおり「第〇条」）')
    .option('--choice54 <1|2|both>', '体験の機会・場の提供機能の記載（S002 §5-4 の①・②、省略時は両方）')
    .action(async (file: string, opts: ClauseCommandOptions) => {
      const article = articleOption(opts.article);
      const choice54 = choice54Option(opts.choice54);
      const data = readJson(file);
      let text: string;
      try {
        text = clauseText({ form: opts.form, data }, { article, choice54 });
      } catch (e) {
        if (e instanceof ClauseError) throw new InputError(e.message);
        throw e;
      }
      if (!opts.txt && !opts.pdf) io.out(`${text}\n`);
      if (opts.txt) {
        writeFile(opts.txt, `${text}\n`);
        io.out(`運営規程案の条文を書き出しました：${opts.txt}\n`);
      }
      if (opts.pdf) {
        writeFile(opts.pdf, await clausePdf(text));
        io.out(`運営規程案の条文を PDF で書き出しました：${opts.pdf}\n`);
      }
      io.exit.code = EXIT.ok;
    });
}
