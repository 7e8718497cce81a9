// The provider contracts, found by convention: every folder `specs/<id>/` with an `openapi.yaml`
// is one provider, `<id>` its registered id. Codegen, the Redocly runs and the docs build read
// this list; adding a provider adds a folder, not a line here.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const specsDir = path.join(root, 'specs');

/**
 * The provider ids, sorted: the names of the `specs/*` folders that hold an `openapi.yaml`. `dir`
 * is this repository's specs/ unless a tool works on a copy (scripts/release/spec-diff.mjs's tests).
 */
export function listSpecs(dir = specsDir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'openapi.yaml')))
    .map((d) => d.name)
    .sort();
}

/**
 * The Redocly configuration of a spec folder: its own `redocly.yaml` (which extends the shared
 * one with rules of that contract only) when it has one, else the shared `redocly.yaml` of
 * `repoRoot` (this repository, or the copy a tool works on).
 */
export function redoclyConfig(specDir, repoRoot = root) {
  const own = path.join(specDir, 'redocly.yaml');
  return existsSync(own) ? own : path.join(repoRoot, 'redocly.yaml');
}
