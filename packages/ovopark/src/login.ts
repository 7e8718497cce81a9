/**
 * The token that searchPos sends as its `authenticator` header, from `open.shopweb.security.mobileLogin`. One
 * login at a time however many callers need a token (the kernel's `SingleFlight`), and one re-login
 * when a token is refused, however many calls saw it refused.
 */
import { createHash } from 'node:crypto';
import { SingleFlight } from '@orderkit/core';

/**
 * How the login's password field is sent. The pages say lowercase 32-hex MD5; the SDK example
 * sends the password as typed, and integrators do both: `md5` stays the default, `plain` is a choice.
 */
export type PasswordEncoding = 'md5' | 'plain';

/** Lowercase 32-hex MD5 of the plain password (also masked in every error, whichever is sent). */
export const passwordDigest = (password: string): string => createHash('md5').update(password, 'utf8').digest('hex');

export class TokenCache {
  #token: string | undefined;
  readonly #login = new SingleFlight<string>();

  /** `login` runs without any caller's signal: one caller giving up must not fail the others' shared login. */
  constructor(private readonly login: () => Promise<string>) {}

  /** The cached token, if any: lets the common case skip a promise. */
  get current(): string | undefined {
    return this.#token;
  }

  /** The cached token, or the login in flight, or a new login; `signal` stops only this caller's wait. */
  get(signal?: AbortSignal): Promise<string> {
    if (this.#token !== undefined) return Promise.resolve(this.#token);
    return this.#login.run(async () => {
      const token = await this.login();
      this.#token = token;
      return token;
    }, signal);
  }

  /**
   * A token after `stale` was refused: a new login only if `stale` is still the cached token, so
   * calls that saw the same refusal share one login instead of each logging in.
   */
  refresh(stale: string | undefined, signal?: AbortSignal): Promise<string> {
    if (this.#token === stale || stale === undefined) this.#token = undefined;
    return this.get(signal);
  }
}
