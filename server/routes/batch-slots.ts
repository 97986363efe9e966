/**
 * How many batches the server renders at once. Each batch request renders on one worker thread (`jobs: 1`), so the
 * number of running batches is the number of render threads batch requests can start: never more than the slots, however
 * many requests arrive. A few more requests wait their turn (their upload is already on disk); beyond that the server
 * says it is busy (503) instead of queueing without end.
 */

export type Release = () => void;

export class BatchSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    /** Batches rendering at the same time. */
    readonly running: number,
    /** Batches allowed to wait for a slot. */
    readonly queue: number,
  ) {}

  /**
   * A slot, once one is free: its release function (call it exactly when the batch has stopped). Undefined when the queue
   * is full, or when `signal` aborts (the client went away) while waiting — `signal.aborted` tells which.
   */
  acquire(signal: AbortSignal): Promise<Release | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    if (this.active < this.running) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queue) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const grant = () => {
        signal.removeEventListener('abort', leave);
        this.active++;
        resolve(this.releaser());
      };
      const leave = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(undefined);
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  /** Batches running now and waiting now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.waiting.length };
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}
