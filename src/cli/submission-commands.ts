/**
 * The e-submission commands:
 *   yoshiki token create --role office --office 1234567890 | --role city --municipality ichikawa [--label 名前] [--data DIR]
 *   yoshiki invite --office 1234567890 --email ADDRESS [--municipality ichikawa] | --city ichikawa --email ADDRESS [--url URL] [--data DIR]
 *   yoshiki audit verify [--data DIR] [--public-key FILE …] [--expect-count N] [--expect-head HASH]
 *   yoshiki audit public-key [--data DIR]
 *   yoshiki purge --older-than 5y [--dry-run] [--data DIR]
 * They use PostgreSQL when DATABASE_URL is set, else the SQLite database in --data (default: YOSHIKI_DATA or ./data).
 * Exit: 0 done / audit intact, 1 the audit shows tampering, 2 usage, a missing key, or the store cannot be opened.
 * Commands that write (token create, purge) sign the audit with the configured key and create it if missing, as the
 * server's first start does (src/store/audit-key.ts).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { SubmissionStore } from '../store/types.ts';
import { resolveDataDir } from '../store/data-dir.ts';
import { AuditKeyError, loadAuditKey, readPublicKey, type AuditPublicKey } from '../store/audit-key.ts';
import { verifyAudit, type AuditReport } from '../submissions/audit-verify.ts';
import { jstIso } from '../submissions/clock.ts';
import { SubmissionError } from '../submissions/errors.ts';
import { municipalityName } from '../store/receipt-number.ts';
import { purgeExpired, RETENTION_DEFAULT } from '../submissions/retention.ts';
import { createToken, type TokenSpec } from '../submissions/tokens.ts';
import { createInvitation, invitationPath } from '../submissions/invitations.ts';
import { EXIT, InputError, type CommandIo } from './errors.ts';

const DATA_HELP =
  'データフォルダ（SQLite と監査ログの署名鍵、省略時は YOSHIKI_DATA 又は ./data。DATABASE_URL があればデータベースはそちらを使う）';

/** The line a person keeps: the public key that verifies the audit log's signatures from now on. */
export function publicKeyNotice(key: { source: string; keyId: string; publicKeyPem: string }): string {
  return `監査ログの署名鍵を作成しました（${key.source}、鍵ID ${key.keyId}）。次の公開鍵を、データベースとは別の場所に控えてください（yoshiki audit public-key でも書き出せます）：\n${key.publicKeyPem}`;
}

function keyOrFail<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AuditKeyError) throw new InputError(e.message);
    throw e;
  }
}

