// Entry of a render worker thread. `node bin/yoshiki.js` registers tsx in the main thread only, and
// `execArgv: ['--import', 'tsx']` does not reach a worker's own entry module on Node 20, so the worker registers tsx
// itself and then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
