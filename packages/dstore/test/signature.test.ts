import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatMessageTime,
  loadPrivateKey,
  loadPublicKey,
  parseMessageTime,
  parseSignatureHeader,
  signatureHeader,
  signedContent,
  verifyContent,
} from '../src/index.js';
import { CLIENT_ID, content, ownSignHeader, ownVerifyHeader, rsaPair } from './support.js';

const OPENSSL = '/usr/bin/openssl';
const pair = rsaPair();
const pkcs1Private = createPrivateKey(pair.privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs1Public = createPublicKey(pair.publicKey).export({ type: 'pkcs1', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'dstore-sig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, data: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, data, { mode: 0o600 });
  return path;
};

const time = '2023-08-28T22:16:07+08:00';
const body = '{"requestOrderId":"pds_2109_2022_1","note":"café ☕"}';

describe('signatures interoperate with openssl', () => {
  it.each([
    ['PKCS#8', pair.privateKey],
    ['PKCS#1', pkcs1Private],
  ])('a %s-signed header verifies with `openssl dgst -sha256 -verify`', (_form, privatePem) => {
    const header = signatureHeader({ clientId: CLIENT_ID, time, body }, loadPrivateKey(privatePem));
    const value = /signature=(.+)$/.exec(header)?.[1] ?? '';
    expect(value).not.toMatch(/[+/=]/);
    const out = execFileSync(OPENSSL, [
      'dgst',
      '-sha256',
      '-verify',
      write('pub.pem', pair.publicKey),
      '-signature',
      write('sig.bin', Buffer.from(decodeURIComponent(value), 'base64')),
      write('content.txt', content(CLIENT_ID, time, body)),
    ]).toString();
    expect(out.trim()).toBe('Verified OK');
  });

  it.each([
    ['SPKI', pair.publicKey],
    ['PKCS#1', pkcs1Public],
  ])('an `openssl dgst -sha256 -sign` signature verifies with a %s public key', (_form, publicPem) => {
    const signature = execFileSync(OPENSSL, [
      'dgst',
      '-sha256',
      '-sign',
      write('priv.pem', pair.privateKey),
      write('c.txt', content(CLIENT_ID, time, body)),
    ]);
    const key = loadPublicKey(publicPem);
    const b64 = signature.toString('base64');
    const parts = { clientId: CLIENT_ID, time, body };
    expect(verifyContent(parts, `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(b64)}`, key)).toBe(true);
    expect(verifyContent(parts, `algorithm=RSA256,keyVersion=1,signature=${b64}`, key)).toBe(true);
    expect(verifyContent({ ...parts, body: body.replace('1', '2') }, b64, key)).toBe(false);
    expect(readFileSync(join(dir, 'c.txt')).equals(Buffer.from(signedContent(parts)))).toBe(true);
  });
});

describe('content to sign', () => {
  it('is "POST /v2/pos/inquireOrderDetail\\n<clientId>.<time>.<body>"', () => {
    expect(signedContent({ clientId: 'C1', time, body: '{}' })).toBe(`POST /v2/pos/inquireOrderDetail\nC1.${time}.{}`);
  });
  it('signs raw bytes exactly, without re-serializing', () => {
    const spaced = Buffer.from('{ "requestOrderId" : "x" }');
    const header = signatureHeader({ clientId: CLIENT_ID, time, body: spaced }, loadPrivateKey(pair.privateKey), 7);
    expect(header).toMatch(/^algorithm=RSA256,keyVersion=7,signature=/);
    expect(ownVerifyHeader(CLIENT_ID, time, spaced, header, pair.publicKey)).toBe(true);
    expect(ownVerifyHeader(CLIENT_ID, time, '{"requestOrderId":"x"}', header, pair.publicKey)).toBe(false);
  });
});

describe('Signature header parsing', () => {
  const good = ownSignHeader(CLIENT_ID, time, body, pair.privateKey);
  it('accepts the documented form, URL-encoded or not', () => {
    expect(parseSignatureHeader(good)?.keyVersion).toBe(1);
    expect(parseSignatureHeader(decodeURIComponent(good))?.signature.length).toBe(256);
  });
  it.each([
    ['another algorithm', good.replace('RSA256', 'RSA')],
    ['non-numeric keyVersion', good.replace('keyVersion=1', 'keyVersion=x')],
    ['empty signature', 'algorithm=RSA256,keyVersion=1,signature='],
    ['bad percent-encoding', 'algorithm=RSA256,keyVersion=1,signature=%E0%A4%A'],
    ['non-base64', 'algorithm=RSA256,keyVersion=1,signature=!!!!'],
    ['duplicate field', `${good},algorithm=RSA256`],
    ['extra field', `${good},foo=bar`],
    ['empty', ''],
  ])('rejects %s without throwing', (_what, header) => {
    expect(parseSignatureHeader(header)).toBeNull();
    expect(verifyContent({ clientId: CLIENT_ID, time, body }, header, loadPublicKey(pair.publicKey))).toBe(false);
  });
  it('accepts the spaced layout of the Alipay+ API overview, "algorithm=RSA256, keyVersion=0, signature=…"', () => {
    const value = good.slice(good.indexOf('signature=') + 'signature='.length);
    const parsed = parseSignatureHeader(`algorithm=RSA256, keyVersion=0, signature=${value}`);
    expect(parsed?.keyVersion).toBe(0);
    expect(parsed?.signature.length).toBe(256);
    expect(
      verifyContent(
        { clientId: CLIENT_ID, time, body },
        ` algorithm = RSA256 ,  signature = ${value} `,
        loadPublicKey(pair.publicKey),
      ),
    ).toBe(true);
  });
  it('accepts a header without keyVersion (the latest key) and a lower-case algorithm', () => {
    expect(parseSignatureHeader(good.replace('keyVersion=1,', ''))?.keyVersion).toBeUndefined();
    expect(parseSignatureHeader(good.replace('RSA256', 'rsa256'))?.algorithm).toBe('RSA256');
  });
  it('verify returns false for non-strings', () => {
    expect(verifyContent({ clientId: CLIENT_ID, time, body }, undefined, loadPublicKey(pair.publicKey))).toBe(false);
  });
});

describe('message times', () => {
  it('formats ISO 8601 with offset', () => {
    const date = new Date('2023-08-28T14:16:07.900Z');
    expect(formatMessageTime(date, 480)).toBe('2023-08-28T22:16:07+08:00');
    expect(formatMessageTime(date, -330)).toBe('2023-08-28T08:46:07-05:30');
    expect(formatMessageTime(date, 0)).toBe('2023-08-28T14:16:07+00:00');
    expect(formatMessageTime(new Date())).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });
  it('parses what it formats and refuses impossible or offset-less times', () => {
    expect(parseMessageTime('2023-08-28T22:16:07+08:00')).toBe(Date.parse('2023-08-28T14:16:07Z'));
    expect(parseMessageTime('2023-08-28T14:16:07.5Z')).toBe(Date.parse('2023-08-28T14:16:07.500Z'));
    expect(parseMessageTime('2023-02-30T10:00:00+08:00')).toBeNull();
    expect(parseMessageTime('2023-08-28T22:16:07')).toBeNull();
    expect(parseMessageTime('yesterday')).toBeNull();
  });
  it('parses epoch milliseconds (alipay/global-open-sdk-java) and UTC ISO (alipay/global-open-sdk-python)', () => {
    expect(parseMessageTime('1693232167000')).toBe(Date.parse('2023-08-28T14:16:07Z'));
    expect(parseMessageTime('2023-08-28T14:16:07+00:00')).toBe(Date.parse('2023-08-28T14:16:07Z'));
    expect(parseMessageTime('2023-08-28T14:16:07Z')).toBe(Date.parse('2023-08-28T14:16:07Z'));
    expect(parseMessageTime('1693232167000.5')).toBeNull();
    expect(parseMessageTime('-1693232167000')).toBeNull();
  });
});