/** Opens the store; `readOnly` opens it without the signing key (verify needs only public keys). */
async function withStore<T>(dataDir: string | undefined, fn: (store: SubmissionStore) => Promise<T>, io: CommandIo, readOnly = false): Promise<T> {
  // The database drivers load now, not when the program starts (see main.ts).
  const { openStore } = await import('../store/open-store.ts');
  let store: SubmissionStore;
  const key = readOnly ? null : keyOrFail(() => loadAuditKey(resolveDataDir(dataDir), { create: true })!);
  if (key?.created) io.err(publicKeyNotice(key));
  try {
    store = await openStore({ dataDir, auditSigner: key });
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
      }, io);
    });

  program
    .command('invite')
    .description('事業所又は市の担当者を招待する（一度だけ使えるリンクを表示。保存するのはハッシュだけ、7日で期限切れ）')
    .option('--office <number>', '招待する事業所の事業所番号（10桁）')
    .option('--municipality <id>', '事業所が届け出る市（--office のとき、省略時は ichikawa）', 'ichikawa')
    .option('--city <id>', '市の担当者を招待するときの市（ichikawa など）')
    .requiredOption('--email <address>', '招待する人のメールアドレス（その事業所への通知もここへ送る）')
    .option('--url <url>', 'サーバーの公開アドレス（省略時は YOSHIKI_PUBLIC_URL 又は http://localhost:3000）')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { office?: string; municipality: string; city?: string; email: string; url?: string; data?: string }) => {
      if (Boolean(opts.office) === Boolean(opts.city)) throw new InputError('--office <事業所番号> と --city <市> のどちらか一つを指定してください。');
      const municipality = opts.city ?? opts.municipality;
      const binding = opts.office ? ({ role: 'office', officeNumber: opts.office } as const) : ({ role: 'city', municipality } as const);
      await withStore(opts.data, async (store) => {
        const { secret, record } = await createInvitation(store, { binding, municipality, email: opts.email }, 'cli');
        const base = (opts.url ?? process.env.YOSHIKI_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
        const whom = binding.role === 'office' ? `事業所 ${binding.officeNumber}` : `${municipalityName(municipality)}の担当者`;
        io.err(`招待を作成しました（${whom}、id ${record.id}、有効期限 7日）。このリンクは再表示できません。招待する人に伝えてください。\n`);
        io.out(`${base}${invitationPath(secret)}\n`);
      }, io);
    });

  const audit = program.command('audit').description('監査ログ（ハッシュの連鎖と署名付きチェックポイント）');
  audit
    .command('verify')
    .description(
      '監査ログを確かめ、最初に問題のある記録を示す：ハッシュの連鎖、各記録の署名（末尾の削除・ハッシュの再計算・署名のない追加）、提出・状態の変更・トークンの保存データ（監査ログを通らない書換え）',
    )
    .option('--data <dir>', DATA_HELP)
    .option('--public-key <file>', '署名を確かめる公開鍵（yoshiki audit public-key で控えたもの。繰り返し指定可。省略時はデータフォルダの署名鍵）', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--expect-count <n>', '以前に控えた記録の件数（これより少なければ、末尾がチェックポイントごと削除されている）')
    .option('--expect-head <hash>', '以前に控えた最新の記録のハッシュ（その記録が今もあるかを確かめる）')
    .action(async (opts: { data?: string; publicKey: string[]; expectCount?: string; expectHead?: string }) => {
      if (opts.expectCount !== undefined && !/^\d{1,15}$/.test(opts.expectCount)) throw new InputError(`--expect-count は件数（0 以上の整数）で指定してください（「${opts.expectCount}」）。`);
      if (opts.expectHead !== undefined && !/^[0-9a-fA-F]{64}$/.test(opts.expectHead))
        throw new InputError(`--expect-head は yoshiki audit verify が表示した 64 桁の16進数のハッシュで指定してください（「${opts.expectHead}」）。`);
      const keys = keyOrFail(() => trustedKeys(opts.data, opts.publicKey));
      await withStore(
        opts.data,
        async (store) => {
          const report = await verifyAudit(store, {
            keys,
            expectCount: opts.expectCount === undefined ? undefined : Number(opts.expectCount),
            expectHead: opts.expectHead,
          });
          io.out(auditReportText(report, keys));
          io.exit.code = report.ok ? EXIT.ok : EXIT.invalid;
        },
        io,
        true,
      );
    });
  audit
    .command('sign-legacy')
    .description('署名の導入前に書かれた監査ログに、一度だけ署名する（チェックポイントが一つもなく、ハッシュの連鎖が無傷のときだけ）')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { data?: string }) => {
      await withStore(
        opts.data,
        async (store) => {
          const result = await store.signLegacyAudit(jstIso(new Date()));
          if ('refused' in result) throw new InputError(`監査ログに署名しませんでした。${result.refused}`);
          io.out(`署名の導入前の監査ログ ${result.signed} 件に署名しました。audit verify で確かめてください。\n`);
        },
        io,
      );
    });
  audit
    .command('public-key')
    .description('監査ログの署名を確かめる公開鍵（PEM）を表示する。データベースとは別の場所に控え、audit verify --public-key で使う')
    .option('--data <dir>', DATA_HELP)
    .action((opts: { data?: string }) => {
      const key = keyOrFail(() => loadAuditKey(resolveDataDir(opts.data), { create: false }));
      if (!key) throw new InputError(noKeyMessage(opts.data));
      io.err(`監査ログの署名鍵：${key.source}（鍵ID ${key.keyId}）\n`);
      io.out(key.publicKeyPem);
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
     }, io);
    });
}

function noKeyMessage(dataDir: string | undefined): string {
  return `監査ログの署名鍵が ${resolveDataDir(dataDir)} にありません（サーバーの初回起動で作られます。YOSHIKI_AUDIT_KEY_FILE 又は YOSHIKI_AUDIT_KEY で別の場所を指定している場合は、同じ指定で実行してください）。`;
}

/** The auditor's copies when given; else the public part of the configured signing key. */
function trustedKeys(dataDir: string | undefined, files: string[]): AuditPublicKey[] {
  if (files.length)
    return files.map((file) => {
      let pem: string;
      try {
        pem = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new InputError(`公開鍵のファイル ${file} を読めません（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。`);
      }
      return readPublicKey(pem, file);
    });
  const key = loadAuditKey(resolveDataDir(dataDir), { create: false });
  if (!key) throw new InputError(`${noKeyMessage(dataDir)} 控えた公開鍵があれば --public-key で指定してください。`);
  return [readPublicKey(key.publicKeyPem, key.source)];
}

function auditReportText(report: AuditReport, keys: AuditPublicKey[]): string {
  if (report.ok)
    return [
      `監査ログ ${report.count} 件を確かめました。改ざんは見つかりませんでした（ハッシュの連鎖、全件の署名（鍵ID ${report.keyIds.join('、') || keys.map((k) => k.keyId).join('、')}）、提出・状態の変更・通知書・トークンの保存データ）。`,
      ...(report.signedLater
        ? [`（記録 ${report.signedLater.from}〜${report.signedLater.to} は署名の導入前に書かれた記録で、${report.signedLater.at} に audit sign-legacy で一括して署名されました。）`]
        : []),
      `最新の記録のハッシュ：${report.head}`,
      `（--expect-count ${report.count} --expect-head ${report.head} を別の場所に控えておくと、次に確かめるとき、末尾をチェックポイントごと削除されていても分かります。）`,
      '',
    ].join('\n');
  if (report.seq === undefined)
    return report.kind === 'record' ? `監査ログにない保存データがあります：${report.reason}\n` : `監査ログ ${report.count} 件が控えと一致しません：${report.reason}\n`;
  const what = { chain: 'で連鎖が壊れています', signature: 'で署名が確かめられません', expected: 'で控えと一致しません', record: 'の保存データが記録と一致しません' }[report.kind];
  return `監査ログ ${report.count} 件のうち、記録 ${report.seq} ${what}：${report.reason}\n`;
}
