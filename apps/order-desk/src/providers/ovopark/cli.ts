/** `orderkit ovopark search-pos | sign`. */
import { debugSigningString, PLATFORM_TIME_ZONE, parseDateTime, type SignMethod, sign } from '@orderkit/ovopark';
import { count } from '../../cli/progress.js';
import type { CliCommand } from '../registry.js';
import type { OvoparkConfig } from './config.js';
import type { OvoparkService } from './service.js';

type Command = CliCommand<OvoparkConfig, OvoparkService>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const FORMAT = `"YYYY-MM-DD HH:mm:ss" (${PLATFORM_TIME_ZONE} time)`;

/**
 * A `YYYY-MM-DD HH:mm:ss` platform wall-clock time as epoch ms (the client's own parser), or a
 * usage message naming the option: no time, not the shape, or not a real date and time (no
 * 2024-02-30, no 24:00:00).
 */
export function wallClock(option: string, text: string): number | string {
  const ms = parseDateTime(text, PLATFORM_TIME_ZONE);
  if (ms !== undefined) return ms;
  const example = 'e.g. "2024-01-01 10:00:00"';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()))
    return `${option} "${text}" has no time; give ${FORMAT}, e.g. "${text.trim()} 00:00:00"`;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text))
    return `${option} "${text}" is not a real date and time; give ${FORMAT}, ${example}`;
  return `${option} "${text}" is not ${FORMAT}; ${example}`;
}

const searchPos: Command = {
  group: 'ovopark',
  name: 'search-pos',
  aliases: ['search'],
  summary: "a store's POS tickets in a time range (searchPos, paged by one-hour windows)",
  options: [
    { flags: '--dep-id <id>', description: 'the store id (a positive integer)', required: true },
    { flags: '--from <time>', description: `start, ${FORMAT}`, required: true },
    { flags: '--to <time>', description: `end (inclusive), ${FORMAT}; after --from`, required: true },
  ],
  progress: true,
  details: `Every ticket of the store in the range, paged in windows of at most one hour, within the
platform's budget of 300 searchPos calls. Progress goes to stderr: one updating line on a terminal,
a line per window otherwise, none with --json or --quiet.

Example:
  orderkit ovopark search-pos --dep-id 1001 --from "2024-01-01 10:00:00" --to "2024-01-01 12:00:00"`,
  async run(input, { usage, withService, printLookups, progress }) {
    const { options } = input;
    const rawDepId = str(options.depId) ?? '';
    const depId = Number(rawDepId);
    if (!/^\d+$/.test(rawDepId.trim()) || !Number.isSafeInteger(depId) || depId < 1)
      throw usage(`--dep-id must be a positive integer (the store id), not "${rawDepId}"`);
    const from = str(options.from) ?? '';
    const to = str(options.to) ?? '';
    const fromAt = wallClock('--from', from);
    if (typeof fromAt === 'string') throw usage(fromAt);
    const toAt = wallClock('--to', to);
    if (typeof toAt === 'string') throw usage(toAt);
    if (fromAt >= toAt)
      throw usage(`--from "${from}" is not before --to "${to}"; ${fromAt > toAt ? 'swap them' : 'widen the range'}`);
    const shown = progress(input);
    return withService(async (s) => {
      try {
        const looked = await s.searchResults({ depId, from, to }, (p) =>
          shown.update(
            `window ${p.windowsDone}/${p.windowsTotal}, ${count(p.pages, 'page')}, ${count(p.tickets, 'ticket')}, ${count(p.calls, 'call')}`,
          ),
        );
        shown.done(); // before the result, so it starts on a line of its own
        return printLookups(looked, input);
      } finally {
        shown.done();
      }
    });
  },
};

const signCommand: Command = {
  group: 'ovopark',
  name: 'sign',
  summary: 'the string the gateway signs and its signature (compare with a SIGN_WRONG answer)',
  arguments: [
    {
      name: 'key=value',
      variadic: true,
      description: 'every parameter that was sent except _sig, _sm included (e.g. _aid=S107 _sm=md5 depId=1001)',
    },
  ],
  options: [
    { flags: '--secret <secret>', description: 'the signing secret (_asid); masked in the output', required: true },
    {
      flags: '--sm <method>',
      description: 'the hash method; when given, must name the same method as _sm',
      choices: ['md5', 'sha1'],
    },
  ],
  details: `Prints the string that is signed (secret masked) and the signature. The gateway signs _sm
with the rest and hashes with the method it names: without _sm, or with a --sm that disagrees,
this exits 2 rather than print a signature the gateway would not compute.

Example:
  orderkit ovopark sign --secret <secret> _aid=S107 _mt=open.ovopark.pos.searchPos _sm=md5 depId=1001`,
  async run({ args, options, json }, { usage }) {
    const secret = str(options.secret);
    if (!secret) throw usage('--secret is required (the signing secret, _asid)');
    const given = str(options.sm);
    const params: Record<string, string> = {};
    for (const p of args) {
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
    if (json) console.log(JSON.stringify({ signingString: signing, signature, method: sm }, null, 2));
    else console.log(`string to sign (secret masked):\n${signing}\n\n_sig (${sm}): ${signature}`);
    return 0;
  },
};

export const commands: readonly Command[] = [searchPos, signCommand];
