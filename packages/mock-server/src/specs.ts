import { createRequire } from 'node:module';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROVIDERS = ['dstore', 'wechat', 'ovopark'] as const;
export type Provider = (typeof PROVIDERS)[number];

const require = createRequire(import.meta.url);

/** Path of a provider's bundle (written by the spec package's `bundle` task). */
export function bundlePath(provider: Provider): string {
  try {
    return require.resolve(`@orderkit/spec-${provider}/openapi.json`);
  } catch {
    throw new Error(`specs/${provider}/dist/openapi.json is missing: run \`pnpm bundle\` first`);
  }
}

/** Path key of an Ovopark operation in the source spec, e.g. `/cloud.api#open.ovopark.pos.searchPos`. */
const FRAGMENT_KEY = /^\/cloud\.api#(.+)$/;

/** Where the router forwards a gateway call whose `_mt` is `method`. */
export const ovoparkMockPath = (method: string) => `/cloud.api/${encodeURIComponent(method)}`;

/**
 * The Ovopark bundle as Prism can route it: `/cloud.api#<method>` keys become `/cloud.api/<method>`
 * (Prism routes on path only; a fragment never reaches a server). Nothing else changes, so Prism
 * validates each method against its own operation and answers from its own examples.
 */
export async function writeOvoparkMockSpec(): Promise<{ file: string; methods: string[] }> {
  const doc = JSON.parse(await readFile(bundlePath('ovopark'), 'utf8')) as { paths: Record<string, unknown> };
  const methods: string[] = [];
  const paths: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(doc.paths)) {
    const method = FRAGMENT_KEY.exec(key)?.[1];
    if (!method) throw new Error(`unexpected Ovopark path key ${key}: expected /cloud.api#<method>`);
    methods.push(method);
    paths[ovoparkMockPath(method)] = item;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'orderkit-mock-'));
  const file = path.join(dir, 'ovopark.mock.json');
  await writeFile(file, JSON.stringify({ ...doc, paths }));
  return { file, methods };
}
