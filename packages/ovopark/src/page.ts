/**
 * Reading a searchPos page whose `data` may not have the shape the contract infers.
 *
 * `data` = `{ total, content: PosTicket[] }` is an inference (specs/ovopark/components/schemas/
 * Inferred.yaml). Ovopark's list methods are seen answering `data.rows` or `data.records`, so when
 * the answer breaks the inferred shape the tickets are still taken from the list-like field it
 * has, and the caller is told which field was read, so the spec can be corrected.
 */
import type { ValidationWarning } from '@orderkit/openapi-ajv';
import type { SchemaPosTicket, SchemaSearchPosData } from './generated/openapi.js';
import { fileOf, listIssues, type OvoparkWarning } from './warnings.js';

/** Where the inferred shape puts the list, then the names the evidence suggests, in that order. */
export const LIST_FIELDS = ['content', 'rows', 'records', 'list', 'items', 'data'] as const;
const TOTAL_FIELDS = ['total', 'totalCount', 'count', 'totalRecords'] as const;

export interface PageReading {
  page: SchemaSearchPosData;
  /** `data.<field>` the tickets came from; `data` itself when it was the list; undefined when none was found. */
  field: string | undefined;
  /** Whether a total was found; without one, a full page cannot say whether more pages exist. */
  hasTotal: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function findList(data: unknown): { field: string; list: unknown[] } | undefined {
  if (Array.isArray(data)) return { field: 'data', list: data };
  if (!isRecord(data)) return undefined;
  for (const name of LIST_FIELDS) {
    const value = data[name];
    if (Array.isArray(value)) return { field: `data.${name}`, list: value };
  }
  // No known name: the only array in `data`, if there is exactly one.
  const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v));
  if (arrays.length === 1) {
    const [name, list] = arrays[0]!;
    return { field: `data.${name}`, list: list as unknown[] };
  }
  return undefined;
}

function findTotal(data: unknown): number | undefined {
  if (!isRecord(data)) return undefined;
  for (const name of TOTAL_FIELDS) {
    const value = data[name];
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  }
  return undefined;
}

/**
 * The page as the contract types it, from whatever `data` holds. Ticket objects are passed on as
 * they came (their own shape is an inference too); anything that is not an object is dropped.
 */
export function readPage(data: unknown): PageReading {
  const found = findList(data);
  const content = (found?.list ?? []).filter(isRecord) as unknown as SchemaPosTicket[];
  const total = findTotal(data);
  const extra = isRecord(data) ? data : {};
  return {
    page: { ...(extra as Partial<SchemaSearchPosData>), total: total ?? content.length, content },
    field: found?.field,
    hasTotal: total !== undefined,
  };
}

/** The one warning for a page read leniently: what did not match, which field was read, which file to correct. */
export function pageWarning(
  method: string,
  reading: PageReading,
  issues: readonly ValidationWarning[],
): OvoparkWarning {
  const file = fileOf(issues);
  const read = reading.field
    ? `read the tickets from ${reading.field}`
    : 'found no list in data, so the page counts as empty';
  const total =
    reading.hasTotal || reading.field === undefined ? '' : ' (no total either: a full page is taken as the last one)';
  return {
    method,
    file,
    field: reading.field,
    issues,
    message:
      `${method}: the answer does not match the inferred shape of data (${listIssues(issues)}); ${read}${total}. ` +
      `If this is how the platform answers, correct ${file ?? 'the Ovopark spec (specs/ovopark)'}.`,
  };
}
