/**
 * `npx tsx bench/single.ts [--warm N] [--samples N] [--runs N] [--vary] [--out file.pdf]`: the single-document figure of
 * `npm run bench` alone (the same code path as bench/run.ts singleDocument(): renderDocument in process, after a warm-up),
 * for profiling and before/after comparisons without the batch and HTTP parts. Prints p50/p95 per run, bytes and load.
 * `--vary` renders a different row of the bench's rows each time (as a batch does) instead of the same document: what is
 * kept per line of text (shaped glyphs) then helps only the lines that repeat, the 様式's own labels.
 */
import fs from 'node:fs';
import os from 'node:os';
import { getDefinition } from '../src/forms/registry.ts';
import { renderDocument } from '../src/render/render.ts';
import { BENCH_FORM, benchDocuments } from './rows.ts';

const TODAY = '2024-06-01';
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const definition = getDefinition(BENCH_FORM);
const vary = args.includes('--vary');
const docs = benchDocuments(vary ? 1000 : 1);
let next = 0;
const nextDoc = () => docs[next++ % docs.length];
for (let i = 0; i < arg('--warm', 100); i++) await renderDocument(definition, nextDoc(), { today: TODAY });
for (let run = 0; run < arg('--runs', 3); run++) {
  const times: number[] = [];
  let bytes = 0;
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < arg('--samples', 200); i++) {
    const t = performance.now();
    const r = await renderDocument(definition, nextDoc(), { today: TODAY });
    times.push(performance.now() - t);
    bytes = r.pdf!.length;
    if (out && i === 0 && run === 0) fs.writeFileSync(out, r.pdf!);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuPerDoc = (cpu.user + cpu.system) / 1000 / times.length;
  times.sort((a, b) => a - b);
  // CPU time per document is less disturbed than wall time when other programs share the machine.
  console.log(`run ${run + 1}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ${cpuPerDoc.toFixed(1)} CPU-ms/doc, ${bytes} bytes, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
