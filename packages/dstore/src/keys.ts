import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DStoreKeyError } from './errors.js';

/** A PEM string, a path to a PEM file, or a key already loaded with node:crypto. */
export type KeyInput = string | KeyObject;

/** The contract requires 2048-bit RSA keys; larger ones are accepted, smaller ones never. */
export const MIN_RSA_BITS = 2048;

const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY']);
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY']);
// A value this long, or spanning lines, is key material pasted without its PEM armour, not a
// path: echoing it in a "file not found" message would leak it.
const MAX_ECHOED_PATH = 200;

type Kind = 'private' | 'public';

/**
 * Loads an RSA private key (PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1 `BEGIN RSA PRIVATE KEY`) from a
 * PEM string or file path. Parse once at start-up and reuse the KeyObject.
 */
export function loadPrivateKey(input: KeyInput, name = 'private key'): KeyObject {
  return load(input, 'private', name);
}

/** Loads an RSA public key (SPKI `BEGIN PUBLIC KEY` or PKCS#1 `BEGIN RSA PUBLIC KEY`). */
export function loadPublicKey(input: KeyInput, name = 'public key'): KeyObject {
  return load(input, 'public', name);
}

/** A fresh 2048-bit RSA pair as PEM: PKCS#8 private, SPKI public (for dev keys and keygen). */
export function generateKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: MIN_RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function load(input: KeyInput, kind: Kind, name: string): KeyObject {
  const key = input instanceof KeyObject ? input : parsePem(readPem(input, kind, name), kind, name);
  return checkRsa(key, kind, name);
}

function readPem(value: string, kind: Kind, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DStoreKeyError(`The ${name} is empty. Pass a PEM string or the path of a PEM file.`);
  }
  if (value.includes('-----BEGIN')) return value;
  const path = value.trim();
  if (path.length > MAX_ECHOED_PATH || /\s/.test(path)) {
    throw new DStoreKeyError(
      `The ${name} is neither PEM (no "-----BEGIN" line) nor a plausible file path. If you pasted the ` +
        `base64 key alone, wrap it in "-----BEGIN ${kind === 'private' ? 'PRIVATE' : 'PUBLIC'} KEY-----" / ` +
        `"-----END ${kind === 'private' ? 'PRIVATE' : 'PUBLIC'} KEY-----" lines.`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new DStoreKeyError(
      `The ${name} file "${path}" could not be read (${code}). Check the path (relative paths resolve ` +
        `from ${process.cwd()}) and its permissions, or pass the PEM text itself.`,
    );
  }
  if (!text.includes('-----BEGIN')) {
    throw new DStoreKeyError(
      `The ${name} file "${path}" holds no PEM block ("-----BEGIN" line). Point it at a PEM key file.`,
    );
  }
  return text;
}

function parsePem(pem: string, kind: Kind, name: string): KeyObject {
  // Environment variables often carry PEM with literal "\n" sequences instead of line breaks.
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? '';
  const expected = kind === 'private' ? PRIVATE_LABELS : PUBLIC_LABELS;
  if (!expected.has(label)) {
    const accepted = [...expected].map((l) => `"BEGIN ${l}"`).join(' or ');
    const hint =
      label === 'ENCRYPTED PRIVATE KEY'
        ? ' Encrypted keys are not supported: decrypt it with `openssl pkey -in key.pem -out plain.pem`.'
        : kind === 'public' && PRIVATE_LABELS.has(label)
          ? ' This is a private key: pass the matching public key instead (`openssl pkey -in key.pem -pubout`), and keep the private key out of this setting.'
          : kind === 'private' && PUBLIC_LABELS.has(label)
            ? ' This is a public key: signing needs your private key.'
            : label.includes('EC ') || label === 'CERTIFICATE'
              ? ' Only RSA keys are accepted.'
              : '';
    throw new DStoreKeyError(`The ${name} is a "BEGIN ${label || '?'}" PEM block; expected ${accepted}.${hint}`);
  }
  try {
    return kind === 'private'
      ? createPrivateKey({ key: text, format: 'pem' })
      : createPublicKey({ key: text, format: 'pem' });
  } catch {
    // node:crypto's message is dropped on purpose: the contract is "never echo key material", and
    // the parser's wording is no help to someone fixing a truncated paste anyway.
    throw new DStoreKeyError(
      `The ${name} ("BEGIN ${label}") could not be parsed: the PEM is damaged or truncated. ` +
        'Copy the whole block, BEGIN and END lines included, with its line breaks.',
    );
  }
}

function checkRsa(key: KeyObject, kind: Kind, name: string): KeyObject {
  if (key.type !== kind) {
    throw new DStoreKeyError(`The ${name} is a ${key.type} key; a ${kind} RSA key is needed here.`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new DStoreKeyError(
      `The ${name} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; D-Store signatures (RSA256) need an RSA key ` +
        `of at least ${MIN_RSA_BITS} bits. Generate one with \`openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048\`.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new DStoreKeyError(
      `The ${name} is a ${bits}-bit RSA key; D-Store requires at least ${MIN_RSA_BITS} bits. ` +
        'Generate a new 2048-bit pair and register the public half with the other side.',
    );
  }
  return key;
}
