#!/usr/bin/env node
// Code generation from the provider contracts, and the drift check that guards it.
//
//   node scripts/codegen.mjs write <provider>   turbo's `generate` task: reads the bundle that
//                                               `bundle` left in specs/<provider>/dist/ and writes
//                                               packages/<provider>/src/generated/
//   node scripts/codegen.mjs check [provider…]  in `pnpm test`: bundles each spec afresh
//                                               into a temporary folder, generates in memory and
//                                               compares with the committed files; exits 1 on any
//                                               difference and prints the command that fixes it.
//
// The providers are the `specs/*` folders (scripts/specs.mjs); none is named here.
// `openapi-typescript --check` is not used: with several APIs in one redocly.yaml it stops at the
// first up-to-date API and can pass with others stale.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { listSpecs, redoclyConfig, root, specsDir } from './specs.mjs';

const run = promisify(execFile);
export const PROVIDERS = listSpecs();

const redoclyEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

function header(provider, doc) {
  return [
    '// GENERATED FILE — do not edit by hand.',
    `// Source: specs/${provider}/openapi.yaml ("${doc.info.title}", version ${doc.info.version}),`,
    '// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).',
    '// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while',
    '// this file and the spec disagree.',
    '',
  ].join('\n');
}

/** Renders every generated file of one provider from its bundled document. */
export async function render(provider, doc) {
  // defaultNonNullable: false keeps a property with a `default` optional in request bodies (the server
  // applies the default), instead of forcing every caller to send it.
  const ast = await openapiTS(structuredClone(doc), { rootTypes: true, enumValues: true, defaultNonNullable: false });
  return {
    'openapi.ts': `${header(provider, doc)}\n${astToString(ast)}`,
    'codes.ts': `${header(provider, doc)}\n${renderCodes(provider, doc)}`,
    'spec.ts':
      header(provider, doc) +
      '\n/** The bundled OpenAPI document, for runtime validation and for enum descriptions. */\n' +
      `const spec = ${JSON.stringify(doc, null, 2)};\n\nexport default spec;\n`,
  };
}

/**
 * The provider's code table from the spec's code metadata (specs/README.md, "Codes"): every schema
 * with `x-orderkit-codes` gives, per code, its name, its meaning (`x-enumDescriptions`), outcome,
 * retryability and hint. A code without a meaning, or a name that disagrees with `x-enum-varnames`,
 * stops the generation.
 */
export function renderCodes(provider, doc) {
  const schemas = Object.entries(doc.components?.schemas ?? {}).filter(([, s]) => s['x-orderkit-codes']);
  if (schemas.length !== 1)
    throw new Error(`specs/${provider}: expected one schema with x-orderkit-codes, found ${schemas.length}`);
  const [[schemaName, schema]] = schemas;
  const descriptions = schema['x-enumDescriptions'] ?? {};
  const varnames = schema['x-enum-varnames'];
  const entries = {};
  for (const [code, meta] of Object.entries(schema['x-orderkit-codes'])) {
    const where = `specs/${provider} ${schemaName} x-orderkit-codes.${code}`;
    const meaning = descriptions[code];
    if (typeof meaning !== 'string') throw new Error(`${where}: no x-enumDescriptions entry`);
    if (!['failed', 'unknown'].includes(meta.outcome)) throw new Error(`${where}: outcome must be failed or unknown`);
    if (typeof meta.retryable !== 'boolean' || typeof meta.hint !== 'string')
      throw new Error(`${where}: needs retryable (boolean) and hint (string)`);
    if (Array.isArray(schema.enum) && Array.isArray(varnames)) {
      const i = schema.enum.findIndex((v) => String(v) === code);
      if (i >= 0 && varnames[i] !== meta.name)
        throw new Error(`${where}: name ${meta.name} disagrees with x-enum-varnames (${varnames[i]})`);
    }
    entries[code] = {
      ...(meta.name ? { name: meta.name } : {}),
      meaning,
      outcome: meta.outcome,
      retryable: meta.retryable,
      hint: meta.hint,
    };
  }
  return [
    "import type { CodeEntry } from '@orderkit/core';",
    '',
    `/** What specs/${provider} says about each of its codes (\`${schemaName}\`: x-enumDescriptions + x-orderkit-codes). */`,
    `export const codes = ${JSON.stringify(entries, null, 2)} as const satisfies Readonly<Record<string, CodeEntry>>;`,
    '',
    '/** A code the spec describes. */',
    'export type KnownCode = keyof typeof codes;',
    '',
  ].join('\n');
}

const outDir = (provider) => path.join(root, 'packages', provider, 'src', 'generated');

async function bundle(provider, into) {
  const out = path.join(into, `${provider}.json`);
  const bin = path.join(root, 'node_modules', '.bin', 'redocly');
  try {
    const dir = path.join(specsDir, provider);
    await run(bin, ['bundle', path.join(dir, 'openapi.yaml'), '--config', redoclyConfig(dir), '--output', out], {
      cwd: root,
      env: redoclyEnv,
    });
  } catch (err) {
    throw new Error(`bundling specs/${provider} failed: ${err.stderr || err.message}`);
  }
  return JSON.parse(await readFile(out, 'utf8'));
}

async function write(provider) {
  const doc = JSON.parse(await readFile(path.join(root, 'specs', provider, 'dist', 'openapi.json'), 'utf8'));
  const files = await render(provider, doc);
  await mkdir(outDir(provider), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(outDir(provider), name), text);
  }
  console.log(`generated packages/${provider}/src/generated/{${Object.keys(files).join(',')}}`);
}

function firstDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return { line: i + 1, committed: la[i] ?? '<end of file>', fresh: lb[i] ?? '<end of file>' };
  }
  return null;
}

async function check(providers) {
  const tmp = await mkdtemp(path.join(tmpdir(), 'orderkit-codegen-'));
  const stale = [];
  try {
    await Promise.all(
      providers.map(async (provider) => {
        const files = await render(provider, await bundle(provider, tmp));
        for (const [name, fresh] of Object.entries(files)) {
          const rel = `packages/${provider}/src/generated/${name}`;
          const committed = await readFile(path.join(root, rel), 'utf8').catch(() => null);
          if (committed === null) stale.push(`${rel}: missing`);
          else if (committed !== fresh) {
            const d = firstDifference(committed, fresh);
            stale.push(
              `${rel}: differs from specs/${provider} at line ${d.line}\n    committed: ${d.committed.trim()}\n    from spec: ${d.fresh.trim()}`,
            );
          }
        }
      }),
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  if (stale.length) {
    console.error(`Generated code does not match the specs:\n  ${stale.sort().join('\n  ')}`);
    console.error('Fix: run `pnpm generate` and commit packages/*/src/generated/. Never edit generated files by hand.');
    process.exit(1);
  }
  console.log(`generated code matches the specs (${providers.join(', ')})`);
}

const [mode, ...args] = process.argv.slice(2);
const unknown = args.filter((p) => !PROVIDERS.includes(p));
if (unknown.length) {
  console.error(`unknown provider ${unknown.join(', ')}; expected one of ${PROVIDERS.join(', ')}`);
  process.exit(2);
}
try {
  if (mode === 'write' && args.length === 1) await write(args[0]);
  else if (mode === 'check') await check(args.length ? args : PROVIDERS);
  else {
    console.error('usage: codegen.mjs write <provider> | codegen.mjs check [provider…]');
    process.exit(2);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
