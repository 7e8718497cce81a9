/**
 * (packages/ovopark/test/support/clock.ts is a copy: keep the two in step.)
 *
 * Fake time for the tests that check what a budget, an attempt limit or a backoff does.
 *
 * On real time such a test measures the machine as much as the client: on a loaded machine a
 * 250 ms budget ended a call 490 ms after it began, and an attempt limit cut the attempt that was
 * meant to answer. The kernel's limits are plain `setTimeout` timers (packages/core/src:
 * `callSignal` and `attemptLimit` in transport.ts, `sleep` in retry.ts; not `AbortSignal.timeout`,
 * whose timer lives inside Node where no fake reaches), so under vitest's fake timers each fires at
 * an exact clock reading, whatever the load.
 *
 * The requests still go over real HTTP to the fake WeChat, and that takes real time. The clock
 * therefore moves only when the client can do nothing but wait for a timer: each request it sent
 * is either answered and read, or held back by the fake (`hang`, `delayMs`). I/O takes no clock
 * time, and a test's figures (how long the call took, how many attempts fit) are exact.
 */
import { vi } from 'vitest';

/** What the clock needs to know of the fake server the client talks to. */
export interface HoldingServer {
  /** How many requests have arrived since the start. */
  readonly arrivals: number;
  /** Whether the answer to request number `index` (0-based, in order of arrival) is being held back. */
  holds(index: number): boolean;
}

/**
 * Installs fake timers (`setTimeout`, `clearTimeout`, `Date`; `setImmediate` stays real: the clock
 * waits with it) until the test ends: call `vi.useRealTimers()` in an `afterEach`. Give the client
 * `clock.fetch` and run each call through `clock.settle`.
 */
export function fakeClock(fake: HoldingServer): FakeClock {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  return new FakeClock(fake);
}

export class FakeClock {
  readonly #fake: HoldingServer;
  /** Arrivals at the fake before this clock: the n-th request sent here is arrival `#first + n`. */
  readonly #first: number;
  #sent = 0;
  /** The request this client is waiting on (its number), if any. */
  #open: number | undefined;

  constructor(fake: HoldingServer) {
    this.#fake = fake;
    this.#first = fake.arrivals;
  }

  /**
   * The global fetch, with the clock keeping count: a request is open from the moment it is sent
   * until its answer, body included, has arrived (or it failed). One at a time, so that the n-th
   * request sent is the n-th to arrive; a client call sends its requests one after another.
   */
  readonly fetch = async (request: Request): Promise<Response> => {
    if (this.#open !== undefined) throw new Error('fakeClock: one request at a time');
    const number = this.#sent++;
    this.#open = number;
    try {
      const response = await fetch(request);
      // Read through a copy: the body has arrived once the copy is read, and the client reads its
      // own, unread, from memory.
      await response.clone().arrayBuffer();
      return response;
    } finally {
      this.#open = undefined;
    }
  };

  /** `promise`'s outcome, moving the clock from timer to timer while the client waits on nothing else. */
  async settle<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      // Quiet for two turns of the event loop in a row (each polls for I/O): what an answer that was
      // just read sets off is promise jobs only, all run by then, e.g. the backoff's timer is set.
      for (let calm = 0; calm < 2 && !settled; ) {
        await new Promise((resolve) => setImmediate(resolve));
        calm = this.#waiting() ? calm + 1 : 0;
      }
      if (settled) return promise;
      if (vi.getTimerCount() === 0) throw new Error('fakeClock: the call waits, but on no timer');
      await vi.advanceTimersToNextTimerAsync();
    }
  }

  /** Whether the client waits on nothing but timers (and an answer the fake is holding back). */
  #waiting(): boolean {
    return this.#open === undefined || this.#fake.holds(this.#first + this.#open);
  }
}
