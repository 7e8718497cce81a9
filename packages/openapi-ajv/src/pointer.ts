/** JSON Pointer helpers (RFC 6901) for local `#/…` references. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) throw new Error(`not a local JSON pointer: ${pointer}`);
  let node: unknown = doc;
  for (const raw of pointer
    .slice(2)
    .split('/')
    .filter((s, _i, a) => !(a.length === 1 && s === ''))) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`${pointer} does not exist in the document`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
