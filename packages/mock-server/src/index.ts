import { freePort } from '@orderkit/core';
import { startPrism, type RunningPrism } from './prism.js';
import { startOvoparkRouter } from './ovopark-router.js';
import { startUpstreamRewriter } from './upstream-rewriter.js';
import { bundlePath, PROVIDERS, writeOvoparkMockSpec, type Provider } from './specs.js';

export { PROVIDERS, type Provider } from './specs.js';

/** The fixed ports of `pnpm mock` (overridable by MOCK_DSTORE_PORT, MOCK_WECHAT_PORT, MOCK_OVOPARK_PORT). */
export const DEFAULT_PORTS: Record<Provider, number> = { dstore: 4010, wechat: 4011, ovopark: 4012 };

export interface MockOptions {
  /** Port per provider; 0 picks a free one (tests). */
  ports?: Partial<Record<Provider, number>>;
  host?: string;
  /** Which mocks to start (default all three). */
  only?: Provider[];
  /** Answers generated from the schemas (seeded) instead of the first example. */
  dynamic?: boolean;
  onLog?: (provider: Provider, line: string) => void;
}

export interface RunningMocks {
  urls: Partial<Record<Provider, string>>;
  stop(): Promise<void>;
}

/** Starts the Prism mocks (in parallel) and, for Ovopark, the `_mt` router in front of Prism. */
export async function startMocks(options: MockOptions = {}): Promise<RunningMocks> {
  const host = options.host ?? '127.0.0.1';
  const only = options.only ?? [...PROVIDERS];
  const stops: Array<() => Promise<void>> = [];
  const urls: Partial<Record<Provider, string>> = {};
  const port = async (p: Provider) => {
    const wanted = options.ports?.[p] ?? DEFAULT_PORTS[p];
    return wanted === 0 ? freePort(host) : wanted;
  };
  const prism = (p: Provider, specFile: string, portNumber: number): Promise<RunningPrism> =>
    startPrism({
      specFile,
      port: portNumber,
      host,
      dynamic: options.dynamic ?? false,
      onLog: options.onLog ? (line) => options.onLog?.(p, line) : undefined,
    });

  try {
    await Promise.all(
      only.map(async (p) => {
        if (p === 'ovopark') {
          const { file, methods } = await writeOvoparkMockSpec();
          const inner = await prism(p, file, await freePort(host));
          stops.push(inner.stop);
          const router = await startOvoparkRouter({ port: await port(p), host, prismUrl: inner.url, methods });
          stops.push(router.stop);
          urls[p] = router.url;
        } else {
          const running = await prism(p, bundlePath(p), await port(p));
          stops.push(running.stop);
          urls[p] = running.url;
        }
      }),
    );
  } catch (error) {
    await Promise.all(stops.map((s) => s()));
    throw error;
  }
  return { urls, stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}

/**
 * Prism in proxy mode in front of a live (or recorded) service, validating both directions with
 * `--errors`. Ovopark gets the `_mt` router in front and the path put back behind.
 */
export async function startValidatingProxy(options: {
  provider: Provider;
  upstream: string;
  host?: string;
  onLog?: (line: string) => void;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => void (await Promise.all(stops.map((s) => s())));
  try {
    if (options.provider !== 'ovopark') {
      const prism = await startPrism({
        specFile: bundlePath(options.provider),
        port: await freePort(host),
        host,
        upstream: options.upstream,
        onLog: options.onLog,
      });
      stops.push(prism.stop);
      return { url: prism.url, stop: stopAll };
    }
    const back = await startUpstreamRewriter({ upstream: options.upstream, host });
    stops.push(back.stop);
    const { file, methods } = await writeOvoparkMockSpec();
    const prism = await startPrism({
      specFile: file,
      port: await freePort(host),
      host,
      upstream: back.url,
      onLog: options.onLog,
    });
    stops.push(prism.stop);
    const front = await startOvoparkRouter({ port: 0, host, prismUrl: prism.url, methods });
    stops.push(front.stop);
    return { url: front.url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
