/**
 * A bounded memo of a pure function of a short text. D-Store asks about the same orders again and
 * again, so the same inquiry bodies, Request-Times and answer texts come back: their schema checks
 * (Ajv, ~5 % of the endpoint's time) are done once per text. Texts longer than `maxLength` are
 * never kept, and the memo forgets everything when it holds `maxEntries`, so it stays under
 * `maxEntries × maxLength` characters.
 */
export function memoByText<T>(fn: (text: string) => T, maxLength: number, maxEntries = 2048): (text: string) => T {
  let kept = new Map<string, T>();
  return (text) => {
    if (text.length > maxLength) return fn(text);
    const hit = kept.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (kept.size >= maxEntries) kept = new Map();
    kept.set(text, value);
    return value;
  };
}
