/** Ovopark searchPos through the mock's gateway: signed (md5), with a login token, one store-hour. */
import { MOCK_CREDENTIALS } from '@orderkit/ovopark';
import { writeOvoparkMockSpec } from '../../src/providers/ovopark.js';
import { ovoparkForm } from '../../test/support/ovopark-form.js';
import { type Call, type ProviderBench, status200 } from '../types.js';

const SEARCH_POS = 'open.ovopark.pos.searchPos';
const FORM = { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' };

/** A signed gateway form for method `mt`. */
const form = (mt: string, extra: Record<string, string>) => ovoparkForm(mt, extra).toString();

export const bench: ProviderBench = {
  // Prism alone routes the derived copy (`/cloud.api/<method>`), as the mock's own Prism does.
  prismSpec: (bundle) => writeOvoparkMockSpec(bundle),
  // The bench calls searchPos for one store far more often than a day's quota.
  env: { MOCK_OVOPARK_QUOTA: String(1_000_000_000) },
  async cases(mockUrl) {
    const login = await fetch(`${mockUrl}/cloud.api`, {
      method: 'POST',
      headers: FORM,
      body: form('open.shopweb.security.mobileLogin', {
        userName: MOCK_CREDENTIALS.account,
        password: MOCK_CREDENTIALS.password,
      }),
    });
    const { token } = ((await login.json()) as { data: { token: string } }).data;
    const body = form(SEARCH_POS, {
      depId: '1001',
      startTime: '2024-01-01 11:00:00',
      endTime: '2024-01-01 12:00:00',
      pageNumber: '1',
      pageSize: '100',
    });
    const call = (path: string, ok: Call['ok']): Call => ({
      method: 'POST',
      path,
      headers: { ...FORM, authenticator: token },
      body,
      ok,
    });
    return [
      {
        what: 'Ovopark searchPos, signed',
        mock: call('/cloud.api', (status, text) => status === 200 && /"stat":\{[^}]*"code":0\b/.test(text)),
        prism: call(`/cloud.api/${SEARCH_POS}`, status200),
      },
    ];
  },
};
