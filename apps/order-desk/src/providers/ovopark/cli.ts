/** `pnpm cli ovopark search-pos | sign`. */
import { debugSigningString, type SignMethod, sign } from '@orderkit/ovopark';
import type { CliCommand } from '../registry.js';
import type { OvoparkConfig } from './config.js';
import type { OvoparkService } from './service.js';

type Command = CliCommand<OvoparkConfig, OvoparkService>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const searchPos: Command = {
  group: 'ovopark',
  name: 'search-pos',
  summary: '--dep-id <id> --from <t> --to <t>   tickets of a store in a time range',
  help: `usage: pnpm cli ovopark search-pos --dep-id <id> --from "yyyy-MM-dd HH:mm:ss" --to "yyyy-MM-dd HH:mm:ss" [--json]
Every ticket of the store in the range (Asia/Shanghai time), paged in windows of at most one hour;
progress goes to stderr.`,
  async run(args, { parse, usage, withService, printCards }) {
    const { values } = parse(args, { 'dep-id': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
    const depId = Number(values['dep-id']);
    if (!Number.isInteger(depId) || depId < 1) throw usage('--dep-id must be a positive integer (the store id)');
    const from = str(values.from);
    const to = str(values.to);
    const format = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
    if (!from || !format.test(from) || !to || !format.test(to))
      throw usage('--from and --to are required, as "yyyy-MM-dd HH:mm:ss"');
    return withService(async (s) => {
      const cards = await s.search({ depId, from, to }, (p) =>
        process.stderr.write(
          `window ${p.windowsDone}/${p.windowsTotal}, ${p.pages} pages, ${p.tickets} tickets, ${p.calls} calls\n`,
        ),
      );
      return printCards(cards, Boolean(values.json));
    });
  },
};

const signCommand: Command = {
  group: 'ovopark',
  name: 'sign',
  summary: '--secret <s> [--sm md5|sha1] _sm=… key=value...  the string to sign and the signature',
  help: `usage: pnpm cli ovopark sign --secret <secret> [--sm md5|sha1] _sm=md5|sha1 key=value... [--json]
Prints the string that is signed (secret masked) and the signature, for comparing with a
SIGN_WRONG answer. Give every parameter that was sent except _sig, _sm included: the gateway
signs _sm too and hashes with the method it names. --sm, when given, must name the same method.`,
  async run(args, { parse, usage }) {
    const { values, positionals } = parse(args, { secret: { type: 'string' }, sm: { type: 'string' } });
    const secret = str(values.secret);
    if (!secret) throw usage('--secret is required (the signing secret, _asid)');
    const given = str(values.sm);
    if (given !== undefined && given !== 'md5' && given !== 'sha1')
      throw usage(`--sm must be md5 or sha1, not ${given}`);
    if (!positionals.length)
      throw usage('give the parameters as key=value, e.g. _aid=S107 _mt=open.ovopark.pos.searchPos _sm=md5');
    const params: Record<string, string> = {};
    for (const p of positionals) {
      const eq = p.indexOf('=');
      if (eq <= 0) throw usage(`"${p}" is not key=value`);
      params[p.slice(0, eq)] = p.slice(eq + 1);
    }
    delete params._sig;
    // A signature over parameters without _sm, or hashed otherwise than _sm says, never matches the
    // gateway's: refuse rather than print one.
    if (params._sm === undefined)
      throw usage(
        `_sm is missing from the parameters; the gateway signs it with the rest: add the _sm the request sent, e.g. _sm=${given ?? 'md5'}`,
      );
    if (params._sm !== 'md5' && params._sm !== 'sha1')
      throw usage(`_sm=${params._sm} is not a method the gateway knows; send _sm=md5 or _sm=sha1`);
    if (given !== undefined && given !== params._sm)
      throw usage(
        `--sm ${given} and _sm=${params._sm} disagree; the gateway hashes with _sm: give the same method to both, or leave out --sm`,
      );
    const sm: SignMethod = params._sm;
    const signature = sign(params, secret, sm);
    const signing = debugSigningString(params, secret);
    if (values.json) console.log(JSON.stringify({ signingString: signing, signature, method: sm }, null, 2));
    else console.log(`string to sign (secret masked):\n${signing}\n\n_sig (${sm}): ${signature}`);
    return 0;
  },
};

export const commands: readonly Command[] = [searchPos, signCommand];
