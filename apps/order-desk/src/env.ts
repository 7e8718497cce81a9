/**
 * Reading the environment: the one error type for a configuration that cannot work, and the small
 * readers (ports, URLs, keys, credentials) the app and every provider module use, so each variable
 * is checked the same way wherever it is read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { isLoopbackHost } from '@orderkit/core';

/** The app's folder (apps/order-desk), the same from src/ under tsx and from dist/ when built. */
export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

/** `mock`: a loopback base URL (a local mock); `live`: anything else. */
export type Mode = 'mock' | 'live';

/** The environment, completed by `.env` (in the working directory) for names it leaves unset. */
export function loadEnv(env: Env = process.env, cwd = process.cwd()): Env {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return env;
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(`.env could not be read (${(error as Error).message}); fix or remove ${file}`);
  }
  return { ...parsed, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) };
}

/**
 * ORDER_DESK_DATA_DIR (relative to the working directory), else `apps/order-desk/.data`: git-ignored,
 * and where the store, the development keys and the keys a provider's keygen command writes go.
 */
export function dataDir(env: Env): string {
  return path.resolve(env.ORDER_DESK_DATA_DIR?.trim() || path.join(APP_DIR, '.data'));
}

export function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name}=${raw} is not a port number (0-65535)`);
  return n;
}

export function positiveInteger(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1)
    throw new ConfigError(`${name}=${raw} is not a positive integer; set it like ${name}=100 or leave it unset`);
  return n;
}

/** A key variable holds a PEM or a path to one. */
export function readKey(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  try {
    return readFileSync(value, 'utf8');
  } catch {
    throw new ConfigError(
      `${name} is neither a PEM nor a readable file (${value}); set it to a PEM string or the path of a PEM file`,
    );
  }
}

/** Where a provider's local mock listens: its MOCK_*_PORT (as `pnpm mock` reads it), else its default port. */
export function mockUrl(env: Env, mock: { port: number; portVariable: string }): string {
  return `http://127.0.0.1:${env[mock.portVariable]?.trim() ? port(env, mock.portVariable, 0) : mock.port}`;
}

/** A provider's base URL variable; unset = its mock. A loopback URL counts as a mock. */
export function baseUrl(env: Env, name: string, mock: string): { url: string; mode: Mode } {
  const raw = env[name]?.trim();
  if (!raw) return { url: mock, mode: 'mock' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}=${raw} is not a URL; set it like https://api.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  return { url: raw.replace(/\/+$/, ''), mode: isLoopbackHost(url.hostname) ? 'mock' : 'live' };
}

/** A credential: required against a live service; against a mock, the value the mock accepts (not a secret). */
export function credential(env: Env, name: string, mode: Mode, mockValue: string): string {
  const v = env[name]?.trim();
  if (v) return v;
  if (mode === 'live')
    throw new ConfigError(`${name} is required when the provider's base URL points at a live service`);
  return mockValue;
}
