/**
 * Ovopark's mock: its gateway chooses the method by the form field `_mt` on one URL, Prism routes
 * by path only. Prism runs on a derived copy of the bundle whose `/cloud.api#<method>` keys are
 * `/cloud.api/<method>` paths. `pnpm mock` puts the behaviour layer around it (front → Prism →
 * backend: providers/ovopark-behaviour.ts), whose `route` sends `_mt=<m>` to `/cloud.api/<m>`.
 * In proxy mode (a live gateway behind Prism) the router reads `_mt` (providers/ovopark-router.ts)
 * and a rewriter behind Prism puts the gateway's one path back (providers/ovopark-upstream.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBehaviourMock } from '../behaviour.js';
import type { MockProvider, Running } from '../provider.js';
import { ovoparkBehaviour, ovoparkKnobs } from './ovopark-behaviour.js';
import { codeNames } from './ovopark-gateway.js';
import { ovoparkMockPath, startOvoparkRouter } from './ovopark-router.js';
import { startUpstreamRewriter } from './ovopark-upstream.js';

/** Path key of an Ovopark operation in the source spec, e.g. `/cloud.api#open.ovopark.pos.searchPos`. */
const FRAGMENT_KEY = /^\/cloud\.api#(.+)$/;

/**
 * The Ovopark bundle as Prism can route it: `/cloud.api#<method>` keys become `/cloud.api/<method>`
 * (Prism routes on path only; a fragment never reaches a server). Nothing else changes, so Prism
 * validates each method against its own operation and answers from its own examples.
 */
export async function ovoparkMockSpec(
  bundle: string,
): Promise<{ spec: Record<string, unknown>; methods: string[]; doc: { paths: Record<string, unknown> } }> {
  const doc = JSON.parse(await readFile(bundle, 'utf8')) as { paths: Record<string, unknown> };
  const methods: string[] = [];
  const paths: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(doc.paths)) {
    const method = FRAGMENT_KEY.exec(key)?.[1];
    if (!method) throw new Error(`unexpected Ovopark path key ${key}: expected /cloud.api#<method>`);
    methods.push(method);
    paths[ovoparkMockPath(method)] = item;
  }
  return { spec: { ...structuredClone(doc), paths }, methods, doc };
}

/** `ovoparkMockSpec` written to a temporary folder of its own (the Prism CLI reads a file); `remove` deletes it. */
export async function writeOvoparkMockSpec(
  bundle: string,
): Promise<{ file: string; methods: string[]; remove: () => Promise<void> }> {
  const { spec, methods } = await ovoparkMockSpec(bundle);
  const dir = await mkdtemp(path.join(tmpdir(), 'orderkit-mock-'));
  const file = path.join(dir, 'ovopark.mock.json');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(file, JSON.stringify(spec));
  } catch (error) {
    await remove();
    throw error;
  }
  return { file, methods, remove };
}

/** Runs the starters in order; if one fails, stops the ones already running. */
async function chain(stops: Array<() => Promise<void>>, front: () => Promise<Running>): Promise<Running> {
  const stopAll = async () => void (await Promise.all(stops.map((s) => s())));
  try {
    const running = await front();
    stops.push(running.stop);
    return { url: running.url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export const mockProvider: MockProvider = {
  async startMock({ bundle, host, port, seed, env, log }) {
    // A bad knob fails the start with one line, before anything runs.
    const knobs = ovoparkKnobs(env);
    const { spec, methods, doc } = await ovoparkMockSpec(bundle);
    const behaviour = ovoparkBehaviour({ seed, knobs, methods: new Set(methods), names: codeNames(doc) });
    return startBehaviourMock({ spec, host, port, ...behaviour, onLog: log });
  },

  async startProxy({ bundle, host, upstream, prism }) {
    const stops: Array<() => Promise<void>> = [];
    return chain(stops, async () => {
      const back = await startUpstreamRewriter({ upstream, host });
      stops.push(back.stop);
      const { file, methods, remove } = await writeOvoparkMockSpec(bundle);
      stops.push(remove);
      const inner = await prism(file, back.url);
      stops.push(inner.stop);
      return startOvoparkRouter({ port: 0, host, prismUrl: inner.url, methods });
    });
  },
};
