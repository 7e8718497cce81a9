import { OpenApiValidator, type OpenApiDocument, type ValidationIssue } from '@orderkit/openapi-ajv';
import spec from './generated/spec.js';
import { SIGNED_METHOD, SIGNED_PATH } from './signature.js';

/** The spec's checks, compiled once per process: Ajv compilation costs milliseconds, a check microseconds. */
export interface Contract {
  validateRequest(value: unknown): ValidationIssue[];
  validateResponse(value: unknown): ValidationIssue[];
  /** What we accept as Request-Time: ISO 8601 with offset or `Z`, or epoch milliseconds. */
  validateRequestTime(value: string): boolean;
  /** `x-maxSerializedLength` of ExtendInfo: JSON Schema cannot express it, so it is read from the spec. */
  maxExtendInfoLength: number;
}

let cached: Contract | undefined;

export function contract(): Contract {
  if (cached) return cached;
  const doc = spec as unknown as OpenApiDocument;
  const validator = new OpenApiValidator(doc);
  const request = validator.requestBodyPointer(SIGNED_PATH, SIGNED_METHOD);
  const response = validator.responseBodyPointer(SIGNED_PATH, SIGNED_METHOD);
  const issues = (pointer: string, value: unknown) => {
    const result = validator.validate(pointer, value);
    return result.valid ? [] : result.issues;
  };
  // Compile now, so the first inquiry does not pay for it.
  issues(request, {});
  issues(response, {});
  const extendInfo = (spec.components.schemas.ExtendInfo as { 'x-maxSerializedLength'?: number })[
    'x-maxSerializedLength'
  ];
  cached = {
    validateRequest: (value) => issues(request, value),
    validateResponse: (value) => issues(response, value),
    validateRequestTime: (value) => issues('#/components/schemas/AcceptedMessageTime', value).length === 0,
    maxExtendInfoLength: extendInfo ?? 2048,
  };
  return cached;
}

/** `/requestOrderId` → `requestOrderId`, `` → `body`: field names as a D-Store engineer reads them. */
function fieldName(pointer: string): string {
  return pointer === '' ? 'body' : pointer.slice(1).replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');
}

/** One line per issue, the first few only: messages go into 256-character resultMessage fields. */
export function describe(issues: ValidationIssue[], max = 3): string {
  const lines = issues.slice(0, max).map((i) => `${fieldName(i.path)}: ${i.message}`);
  if (issues.length > max) lines.push(`and ${issues.length - max} more`);
  return lines.join('; ');
}
