/** D-Store inquireOrderDetail to the mock POS endpoint: signed with D-Store's development key, answered signed. */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { formatMessageTime, SIGNED_PATH, signatureHeader } from '@orderkit/dstore';
import { dstorePrivateKey, posPrivateKey, posPublicKey } from '@orderkit/dstore/dev-keys';
import { MOCK_CLIENT_ID } from '../../src/providers/dstore.js';
import { type Call, type ProviderBench, status200 } from '../types.js';

/** µs of one RSA-2048 SHA-256 sign + one verify with node:crypto here (best of 3 windows of 0.5 s). */
function rsaMicros(): number {
  const key = createPrivateKey(posPrivateKey);
  const pub = createPublicKey(posPublicKey);
  const data = Buffer.from('POST /v2/pos/inquireOrderDetail\nclient.2024-01-01T00:00:00+08:00.{"result":{}}');
  let best = Number.POSITIVE_INFINITY;
  for (let w = 0; w < 3; w++) {
    let n = 0;
    const started = performance.now();
    while (performance.now() - started < 500) {
      verify('sha256', data, pub, sign('sha256', data, key));
      n++;
    }
    best = Math.min(best, ((performance.now() - started) * 1000) / n);
  }
  return best;
}

export const bench: ProviderBench = {
  async cases() {
    const body = JSON.stringify({ requestOrderId: 'pds_demo_1' });
    const time = formatMessageTime(new Date());
    const call = (ok: Call['ok']): Call => ({
      method: 'POST',
      path: SIGNED_PATH,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': MOCK_CLIENT_ID,
        'request-time': time,
        signature: signatureHeader({ clientId: MOCK_CLIENT_ID, time, body }, createPrivateKey(dstorePrivateKey)),
      },
      body,
      ok,
    });
    return [
      {
        what: 'D-Store inquireOrderDetail, signed both ways',
        mock: call((status, text) => status === 200 && text.includes('"resultStatus":"S"')),
        prism: call(status200),
        noTarget: 'the mock verifies and signs with RSA-2048 per answer, Prism alone does neither',
        reference: { label: 'RSA-2048 sign + verify (node:crypto)', micros: rsaMicros },
      },
    ];
  },
};
