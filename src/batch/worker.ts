/**
 * A render worker: loads the font and the definitions once (module caches), then renders chunk after chunk as the pool
 * sends them. One chunk at a time; the pool never sends another before the answer.
 */
import { parentPort } from 'node:worker_threads';
import { renderChunk, type ChunkJob } from './render-chunk.ts';

parentPort!.on('message', async (job: ChunkJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: await renderChunk(job) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, id: job.id, message: (e as Error).message });
  }
});
