import { escapePointer, resolvePointer } from './pointer.js';

export interface SpecExample {
  /** Where the example sits in the document, as a JSON pointer. */
  where: string;
  /** Pointer of the schema it must satisfy. */
  schema: string;
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every example in a bundled OpenAPI document, with the schema it illustrates: schema `examples`
 * arrays (at any depth of components/schemas), and `example` / named `examples` of media types,
 * parameters and headers.
 */
export function collectExamples(doc: Record<string, unknown>): SpecExample[] {
  const found: SpecExample[] = [];
  const resolve = (node: unknown): unknown =>
    isObject(node) && typeof node.$ref === 'string' ? resolvePointer(doc, node.$ref) : node;

  const walk = (node: unknown, pointer: string, inSchema: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${pointer}/${i}`, inSchema);
      });
      return;
    }
    if (!isObject(node)) return;
    if (inSchema && Array.isArray(node.examples)) {
      node.examples.forEach((value, i) => {
        found.push({ where: `${pointer}/examples/${i}`, schema: pointer, value });
      });
    }
    if (!inSchema && 'schema' in node) {
      const schema = `${pointer}/schema`;
      if ('example' in node) found.push({ where: `${pointer}/example`, schema, value: node.example });
      if (isObject(node.examples)) {
        for (const [name, ex] of Object.entries(node.examples)) {
          const resolved = resolve(ex);
          if (isObject(resolved) && 'value' in resolved) {
            found.push({ where: `${pointer}/examples/${escapePointer(name)}`, schema, value: resolved.value });
          }
        }
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'examples' || key === 'example') continue;
      // Below a `schema` key (or inside components/schemas) everything is schema.
      const childInSchema = inSchema || key === 'schema' || pointer === '#/components/schemas';
      walk(child, `${pointer}/${escapePointer(key)}`, childInSchema);
    }
  };
  walk(doc, '#', false);
  return found;
}
