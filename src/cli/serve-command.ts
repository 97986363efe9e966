/**
 * yoshiki serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--work]: the command's options and what it prints; the
 * server itself is src/cli/start-server.ts, loaded when the command runs.
 */
import type { Command } from 'commander';
import { serverMessage } from '../messages/http.ts';
import { InputError, type CommandIo } from './errors.ts';
import { publicKeyNotice } from './submission-commands.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InputError(serverMessage('INVALID_PORT', { value }));
  return port;
}

interface ServeCommandOptions {
  port: string;
  host: string;
  data?: string;
  work?: boolean;
}

export function registerServeCommand(program: Command, io: CommandIo): void {
  program
    .command('serve')
    .description('Web の API と記入画面を起動する（Ctrl+C で停止）')
    .option('--port <port>', 'ポート番号（0 なら空いている番号）', process.env.PORT ?? '3000')
    .option('--host <host>', '待ち受けるアドレス（外部に公開するなら 0.0.0.0）', '127.0.0.1')
    .option('--data <dir>', 'サーバーがデータを保存するフォルダ')
    .option('--work', 'PostgreSQL（DATABASE_URL）のとき、ジョブ（一括作成・通知書・メール）もこのプロセスで処理する（SQLite では常に処理する）')
    .action(async (opts: ServeCommandOptions) => {
      // The server, its store and queue load now (see main.ts): other commands never load them.
      const { signInNotice, startServer } = await import('./start-server.ts');
      const running = await startServer({ port: parsePort(opts.port), host: opts.host, dataDir: opts.data, work: opts.work });
      const url = `${running.origin}/forms`;
      io.out(`${serverMessage('SERVER_STARTED', { url })}\n${serverMessage('SERVER_STARTED_EN', { url })}\n`);
      if (running.auditKey.created) io.out(`\n${publicKeyNotice(running.auditKey)}`);
      if (running.seeded) {
        const { tokens, receiptNumber } = running.seeded;
        io.out(
          [
            '',
            '初回起動のため、試用のトークンを作成し、記入例（拠点届出書）を提出しました。トークンは今回だけ表示されます。',
            `  事業所（${tokens.office.officeNumber}）のトークン: ${tokens.office.token}`,
            `  市（${tokens.city.municipality}）のトークン:       ${tokens.city.token}`,
            `  受付番号: ${receiptNumber}`,
            `  市の受付箱:   ${running.origin}/inbox`,
            `  拠点の一覧:   ${running.origin}/registry`,
            `  提出（API）:  curl -H "Authorization: Bearer <事業所のトークン>" ${running.origin}/api/submissions`,
            '',
          ].join('\n'),
        );
      }
      io.out(`\n${signInNotice(running)}\n`);
      const shutdown = () => {
        process.off('SIGINT', shutdown);
        process.off('SIGTERM', shutdown);
        void running.close().then(() => io.out(`${serverMessage('SERVER_STOPPED')}\n`));
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      // The action returns while the server keeps the process alive; the exit code stays 0 unless listening failed.
    });
}
