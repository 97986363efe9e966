// A render thread for the pool tests: the real one (dist/render-worker.js) plus tasks a test needs and production never
// sends — one that ends its own thread, the way a crash in a library does; one that fills the thread's heap until V8
// ends it, as a document too large to draw would; and one that keeps the thread busy until the test lets go (a
// SharedArrayBuffer flag), so a full queue is reached without racing a clock; and one that answers with its own number,
// so a test sees the order tasks were run in.
import runTask from '../../dist/render-worker.js';

export default function testRenderWorker(task) {
  if (task.kind === 'end-thread') process.exit(70);
  if (task.kind === 'exhaust-memory') {
    const kept = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => ({ i })));
  }
  if (task.kind === 'hold') {
    Atomics.wait(new Int32Array(task.flag), 0, 0);
    return Promise.resolve('released');
  }
  if (task.kind === 'echo') return Promise.resolve(task.n);
  return runTask(task);
}
