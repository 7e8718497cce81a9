/**
 * Warnings: an answer that breaks only what the contract infers is handed out, and the caller is
 * told what did not match and which spec file to correct. Each distinct warning once per client,
 * so a range fetch of a hundred pages does not repeat the same line a hundred times.
 */
import { describeWarning, type ValidationWarning } from '@orderkit/openapi-ajv';

export interface OvoparkWarning {
  /** The method whose answer did not match (`open.ovopark.pos.searchPos`). */
  method: string;
  /** One line: what did not match, what was done about it, which file to correct. */
  message: string;
  /** The spec file to correct, from the contract's `x-orderkit-inferred` marker. */
  file: string | undefined;
  /** searchPos: the `data` field the tickets were read from (`data.records`), when not the inferred one. */
  field?: string | undefined;
  /** The mismatches, with array indexes folded to `*`. */
  issues: readonly ValidationWarning[];
}

export type WarningHandler = (warning: OvoparkWarning) => void;

export const defaultWarningHandler: WarningHandler = (warning) => console.warn(warning.message);

// Array indexes folded to `*`, so the same mismatch on every ticket of a page is one warning.
const foldIndexes = (path: string): string => path.replace(/\/\d+(?=\/|$)/g, '/*');

/** The distinct mismatches, paths folded, masked by `scrub` (field names come from the answer). */
export function foldIssues(issues: readonly ValidationWarning[], scrub: (text: string) => string): ValidationWarning[] {
  const seen = new Map<string, ValidationWarning>();
  for (const issue of issues) {
    const folded = { ...issue, path: scrub(foldIndexes(issue.path)), message: scrub(issue.message) };
    const key = describeWarning(folded);
    if (!seen.has(key)) seen.set(key, folded);
  }
  return [...seen.values()];
}

/** Wraps a handler so that each distinct message reaches it once; a throwing handler never fails a call. */
export function onceEach(handler: WarningHandler): WarningHandler {
  const seen = new Set<string>();
  return (warning) => {
    if (seen.has(warning.message)) return;
    seen.add(warning.message);
    try {
      handler(warning);
    } catch {
      // A warning is advice; the data it accompanies is still good.
    }
  };
}

/** `/data/x must be string; /data must have required property 'y'`: the mismatches without the file, said once at the end. */
export const listIssues = (issues: readonly ValidationWarning[]): string =>
  issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');

/** The spec file the mismatches point at (they come from one contract, so one file in practice). */
export const fileOf = (issues: readonly ValidationWarning[]): string | undefined => issues.find((i) => i.file)?.file;

/** A warning for an answer used as it came despite mismatches in inferred parts. */
export function mismatchWarning(method: string, issues: readonly ValidationWarning[]): OvoparkWarning {
  const file = fileOf(issues);
  return {
    method,
    file,
    issues,
    message:
      `${method}: the answer does not match what the contract infers (${listIssues(issues)}); it was used as it came. ` +
      `If this is how the platform answers, correct ${file ?? 'the Ovopark spec (specs/ovopark)'}.`,
  };
}
