// A render thread for the crash test: the real one (dist/render-worker.js), plus one task that ends its own thread the
// way a crash in a library or an out-of-memory does. Everything else is handed to the real thread code.
import runTask from '../../dist/render-worker.js';

export default function exitingRenderWorker(task) {
  if (task.kind === 'end-thread') process.exit(70);
  return runTask(task);
}
