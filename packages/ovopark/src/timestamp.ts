/**
 * Wall-clock times in the platform's time zone. The gateway reads `_timestamp`
 * (`yyyyMMddHHmmss`) and the searchPos range (`yyyy-MM-dd HH:mm:ss`) as local times of its own
 * zone, Asia/Shanghai, whatever zone the caller's machine runs in.
 */

export const PLATFORM_TIME_ZONE = 'Asia/Shanghai';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs tens of microseconds; one per zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError naming the zone when `timeZone` is not an IANA zone Intl knows. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  return out;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyyMMddHHmmss`, the `_timestamp` format. */
export function formatTimestamp(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return pad(w.year, 4) + pad(w.month) + pad(w.day) + pad(w.hour) + pad(w.minute) + pad(w.second);
}

/** `yyyy-MM-dd HH:mm:ss`, the searchPos range format. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The instant a `yyyy-MM-dd HH:mm:ss` wall-clock time denotes in `timeZone`, or undefined when the
 * text is not such a time (wrong shape, or a day/hour that does not exist such as 02-30 or 24:00).
 */
export function parseDateTime(text: string, timeZone: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  // The zone's offset at the guessed instant may differ from the offset at the true one across a
  // DST change; a second pass settles it.
  const offsetAt = (epochMs: number): number => {
    const w = wallClock(epochMs, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
  };
  let guess = asUtc - offsetAt(asUtc);
  const second2 = offsetAt(guess);
  if (asUtc - second2 !== guess) guess = asUtc - second2;
  return guess;
}

/**
 * `_timestamp` for "now", regenerated for every call. Calls in the same second share one string,
 * which keeps Intl out of the per-call cost of a busy client.
 */
export class TimestampClock {
  #second = Number.NaN;
  #text = '';

  constructor(
    readonly timeZone: string,
    private readonly now: () => Date,
  ) {
    assertTimeZone(timeZone);
  }

  next(): string {
    const second = Math.floor(this.now().getTime() / 1000);
    if (second !== this.#second) {
      this.#text = formatTimestamp(second * 1000, this.timeZone);
      this.#second = second;
    }
    return this.#text;
  }
}
