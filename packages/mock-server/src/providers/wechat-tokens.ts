/**
 * The WeChat mock's access tokens: who holds which token, until when, and what the platform answers
 * for a token that is missing, unreadable, superseded or expired.
 *
 * - `/cgi-bin/token` issues a new token on every call; the previous one keeps working for the
 *   overlap (5 minutes on the platform), then is refused as "not latest" (40001).
 * - `/cgi-bin/stable_token` keeps its own token, untouched by `/cgi-bin/token` (and the reverse):
 *   in normal mode it hands back the current one while more than the overlap is left (with the
 *   seconds left as `expires_in`) and a new one after that; `force_refresh: true` issues a new one
 *   at once and the previous stable token stops working, at most `forcePerDay` times a day and
 *   `forceIntervalMs` apart.
 * - A token past its `expires_in` is refused as expired (42001); one the platform cannot read (not
 *   its charset, too short) as invalid (40014); one it never issued as not latest (40001).
 */
import { seeded } from '../behaviour.js';

export type TokenKind = 'token' | 'stable';

export interface TokenSettings {
  seed: number;
  /** Lifetime of a token (`expires_in`), ms. */
  ttlMs: number;
  /** How long a token stays valid after a newer one replaced it, ms. */
  overlapMs: number;
  /** Shortest time between two `force_refresh: true` calls, ms. */
  forceIntervalMs: number;
  /** `force_refresh: true` calls allowed per (UTC) day. */
  forcePerDay: number;
}

interface Issued {
  kind: TokenKind;
  expiresAt: number;
  /** Earlier than `expiresAt` once a newer token replaced this one. */
  validUntil: number;
}

/** The token codes: 0 valid, else the errcode WeChat answers. */
export type TokenVerdict = 0 | 40001 | 40014 | 42001;

/** The characters of a platform token; anything else cannot be one. */
const READABLE = /^[A-Za-z0-9_-]{16,}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/** Tokens remembered; the oldest are forgotten past this (then refused as never issued). */
const REMEMBERED = 10_000;

export class TokenBook {
  readonly #settings: TokenSettings;
  readonly #issued = new Map<string, Issued>();
  readonly #current: Partial<Record<TokenKind, string>> = {};
  #counter = 0;
  #lastForce = Number.NEGATIVE_INFINITY;
  #forces = { day: '', count: 0 };

  constructor(settings: TokenSettings) {
    this.#settings = settings;
  }

  /** A new `/cgi-bin/token` token; the previous one is cut to the overlap. */
  issue(now: number): { access_token: string; expires_in: number } {
    const previous = this.#live('token', now);
    if (previous) previous.validUntil = Math.min(previous.validUntil, now + this.#settings.overlapMs);
    return this.#answer(this.#mint('token', now), now);
  }

  /**
   * The stable token: the current one, or a new one when less than the overlap is left, or (forced)
   * a new one that ends the previous at once; a forced call over the limits is refused with 45009
   * (the day's count) or 45011 (too soon after the previous one).
   */
  stable(now: number, force: boolean): { access_token: string; expires_in: number } | { refused: 45009 | 45011 } {
    const previous = this.#live('stable', now);
    if (force) {
      const day = new Date(now).toISOString().slice(0, 10);
      if (this.#forces.day !== day) this.#forces = { day, count: 0 };
      if (this.#forces.count >= this.#settings.forcePerDay) return { refused: 45009 };
      if (now - this.#lastForce < this.#settings.forceIntervalMs) return { refused: 45011 };
      this.#forces.count++;
      this.#lastForce = now;
      if (previous) previous.validUntil = now;
      return this.#answer(this.#mint('stable', now), now);
    }
    const current = this.#current.stable;
    if (current && previous && previous.expiresAt - now > this.#settings.overlapMs) return this.#answer(current, now);
    return this.#answer(this.#mint('stable', now), now);
  }

  /** What WeChat says of `token` now. */
  check(token: string, now: number): TokenVerdict {
    if (!READABLE.test(token)) return 40014;
    const issued = this.#issued.get(token);
    if (!issued) return 40001;
    if (now >= issued.expiresAt) return 42001;
    if (now >= issued.validUntil) return 40001;
    return 0;
  }

  /** The kind's current token while it is still valid. */
  #live(kind: TokenKind, now: number): Issued | undefined {
    const token = this.#current[kind];
    const issued = token === undefined ? undefined : this.#issued.get(token);
    return issued && now < issued.validUntil ? issued : undefined;
  }

  /** A new token: 128 characters drawn from the seed and a counter (same seed, same sequence). */
  #mint(kind: TokenKind, now: number): string {
    const n = ++this.#counter;
    const random = seeded(this.#settings.seed, `${kind}:${n}`);
    let token = '';
    for (let i = 0; i < 128; i++) token += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const expiresAt = now + this.#settings.ttlMs;
    this.#issued.set(token, { kind, expiresAt, validUntil: expiresAt });
    if (this.#issued.size > REMEMBERED) {
      const oldest = this.#issued.keys().next().value;
      if (oldest !== undefined) this.#issued.delete(oldest);
    }
    this.#current[kind] = token;
    return token;
  }

  #answer(token: string, now: number): { access_token: string; expires_in: number } {
    const issued = this.#issued.get(token);
    const left = Math.ceil(((issued?.expiresAt ?? now) - now) / 1000);
    return { access_token: token, expires_in: Math.min(7200, Math.max(1, left)) };
  }
}
