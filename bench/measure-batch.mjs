/**
 * One `yoshiki batch` run as it ships: the compiled command (dist/cli.js's main, what bin/yoshiki.js runs) in this
 * process, with no TypeScript loader, so its time and peak RSS (the main thread and every render thread: one process)
 * are those of the installed command. (It used to call runBatch from the TypeScript sources under tsx: a main thread
 * without the command line's modules, and, until the render pool stopped passing its options on, every thread running
 * tsx too.) Prints one JSON line: { ms, cpuMs, maxRssMb, rendered, refused, pages, pdfBytes, xlsxBytes, combinedBytes,
 * combinedExists }.
 * Usage: node bench/measure-batch.mjs '{"formId", "input", "outDir", "today", "jobs"?, "combined"?, "formats"?, "zip"?}'
 */
import fs from 'node:fs';
import path from 'node:path';

const options = JSON.parse(process.argv[2]);
const { main } = await import(new URL('../dist/cli.js', import.meta.url).href);
fs.rmSync(options.outDir, { recursive: true, force: true });
const argv = ['node', 'yoshiki', 'batch', options.formId, options.input, '--out', options.outDir, '--today', options.today];
if (options.jobs) argv.push('--jobs', String(options.jobs));
if (options.combined) argv.push('--combined');
if (options.formats) argv.push('--format', options.formats.join(','));
if (options.zip) argv.push('--zip');

const started = performance.now();
const cpuStart = process.cpuUsage();
// The command's own lines (the summary) are not this program's output: stdout carries the one JSON line.
const code = await main(argv, () => {}, (s) => process.stderr.write(s));
const ms = performance.now() - started;
// CPU time of the whole process (main thread and every worker thread): unlike wall time, it hardly moves when other
// programs load the machine, so it compares runs made at different moments.
const cpu = process.cpuUsage(cpuStart);
if (code !== 0) throw new Error(`yoshiki batch exited with ${code}`);
const manifest = JSON.parse(fs.readFileSync(path.join(options.outDir, 'manifest.json'), 'utf8'));
const rows = manifest.rows.filter((r) => r.status === 'rendered');
const files = rows.flatMap((r) => r.files ?? []);
const average = (list) => (list.length ? list.reduce((n, f) => n + f.bytes, 0) / list.length : undefined);
console.log(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rendered: rows.length,
    refused: manifest.rows.length - rows.length,
    pages: rows.reduce((n, r) => n + (r.pages ?? 0), 0),
    pdfBytes: average(files.filter((f) => f.file.endsWith('.pdf'))),
    xlsxBytes: average(files.filter((f) => f.file.endsWith('.xlsx'))),
    combinedBytes: manifest.combined?.bytes,
    combinedExists: manifest.combined ? fs.existsSync(path.join(options.outDir, manifest.combined.file)) : undefined,
  }),
);
