/**
 * The e-submission commands:
 *   yoshiki token create --role office --office 1234567890 | --role city --municipality ichikawa [--label 名前] [--data DIR]
 *   yoshiki audit verify [--data DIR]
 *   yoshiki purge --older-than 5y [--dry-run] [--data DIR]
 * They use PostgreSQL when DATABASE_URL is set, else the SQLite database in --data (default: YOSHIKI_DATA or ./data).
 * Exit: 0 done / chain intact, 1 the audit chain is broken, 2 usage or the store cannot be opened.
 */
import type { Command } from 'commander';
import { openStore } from '../store/open-store.ts';
import type { SubmissionStore } from '../store/types.ts';
import { verifyAuditChain } from '../submissions/audit-chain.ts';
import { SubmissionError } from '../submissions/errors.ts';
import { municipalityName } from '../submissions/receipt-number.ts';
import { purgeExpired, RETENTION_DEFAULT } from '../submissions/retention.ts';
import { createToken, type TokenSpec } from '../submissions/tokens.ts';
import { EXIT, InputError, type CommandIo } from './errors.ts';

const DATA_HELP = 'データフォルダ（SQLite、省略時は YOSHIKI_DATA 又は ./data。DATABASE_URL があればそちらを使う）';

async function withStore<T>(dataDir: string | undefined, fn: (store: SubmissionStore) => Promise<T>): Promise<T> {
  let store: SubmissionStore;
  try {
    store = await openStore({ dataDir });
  } catch (e) {
    throw new InputError(`データベースを開けません：${(e as Error).message}`);
  }
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof SubmissionError) throw new InputError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

export function registerSubmissionCommands(program: Command, io: CommandIo): void {
  const token = program.command('token').description('電子届出のトークン（事業所用・市用）');
  token
    .command('create')
    .description('トークンを作成して表示する（表示は一度だけ。保存するのはハッシュだけ）')
    .requiredOption('--role <role>', 'office（事業所）又は city（市）')
    .option('--office <number>', '事業所番号（10桁、--role office）')
    .option('--municipality <id>', '市（ichikawa、takatsuki、--role city）')
    .option('--label <text>', 'メモ（誰に渡したか）')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { role: string; office?: string; municipality?: string; label?: string; data?: string }) => {
      await withStore(opts.data, async (store) => {
        const spec: TokenSpec = { role: opts.role as TokenSpec['role'], officeNumber: opts.office, municipality: opts.municipality, label: opts.label };
        const { token: value, record } = await createToken(store, spec, 'cli');
        const whose = record.role === 'office' ? `事業所 ${record.officeNumber}` : `${municipalityName(record.municipality!)}（市）`;
        // The token alone on stdout, so a script can capture it; the explanation on stderr.
        io.err(`トークンを作成しました（${whose}、id ${record.id}、保存先 ${store.location}）。このトークンは再表示できません。安全に保管してください。\n`);
        io.out(`${value}\n`);
      });
    });

  program
    .command('audit')
    .description('監査ログ')
    .command('verify')
    .description('監査ログのハッシュの連鎖を確かめ、最初に壊れている記録を示す')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { data?: string }) => {
      await withStore(opts.data, async (store) => {
        const result = verifyAuditChain(await store.auditLog());
        if (result.ok) {
          io.out(`監査ログ ${result.count} 件を確かめました。改ざんは見つかりませんでした。\n最新の記録のハッシュ：${result.head}\n（このハッシュを別の場所に控えておくと、末尾の削除も確かめられます。）\n`);
          io.exit.code = EXIT.ok;
        } else {
          io.out(`監査ログ ${result.count} 件のうち、記録 ${result.seq} で連鎖が壊れています：${result.reason}\n`);
          io.exit.code = EXIT.invalid;
        }
      });
    });

  program
    .command('purge')
    .description(`保存期間を過ぎた提出（受理・差戻し）を削除する（既定 ${RETENTION_DEFAULT}：S002 §24-3(3)、§25-3(3) 5年間保存）`)
    .option('--older-than <period>', '保存期間（5y、18m、30d）', RETENTION_DEFAULT)
    .option('--dry-run', '削除せずに、削除する提出を表示する')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { olderThan: string; dryRun?: boolean; data?: string }) => {
      await withStore(opts.data, async (store) => {
        const report = await purgeExpired(store, { olderThan: opts.olderThan, dryRun: opts.dryRun, actor: 'cli' });
        const verb = report.dryRun ? '削除の対象' : '削除しました';
        for (const r of report.removed)
          io.out(`${verb}\t${r.receiptNumber}\t${r.status}\t最終更新 ${r.updatedAt}\t書類 ${r.documents}件\t添付 ${r.attachments}件\n`);
        io.out(
          report.dryRun
            ? `${report.cutoff} より前の提出 ${report.removed.length}件が削除の対象です（--dry-run のため削除していません）。\n`
            : `${report.cutoff} より前の提出 ${report.removed.length}件を削除しました（添付ファイル ${report.files}件を含む）。監査ログに記録しました。\n`,
        );
      });
    });
}
