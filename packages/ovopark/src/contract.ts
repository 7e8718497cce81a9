/**
 * Checks against the bundled spec (Ajv, JSON Schema 2020-12): a call's business parameters before
 * anything is sent (strictly: we send only what the contract describes), and a success envelope
 * before its `data` is handed out (leniently where the contract only infers: see `successData`).
 */
import { describeIssues, OpenApiValidator, type ValidationWarning } from '@orderkit/openapi-ajv';
import { excerpt } from '@orderkit/core';
import type { Answer } from './envelope.js';
import { OvoparkInputError, OvoparkProtocolError } from './errors.js';
import type { paths } from './generated/openapi.js';
import spec from './generated/spec.js';

export type OvoparkPath = keyof paths;

/** The method (`_mt`) of an operation: the fragment of its path key. */
export type MethodOf<P extends OvoparkPath> = P extends `/cloud.api#${infer M}` ? M : never;

/** The method (`_mt`) an operation stands for: the fragment of its path key. */
export const methodOf = <P extends OvoparkPath>(path: P): MethodOf<P> =>
  path.slice(path.indexOf('#') + 1) as MethodOf<P>;

export const SEARCH_POS = '/cloud.api#open.ovopark.pos.searchPos' satisfies OvoparkPath;
export const MOBILE_LOGIN = '/cloud.api#open.shopweb.security.mobileLogin' satisfies OvoparkPath;

/**
 * The one validator of this spec, and the response schema of each operation, built on first use:
 * compiling costs milliseconds, once per process, shared by every client.
 */
let shared: { validator: OpenApiValidator; responses: Record<OvoparkPath, string> } | undefined;
function contract(): NonNullable<typeof shared> {
  if (!shared) {
    const validator = new OpenApiValidator(spec);
    const responses = {
      [SEARCH_POS]: validator.responseBodyPointer(SEARCH_POS, 'post'),
      [MOBILE_LOGIN]: validator.responseBodyPointer(MOBILE_LOGIN, 'post'),
    } satisfies Record<OvoparkPath, string>;
    shared = { validator, responses };
  }
  return shared;
}
const validator = (): OpenApiValidator => contract().validator;
const responsePointer = (path: OvoparkPath): string => contract().responses[path];

/** Compiles the validators a client uses, so no call pays for it. */
export function warmUp(paths: readonly OvoparkPath[], schemas: readonly string[]): void {
  // An empty object fails, so both the strict and the relaxed validator get compiled.
  for (const path of paths) validator().validateLenient(responsePointer(path), {});
  for (const name of schemas) validator().validate(`#/components/schemas/${name}`, {});
}

/** Refuses business parameters the contract would refuse, before a call (and a quota unit) is spent on them. */
export function checkParams(schema: string, method: string, params: unknown): void {
  const result = validator().validate(`#/components/schemas/${schema}`, params);
  if (!result.valid) {
    throw new OvoparkInputError(`${method}: invalid parameters, nothing was sent: ${describeIssues(result)}.`);
  }
}

export interface Success {
  data: unknown;
  /** Mismatches in parts the spec marks `x-orderkit-inferred`: reported, never fatal. */
  warnings: ValidationWarning[];
}

/**
 * The success's `data`. The documented envelope must match the contract exactly (else an
 * `OvoparkProtocolError`); parts the contract only infers are checked leniently: a mismatch there
 * means our guess is wrong, not the answer, so `data` passes on with warnings naming the spec
 * file to correct.
 */
export function successData(
  path: OvoparkPath,
  answer: Answer,
  status: number,
  scrub: (text: string) => string,
): Success {
  const method = methodOf(path);
  const result = validator().validateLenient(responsePointer(path), answer.body);
  const fail = (what: string): never => {
    throw new OvoparkProtocolError(
      `${method}: the gateway reported success but ${what}. These parts of the contract are documented, ` +
        `so the answer is broken or the gateway changed; stat.cid ${answer.cid ?? '(none)'} identifies the call ` +
        `for Ovopark support (if the platform really answers like this, specs/ovopark needs correcting).`,
      method,
      status,
      scrub(excerpt(JSON.stringify(answer.body))),
    );
  };
  if (!result.valid) return fail(`the answer does not match the contract: ${scrub(describeIssues(result))}`);
  if (answer.body.data === null || answer.body.data === undefined) return fail('data is empty');
  return { data: answer.body.data, warnings: result.warnings };
}
