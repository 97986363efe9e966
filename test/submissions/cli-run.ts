/**
 * Runs the e-submission CLI commands in process through `main`, the function bin/yoshiki.js calls, against a given store:
 * if src/cli/main.ts stopped registering a command, its tests fail.
 */
import { main } from '../../src/cli/main.ts';

export async function runCli(args: string[], env: { databaseUrl?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved = process.env.DATABASE_URL;
  if (env.databaseUrl) process.env.DATABASE_URL = env.databaseUrl;
  else delete process.env.DATABASE_URL;
  try {
    const code = await main(['node', 'yoshiki', ...args], (s) => void (out += s), (s) => void (err += s));
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}
