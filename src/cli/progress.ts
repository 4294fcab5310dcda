// Index-build progress: a bar on a terminal, plain lines otherwise (CI, logs, pipes).
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../core/types.js';

const LABELS: Record<ProgressEvent['phase'], string> = { read: 'Reading documents', embed: 'Embedding chunks', write: 'Writing index' };

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): (event: ProgressEvent) => void {
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | undefined;
    let phase: ProgressEvent['phase'] | undefined;
    return (event) => {
      if (event.phase !== phase) {
        bar?.stop();
        phase = event.phase;
        bar = new cliProgress.SingleBar(
          { format: `${LABELS[event.phase].padEnd(18)} [{bar}] {value}/{total} ({percentage}%) {eta_formatted}`, stream, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, event.done);
      }
      bar?.update(event.done);
      if (event.done >= event.total) bar?.stop();
    };
  }
  let lastLine = '';
  let lastPercent = -1;
  return (event) => {
    // Reading a small corpus takes milliseconds; lines for it would only be noise.
    if (event.total === 0 || (event.phase === 'read' && event.total < 200)) return;
    const percent = Math.floor((event.done / event.total) * 100);
    // One line per 10 %: enough to see it move, not enough to flood a log.
    const step = Math.floor(percent / 10) * 10;
    const line = `${LABELS[event.phase]}: ${event.done}/${event.total} (${step}%)`;
    if ((step !== lastPercent || event.done === event.total) && line !== lastLine) {
      stream.write(line + '\n');
      lastLine = line;
      lastPercent = step;
    }
    if (event.done === event.total) lastPercent = -1;
  };
}
