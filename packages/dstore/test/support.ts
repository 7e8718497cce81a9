/**
 * Test-side crypto and servers, written with node:crypto and node:http directly, not with the
 * package — except key generation, which is not under test: the package's `generateKeyPair`.
 */
import { createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator, type OpenApiDocument } from '@orderkit/openapi-ajv';
import spec from '../src/generated/spec.js';
import { generateKeyPair } from '../src/keys.js';

export interface PemPair {
  privateKey: string;
  publicKey: string;
}

export function rsaPair(): PemPair {
  return generateKeyPair();
}

/** A 1024-bit RSA pair: deliberately unusable (the contract requires 2048), so not the package's generator. */
export function undersizedRsaPair(): PemPair {
  return generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export const CLIENT_ID = '375Y93TEST0P00050';
export const PATH = '/v2/pos/inquireOrderDetail';

/** The documented content to sign, built independently of src/signature.ts. */
export function content(clientId: string, time: string, body: string | Buffer, path = PATH): Buffer {
  return Buffer.concat([
    Buffer.from(`POST ${path}\n${clientId}.${time}.`),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);
}

export function ownSignHeader(
  clientId: string,
  time: string,
  body: string | Buffer,
  privatePem: string,
  keyVersion = 1,
): string {
  const signature = sign('sha256', content(clientId, time, body), createPrivateKey(privatePem)).toString('base64');
  return `algorithm=RSA256,keyVersion=${keyVersion},signature=${encodeURIComponent(signature)}`;
}

export function ownVerifyHeader(
  clientId: string,
  time: string,
  body: string | Buffer,
  header: string | null,
  publicPem: string,
): boolean {
  const m = /^algorithm=RSA256,keyVersion=\d+,signature=(.+)$/.exec(header ?? '');
  if (!m) return false;
  return verify(
    'sha256',
    content(clientId, time, body),
    publicPem,
    Buffer.from(decodeURIComponent(m[1] as string), 'base64'),
  );
}

export const TIME_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

export function isoWithOffset(date: Date, offsetMinutes = 480): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const validator = new OpenApiValidator(spec as unknown as OpenApiDocument);
const responsePointer = validator.responseBodyPointer(PATH, 'post');

export function responseIssues(value: unknown): string[] {
  const result = validator.validate(responsePointer, value);
  return result.valid ? [] : result.issues.map((i) => `${i.path} ${i.message}`);
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export async function startServer(listener: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type Reply = (recorded: Recorded, res: ServerResponse) => void;

/** A fake POS provider that records each request and answers with `reply`. */
export async function fakePos(reply: Reply) {
  const requests: Recorded[] = [];
  let current = reply;
  const server = await startServer(async (req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: await readAll(req) };
    requests.push(recorded);
    current(recorded, res);
  });
  return { ...server, requests, setReply: (r: Reply) => (current = r) };
}

/** Answers `body` signed with `privatePem` the way the contract says. */
export function signedReply(
  body: unknown,
  privatePem: string,
  overrides: { clientId?: string; time?: string; signature?: string | null } = {},
): Reply {
  return (_recorded, res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const time = overrides.time ?? isoWithOffset(new Date());
    const clientId = overrides.clientId ?? CLIENT_ID;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=UTF-8',
      'Client-Id': clientId,
      'Response-Time': time,
    };
    const signature =
      overrides.signature === undefined ? ownSignHeader(clientId, time, text, privatePem) : overrides.signature;
    if (signature !== null) headers.Signature = signature;
    res.writeHead(200, headers);
    res.end(text);
  };
}
