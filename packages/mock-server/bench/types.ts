/** What a provider's bench module (`bench/providers/<id>.ts`, found by the `specs/<id>` folder) gives the mock bench. */

/** One request, repeated: where to send it and what counts as the right answer. */
export interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Whether the answer is the success it should be. */
  ok(status: number, body: string): boolean;
}

/** One operation measured through the mock and from Prism alone (same request, same run). */
export interface BenchCase {
  what: string;
  /** The call to the mock, and to Prism alone (which answers its example: any 200 counts). */
  mock: Call;
  prism: Call;
  /** Why this case has no ≥ 0.8× target, when it has none (the mock does work Prism alone does not). */
  noTarget?: string;
  /** Work per answer the mock does and Prism alone does not, timed with the bare platform in this run. */
  reference?: { label: string; micros(): number };
}

export interface ProviderBench {
  /** The spec file `prism mock` alone serves (default: the bundle); `remove` cleans up after. */
  prismSpec?(bundle: string): Promise<{ file: string; remove(): Promise<void> }>;
  /** Knobs for the mock under a bench's load (e.g. a quota far above the bench's calls). */
  env?: Record<string, string>;
  /** The cases, once the mock listens on `mockUrl` (setup calls such as a login go there). */
  cases(mockUrl: string): Promise<BenchCase[]>;
}

export const status200 = (status: number) => status === 200;
