import { freePort } from '@orderkit/core';
import { mockProvider, type Running } from './provider.js';
import { startPrism } from './prism.js';
import { bundlePath, mockSettings, PROVIDERS, type Provider } from './specs.js';

export { bundlePath, listProviders, mockSettings, PROVIDERS, type MockSettings, type Provider } from './specs.js';
export type { MockContext, MockProvider, ProxyContext, Running } from './provider.js';

/** The fixed port of `pnpm mock` for `provider` (its spec's `x-orderkit-mock.port`). */
export const defaultPort = (provider: Provider): number => mockSettings(provider).port;

export interface MockOptions {
  /** Port per provider; 0 picks a free one (tests). Default: each spec's `x-orderkit-mock.port`. */
  ports?: Partial<Record<Provider, number>>;
  host?: string;
  /** Which mocks to start (default: every `specs/*` folder). */
  only?: readonly Provider[];
  /** Answers generated from the schemas (seeded) instead of the first example. */
  dynamic?: boolean;
  /** Seed of generated data (Prism's `--dynamic` and the behaviour layers); default 1. */
  seed?: number;
  /** Knobs of the behaviour layers (`MOCK_<ID>_…`), over `process.env` (tests: short token lifetimes). */
  env?: Record<string, string | undefined>;
  onLog?: (provider: Provider, line: string) => void;
}

export interface RunningMocks {
  urls: Partial<Record<Provider, string>>;
  stop(): Promise<void>;
}

function checkProviders(only: readonly Provider[]): void {
  const unknown = only.filter((p) => !PROVIDERS.includes(p));
  if (unknown.length)
    throw new Error(`no contract for ${unknown.join(', ')}: the mocks serve specs/* (${PROVIDERS.join(', ')})`);
}

/**
 * Starts the mocks (in parallel), each as its provider's `src/providers/<id>.ts` says when it has
 * one (its behaviour layer on Prism's engine, in this process), else `prism mock` on the bundle.
 */
export async function startMocks(options: MockOptions = {}): Promise<RunningMocks> {
  const host = options.host ?? '127.0.0.1';
  const only = options.only ?? PROVIDERS;
  checkProviders(only);
  const stops: Array<() => Promise<void>> = [];
  const urls: Partial<Record<Provider, string>> = {};
  // allSettled, not all: when one mock fails, the others may still be starting; each is waited
  // for, so that every one that did start is stopped (no Prism left behind).
  const results = await Promise.allSettled(
    only.map(async (p) => {
      const wanted = options.ports?.[p] ?? mockSettings(p).port;
      const port = wanted === 0 ? await freePort(host) : wanted;
      const prism = (specFile: string, portNumber: number) =>
        startPrism({
          specFile,
          port: portNumber,
          host,
          dynamic: options.dynamic ?? false,
          seed: options.seed,
          onLog: options.onLog ? (line) => options.onLog?.(p, line) : undefined,
        });
      const hooks = await mockProvider(p);
      const bundle = bundlePath(p);
      const running: Running = hooks.startMock
        ? await hooks.startMock({
            bundle,
            host,
            port,
            prism,
            seed: options.seed ?? 1,
            env: { ...process.env, ...options.env },
            log: (line) => options.onLog?.(p, line),
          })
        : await prism(bundle, port);
      stops.push(running.stop);
      urls[p] = running.url;
    }),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(stops.map((s) => s()));
    throw failed.reason;
  }
  return { urls, stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}

/**
 * Prism in proxy mode in front of a live (or recorded) service, validating both directions with
 * `--errors`; a provider's `src/providers/<id>.ts` may put its own routing around it.
 */
export async function startValidatingProxy(options: {
  provider: Provider;
  upstream: string;
  host?: string;
  onLog?: (line: string) => void;
}): Promise<Running> {
  checkProviders([options.provider]);
  const host = options.host ?? '127.0.0.1';
  const prism = async (specFile: string, upstream: string) =>
    startPrism({ specFile, port: await freePort(host), host, upstream, onLog: options.onLog });
  const hooks = await mockProvider(options.provider);
  const bundle = bundlePath(options.provider);
  return hooks.startProxy
    ? hooks.startProxy({ bundle, host, upstream: options.upstream, prism })
    : prism(bundle, options.upstream);
}
