/**
 * How long requests in flight (and jobs running here) may take to finish after a shutdown signal before they are cut.
 * Shared by `yoshiki serve` (src/cli/start-server.ts) and `yoshiki worker`.
 */
export const SHUTDOWN_GRACE_MS = Number(process.env.YOSHIKI_SHUTDOWN_GRACE_MS) || 10_000;
