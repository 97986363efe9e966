#!/usr/bin/env node
// Runs the compiled program (dist/, made by `npm run build`; `npm ci` builds it through the prepare script): no
// TypeScript loader at run time. Stack traces point into the TypeScript sources through the source maps.
import fs from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!fs.existsSync(cli)) {
  process.stderr.write('yoshiki: dist/ がありません。先に npm run build を実行してください（npm ci でも作られます）。\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
// A reader that went away (`yoshiki … | head`, a supervisor that closed its log pipe) ends what we print, not the
// program: a server keeps serving and stops cleanly, a command finishes its files and exits with its own code.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
const { main } = await import(cli.href);
process.exitCode = await main(process.argv);
