/**
 * What a provider may change in how it is mocked, in `src/providers/<id>.ts` (found by the
 * `specs/<id>` folder name, no list): a provider without such a file is served by Prism on its
 * bundle as it is.
 */
import { existsSync } from 'node:fs';
import type { RunningPrism } from './prism.js';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

export interface MockContext {
  /** The provider's bundle (specs/<id>/dist/openapi.json). */
  bundle: string;
  host: string;
  /** The port to listen on (never 0: already chosen). */
  port: number;
  /** Starts Prism on a spec file and port (mock mode, with the run's options). */
  prism(specFile: string, port: number): Promise<RunningPrism>;
  /** `pnpm mock --seed N` (default 1): every generated answer is a function of it and the request. */
  seed: number;
  /** The mock's knobs (`MOCK_<ID>_…` variables): `process.env` with `MockOptions.env` over it. */
  env: Record<string, string | undefined>;
  /** Where a provider's mock logs a line (its own bugs; `--verbose`). */
  log(line: string): void;
}

export interface ProxyContext {
  bundle: string;
  host: string;
  upstream: string;
  /** Starts Prism in proxy mode on a spec file, in front of `upstream`, on a free port. */
  prism(specFile: string, upstream: string): Promise<RunningPrism>;
}

export interface MockProvider {
  /** Serves the mock (default: Prism on the bundle, on `port`). */
  startMock?(context: MockContext): Promise<Running>;
  /** Serves the validating proxy (default: Prism in proxy mode on the bundle). */
  startProxy?(context: ProxyContext): Promise<Running>;
}

const loaded = new Map<string, Promise<MockProvider>>();

/** The provider's module `./providers/<id>.(ts|js)` beside this file, or `{}` when it has none. */
export function mockProvider(id: string): Promise<MockProvider> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) return Promise.reject(new Error(`not a provider id: ${JSON.stringify(id)}`));
  let module = loaded.get(id);
  if (!module) {
    const file = ['ts', 'js']
      .map((ext) => new URL(`./providers/${id}.${ext}`, import.meta.url))
      .find((url) => existsSync(url));
    module = file
      ? (import(file.href) as Promise<{ mockProvider?: MockProvider }>).then((m) => m.mockProvider ?? {})
      : Promise.resolve({});
    loaded.set(id, module);
  }
  return module;
}
