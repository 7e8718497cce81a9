/**
 * Concurrency helpers the clients and the store share: one flight of work however many callers
 * want its result, and one-at-a-time per key.
 */

/**
 * `promise`, unless `signal` aborts first: then its reason. The promise itself keeps running, so one
 * caller giving up never cancels work that others wait for.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * One run of `work` at a time: callers that arrive while it runs share its result (or its error).
 * Each caller may stop waiting with its own signal; the run goes on for the others.
 */
export class SingleFlight<T> {
  #flight: Promise<T> | undefined;

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.#flight !== undefined;
  }

  /** The run in progress, if any. */
  get current(): Promise<T> | undefined {
    return this.#flight;
  }

  /** Joins the run in progress, or starts `work` if none is. */
  run(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let flight = this.#flight;
    if (!flight) {
      const started = work().finally(() => {
        if (this.#flight === started) this.#flight = undefined;
      });
      // Nobody may be left to await it (every caller aborted): the rejection is handled here.
      started.catch(() => undefined);
      this.#flight = started;
      flight = started;
    }
    return untilAborted(flight, signal);
  }
}

/**
 * One run per key at a time: callers of the same key run one after another, in arrival order;
 * different keys run in parallel. An error ends only its own run.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with a run in progress or waiting. */
  get size(): number {
    return this.#tails.size;
  }
}
