/** A gateway form signed with the mock's credentials, as a client other than ours would send it (tests, bench). */
import { formatTimestamp, MOCK_CREDENTIALS, sign } from '@orderkit/ovopark';

/**
 * The system parameters for `mt` (fresh `_timestamp`), `business` over them, then `overrides`
 * (`undefined` removes a parameter); signed (md5) unless `overrides` names `_sig`.
 */
export function ovoparkForm(
  mt: string,
  business: Record<string, string>,
  overrides: Record<string, string | undefined> = {},
): URLSearchParams {
  const params: Record<string, string> = {
    _aid: MOCK_CREDENTIALS.aid,
    _akey: MOCK_CREDENTIALS.akey,
    _mt: mt,
    _sm: 'md5',
    _requestMode: 'post',
    _version: 'v1',
    _timestamp: formatTimestamp(Date.now(), 'Asia/Shanghai'),
    ...business,
  };
  for (const [k, v] of Object.entries(overrides))
    if (v === undefined) delete params[k];
    else params[k] = v;
  if (!('_sig' in overrides)) params._sig = sign(params, MOCK_CREDENTIALS.secret, 'md5');
  else if (overrides._sig !== undefined) params._sig = overrides._sig;
  return new URLSearchParams(params);
}
