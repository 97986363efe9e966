/** Runs the e-submission CLI commands in process (the same commander wiring main.ts gets), against a given store. */
import { Command, CommanderError } from 'commander';
import { registerSubmissionCommands } from '../../src/cli/submission-commands.ts';
import { EXIT, InputError } from '../../src/cli/errors.ts';

export async function runCli(args: string[], env: { databaseUrl?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const exit = { code: EXIT.ok as number };
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (err += s) });
  registerSubmissionCommands(program, { out: (s) => void (out += s), err: (s) => void (err += s), exit });
  const saved = process.env.DATABASE_URL;
  if (env.databaseUrl) process.env.DATABASE_URL = env.databaseUrl;
  else delete process.env.DATABASE_URL;
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: exit.code, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: EXIT.usage, out, err };
    if (e instanceof InputError) return { code: EXIT.usage, out, err: err + e.message };
    throw e;
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}
