// The provider contracts, found by convention: every folder `specs/<id>/` with an `openapi.yaml`
// is one provider, `<id>` its registered id. Codegen, the Redocly runs and the docs build read
// this list; adding a provider adds a folder, not a line here.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const specsDir = path.join(root, 'specs');

/** The provider ids, sorted: the names of the `specs/*` folders that hold an `openapi.yaml`. */
export function listSpecs() {
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(specsDir, d.name, 'openapi.yaml')))
    .map((d) => d.name)
    .sort();
}

/**
 * The Redocly configuration of a spec folder: its own `redocly.yaml` (which extends the shared
 * one with rules of that contract only) when it has one, else the shared `redocly.yaml`.
 */
export function redoclyConfig(specDir) {
  const own = path.join(specDir, 'redocly.yaml');
  return existsSync(own) ? own : path.join(root, 'redocly.yaml');
}
