/** `pnpm cli dstore inquire | keygen` and `pnpm cli pos set-order` (our POS side's orders). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SIGNED_PATH, spec } from '@orderkit/dstore';
import { committableIn } from '../../cli/committable.js';
import { dataDir, loadEnv } from '../../env.js';
import type { CliCommand } from '../registry.js';
import { type DStoreConfig, dstoreRole, KEY_FILES, writeKeyPairs } from './config.js';
import type { DStoreService } from './service.js';

type Command = CliCommand<DStoreConfig, DStoreService>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const ORDER_STATUSES = (spec.components.schemas.OrderStatus as { enum: string[] }).enum;

const inquire: Command = {
  group: 'dstore',
  name: 'inquire',
  summary: '--endpoint <url> <requestOrderId>  play D-Store: sign, send, verify the answer',
  help: `usage: pnpm cli dstore inquire --endpoint <url> <requestOrderId> [--json]
Sends a signed inquireOrderDetail as D-Store does (DSTORE_PRIVATE_KEY) and verifies the answer's
signature (POS_PUBLIC_KEY). --endpoint defaults to our own endpoint.`,
  async run(args, { parse, usage, config, app, withService, printCards }) {
    const { values, positionals } = parse(args, { endpoint: { type: 'string' } });
    const [requestOrderId, ...extra] = positionals;
    if (!requestOrderId) throw usage('give the requestOrderId');
    if (extra.length) throw usage(`unexpected arguments: ${extra.join(' ')}`);
    const endpoint = str(values.endpoint) ?? `${app().endpoint.url}${SIGNED_PATH}`;
    try {
      new URL(endpoint);
    } catch {
      throw usage(`--endpoint ${endpoint} is not a URL`);
    }
    dstoreRole({ dstore: config() }, 'client'); // not configured: one ConfigError naming the variables, exit 2
    // The allow-list (DSTORE_INQUIRE_ALLOWED_ENDPOINTS) guards the admin face, which takes URLs from
    // whoever reaches it. The CLI is the local user's own tool, run with their own rights on their
    // own network: --endpoint goes where they say (still no redirects, still a bounded answer).
    return withService(async (s) => printCards(await s.inquire({ endpoint, requestOrderId }), Boolean(values.json)));
  },
};

const keygen: Command = {
  group: 'dstore',
  name: 'keygen',
  summary: '[--out <dir>]                     2048-bit key pairs for both sides',
  help: `usage: pnpm cli dstore keygen [--out <dir>] [--force] [--json]
Writes 2048-bit RSA key pairs for both sides: dstore-private.pem, dstore-public.pem,
pos-private.pem, pos-public.pem (PKCS#8 / SPKI). --out defaults to keys/ in the data folder
(ORDER_DESK_DATA_DIR, default apps/order-desk/.data, git-ignored). Refuses a folder inside a git
repository that git does not ignore, and to overwrite without --force.`,
  async run(args, { parse, usage }) {
    const { values } = parse(args, { out: { type: 'string' }, force: { type: 'boolean' } });
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
    if (values.json) console.log(JSON.stringify({ dir: out, files }, null, 2));
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
  summary: '<requestOrderId> --pos-order-id <id> --status <STATUS> [--extend-info <json>]',
  help: `usage: pnpm cli pos set-order <requestOrderId> --pos-order-id <id> --status <STATUS> [--extend-info <json>] [--json]
Records an order in our store, as the POS side would. STATUS: ${ORDER_STATUSES.join(', ')}.
While order-desk runs, the write goes through its API (the embedded store has one opener).`,
  async run(args, tools) {
    const { values, positionals } = tools.parse(args, {
      'pos-order-id': { type: 'string' },
      status: { type: 'string' },
      'extend-info': { type: 'string' },
    });
    const { usage } = tools;
    const [requestOrderId, ...extra] = positionals;
    if (!requestOrderId) throw usage('give the requestOrderId');
    if (extra.length) throw usage(`unexpected arguments: ${extra.join(' ')}`);
    const posOrderId = str(values['pos-order-id']);
    if (!posOrderId) throw usage('--pos-order-id is required');
    const status = str(values.status);
    if (!status || !ORDER_STATUSES.includes(status))
      throw usage(`--status must be one of ${ORDER_STATUSES.join(', ')}`);
    let extendInfo: Record<string, unknown> | undefined;
    const raw = str(values['extend-info']);
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
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`recorded ${requestOrderId} → ${posOrderId} (${status}) via ${result.via}`);
    return 0;
  },
};

export const commands: readonly Command[] = [inquire, keygen, setOrder];
