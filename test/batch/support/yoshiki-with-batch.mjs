#!/usr/bin/env node
// bin/yoshiki.js with `batch` registered, for the child-process tests until src/cli/main.ts registers it itself.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./run-cli.ts');
const { code, out, err } = await runCli(...process.argv.slice(2));
process.stdout.write(out);
process.stderr.write(err);
process.exitCode = code;
