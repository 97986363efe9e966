/**
 * Runs the yoshiki command in process through `main`, the function bin/yoshiki.js calls: `batch` and `batch-template`
 * are whatever src/cli/main.ts registers (if it stopped registering them, every batch test fails with an unknown command).
 */
import { main } from '../../../src/cli/main.ts';

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'yoshiki', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}
