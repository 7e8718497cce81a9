/** `orderkit dstore inquire | keygen` and `orderkit pos set-order` (our POS side's orders). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadPrivateKey, loadPublicKey, orderRules, SIGNED_PATH } from '@orderkit/dstore';
import { committableIn } from '../../cli/committable.js';
import { dataDir, loadEnv } from '../../env.js';
import type { CliCommand } from '../registry.js';
import { type DStoreConfig, dstoreRole, KEY_FILES, writeKeyPairs } from './config.js';
import type { DStoreService } from './service.js';

type Command = CliCommand<DStoreConfig, DStoreService>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const ORDER_STATUSES: readonly string[] = orderRules.orderStatus;
const ID = orderRules.requestOrderId;

/** A requestOrderId the contract allows (specs/dstore RequestOrderId: its length), or a usage message. */
function requestOrderIdProblem(id: string): string | undefined {
  if (id.length >= ID.min && id.length <= ID.max) return undefined;
  return `the requestOrderId is ${id.length} characters; the D-Store contract allows ${ID.min} to ${ID.max}`;
}

const inquire: Command = {
  group: 'dstore',
  name: 'inquire',
  summary: 'play D-Store: a signed inquireOrderDetail, its answer verified',
  arguments: [
    { name: 'requestOrderId', description: `the order D-Store asks about (${ID.min} to ${ID.max} characters)` },
  ],
  options: [
    {
      flags: '--endpoint <url>',
      description: 'the POS endpoint to ask',
      defaultDescription: `our own endpoint, ${SIGNED_PATH} on the public face`,
    },
  ],
  details: `Signs the request as D-Store does (DSTORE_PRIVATE_KEY) and verifies the answer's signature
(POS_PUBLIC_KEY); with no D-Store key set, the development keys. An answer whose signature does
not verify is an unknown outcome (exit 3), shown as UNTRUSTED.

Example:
  orderkit dstore inquire pds_demo_1`,
  async run(input, { usage, config, app, withService, printLookups }) {
    const [requestOrderId = ''] = input.args;
    const badId = requestOrderIdProblem(requestOrderId);
    if (badId) throw usage(badId);
    const endpoint = str(input.options.endpoint) ?? `${app().endpoint.url}${SIGNED_PATH}`;
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      // reported below
    }
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:')
      throw usage(`--endpoint ${endpoint} is not an http(s) URL; e.g. http://127.0.0.1:3001${SIGNED_PATH}`);
    // Not configured: one ConfigError naming the variables, exit 2. A key of the wrong kind (a public
    // key in DSTORE_PRIVATE_KEY) is a DStoreKeyError naming the variable, exit 2, before anything is sent.
    const keys = dstoreRole({ dstore: config() }, 'client');
    loadPrivateKey(keys.dstorePrivateKey, 'DSTORE_PRIVATE_KEY');
    loadPublicKey(keys.posPublicKey, 'POS_PUBLIC_KEY');
    // The allow-list (DSTORE_INQUIRE_ALLOWED_ENDPOINTS) guards the admin face, which takes URLs from
    // whoever reaches it. The CLI is the local user's own tool, run with their own rights on their
    // own network: --endpoint goes where they say (still no redirects, still a bounded answer).
    return withService(async (s) => printLookups(await s.inquireResults({ endpoint, requestOrderId }), input));
  },
};

const keygen: Command = {
  group: 'dstore',
  name: 'keygen',
  summary: '2048-bit RSA key pairs for both sides (D-Store and POS)',
  options: [
    {
      flags: '--out <dir>',
      description: 'the folder to write into',
      defaultDescription: 'keys/ in the data folder (ORDER_DESK_DATA_DIR, default apps/order-desk/.data, git-ignored)',
    },
    { flags: '--force', description: 'overwrite key files that exist' },
  ],
  details: `Writes dstore-private.pem, dstore-public.pem, pos-private.pem and pos-public.pem (PKCS#8 /
SPKI). Refuses (exit 2, nothing written) a folder inside a git repository that git does not ignore,
and to overwrite without --force.

Example:
  orderkit dstore keygen`,
  async run({ options: values, json }, { usage }) {
    const given = str(values.out);
    const out = path.resolve(given ?? path.join(dataDir(loadEnv()), 'keys'));
    const committable = committableIn(out, KEY_FILES);
    if (committable)
      throw usage(
        `${out} is in the git repository ${committable.repo} and not git-ignored: private keys there could be committed; ${
          given
            ? 'leave out --out (keys go to the git-ignored data folder) or give a git-ignored folder or one outside the repository'
            : 'set ORDER_DESK_DATA_DIR to a git-ignored folder or one outside the repository, or give --out such a folder'
        }`,
      );
    const files = KEY_FILES.map((f) => path.join(out, f));
    const existing = files.filter((f) => existsSync(f));
    if (existing.length && !values.force)
      throw usage(`${existing.join(', ')} already exist; pass --force to overwrite`);
    writeKeyPairs(out);
    if (json) console.log(JSON.stringify({ dir: out, files }, null, 2));
    else
      console.log(
        `wrote 2048-bit key pairs into ${out}:\n  ${files.join('\n  ')}\nGive D-Store pos-public.pem; keep the private keys private.`,
      );
    return 0;
  },
};

const setOrder: Command = {
  group: 'pos',
  name: 'set-order',
  summary: 'record an order in our store, as the POS side would (our endpoint answers D-Store from it)',
  arguments: [{ name: 'requestOrderId', description: `D-Store's order id (${ID.min} to ${ID.max} characters)` }],
  options: [
    { flags: '--pos-order-id <id>', description: "the POS side's order id", required: true },
    { flags: '--status <STATUS>', description: `the order status: ${ORDER_STATUSES.join(', ')}`, required: true },
    { flags: '--extend-info <json>', description: 'extra fields, a JSON object, e.g. \'{"tableNo":"A12"}\'' },
  ],
  details: `While order-desk runs, the write goes through its API (the embedded store has one opener;
ORDER_DESK_ADMIN_TOKEN is sent when set); otherwise into the store directly.

Example:
  orderkit pos set-order pds_42 --pos-order-id 2023063000010042 --status READY --extend-info '{"tableNo":"A1"}'`,
  async run(input, tools) {
    const values = input.options;
    const { usage } = tools;
    const [requestOrderId = ''] = input.args;
    const badId = requestOrderIdProblem(requestOrderId);
    if (badId) throw usage(badId);
    const posOrderId = str(values.posOrderId);
    if (!posOrderId) throw usage('--pos-order-id is required');
    const status = str(values.status);
    if (!status || !ORDER_STATUSES.includes(status))
      throw usage(`--status must be one of ${ORDER_STATUSES.join(', ')}`);
    let extendInfo: Record<string, unknown> | undefined;
    const raw = str(values.extendInfo);
    if (raw !== undefined) {
      try {
        extendInfo = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw usage('--extend-info must be a JSON object, e.g. \'{"tableNo":"A12"}\'');
      }
      if (!extendInfo || typeof extendInfo !== 'object' || Array.isArray(extendInfo))
        throw usage('--extend-info must be a JSON object');
    }
    const result = await tools.setOrder({
      requestOrderId,
      posOrderId,
      orderStatus: status,
      ...(extendInfo ? { extendInfo } : {}),
    });
    if (input.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`recorded ${requestOrderId} → ${posOrderId} (${status}) via ${result.via}`);
    return 0;
  },
};

export const commands: readonly Command[] = [inquire, keygen, setOrder];
