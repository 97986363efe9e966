/**
 * Real `yoshiki` processes for the scale-out tests: started through bin/yoshiki.js as an operator starts them, their
 * output collected, waited on, signalled. Nothing here wires the server: what the commands do is what is tested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/yoshiki.js');

export interface YoshikiProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr (rejects when the process ends first or on timeout). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  signal(sig: NodeJS.Signals): void;
}

export function startYoshiki(args: string[], env: Record<string, string>): YoshikiProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, YOSHIKI_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    output: () => text,
    exited,
    signal: (sig) => void child.kill(sig),
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (!m) return;
          done();
          resolve(m);
        };
        const timer = setTimeout(() => (done(), reject(new Error(`timed out waiting for ${pattern} in:\n${text}`))), timeoutMs);
        const gone = () => (done(), reject(new Error(`process ended before ${pattern}:\n${text}`)));
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', gone);
        };
        listeners.add(check);
        child.once('exit', gone);
        check();
      });
    },
  };
}

/** Polls `read` until `accept` holds (every 250 ms, up to `timeoutMs`); returns the accepted value. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}
