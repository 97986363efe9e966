/**
 * `npx tsx bench/single.ts [--warm N] [--samples N] [--runs N] [--out file.pdf]`: the single-document figure of
 * `npm run bench` alone (the same code path as bench/run.ts singleDocument(): renderDocument in process, after a warm-up),
 * for profiling and before/after comparisons without the batch and HTTP parts. Prints p50/p95 per run, bytes and load.
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
const [doc] = benchDocuments(1);
for (let i = 0; i < arg('--warm', 100); i++) await renderDocument(definition, doc, { today: TODAY });
for (let run = 0; run < arg('--runs', 3); run++) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < arg('--samples', 200); i++) {
    const t = performance.now();
    const r = await renderDocument(definition, doc, { today: TODAY });
    times.push(performance.now() - t);
    bytes = r.pdf!.length;
    if (out && i === 0 && run === 0) fs.writeFileSync(out, r.pdf!);
  }
  times.sort((a, b) => a - b);
  console.log(`run ${run + 1}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ${bytes} bytes, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
