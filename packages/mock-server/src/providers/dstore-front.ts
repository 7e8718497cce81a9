/**
 * What Prism's request validation would refuse on D-Store's one operation, decided in the front
 * before Prism sees the request. Prism answers such a request with a 4xx problem (and a malformed
 * JSON body with no answer at all: it hangs), while a POS endpoint answers every outcome in HTTP 200
 * with a signed result code; the mock then answers in band instead (see dstore-backend.ts).
 */
import { OpenApiValidator, escapePointer, resolvePointer, type OpenApiDocument } from '@orderkit/openapi-ajv';
import { SIGNED_METHOD, SIGNED_PATH } from '@orderkit/dstore';
import type { MockRequest } from '../behaviour.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when Prism would refuse `request` to the operation path (method, headers, body). */
export function prismWouldRefuse(doc: OpenApiDocument): (request: MockRequest) => boolean {
  const validator = new OpenApiValidator(doc);
  const operation = `#/paths/${escapePointer(SIGNED_PATH)}/${SIGNED_METHOD.toLowerCase()}`;
  const parameters = ((resolvePointer(doc, `${operation}/parameters`) as Array<{ $ref?: string }>) ?? []).map(
    (raw, i) => {
      const pointer = raw.$ref ?? `${operation}/parameters/${i}`;
      const p = resolvePointer(doc, pointer) as Parameter;
      return { ...p, name: p.name.toLowerCase(), schema: `${pointer}/schema` };
    },
  );
  const headers = parameters.filter((p) => p.in === 'header');
  const bodySchema = validator.requestBodyPointer(SIGNED_PATH, SIGNED_METHOD);

  return (request) => {
    if (request.method.toUpperCase() !== SIGNED_METHOD) return true;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    for (const p of headers) {
      const value = header(p.name);
      if (value === undefined) {
        if (p.required) return true;
      } else if (!validator.validate(p.schema, value).valid) return true;
    }
    const type = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return true;
    let body: unknown;
    try {
      body = JSON.parse(utf8.decode(request.body));
    } catch {
      return true;
    }
    return !validator.validate(bodySchema, body).valid;
  };
}
