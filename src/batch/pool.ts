/**
 * A pool of render worker threads with a bounded queue between the reader and the workers: `submit` waits while the
 * queue is full, so reading a 10,000-row file never gets more than a few chunks ahead of rendering (flat memory).
 * A worker that dies (out of memory, a crash in a library) fails only its chunk's rows and is replaced.
 */
import { Worker } from 'node:worker_threads';
import type { ChunkJob, ChunkResult } from './render-chunk.ts';
import { batchMessages } from './messages.ts';

/**
 * A render thread's live heap is ~55 MB (modules, font, one chunk); left alone V8 lets it grow to 300+ MB between
 * collections, and a two-thread batch passed 900 MB. 192 MB (three times the live size) cost ~5 % CPU; with the
 * compiled workers (worker-bundle.ts) a two-thread batch peaks at ~430 MB on 1,000 rows, ~470 MB on 10,000 (BENCHMARKS.md).
 */
const WORKER_OLD_GENERATION_MB = 192;

type Reply = { ok: true; result: ChunkResult } | { ok: false; id: number; message: string };

interface Slot {
  worker: Worker;
  job?: ChunkJob;
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: ChunkJob[] = [];
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(
    size: number,
    private readonly onResult: (result: ChunkResult) => void,
    /** The module each worker starts from (worker-bundle.ts). */
    private readonly entry: URL,
    /** Chunks waiting beyond the ones being rendered. */
    private readonly capacity = size,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB } }) };
    slot.worker.on('message', (reply: Reply) => this.finish(slot, reply.ok ? reply.result : this.failed(slot.job!, reply.message)));
    slot.worker.on('error', (e) => this.replace(slot, e.message));
    slot.worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.replace(slot, `exit ${code}`);
    });
    return slot;
  }

  private failed(job: ChunkJob, reason: string): ChunkResult {
    return { id: job.id, rows: job.rows.map((r) => ({ row: r.row, files: [], pages: 0, warnings: [], error: batchMessages.renderFailed(reason) })) };
  }

  private replace(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    const job = slot.job;
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[index] = fresh;
    if (job) this.onResult(this.failed(job, reason));
    this.next(fresh);
  }

  private finish(slot: Slot, result: ChunkResult): void {
    slot.job = undefined;
    this.onResult(result);
    this.next(slot);
  }

  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job) {
      slot.job = job;
      slot.worker.postMessage(job);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private get busy(): boolean {
    return this.queue.length > 0 || this.slots.some((s) => s.job);
  }

  /** Hands a chunk to an idle worker, or queues it; waits while the queue is full. */
  async submit(job: ChunkJob): Promise<void> {
    for (;;) {
      const idle = this.slots.find((s) => !s.job);
      if (idle && this.queue.length === 0) {
        idle.job = job;
        idle.worker.postMessage(job);
        return;
      }
      if (this.queue.length < this.capacity) {
        this.queue.push(job);
        return;
      }
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** Drops the chunks not yet started (Ctrl-C: finish what is being drawn, start nothing new). */
  cancelQueued(): ChunkJob[] {
    return this.queue.splice(0);
  }

  /** Waits until every chunk handed over has been rendered. */
  async drain(): Promise<void> {
    while (this.busy) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
