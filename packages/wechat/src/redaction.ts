/** Keeping the AppSecret and access tokens out of everything a caller can print. */
import { MASK, redact } from '@orderkit/core';

// Credentials travel as `access_token`/`secret` query parameters and as JSON fields of the token
// calls; a value not yet known to the client (a token in a truncated body) is caught by its name.
const QUERY_CREDENTIAL = /([?&](?:access_token|secret)=)[^&#\s]*/gi;
const JSON_CREDENTIAL = /("(?:access_token|secret)"\s*:\s*")(?:[^"\\]|\\.)*("?)/gi;

/** Masks every credential in `text`: the known secrets, and any value named like a credential. */
export function maskCredentials(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  return redact(text, secrets).replace(QUERY_CREDENTIAL, `$1${MASK}`).replace(JSON_CREDENTIAL, `$1${MASK}$2`);
}

/** Secrets a client has seen, so that messages built from WeChat's answers can be cleaned of them. */
export class SecretSet {
  readonly #fixed: string;
  // A token the client has stopped using can still appear in a late answer; keep a few.
  readonly #tokens: string[] = [];

  constructor(appSecret: string) {
    this.#fixed = appSecret;
  }

  addToken(token: string): void {
    if (this.#tokens.includes(token)) return;
    this.#tokens.push(token);
    if (this.#tokens.length > 8) this.#tokens.shift();
  }

  mask(text: string): string {
    return maskCredentials(text, [this.#fixed, ...this.#tokens]);
  }

  // Neither util.inspect nor JSON.stringify may reveal what this object holds.
  toJSON(): string {
    return '[SecretSet]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[SecretSet]';
  }
}
