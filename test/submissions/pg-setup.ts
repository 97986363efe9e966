/**
 * vitest globalSetup: gives the submission tests a PostgreSQL. With DATABASE_URL set, that server is used (each suite
 * creates its own database in it, so the role needs CREATEDB); otherwise scripts/pg-test.sh starts a throwaway cluster
 * in a temp folder, and it is stopped when the run ends. If PostgreSQL cannot be started the run FAILS here — the
 * PostgreSQL half of the suite is never skipped silently.
 *
 * Wire it in vitest.config.ts: `globalSetup: ['test/submissions/pg-setup.ts']`. Without it, test/submissions/backends.ts
 * starts a cluster per test file with the same functions (slower, same result).
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    submissionsPgUrl: string;
  }
}

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/pg-test.sh');

export interface TestPostgres {
  url: string;
  dir: string;
}

export function startPostgres(): TestPostgres {
  let output: string;
  try {
    output = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(
      `PostgreSQL を起動できないため、提出（e-submission）のテストを PostgreSQL で実行できません。\n` +
        `initdb と pg_ctl を PATH に入れるか、DATABASE_URL（CREATEDB 権限のあるユーザー）を指定してください。\n${err.stderr ?? err.message}`,
    );
  }
  const url = /^DATABASE_URL=(.+)$/m.exec(output)?.[1];
  const dir = /^PGTEST_DIR=(.+)$/m.exec(output)?.[1];
  if (!url || !dir) throw new Error(`scripts/pg-test.sh の出力を読めません：\n${output}`);
  stopWhenGone(process.pid, dir);
  return { url, dir };
}

/**
 * A watchdog that stops the cluster once the process that started it is gone — also when that process is killed (a test
 * worker ended by vitest, Ctrl-C), which no exit hook survives.
 */
function stopWhenGone(pid: number, dir: string): void {
  const watch = `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; exec bash "$0" stop "$1"`;
  spawn('bash', ['-c', watch, SCRIPT, dir], { detached: true, stdio: 'ignore' }).unref();
}

export function stopPostgres(pg: TestPostgres): void {
  execFileSync('bash', [SCRIPT, 'stop', pg.dir], { stdio: 'ignore', timeout: 60_000 });
}

export default function setup(project: TestProject): (() => void) | void {
  if (process.env.DATABASE_URL) {
    project.provide('submissionsPgUrl', process.env.DATABASE_URL);
    return;
  }
  const pg = startPostgres();
  project.provide('submissionsPgUrl', pg.url);
  return () => stopPostgres(pg);
}
