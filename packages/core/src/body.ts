/** Reading provider bodies by their content, not by their Content-Type. */

export type ParsedBody =
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'empty'; text: '' }
  | { kind: 'unparseable'; text: string; reason: string };

/** Largest body excerpt kept for an error message. */
export const EXCERPT_LENGTH = 200;

/**
 * Parses a body as JSON whatever its Content-Type says (some providers label JSON `text/plain` and
 * send empty `text/html` bodies on some failures). Never throws on bad content.
 */
export function parseBody(text: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty', text: '' };
  try {
    return { kind: 'json', value: JSON.parse(trimmed), text };
  } catch (error) {
    return { kind: 'unparseable', text, reason: error instanceof Error ? error.message : String(error) };
  }
}

export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  return text.length <= length ? text : `${text.slice(0, length)}… (${text.length} characters)`;
}
