/**
 * D-Store's mock: a POS endpoint on the behaviour layer (front → Prism proxy → backend). The backend
 * is the POS handler of @orderkit/dstore with the published development keys (verifies requests
 * with D-Store's, signs answers with the POS provider's) over a deterministic order set; the front
 * answers in band, through the same handler, what Prism would refuse (a malformed body, a missing
 * header), because a POS endpoint answers every outcome in HTTP 200 with a signed result code.
 *
 * Knobs: MOCK_DSTORE_CLIENT_ID, MOCK_DSTORE_PUBLIC_KEY, MOCK_DSTORE_POS_PRIVATE_KEY (README).
 */
import { readFile } from 'node:fs/promises';
import { loadPrivateKey, loadPublicKey, SIGNED_PATH } from '@orderkit/dstore';
import { dstorePublicKey, posPrivateKey } from '@orderkit/dstore/dev-keys';
import type { OpenApiDocument } from '@orderkit/openapi-ajv';
import { startBehaviourMock } from '../behaviour.js';
import type { MockProvider } from '../provider.js';
import { createDStoreMock } from './dstore-backend.js';
import { prismWouldRefuse } from './dstore-front.js';
import { mockOrders, specOrders } from './dstore-orders.js';

/** The Client-Id the mock expects (order-desk's and `pnpm contract dstore`'s default). */
export const MOCK_CLIENT_ID = '375Y93*******P00050';

/** A knob's value, or `fallback` when unset or blank. */
const knob = (env: Record<string, string | undefined>, name: string, fallback: string) =>
  env[name]?.trim() ? (env[name] as string) : fallback;

export const mockProvider: MockProvider = {
  async startMock({ bundle, host, port, seed, env, log }) {
    const doc = JSON.parse(await readFile(bundle, 'utf8')) as OpenApiDocument;
    const answer = createDStoreMock({
      clientId: knob(env, 'MOCK_DSTORE_CLIENT_ID', MOCK_CLIENT_ID),
      dstorePublicKey: loadPublicKey(knob(env, 'MOCK_DSTORE_PUBLIC_KEY', dstorePublicKey), 'MOCK_DSTORE_PUBLIC_KEY'),
      posPrivateKey: loadPrivateKey(
        knob(env, 'MOCK_DSTORE_POS_PRIVATE_KEY', posPrivateKey),
        'MOCK_DSTORE_POS_PRIVATE_KEY',
      ),
      lookup: mockOrders(seed, specOrders(doc)),
    });
    const refused = prismWouldRefuse(doc);
    return startBehaviourMock({
      spec: bundle,
      host,
      port,
      backend: answer,
      // Another path is Prism's to answer (404), as on any server.
      front: (request) => (request.url.pathname === SIGNED_PATH && refused(request) ? answer(request) : undefined),
      faults: ['busy', 'quota', 'slow', 'truncate', '5xx'],
      onLog: log,
    });
  },
};
