/**
 * `yoshiki` as installed (bin/yoshiki.js) when whoever reads its output goes away — `yoshiki … | head`, a supervisor
 * that closed its log pipe: what is left to print is dropped, and the program carries on and exits as it would have.
 * Before, the next line printed ended the process with an unhandled EPIPE and a stack trace.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/yoshiki.js', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-closed-output-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('a closed standard output', () => {
  it('yoshiki serve: the reader leaves after the first lines, SIGTERM still stops the server cleanly (exit 0, no EPIPE)', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, YOSHIKI_LOG_LEVEL: 'warn' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // The sign-in notice is the last thing `serve` prints as it starts (its SIGTERM handler is set in the same step);
    // then the reading end of the pipe is closed.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (c: Buffer) => {
        seen += c.toString('utf8');
        if (seen.includes('サインイン: ')) resolve();
      });
      child.once('exit', () => reject(new Error(`yoshiki serve exited before listening:\n${seen}${stderr}`)));
    });
    child.stdout.destroy();
    // Stopping prints 「停止しました」 to the closed pipe.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain('EPIPE');
  }, 120_000);
});
