/**
 * What real senders put on the wire (issue 9): the Signature layout of the Alipay+ API overview,
 * epoch-millisecond Request-Time (alipay/global-open-sdk-java), absolute-form request lines
 * (alipay/global-open-sdk-python), lower-case header names, and a deployment behind a path prefix.
 * Requests are written byte for byte on a raw socket and signed with node:crypto directly.
 */
import { createPrivateKey, sign, verify } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDStoreClient, createInquireOrderDetailHandler, toNodeListener } from '../src/index.js';
import { CLIENT_ID, content, isoWithOffset, PATH, rsaPair, startServer } from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
let server: Awaited<ReturnType<typeof startServer>>;
let port: number;

beforeAll(async () => {
  const handler = createInquireOrderDetailHandler({
    clientId: CLIENT_ID,
    dstorePublicKey: dstore.publicKey,
    posPrivateKey: pos.privateKey,
    lookup: async (id) => (id === 'pds_1' ? { posOrderId: '2023063000010002', orderStatus: 'ACCEPTED' } : null),
  });
  // No routing in front: the handler answers whatever path it is reached at (a prefixed deployment).
  server = await startServer(toNodeListener(handler));
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

const BODY = '{"requestOrderId":"pds_1"}';

function signatureValue(time: string, body = BODY, path = PATH): string {
  return encodeURIComponent(
    sign('sha256', content(CLIENT_ID, time, body, path), createPrivateKey(dstore.privateKey)).toString('base64'),
  );
}

interface RawAnswer {
  statusLine: string;
  /** Header names exactly as sent, in order. */
  names: string[];
  header: (name: string) => string | undefined;
  body: string;
}

/** One request written as raw bytes; the answer read to the end of the connection. */
function raw(target: string, headers: Array<[string, string]>, body = BODY): Promise<RawAnswer> {
  const head = [
    `POST ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    ...headers.map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(`${head.join('\r\n')}\r\n\r\n${body}`));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const pairs = lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as const);
      resolve({
        statusLine: statusLine ?? '',
        names: pairs.map(([k]) => k),
        header: (name) => pairs.find(([k]) => k.toLowerCase() === name)?.[1],
        body: text.slice(split + 4),
      });
    });
  });
}

/** The answer's signature, verified independently over `POST <path>\n<Client-Id>.<Response-Time>.<body>`. */
function answerVerifies(answer: RawAnswer, path = PATH): boolean {
  const m = /^algorithm=RSA256,keyVersion=\d+,signature=([A-Za-z0-9%]+)$/.exec(answer.header('signature') ?? '');
  if (!m) return false;
  const signed = content(answer.header('client-id') ?? '', answer.header('response-time') ?? '', answer.body, path);
  return verify('sha256', signed, pos.publicKey, Buffer.from(decodeURIComponent(m[1] as string), 'base64'));
}

const status = (answer: RawAnswer) =>
  (JSON.parse(answer.body) as { result: { resultStatus: string; resultCode: string; resultMessage?: string } }).result;

function signedHeaders(time: string, signatureHeader: string): Array<[string, string]> {
  return [
    ['Content-Type', 'application/json; charset=UTF-8'],
    ['Client-Id', CLIENT_ID],
    ['Request-Time', time],
    ['Signature', signatureHeader],
  ];
}

describe('lenient Signature header', () => {
  it('the layout of the Alipay+ API overview, "algorithm=RSA256, keyVersion=0, signature=…", verifies', async () => {
    const time = isoWithOffset(new Date());
    const answer = await raw(
      PATH,
      signedHeaders(time, `algorithm=RSA256, keyVersion=0, signature=${signatureValue(time)}`),
    );
    expect(status(answer)).toMatchObject({ resultStatus: 'S', resultCode: 'SUCCESS' });
    expect(answerVerifies(answer)).toBe(true);
  });

  it('without keyVersion (the latest key) verifies', async () => {
    const time = isoWithOffset(new Date());
    const answer = await raw(PATH, signedHeaders(time, `algorithm=RSA256,signature=${signatureValue(time)}`));
    expect(status(answer)).toMatchObject({ resultStatus: 'S' });
  });

  it('a lower-case algorithm and lower-case header names verify', async () => {
    const time = isoWithOffset(new Date());
    const answer = await raw(PATH, [
      ['content-type', 'application/json; charset=UTF-8'],
      ['client-id', CLIENT_ID],
      ['request-time', time],
      ['signature', `algorithm=rsa256,keyVersion=1,signature=${signatureValue(time)}`],
    ]);
    expect(status(answer)).toMatchObject({ resultStatus: 'S' });
  });

  it('still answers INVALID_SIGNATURE for another algorithm', async () => {
    const time = isoWithOffset(new Date());
    const answer = await raw(
      PATH,
      signedHeaders(time, `algorithm=ECC224, keyVersion=1, signature=${signatureValue(time)}`),
    );
    expect(status(answer)).toMatchObject({ resultStatus: 'F', resultCode: 'INVALID_SIGNATURE' });
  });
});

describe('Request-Time forms', () => {
  it('epoch milliseconds (alipay/global-open-sdk-java) verify and answer S', async () => {
    const time = String(Date.now());
    const answer = await raw(
      PATH,
      signedHeaders(time, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(time)}`),
    );
    expect(status(answer)).toMatchObject({ resultStatus: 'S', resultCode: 'SUCCESS' });
    expect(answerVerifies(answer)).toBe(true);
  });

  it('a stale epoch-millisecond time gets the same answer as a stale ISO time', async () => {
    const staleAt = new Date(Date.now() - 3_600_000);
    const epoch = String(staleAt.getTime());
    const iso = isoWithOffset(staleAt);
    const fromEpoch = status(
      await raw(PATH, signedHeaders(epoch, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(epoch)}`)),
    );
    const fromIso = status(
      await raw(PATH, signedHeaders(iso, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(iso)}`)),
    );
    expect(fromEpoch.resultCode).toBe('PARAM_ILLEGAL');
    // The message names the server's time, which may tick between the two requests.
    const withoutTime = (message: string | undefined) => message?.replace(/\d{4}-\d{2}-\d{2}T[^\s)]+/g, '<time>');
    expect(withoutTime(fromEpoch.resultMessage)).toBe(withoutTime(fromIso.resultMessage));
  });

  it('ISO 8601 in UTC: "Z" and "+00:00" (alipay/global-open-sdk-python)', async () => {
    for (const time of [
      `${new Date().toISOString().slice(0, 19)}Z`,
      `${new Date().toISOString().slice(0, 19)}+00:00`,
    ]) {
      const answer = await raw(
        PATH,
        signedHeaders(time, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(time)}`),
      );
      expect(status(answer), time).toMatchObject({ resultStatus: 'S' });
    }
  });
});

describe('the signed path is the path requested', () => {
  const prefixed = `/dstore${PATH}`;

  it('behind a path prefix: signed over the prefixed path, answered over the same path', async () => {
    const time = isoWithOffset(new Date());
    const answer = await raw(
      prefixed,
      signedHeaders(time, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(time, BODY, prefixed)}`),
    );
    expect(status(answer)).toMatchObject({ resultStatus: 'S' });
    expect(answerVerifies(answer, prefixed)).toBe(true);
    expect(answerVerifies(answer, PATH)).toBe(false);
  });

  it('behind a path prefix, a sender that signs the operation path alone (the Alipay SDKs with a prefixed gateway URL) is answered over that path', async () => {
    const time = isoWithOffset(new Date());
    const answer = await raw(
      prefixed,
      signedHeaders(time, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(time)}`),
    );
    expect(status(answer)).toMatchObject({ resultStatus: 'S' });
    expect(answerVerifies(answer, PATH)).toBe(true);
  });

  it('our client with a prefixed baseUrl signs and verifies the prefixed path', async () => {
    const client = createDStoreClient({
      baseUrl: `${server.url}/dstore`,
      clientId: CLIENT_ID,
      privateKey: dstore.privateKey,
      posPublicKey: pos.publicKey,
    });
    await expect(client.inquireOrderDetail('pds_1')).resolves.toMatchObject({ posOrderId: '2023063000010002' });
    expect(client.debugSignedContent(BODY, 'T')).toBe(`POST ${prefixed}\n${CLIENT_ID}.T.${BODY}`);
  });
});

describe('request forms', () => {
  it('an absolute-form request line is answered exactly like the origin form, header names byte for byte', async () => {
    const time = isoWithOffset(new Date());
    const headers = signedHeaders(time, `algorithm=RSA256,keyVersion=1,signature=${signatureValue(time)}`);
    const origin = await raw(PATH, headers);
    const absolute = await raw(`http://127.0.0.1:${port}${PATH}`, headers);
    expect(absolute.statusLine).toBe('HTTP/1.1 200 OK');
    expect(absolute.names).toEqual(origin.names);
    expect(status(absolute)).toEqual(status(origin));
    expect(answerVerifies(absolute)).toBe(true);
    // What alipay/global-open-sdk-python's __parse_header looks up, by exact name.
    for (const name of ['signature', 'response-time', 'client-id']) expect(absolute.names).toContain(name);
  });
});
