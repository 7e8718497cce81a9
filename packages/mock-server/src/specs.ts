/**
 * The contracts the mock server serves: the `@orderkit/spec-<id>` packages it depends on (its
 * package.json), `<id>` the provider's id — the same in the workspace (`specs/<id>/`) and when
 * installed from a registry. Each bundle names its mock's fixed port and the variable that
 * overrides it in `x-orderkit-mock: { port, portVariable }`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Provider = string;

const require = createRequire(import.meta.url);
const SPEC_PACKAGE = '@orderkit/spec-';

/** The provider ids, sorted: this package's `@orderkit/spec-<id>` dependencies. */
export function listProviders(): Provider[] {
  const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(own.dependencies ?? {})
    .filter((name) => name.startsWith(SPEC_PACKAGE))
    .map((name) => name.slice(SPEC_PACKAGE.length))
    .sort();
}

export const PROVIDERS: readonly Provider[] = listProviders();

/** Path of a provider's bundle: `openapi.json` of its spec package (in the workspace, written by `pnpm bundle`). */
export function bundlePath(provider: Provider): string {
  let file: string;
  try {
    file = require.resolve(`${SPEC_PACKAGE}${provider}/openapi.json`);
  } catch {
    throw new Error(`no contract for ${provider}: ${SPEC_PACKAGE}${provider} is not installed`);
  }
  if (!existsSync(file)) throw new Error(`specs/${provider}/dist/openapi.json is missing: run \`pnpm bundle\` first`);
  return file;
}

export interface MockSettings {
  /** The fixed port of `pnpm mock`. */
  port: number;
  /** The environment variable that overrides it, e.g. `MOCK_<ID>_PORT`. */
  portVariable: string;
}

/** A provider's `x-orderkit-mock`, read from its bundle; a clear error when it is missing or malformed. */
export function mockSettings(provider: Provider): MockSettings {
  const doc = JSON.parse(readFileSync(bundlePath(provider), 'utf8')) as { 'x-orderkit-mock'?: Partial<MockSettings> };
  const mock = doc['x-orderkit-mock'];
  const port = mock?.port;
  if (
    typeof port !== 'number' ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65535 ||
    typeof mock?.portVariable !== 'string' ||
    !/^[A-Z][A-Z0-9_]*$/.test(mock.portVariable)
  ) {
    throw new Error(
      `specs/${provider}/openapi.yaml needs x-orderkit-mock: { port: <1-65535>, portVariable: MOCK_${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PORT } (then pnpm bundle)`,
    );
  }
  return { port, portVariable: mock.portVariable };
}
