/**
 * yoshiki derive <notice-form-id> --from <filing-form-id>:<filing.json> [--from …] [--set key=value …] [--out notice.json]
 *
 * Builds a notice the city issues (登録通知書, 変更登録通知書, 廃止通知書) from the filings it answers, so nothing the office
 * filed is typed twice. Prints the notice's JSON (or writes it to --out) and its validation findings.
 * Exit: 0 the notice is valid, 1 it has errors (e.g. N-DATES), 2 usage, unreadable files or a filing that cannot give it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { deriveNotice, DerivationError, NOTICE_SOURCES, setFieldType, type Filing } from '../derive/derive-notice.ts';
import { getDefinition } from '../forms/registry.ts';
import { EXIT, InputError, type CommandIo } from './errors.ts';
import { todayOption } from './today.ts';
import { formatResult } from './format-result.ts';
import { readJson } from './read-json.ts';


const collect = (value: string, previous: string[]) => [...previous, value];

/** `ichikawa-kyoten-todokede:filing.json` → the filing. Form ids hold no colon, so the first one separates. */
function parseFrom(spec: string): Filing {
  const at = spec.indexOf(':');
  if (at <= 0 || at === spec.length - 1)
    throw new InputError(`--from は「届出書の様式 id:データファイル」の形で指定してください（例：ichikawa-kyoten-todokede:filing.json、指定された値：「${spec}」）。`);
  return { form: spec.slice(0, at), data: readJson(spec.slice(at + 1)) };
}

/** `designatedOn=令和6年6月1日`, `noSeal=true`: booleans become booleans, every other value stays text for validation. */
function parseSet(noticeFormId: string, specs: string[]): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const spec of specs) {
    const at = spec.indexOf('=');
    if (at <= 0) throw new InputError(`--set は「項目=値」の形で指定してください（例：designatedOn=令和6年6月1日、指定された値：「${spec}」）。`);
    const key = spec.slice(0, at).trim();
    const value = spec.slice(at + 1);
    if (setFieldType(noticeFormId, key) === 'boolean') {
      if (value !== 'true' && value !== 'false') throw new InputError(`--set ${key} は true 又は false で指定してください（指定された値：「${value}」）。`);
      set[key] = value === 'true';
    } else set[key] = value;
  }
  return set;
}


interface DeriveOptions {
  from: string[];
  set: string[];
  out?: string;
  today?: string;
}

export function registerDeriveCommand(program: Command, io: CommandIo): void {
  program
    .command('derive')
    .description('受理した届出書から、市が発行する通知書（登録通知書・変更登録通知書・廃止通知書）のデータを作成する')
    .argument('<notice-form-id>', `通知書の様式 id（${Object.keys(NOTICE_SOURCES).join(' / ')}）`)
    .option('--from <form-id:file>', 'もとになる届出書（様式 id:JSON）。変更登録通知書は先の届出書又は通知書も指定する（繰り返し可）', collect, [])
    .option('--set <key=value>', '市が決める項目：issuedOn, designatedOn, abolishedOn, addressee, noSeal（繰り返し可、日付は和暦可）', collect, [])
    .option('--out <file>', '通知書データ（JSON）の出力先（省略時は標準出力）')
    .option('--today <date>', '基準日（YYYY-MM-DD、省略時は日本時間の今日）')
    .action((noticeFormId: string, opts: DeriveOptions) => {
      if (opts.from.length === 0) throw new InputError('--from で通知書のもとになる届出書を指定してください（例：--from ichikawa-kyoten-todokede:filing.json）。');
      const filings = opts.from.map(parseFrom);
      const set = parseSet(noticeFormId, opts.set);
      let derived;
      try {
        derived = deriveNotice(noticeFormId, filings, set, { today: todayOption(opts.today) });
      } catch (e) {
        if (e instanceof DerivationError) throw new InputError(e.message);
        throw e;
      }
      const json = `${JSON.stringify(derived.data, null, 2)}\n`;
      const findings = formatResult(getDefinition(noticeFormId), derived.result);
      if (opts.out) {
        fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
        fs.writeFileSync(opts.out, json);
        io.out(findings);
        io.out(`通知書データを作成しました：${opts.out}\n`);
      } else {
        // The JSON alone on stdout (pipe it to `yoshiki render`); the findings beside it on stderr.
        io.out(json);
        io.err(findings);
      }
      io.exit.code = derived.result.valid ? EXIT.ok : EXIT.invalid;
    });
}
