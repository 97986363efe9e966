/**
 * Feeds a batch's chunks to the render threads with a bounded queue of its own between the reader and the threads:
 * `submit` waits while `jobs` chunks are drawing and `jobs` more wait, so reading a 10,000-row file never gets more than a
 * few chunks ahead of rendering (flat memory), and a thread that finishes finds the next chunk ready.
 * The chunks waiting here (not in the pool's queue) are the ones a stop can drop: a chunk being drawn always finishes.
 * A chunk whose thread died (out of memory, a crash in a library) fails only its own rows; the pool replaces the thread.
 */
import { RenderPool, RenderPoolBusyError } from '../render/pool.ts';
import { batchMessages } from '../messages/batch.ts';
import type { ChunkJob, ChunkResult, ChunkTask } from './render-chunk.ts';

export class ChunkFeed {
  private readonly drawing = new Set<Promise<void>>();
  private readonly waiting: ChunkJob[] = [];
  private stopped = false;

  constructor(
    private readonly pool: RenderPool,
    /** Chunks drawn at once by this batch. */
    private readonly jobs: number,
    private readonly onResult: (result: ChunkResult) => void,
  ) {}

  /** Hands a chunk over; waits while this batch's queue is full. */
  async submit(job: ChunkJob): Promise<void> {
    while (this.drawing.size >= this.jobs && this.waiting.length >= this.jobs) await Promise.race(this.drawing);
    if (this.drawing.size < this.jobs) this.start(job);
    else this.waiting.push(job);
  }

  private start(job: ChunkJob): void {
    const task: ChunkTask = { kind: 'batch-chunk', job };
    const drawn = this.draw(task).then(
      (result) => this.deliver(result),
      (e: Error) => this.deliver(failed(job, e.message)),
    );
    const tracked = drawn.finally(() => {
      this.drawing.delete(tracked);
      const next = this.waiting.shift();
      if (next && !this.stopped) this.start(next);
    });
    this.drawing.add(tracked);
  }

  /** The server's pool is shared with single renders: when its queue is full, the chunk waits its turn rather than fail. */
  private async draw(task: ChunkTask): Promise<ChunkResult> {
    for (;;) {
      try {
        return await this.pool.run<ChunkResult>(task);
      } catch (e) {
        if (!(e instanceof RenderPoolBusyError) || this.stopped) throw e;
        await new Promise((wake) => setTimeout(wake, 100));
      }
    }
  }

  private deliver(result: ChunkResult): void {
    if (!this.stopped) this.onResult(result);
  }

  /** Drops the chunks not yet started (Ctrl-C: finish what is being drawn, start nothing new). */
  cancelQueued(): ChunkJob[] {
    return this.waiting.splice(0);
  }

  /** Waits until every chunk handed over has been drawn. */
  async drain(): Promise<void> {
    while (this.drawing.size) await Promise.race(this.drawing);
  }

  /** The batch has failed: results still to come are ignored, nothing waiting starts. */
  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
  }
}

function failed(job: ChunkJob, reason: string): ChunkResult {
  return { id: job.id, rows: job.rows.map((r) => ({ row: r.row, files: [], pages: 0, warnings: [], error: batchMessages.renderFailed(reason) })) };
}
