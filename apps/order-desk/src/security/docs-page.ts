/**
 * A rendered contract page with the CSP that lets exactly its own inline scripts run. The hashes
 * are computed from the bytes served, so a rebuilt page (`pnpm docs`) gets matching hashes without
 * a build step knowing about the server; pages are a few MB, so each is read and hashed once per
 * change (size and mtime) rather than per request.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { docsCsp } from './headers.js';

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;
const cache = new Map<string, { key: string; body: Uint8Array<ArrayBuffer>; csp: string }>();

/** The SHA-256 (base64) of each inline script's text, as a browser hashes it for a CSP. */
export function inlineScriptHashes(html: string): string[] {
  return [
    ...new Set(
      [...html.matchAll(INLINE_SCRIPT)].map((m) => createHash('sha256').update(m[1]!, 'utf8').digest('base64')),
    ),
  ];
}

export async function loadDocsPage(file: string): Promise<{ body: Uint8Array<ArrayBuffer>; csp: string }> {
  const info = await stat(file);
  const key = `${info.size}:${info.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit;
  const bytes = await readFile(file);
  const page = { key, body: new Uint8Array(bytes), csp: docsCsp(inlineScriptHashes(bytes.toString('utf8'))) };
  cache.set(file, page);
  return page;
}
