/**
 * One yoshiki batch run in its own process, so its time and peak RSS (main thread and every worker thread: one process)
 * are its own. Prints one JSON line: { ms, cpuMs, maxRssMb, rendered, refused, pdfBytes, pages, combinedBytes }.
 * Usage: node --import tsx bench/measure-batch.ts '<BatchOptions as JSON>'
 */
import fs from 'node:fs';
import path from 'node:path';
import { runBatch, type BatchOptions } from '../src/batch/run-batch.ts';

const options = JSON.parse(process.argv[2]) as BatchOptions;
fs.rmSync(options.outDir, { recursive: true, force: true });
const started = performance.now();
const cpuStart = process.cpuUsage();
const summary = await runBatch(options);
const ms = performance.now() - started;
// CPU time of the whole process (main thread and every worker thread): unlike wall time, it hardly moves when other
// programs load the machine, so it compares runs made at different moments.
const cpu = process.cpuUsage(cpuStart);
const rows = summary.manifest.rows.filter((r) => r.status === 'rendered');
const pdfs = rows.flatMap((r) => r.files ?? []).filter((f) => f.file.endsWith('.pdf'));
const xlsx = rows.flatMap((r) => r.files ?? []).filter((f) => f.file.endsWith('.xlsx'));
console.log(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rendered: summary.rendered,
    refused: summary.refused,
    pages: rows.reduce((n, r) => n + (r.pages ?? 0), 0),
    pdfBytes: pdfs.length ? pdfs.reduce((n, f) => n + f.bytes, 0) / pdfs.length : undefined,
    xlsxBytes: xlsx.length ? xlsx.reduce((n, f) => n + f.bytes, 0) / xlsx.length : undefined,
    combinedBytes: summary.manifest.combined?.bytes,
    combinedExists: summary.manifest.combined ? fs.existsSync(path.join(options.outDir, summary.manifest.combined.file)) : undefined,
  }),
);
