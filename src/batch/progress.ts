/**
 * Progress of a batch: a cli-progress bar with rows/s and the time left on a terminal; on anything else (a log file, CI),
 * a plain line at most every few seconds, so logs stay short.
 */
import cliProgress from 'cli-progress';
import { batchMessages } from '../messages/batch.ts';

export type ProgressMode = 'bar' | 'lines' | 'none';

export interface Progress {
  update(done: number, total: number | undefined): void;
  stop(): void;
}

const LINE_INTERVAL_MS = 5000;

export function createProgress(mode: ProgressMode, write: (s: string) => void, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const rate = (done: number) => done / Math.max((Date.now() - started) / 1000, 0.001);
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      { format: '{bar} {percentage}% | {value}/{total} 行 | {rate} 行/秒 | 残り {left}', stream, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total ?? 1, 1), 0, { rate: '0.0', left: '—' });
    return {
      update(done, total) {
        if (total !== undefined) bar.setTotal(Math.max(total, done, 1));
        const perSecond = rate(done);
        const left = total !== undefined && done > 0 ? `${Math.ceil(Math.max(total - done, 0) / perSecond)}秒` : '—';
        bar.update(done, { rate: perSecond.toFixed(1), left });
      },
      stop: () => bar.stop(),
    };
  }
  if (mode === 'lines') {
    let last = started;
    return {
      update(done, total) {
        const now = Date.now();
        if (now - last < LINE_INTERVAL_MS) return;
        last = now;
        const perSecond = rate(done);
        write(batchMessages.progressLine(done, total, perSecond, total && perSecond > 0 ? Math.max(total - done, 0) / perSecond : undefined));
      },
      stop() {},
    };
  }
  return { update() {}, stop() {} };
}
