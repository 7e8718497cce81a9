/**
 * Strict where a spec documents, lenient where it guesses.
 *
 * A spec marks the parts it inferred (rather than read from the provider's documentation) with
 * `x-orderkit-inferred` on the schema node, e.g.
 * `x-orderkit-inferred: { file: specs/<provider>/components/schemas/Inferred.yaml, source: …, confidence: low }`.
 * An answer that breaks only such parts is not broken: our guess is. So validation runs twice:
 *
 * - against a *relaxed* copy of the document in which every inferred node accepts anything
 *   (`{ unevaluatedProperties: true, unevaluatedItems: true }`, so a parent's
 *   `unevaluated*: false` still counts the node's properties as evaluated). What fails there fails
 *   the documented part: a hard error.
 * - against the document itself (only when it failed): every error raised by a schema node
 *   inside an inferred node becomes a warning naming the instance path, the message, and the
 *   marker's `file` to correct.
 *
 * Errors are located by schema-object identity (Ajv's `verbose` errors carry `parentSchema`),
 * not by `schemaPath`, which Ajv makes relative to whichever `$ref` target it compiled.
 *
 * Inside a `oneOf`, an inferred node that accepts anything matches every value, which can make a
 * `oneOf` ambiguous in the relaxed copy: specs should put inferred alternatives under `anyOf`.
 */
import type { ErrorObject } from 'ajv';
import { escapePointer } from './pointer.js';

export const INFERRED_MARKER = 'x-orderkit-inferred';

/** What a spec says about one of its inferences (`x-orderkit-inferred`). */
export interface InferredMarker {
  /** The spec file to correct, relative to the repository root. */
  file?: string;
  source?: string;
  confidence?: string;
}

export interface ValidationWarning {
  /** JSON Pointer into the validated value, `''` for the value itself. */
  path: string;
  message: string;
  /** JSON Pointer of the inferred schema node in the bundled document. */
  schema: string;
  /** The marker's `file`: where to correct the inference. Absent when the marker names none. */
  file?: string;
  marker: InferredMarker;
}

export type LenientResult =
  | { valid: true; warnings: ValidationWarning[] }
  | { valid: false; issues: { path: string; message: string }[]; warnings: ValidationWarning[] };

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object';

const RELAXED = { unevaluatedProperties: true, unevaluatedItems: true } as const;

/** A deep copy of `doc` with every inferred schema node replaced by one that accepts anything. */
export function relaxInferred(doc: unknown): unknown {
  if (Array.isArray(doc)) return doc.map(relaxInferred);
  if (!isNode(doc)) return doc;
  if (INFERRED_MARKER in doc) return { ...RELAXED, [INFERRED_MARKER]: doc[INFERRED_MARKER] };
  const out: Node = {};
  for (const [key, value] of Object.entries(doc)) out[key] = relaxInferred(value);
  return out;
}

/** Every object of `doc` with its JSON Pointer, for locating an error's schema node. */
export function indexNodes(doc: unknown): Map<object, string> {
  const index = new Map<object, string>();
  const walk = (node: unknown, pointer: string): void => {
    if (!isNode(node) || index.has(node)) return;
    index.set(node, pointer);
    for (const [key, value] of Object.entries(node)) walk(value, `${pointer}/${escapePointer(key)}`);
  };
  walk(doc, '#');
  return index;
}

function nodeAt(doc: unknown, segments: string[]): unknown {
  let node = doc;
  for (const s of segments) node = isNode(node) ? node[s.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return node;
}

/** The nearest node at or above `pointer` that carries the marker. */
export function enclosingInferred(
  doc: unknown,
  pointer: string,
): { schema: string; marker: InferredMarker } | undefined {
  const segments = pointer
    .slice(2)
    .split('/')
    .filter((s) => s !== '');
  for (let n = segments.length; n >= 0; n -= 1) {
    const node = nodeAt(doc, segments.slice(0, n));
    if (isNode(node) && INFERRED_MARKER in node) {
      const raw = node[INFERRED_MARKER];
      const marker: InferredMarker = isNode(raw) ? (raw as InferredMarker) : {};
      return { schema: segments.length ? `#/${segments.slice(0, n).join('/')}` : '#', marker };
    }
  }
  return undefined;
}

/** The warnings among `errors` (from the unrelaxed document, validated with `verbose`). */
export function inferredWarnings(
  doc: unknown,
  index: Map<object, string>,
  errors: readonly ErrorObject[],
  message: (e: ErrorObject) => string,
): ValidationWarning[] {
  const seen = new Set<string>();
  const out: ValidationWarning[] = [];
  for (const e of errors) {
    const pointer = isNode(e.parentSchema) ? index.get(e.parentSchema) : undefined;
    const found = pointer === undefined ? undefined : enclosingInferred(doc, pointer);
    if (!found) continue; // a documented node: its verdict comes from the relaxed run
    const w: ValidationWarning = {
      path: e.instancePath,
      message: message(e),
      schema: found.schema,
      marker: found.marker,
    };
    if (typeof found.marker.file === 'string') w.file = found.marker.file;
    const key = `${w.path}\u0000${w.message}\u0000${w.schema}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(w);
    }
  }
  return out;
}

/** One line per warning: where in the value, what, and which file to correct. */
export function describeWarning(w: ValidationWarning): string {
  const where = w.file ? `${w.file} (${w.schema})` : w.schema;
  return `${w.path || '(root)'} ${w.message} — an inferred part of the contract; correct ${where}`;
}
