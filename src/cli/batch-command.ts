/**
 * yoshiki batch <form-id> <input> --out DIR [--format pdf,xlsx] [--combined] [--jobs N] [--zip] [--sheet NAME]
 *                [--name PATTERN] [--today YYYY-MM-DD]
 * yoshiki batch-template <form-id> --xlsx|--csv [--out FILE]
 *
 * Many documents of one 様式 from a CSV (UTF-8 or CP932), XLSX or JSONL file: one row, one document (see src/batch/).
 * Exit: 0 every row made, 1 some rows refused (the others made; report.csv says why), 2 nothing could be read
 * (file, header, options), 130 interrupted with Ctrl-C (run the same command again to continue).
 */
import os from 'node:os';
import type { Command } from 'commander';
import { BatchInputError } from '../batch/errors.ts';
import { batchMessages } from '../messages/batch.ts';
import { runBatch } from '../batch/run-batch.ts';
import { getDefinition } from '../forms/registry.ts';
import { InputError, type CommandIo } from './errors.ts';
import { todayOption } from './today.ts';

interface BatchFlags {
  out: string;
  format: string;
  combined?: boolean;
  jobs?: string;
  zip?: boolean;
  sheet?: string;
  name?: string;
  today?: string;
}

function formatsOption(value: string): ('pdf' | 'xlsx')[] {
  const parts = value.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (!parts.length || parts.some((p) => p !== 'pdf' && p !== 'xlsx')) throw new InputError(batchMessages.badFormats(value));
  return parts as ('pdf' | 'xlsx')[];
}

function jobsOption(value: string | undefined): number {
  if (value === undefined) return os.availableParallelism();
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InputError(batchMessages.badJobs(value));
  return Number(value);
}


export function registerBatchCommand(program: Command, io: CommandIo): void {
  program
    .command('batch')
    .description('CSV・Excel・JSONL の1行を1件の書類として、まとめて PDF・Excel を作成する')
    .argument('<form-id>', '様式の id')
    .argument('<input>', '入力ファイル（.csv は UTF-8 又は Shift_JIS、.xlsx、.jsonl）')
    .requiredOption('--out <dir>', '出力先フォルダ（書類、report.csv・report.xlsx、manifest.json）')
    .option('--format <list>', '作成する形式：pdf、xlsx 又は pdf,xlsx', 'pdf')
    .option('--combined', 'すべての行を1つにまとめた PDF（combined.pdf）も作成する')
    .option('--jobs <n>', '同時に作成する数（省略時は CPU の数）')
    .option('--zip', '作成したファイルを1つの ZIP にまとめる')
    .option('--sheet <name>', 'Excel の読み込むシート名（省略時は最初のシート）')
    .option('--name <pattern>', 'ファイル名の形（例："{office.number}-{filedOn}"、省略時は "{row}-{form-id}"）')
    .option('--today <date>', '基準日（YYYY-MM-DD、省略時は日本時間の今日）')
    .action(async (formId: string, input: string, flags: BatchFlags) => {
      getDefinition(formId);
      const controller = new AbortController();
      // First Ctrl-C: finish the files being drawn and write the manifest. A second one: stop at once.
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        const summary = await runBatch({
          formId,
          input,
          outDir: flags.out,
          formats: formatsOption(flags.format),
          combined: flags.combined,
          jobs: jobsOption(flags.jobs),
          zip: flags.zip,
          sheet: flags.sheet,
          name: flags.name,
          today: todayOption(flags.today),
          progress: process.stderr.isTTY ? 'bar' : 'lines',
          out: io.out,
          err: io.err,
          signal: controller.signal,
        });
        io.exit.code = summary.exitCode;
      } catch (e) {
        if (e instanceof BatchInputError) throw new InputError(e.message);
        throw e;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });

  program
    .command('batch-template')
    .description('yoshiki batch で読み込む表の見本（見出し行と記入例1行）を作成する')
    .argument('<form-id>', '様式の id')
    .option('--xlsx', 'Excel（.xlsx）で作成する')
    .option('--csv', 'CSV（UTF-8、BOM 付き）で作成する')
    .option('--out <file>', '出力先（省略時は <form-id>-batch.xlsx 又は .csv）')
    .action(async (formId: string, flags: { xlsx?: boolean; csv?: boolean; out?: string }) => {
      const definition = getDefinition(formId);
      if (!!flags.xlsx === !!flags.csv) throw new InputError(batchMessages.templateKind());
      const kind = flags.xlsx ? 'xlsx' : 'csv';
      const file = flags.out ?? `${formId}-batch.${kind}`;
      // exceljs loads now, not when the program starts (see main.ts).
      const { readExample, writeBatchTemplate } = await import('../batch/template.ts');
      if (readExample(formId) === undefined) io.err(`${batchMessages.noExample(formId)}\n`);
      await writeBatchTemplate(definition, kind, file);
      io.out(batchMessages.wrote(file));
    });
}
