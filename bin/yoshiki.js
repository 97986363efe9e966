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
const { main } = await import(cli.href);
process.exitCode = await main(process.argv);
