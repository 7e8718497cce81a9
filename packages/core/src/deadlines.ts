/**
 * A timeout for every provider call, cheaply. An AbortController and a timer per call cost about
 * 10–30 µs on loopback (Node 20 builds every AbortSignal as a transferable object), a tenth of a
 * round trip. Calls that start within the same short slice of time therefore share one signal that
 * fires `timeoutMs` after the slice ends: each call still gets at least `timeoutMs`, and at most one
 * slice (≤ 100 ms, ≤ 1 % of the timeout) more. A caller's own signal needs a signal of its own, so
 * those calls take the runtime's per-call deadline.
 *
 * undici's fetch leaves a listener on the signal it is given until the Request is garbage
 * collected, and Node's EventTarget scans its listeners on every add: a signal shared by hundreds
 * of calls makes each call slower than a signal of its own. A slice is therefore capped at a few
 * dozen calls.
 */
import { setMaxListeners } from 'node:events';
import { deadline, TimeoutReason } from './timeout.js';

export interface CallDeadline {
  signal: AbortSignal;
  clear: () => void;
}

interface Slice {
  id: number;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
  /** Calls started in this slice that have not cleared yet. */
  open: number;
  /** Calls started in this slice, capped (see above). */
  started: number;
}

/** Cap of calls sharing one slice's signal (see above). */
const MAX_CALLS_PER_SLICE = 32;
/**
 * Every call listens on its signal while it waits for a token or a backoff, and undici's listeners
 * stay until garbage collection: past Node's default of 10 a shared signal would warn about a leak
 * that is none. undici raises its own signals to the same 1500.
 */
const MAX_LISTENERS = 1500;

export class Deadlines {
  readonly #sliceMs: number;
  #current: Slice | undefined;

  constructor(readonly timeoutMs: number) {
    this.#sliceMs = Math.max(1, Math.min(100, Math.floor(timeoutMs / 100)));
  }

  start(outer?: AbortSignal): CallDeadline {
    if (outer) return deadline(this.timeoutMs, outer);
    const now = Date.now();
    const id = Math.floor(now / this.#sliceMs);
    let slice = this.#current;
    if (!slice || slice.id !== id || slice.started >= MAX_CALLS_PER_SLICE || slice.controller.signal.aborted) {
      if (slice && slice.open === 0) clearTimeout(slice.timer);
      slice = this.#open(id, now);
    }
    const mine = slice;
    mine.open += 1;
    mine.started += 1;
    let cleared = false;
    return {
      signal: mine.controller.signal,
      clear: () => {
        if (cleared) return;
        cleared = true;
        mine.open -= 1;
        if (mine.open === 0 && mine !== this.#current) clearTimeout(mine.timer);
      },
    };
  }

  #open(id: number, now: number): Slice {
    const controller = new AbortController();
    setMaxListeners(MAX_LISTENERS, controller.signal);
    const timer = setTimeout(
      () => controller.abort(new TimeoutReason(this.timeoutMs)),
      (id + 1) * this.#sliceMs - now + this.timeoutMs,
    );
    timer.unref?.();
    const slice: Slice = { id, controller, timer, open: 0, started: 0 };
    this.#current = slice;
    return slice;
  }
}
