/**
 * The contracts the mock server serves, found by convention: every `specs/<id>/` folder with an
 * `openapi.yaml` is one provider, `<id>` its id. Each bundle (written by the spec package's
 * `bundle` task) names its mock's fixed port and the variable that overrides it in
 * `x-orderkit-mock: { port, portVariable }`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Provider = string;

/** The repository's `specs/` (this file is in packages/mock-server/src or dist). */
export const SPECS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../specs');

/** The provider ids, sorted: the `specs/*` folders that hold an `openapi.yaml`. */
export function listProviders(dir: string = SPECS_DIR): Provider[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'openapi.yaml')))
    .map((d) => d.name)
    .sort();
}

export const PROVIDERS: readonly Provider[] = listProviders();

/** Path of a provider's bundle (written by the spec package's `bundle` task). */
export function bundlePath(provider: Provider): string {
  const file = path.join(SPECS_DIR, provider, 'dist', 'openapi.json');
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
