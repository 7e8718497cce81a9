/**
 * Any time range of POS tickets, fetched within the platform's limits (the plan: `range-plan.ts`):
 * bounded concurrency, a bounded number of calls, and each ticket once although adjacent windows
 * share their boundary second.
 */
import { OvoparkBudgetError, type RangeWindow } from './errors.js';
import type { SchemaPosTicket, SchemaSearchPosData } from './generated/openapi.js';
import { plan, type CallHook, type PageFetcher, type Plan, type SearchPosRangeParams } from './range-plan.js';

export {
  DEFAULT_CALL_BUDGET,
  DEFAULT_CONCURRENCY,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  splitWindows,
  type CallHook,
  type PageFetcher,
  type RangeProgress,
  type SearchPosRangeParams,
} from './range-plan.js';

class BudgetExhausted extends Error {}

interface Task {
  window: number;
  page: number;
}

interface Page extends Task {
  tickets: SchemaPosTicket[];
}

/** Where a run stands; read by the progress reports and by the budget error. */
class RunState {
  calls = 0;
  pages = 0;
  windowsDone = 0;
  /** The last `until` given to onCompleteUntil. */
  reportedUntil: string | undefined;
  readonly pagesLeft: number[];

  constructor(readonly plan: Plan) {
    this.pagesLeft = plan.windows.map(() => -1);
  }

  take: CallHook = () => {
    if (this.calls >= this.plan.callBudget) throw new BudgetExhausted();
    this.calls += 1;
  };

  incompleteWindows(): RangeWindow[] {
    return this.plan.windows.filter((_, i) => this.pagesLeft[i] !== 0);
  }

  /** The start of the earliest window not fetched completely; the range's end once all are. */
  completeUntil(): string {
    const windows = this.plan.windows;
    return windows.find((_, i) => this.pagesLeft[i] !== 0)?.startTime ?? windows[windows.length - 1]!.endTime;
  }
}

/**
 * Pages in the order they arrive. Pages of a started window go ahead of new windows, so a run
 * cut short by its budget leaves as many whole windows as possible. At most `concurrency` calls
 * run at once, and no more start while `2 × concurrency` pages wait for a slow consumer.
 */
async function* pages(fetcher: PageFetcher, state: RunState, outer: AbortSignal | undefined): AsyncGenerator<Page> {
  const { plan: p } = state;
  const controller = new AbortController();
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });

  const queue: Task[] = p.windows.map((_, window) => ({ window, page: 1 }));
  const ready: Page[] = [];
  let inFlight = 0;
  let failure: { error: unknown } | undefined;
  let budgetHit = false;
  let wake: (() => void) | undefined;

  const finished = (task: Task, data: SchemaSearchPosData) => {
    state.pages += 1;
    if (task.page === 1) {
      const more = data.content.length < p.pageSize ? 0 : Math.max(0, Math.ceil(data.total / p.pageSize) - 1);
      for (let page = more + 1; page >= 2; page--) queue.unshift({ window: task.window, page });
      state.pagesLeft[task.window] = more;
    } else {
      state.pagesLeft[task.window] = (state.pagesLeft[task.window] ?? 1) - 1;
    }
    if (state.pagesLeft[task.window] === 0) state.windowsDone += 1;
    ready.push({ ...task, tickets: data.content });
  };

  const pump = () => {
    while (!failure && !budgetHit && inFlight < p.concurrency && ready.length < 2 * p.concurrency) {
      const task = queue.shift();
      if (!task) return;
      const window = p.windows[task.window]!;
      inFlight += 1;
      fetcher
        .fetchPage(
          { depId: p.depId, ...window, pageNumber: task.page, pageSize: p.pageSize },
          { signal: controller.signal, beforeCall: state.take },
        )
        .then(
          (data) => finished(task, data),
          (error: unknown) => {
            if (error instanceof BudgetExhausted) budgetHit = true;
            else if (!failure) {
              failure = { error };
              controller.abort(error);
            }
          },
        )
        .finally(() => {
          inFlight -= 1;
          wake?.();
        });
    }
  };

  try {
    for (;;) {
      pump();
      const page = ready.shift();
      if (page) {
        yield page;
        continue;
      }
      if (inFlight === 0) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (failure) throw failure.error;
    if (budgetHit) throw new BudgetExhausted();
  } finally {
    outer?.removeEventListener('abort', onOuter);
    controller.abort();
  }
}

