/**
 * Progress of long work on stderr: one line rewritten in place on a terminal, plain lines when
 * stderr is a pipe or a file (a log keeps every step), nothing when silenced (--json, --quiet).
 * One line needs no library (log-update and the like draw multi-line frames, with five or more
 * dependencies): a carriage return and the terminal's erase-line sequence redraw it.
 */
import type { Progress } from '../providers/registry.js';

/** The part of a stream progress writes to (process.stderr, or a test's fake). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export const silentProgress: Progress = { update: () => undefined, done: () => undefined };

export function createProgress(stream: ProgressStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: (line) => void stream.write(`${line}\n`), done: () => undefined };
  let shown = false;
  return {
    update(line) {
      // A line wider than the terminal wraps, and the carriage return would then redraw only its tail.
      const width = (stream.columns ?? 80) - 1;
      const text = line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
      // Return to the line's start and erase it (CSI 2K), in one write so nothing flickers.
      stream.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}

/** `1 page`, `2 pages`. */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;
