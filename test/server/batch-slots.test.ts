/** BatchSlots: at most `running` batches at once, at most `queue` waiting in order, a client that leaves gives up its place. */
import { describe, expect, it } from 'vitest';
import { BatchSlots } from '../../server/routes/batch-slots.ts';

const signal = () => new AbortController().signal;

describe('BatchSlots', () => {
  it('grants the slots at once, then queues in arrival order, then says busy', async () => {
    const slots = new BatchSlots(1, 2);
    const first = await slots.acquire(signal());
    expect(first).toBeTypeOf('function');
    const order: string[] = [];
    const second = slots.acquire(signal()).then((r) => (order.push('second'), r));
    const third = slots.acquire(signal()).then((r) => (order.push('third'), r));
    expect(await slots.acquire(signal())).toBeUndefined();
    expect(slots.load).toEqual({ running: 1, waiting: 2 });
    first!();
    (await second)!();
    (await third)!();
    expect(order).toEqual(['second', 'third']);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('releases a slot once however often release is called', async () => {
    const slots = new BatchSlots(2, 0);
    const a = await slots.acquire(signal());
    await slots.acquire(signal());
    a!();
    a!();
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
  });

  it('drops a waiting request whose client went away, and never grants it', async () => {
    const slots = new BatchSlots(1, 1);
    const held = await slots.acquire(signal());
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
    held!();
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
    expect(await slots.acquire(controller.signal)).toBeUndefined();
  });
});
