import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DStoreKeyError, generateKeyPair, loadPrivateKey, loadPublicKey } from '../src/index.js';
import { undersizedRsaPair } from './support.js';

const pair = generateKeyPair();
const pkcs1Private = createPrivateKey(pair.privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs1Public = createPublicKey(pair.publicKey).export({ type: 'pkcs1', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'dstore-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

const forms = [
  ['PKCS#8 private', 'BEGIN PRIVATE KEY', pair.privateKey, 'private'],
  ['PKCS#1 private', 'BEGIN RSA PRIVATE KEY', pkcs1Private, 'private'],
  ['SPKI public', 'BEGIN PUBLIC KEY', pair.publicKey, 'public'],
  ['PKCS#1 public', 'BEGIN RSA PUBLIC KEY', pkcs1Public, 'public'],
] as const;

describe('loads every accepted PEM form', () => {
  it.each(forms)('%s from a string and from a file', (name, label, pem, kind) => {
    expect(pem).toContain(label);
    const load = kind === 'private' ? loadPrivateKey : loadPublicKey;
    for (const input of [pem, file(`${name.replace(/\W/g, '')}.pem`, pem)]) {
      const key = load(input);
      expect(key.type).toBe(kind);
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    }
  });

  it('accepts PEM whose line breaks arrived as literal \\n (environment variables)', () => {
    expect(loadPrivateKey(pair.privateKey.replace(/\n/g, '\\n')).type).toBe('private');
  });
});

function refusal(fn: () => unknown): DStoreKeyError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DStoreKeyError);
    return error as DStoreKeyError;
  }
  throw new Error('expected a DStoreKeyError');
}

describe('refuses unusable keys with one clear error', () => {
  it('refuses a 1024-bit RSA key and says 2048 is required', () => {
    const small = undersizedRsaPair();
    const error = refusal(() => loadPrivateKey(small.privateKey));
    expect(error.message).toMatch(/1024-bit.*at least 2048/);
    expect(refusal(() => loadPublicKey(small.publicKey)).message).toMatch(/1024-bit/);
    expect(error.message).not.toContain(small.privateKey.split('\n')[1]);
  });

  it('refuses an EC key as not RSA', () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(refusal(() => loadPrivateKey(ec.privateKey)).message).toMatch(/ec key.*RSA/);
    expect(refusal(() => loadPublicKey(ec.publicKey)).message).toMatch(/ec key.*RSA/);
  });

  it('refuses garbage inside a PEM block without echoing it', () => {
    const garbage =
      '-----BEGIN PRIVATE KEY-----\nTUlJRXZnSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2d3Z2dTa0FnRUFBb0lCQVFD\n-----END PRIVATE KEY-----\n';
    const error = refusal(() => loadPrivateKey(garbage));
    expect(error.message).toMatch(/could not be parsed.*damaged or truncated/);
    expect(error.message).not.toContain('TUlJRX');
  });

  it('refuses a truncated real key without echoing any of it', () => {
    const lines = pair.privateKey.trim().split('\n');
    const truncated = [...lines.slice(0, 10), lines.at(-1)].join('\n');
    const error = refusal(() => loadPrivateKey(truncated));
    for (const line of lines.slice(1, 10)) expect(error.message).not.toContain(line);
  });

  it('refuses a public key where a private key is needed, and the reverse', () => {
    expect(refusal(() => loadPrivateKey(pair.publicKey)).message).toMatch(/public key: signing needs your private key/);
    expect(refusal(() => loadPublicKey(pair.privateKey)).message).toMatch(/This is a private key/);
  });

  it('refuses a bare base64 key body without echoing it', () => {
    const body = pair.privateKey.split('\n').slice(1, -2).join('');
    const error = refusal(() => loadPrivateKey(body));
    expect(error.message).toMatch(/neither PEM.*wrap it/);
    expect(error.message).not.toContain(body.slice(0, 40));
  });

  it('names a missing file and how to fix it', () => {
    const error = refusal(() => loadPublicKey(join(dir, 'missing.pem')));
    expect(error.message).toMatch(/missing\.pem" could not be read \(ENOENT\)/);
  });

  it('refuses a file without a PEM block', () => {
    expect(refusal(() => loadPublicKey(file('plain.txt', 'hello'))).message).toMatch(/holds no PEM block/);
  });
});

describe('generateKeyPair', () => {
  it('gives a 2048-bit PKCS#8 / SPKI pair that loads', () => {
    const generated = generateKeyPair();
    expect(generated.privateKey).toContain('BEGIN PRIVATE KEY');
    expect(generated.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(loadPrivateKey(generated.privateKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(loadPublicKey(generated.publicKey).type).toBe('public');
  });
});
