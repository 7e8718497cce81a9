/** One error class per failure kind, all under StoreError, so callers can `instanceof` the kind. */

export class StoreError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An input the store refuses, before anything is written. */
export class StoreValidationError extends StoreError {
  /** The field as the caller named it, e.g. `requestOrderId` or `ids.orderNo`. */
  readonly field: string;
  /** The rule it broke, e.g. `length 1..255`. */
  readonly rule: string;

  constructor(field: string, rule: string, detail?: string) {
    super(`${field}: must satisfy ${rule}${detail ? ` (${detail})` : ''}`);
    this.field = field;
    this.rule = rule;
  }
}

/** The embedded store is open in another process (or already in this one). */
export class StoreLockedError extends StoreError {
  /** The process holding the store, if the lock file names one. */
  readonly pid: number | undefined;
  readonly holder: string | undefined;
  readonly lockFile: string;

  constructor(args: {
    pid: number | undefined;
    holder: string | undefined;
    lockFile: string;
    dataDir: string;
    since?: string | undefined;
  }) {
    const who = args.pid === undefined ? 'another process' : `${args.holder ?? 'a process'} (pid ${args.pid})`;
    const since = args.since ? ` since ${args.since}` : '';
    const self = args.pid === process.pid ? ' — this very process; close the first store before opening another' : '';
    super(
      `${who} has the store at ${args.dataDir} open${since}${self}; stop it, or use the running app's API instead ` +
        `of opening the store directly. If no such process runs any more, delete ${args.lockFile}.`,
    );
    this.pid = args.pid;
    this.holder = args.holder;
    this.lockFile = args.lockFile;
  }
}

/** The database schema does not match this build's migrations. */
export class StoreMigrationError extends StoreError {}
