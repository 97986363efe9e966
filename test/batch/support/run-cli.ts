/**
 * Runs the yoshiki command with `batch` and `batch-template` in process. Until the lead wires registerBatchCommand into
 * src/cli/main.ts this registers it here; afterwards main's own registration is used as is.
 */
import { CommanderError } from 'commander';
import { buildProgram, EXIT, InputError } from '../../../src/cli/main.ts';
import { registerBatchCommand } from '../../../src/cli/batch-command.ts';
import { UnknownFormError } from '../../../src/forms/registry.ts';

export const batchIsWired = () => buildProgram(() => {}, () => {}).program.commands.some((c) => c.name() === 'batch');

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
  const { program, exit } = buildProgram(io.out, io.err);
  if (!program.commands.some((c) => c.name() === 'batch')) registerBatchCommand(program, { ...io, exit });
  try {
    await program.parseAsync(['node', 'yoshiki', ...args]);
    return { code: exit.code, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? EXIT.ok : EXIT.usage, out, err };
    if (e instanceof InputError || e instanceof UnknownFormError) return { code: EXIT.usage, out, err: err + `${e.message}\n` };
    throw e;
  }
}
