// A render thread for the pool tests: the real one (dist/render-worker.js) plus two tasks a test needs and production
// never sends — one that ends its own thread, the way a crash in a library or an out-of-memory does, and one that keeps
// the thread busy until the test lets go (a SharedArrayBuffer flag), so a full queue is reached without racing a clock.
import runTask from '../../dist/render-worker.js';

export default function testRenderWorker(task) {
  if (task.kind === 'end-thread') process.exit(70);
  if (task.kind === 'hold') {
    Atomics.wait(new Int32Array(task.flag), 0, 0);
    return Promise.resolve('released');
  }
  return runTask(task);
}
