/**
 * Ovopark's configuration: OVOPARK_BASE_URL (unset = the mock), the gateway credentials
 * (OVOPARK_AKEY, OVOPARK_SECRET) and the login (OVOPARK_ACCOUNT, OVOPARK_PASSWORD), required against
 * the live gateway; OVOPARK_AID and OVOPARK_PASSWORD_ENCODING optional.
 */
import { DEFAULT_AID, MOCK_CREDENTIALS } from '@orderkit/ovopark';
import { baseUrl, ConfigError, credential, type Env, type Mode, mockUrl } from '../../env.js';
import type { MockPort } from '../registry.js';

export const MOCK: MockPort = { port: 4012, portVariable: 'MOCK_OVOPARK_PORT' };

export interface OvoparkConfig {
  akey: string;
  secret: string;
  account: string;
  password: string;
  /** `_aid` (OVOPARK_AID): the client's default on the older platform; cloud.api applications have their own. */
  aid: string;
  /** How the login password is sent (OVOPARK_PASSWORD_ENCODING): lowercase MD5 (default) or as typed. */
  passwordEncoding: 'md5' | 'plain';
  baseUrl: string;
  mode: Mode;
}

/** `_aid` as the contract bounds it (1–20 characters); the gateway says code 12 if it does not match the akey. */
function aid(env: Env): string {
  const value = env.OVOPARK_AID?.trim() || DEFAULT_AID;
  if (value.length > 20)
    throw new ConfigError(
      'OVOPARK_AID must be the application id issued with OVOPARK_AKEY (at most 20 characters, e.g. S107 or DC-000392)',
    );
  return value;
}

function passwordEncoding(env: Env): 'md5' | 'plain' {
  const value = env.OVOPARK_PASSWORD_ENCODING?.trim() || 'md5';
  if (value !== 'md5' && value !== 'plain')
    throw new ConfigError(`OVOPARK_PASSWORD_ENCODING must be md5 (the default) or plain, not ${JSON.stringify(value)}`);
  return value;
}

export function ovoparkConfig(env: Env): OvoparkConfig {
  const { url, mode } = baseUrl(env, 'OVOPARK_BASE_URL', mockUrl(env, MOCK));
  // The mock's credentials (the ones it accepts) are not secrets.
  return {
    akey: credential(env, 'OVOPARK_AKEY', mode, MOCK_CREDENTIALS.akey),
    secret: credential(env, 'OVOPARK_SECRET', mode, MOCK_CREDENTIALS.secret),
    account: credential(env, 'OVOPARK_ACCOUNT', mode, MOCK_CREDENTIALS.account),
    password: credential(env, 'OVOPARK_PASSWORD', mode, MOCK_CREDENTIALS.password),
    aid: aid(env),
    passwordEncoding: passwordEncoding(env),
    baseUrl: url,
    mode,
  };
}
