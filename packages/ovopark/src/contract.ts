/**
 * Checks against the bundled spec (Ajv, JSON Schema 2020-12): a call's business parameters before
 * anything is sent, and a success envelope before its `data` is handed out.
 */
import { describeIssues, OpenApiValidator } from '@orderkit/openapi-ajv';
import { excerpt } from '@orderkit/runtime';
import type { Answer } from './envelope.js';
import { OvoparkInputError, OvoparkProtocolError } from './errors.js';
import type { paths } from './generated/openapi.js';
import spec from './generated/spec.js';

export type OvoparkPath = keyof paths;

/** The method (`_mt`) an operation stands for: the fragment of its path key. */
export const methodOf = (path: OvoparkPath): string => path.slice(path.indexOf('#') + 1);

// Compiling the spec costs milliseconds; once per process, shared by every client.
let shared: OpenApiValidator | undefined;
const validator = (): OpenApiValidator => (shared ??= new OpenApiValidator(spec));
const responsePointers = new Map<OvoparkPath, string>();

function responsePointer(path: OvoparkPath): string {
  let pointer = responsePointers.get(path);
  if (!pointer) {
    pointer = validator().responseBodyPointer(path, 'post');
    responsePointers.set(path, pointer);
  }
  return pointer;
}

/** Compiles the validators a client uses, so no call pays for it. */
export function warmUp(paths: readonly OvoparkPath[], schemas: readonly string[]): void {
  for (const path of paths) validator().validate(responsePointer(path), {});
  for (const name of schemas) validator().validate(`#/components/schemas/${name}`, {});
}

/** Refuses business parameters the contract would refuse, before a call (and a quota unit) is spent on them. */
export function checkParams(schema: string, method: string, params: unknown): void {
  const result = validator().validate(`#/components/schemas/${schema}`, params);
  if (!result.valid) {
    throw new OvoparkInputError(`${method}: invalid parameters, nothing was sent: ${describeIssues(result)}.`);
  }
}

/** The success's `data`, once the whole envelope satisfies the operation's response schema. */
export function successData(
  path: OvoparkPath,
  answer: Answer,
  status: number,
  scrub: (text: string) => string,
): unknown {
  const method = methodOf(path);
  const result = validator().validate(responsePointer(path), answer.body);
  const fail = (what: string): never => {
    throw new OvoparkProtocolError(
      `${method}: the gateway reported success but ${what}. If the platform really answers like this, ` +
        `the response schema in specs/ovopark (components/schemas/Inferred.yaml holds the inferred shapes) ` +
        `needs correcting; stat.cid ${answer.cid ?? '(none)'} identifies the call for Ovopark support.`,
      method,
      status,
      scrub(excerpt(JSON.stringify(answer.body))),
    );
  };
  if (!result.valid) return fail(`the answer does not match the contract: ${scrub(describeIssues(result))}`);
  if (answer.body.data === null || answer.body.data === undefined) return fail('data is empty');
  return answer.body.data;
}