/**
 * Tickets are identified by store and ticket id. A ticket read leniently may lack `ticketId` (its
 * shape is an inference): then the whole ticket is its identity, so distinct tickets never collapse.
 */
const ticketKey = (ticket: SchemaPosTicket, depId: number): string =>
  ticket.ticketId === undefined || ticket.ticketId === null
    ? `\u0001${JSON.stringify(ticket)}`
    : `${ticket.depId ?? depId}\u0000${String(ticket.ticketId)}`;

/** Called once a page's tickets are counted, before they are handed on: progress, then the complete part. */
function report(state: RunState, tickets: number): void {
  state.plan.onProgress?.({
    windowsDone: state.windowsDone,
    windowsTotal: state.plan.windows.length,
    pages: state.pages,
    tickets,
    calls: state.calls,
  });
  if (state.plan.onCompleteUntil) {
    const until = state.completeUntil();
    if (until !== state.reportedUntil) {
      state.reportedUntil = until;
      state.plan.onCompleteUntil(until);
    }
  }
}

const budgetError = (state: RunState, tickets: SchemaPosTicket[]) =>
  new OvoparkBudgetError({
    callBudget: state.plan.callBudget,
    calls: state.calls,
    tickets,
    windowsDone: state.windowsDone,
    windowsTotal: state.plan.windows.length,
    incompleteWindows: state.incompleteWindows(),
  });

/** Every distinct ticket of the range, in window and page order. */
export async function searchPosRange(
  fetcher: PageFetcher,
  params: SearchPosRangeParams,
  signal?: AbortSignal,
): Promise<SchemaPosTicket[]> {
  const state = new RunState(plan(params, fetcher.timeZone));
  const collected: Page[] = [];
  const seen = new Set<string>();
  const ordered = (): SchemaPosTicket[] => {
    const out: SchemaPosTicket[] = [];
    const keys = new Set<string>();
    collected.sort((a, b) => a.window - b.window || a.page - b.page);
    for (const page of collected) {
      for (const ticket of page.tickets) {
        const key = ticketKey(ticket, state.plan.depId);
        if (!keys.has(key)) {
          keys.add(key);
          out.push(ticket);
        }
      }
    }
    return out;
  };
  try {
    for await (const page of pages(fetcher, state, signal)) {
      collected.push(page);
      for (const ticket of page.tickets) seen.add(ticketKey(ticket, state.plan.depId));
      report(state, seen.size);
    }
  } catch (error) {
    if (error instanceof BudgetExhausted) throw budgetError(state, ordered());
    throw error;
  }
  return ordered();
}

/**
 * The same tickets as searchPosRange, yielded as their pages arrive (not in time order). The
 * parameters are checked here, before the iterator exists, so a bad range fails at the call site.
 */
export function streamPosRange(
  fetcher: PageFetcher,
  params: SearchPosRangeParams,
  signal?: AbortSignal,
): AsyncGenerator<SchemaPosTicket, void, undefined> {
  return stream(fetcher, new RunState(plan(params, fetcher.timeZone)), signal);
}

async function* stream(
  fetcher: PageFetcher,
  state: RunState,
  signal: AbortSignal | undefined,
): AsyncGenerator<SchemaPosTicket, void, undefined> {
  const seen = new Set<string>();
  // For the budget error; the budget bounds it to callBudget × pageSize tickets.
  const delivered: SchemaPosTicket[] = [];
  try {
    for await (const page of pages(fetcher, state, signal)) {
      const fresh: SchemaPosTicket[] = [];
      for (const ticket of page.tickets) {
        const key = ticketKey(ticket, state.plan.depId);
        if (!seen.has(key)) {
          seen.add(key);
          fresh.push(ticket);
        }
      }
      report(state, seen.size);
      for (const ticket of fresh) {
        delivered.push(ticket);
        yield ticket;
      }
    }
  } catch (error) {
    if (error instanceof BudgetExhausted) throw budgetError(state, delivered);
    throw error;
  }
}
