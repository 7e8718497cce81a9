/**
 * WeChat's mock: the behaviour layer (tokens with lifetimes and an overlap, per-id orders, in-band
 * codes, faults) behind Prism's validating proxy on the bundle. Knobs (`MOCK_WECHAT_…`, README
 * "Developing against the mocks"): token lifetime, overlap, and the forced-refresh limits.
 */
import { readFile } from 'node:fs/promises';
import { startBehaviourMock } from '../behaviour.js';
import type { MockProvider } from '../provider.js';
import { weChatBehaviour } from './wechat-behaviour.js';
import { orderFixtures } from './wechat-orders.js';
import { TokenBook } from './wechat-tokens.js';

/** The knobs and their defaults (the platform's figures). */
export const WECHAT_KNOBS = {
  MOCK_WECHAT_TOKEN_TTL_S: { default: 7200, min: 1, max: 7200, what: 'token lifetime (expires_in), seconds' },
  MOCK_WECHAT_TOKEN_OVERLAP_S: {
    default: 300,
    min: 0,
    max: 7200,
    what: 'how long a replaced token keeps working, seconds',
  },
  MOCK_WECHAT_FORCE_REFRESH_INTERVAL_S: {
    default: 30,
    min: 0,
    max: 86_400,
    what: 'shortest time between two stable_token force_refresh calls, seconds',
  },
  MOCK_WECHAT_FORCE_REFRESH_PER_DAY: {
    default: 20,
    min: 0,
    max: 1_000_000,
    what: 'stable_token force_refresh calls allowed per day',
  },
} as const;

type Knob = keyof typeof WECHAT_KNOBS;

/** A knob's value from `env`, or its default; a clear error naming the variable when it is not one. */
export function knob(env: Record<string, string | undefined>, name: Knob): number {
  const spec = WECHAT_KNOBS[name];
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return spec.default;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < spec.min || value > spec.max)
    throw new Error(
      `${name}=${raw} is not valid: the ${spec.what}, a whole number from ${spec.min} to ${spec.max} (default ${spec.default})`,
    );
  return value;
}

type Bundle = Parameters<typeof orderFixtures>[0] & {
  'x-orderkit-mock'?: { credentials?: { appid?: unknown; secret?: unknown } };
};

export const mockProvider: MockProvider = {
  async startMock({ bundle, host, port, seed, env, log }) {
    const doc = JSON.parse(await readFile(bundle, 'utf8')) as Bundle;
    const credentials = doc['x-orderkit-mock']?.credentials;
    if (typeof credentials?.appid !== 'string' || typeof credentials.secret !== 'string')
      throw new Error(
        'specs/wechat/openapi.yaml needs x-orderkit-mock.credentials: { appid, secret } (then pnpm bundle)',
      );
    const tokens = new TokenBook({
      seed,
      ttlMs: knob(env, 'MOCK_WECHAT_TOKEN_TTL_S') * 1000,
      overlapMs: knob(env, 'MOCK_WECHAT_TOKEN_OVERLAP_S') * 1000,
      forceIntervalMs: knob(env, 'MOCK_WECHAT_FORCE_REFRESH_INTERVAL_S') * 1000,
      forcePerDay: knob(env, 'MOCK_WECHAT_FORCE_REFRESH_PER_DAY'),
    });
    const { front, backend } = weChatBehaviour({
      seed,
      credentials: { appid: credentials.appid, secret: credentials.secret },
      tokens,
      fixtures: orderFixtures(doc),
    });
    return startBehaviourMock({ spec: bundle, host, port, front, backend, onLog: log });
  },
};
