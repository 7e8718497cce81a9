/** Keeping secrets out of errors, logs and debug output. */

export const MASK = '***';

/** Replaces every occurrence of each non-empty secret in `text` (and its URL-encoded form) with the mask. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(MASK);
  }
  return out;
}
