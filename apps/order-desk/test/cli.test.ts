import { execFile, execFileSync, spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LookupsJson } from '../src/cli/output.js';
import { main } from '../src/cli/program.js';
import { createProgress } from '../src/cli/progress.js';
import { startStack, type Stack } from './support.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
let stack: Stack;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (the stack lives in this process) with the stack's environment. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@orderkit/source', '--import', 'tsx', cli, ...args],
      { env: { ...process.env, ...stack.env, ...env }, cwd: fileURLToPath(new URL('..', import.meta.url)) },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const succeeds = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasGit = succeeds('git', ['--version']);
/** A checkout (not an unpacked archive), so its .gitignore can be asked. */
const inCheckout = hasGit && succeeds('git', ['-C', ROOT, 'rev-parse', '--is-inside-work-tree']);

const noStackTrace = (r: Run) => expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** A WeChat that issues tokens and answers getOrder with errcode 10120002. */
async function failingWeChat() {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/plain');
    if (req.url?.startsWith('/cgi-bin/token')) res.end(JSON.stringify({ access_token: 'T1', expires_in: 7200 }));
    else res.end(JSON.stringify({ errcode: 10120002, errmsg: 'parameter error' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Runs the CLI in this process (its `main`, what the bin runs) with the stack's environment: for
 * what needs no process of its own (help, usage errors, bad input), at no start-up cost.
 */
async function inProcess(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const text = (parts: unknown[]) => `${parts.map(String).join(' ')}\n`;
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    }),
    vi.spyOn(console, 'log').mockImplementation((...parts) => {
      stdout += text(parts);
    }),
    vi.spyOn(console, 'error').mockImplementation((...parts) => {
      stderr += text(parts);
    }),
  ];
  try {
    const code = await main(args, { ...process.env, ...stack.env, ...env });
    return { code, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** A server that counts the requests it gets (each answered 500): proof that bad input sent nothing. */
async function countingServer() {
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    req.resume();
    res.statusCode = 500;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests: () => count,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The words of a shell command line with "double" and 'single' quotes (enough for the README's). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const oneLine = (r: Run) => {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
  noStackTrace(r);
};

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

/** A search over two hours of store 1001 on the Ovopark mock (43 seeded tickets with seed 1). */
const SEARCH_TWO_HOURS = [
  'ovopark',
  'search-pos',
  '--dep-id',
  '1001',
  '--from',
  '2024-01-01 10:00:00',
  '--to',
  '2024-01-01 12:00:00',
];

describe('orderkit (the CLI)', () => {
  it('prints help and exits 0 with --help; exits 2 with no command or an unknown one', async () => {
    expect((await run(['--help'])).code).toBe(0);
    const none = await inProcess([]);
    expect(none.code).toBe(2);
    const unknown = await inProcess(['wechat', 'refund']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("error: unknown command 'refund' — see orderkit wechat --help");
    for (const cmd of [
      ['wechat', 'get-order'],
      ['ovopark', 'search-pos'],
      ['ovopark', 'sign'],
      ['dstore', 'inquire'],
      ['dstore', 'keygen'],
      ['pos', 'set-order'],
    ]) {
      const help = await inProcess([...cmd, '--help']);
      expect(help.code, cmd.join(' ')).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: orderkit ${cmd.join(' ')}[| ]`));
    }
  });

  it('prints help at every level with exit 0: the program, each group, each command, an alias, `help <group>`', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--help'], /^Usage: orderkit <group> <command> \[options\]\n[\s\S]*All commands[\s\S]*Exit codes: 0 success/],
      [
        ['wechat', '--help'],
        /^Usage: orderkit wechat \[options\] \[command\][\s\S]*get-order \[options\] <orderId\.\.\.>/,
      ],
      [['ovopark', '--help'], /^Usage: orderkit ovopark [\s\S]*search-pos[\s\S]*sign/],
      [['dstore', '-h'], /^Usage: orderkit dstore [\s\S]*inquire[\s\S]*keygen/],
      [['pos', '--help'], /^Usage: orderkit pos [\s\S]*set-order/],
      [
        ['ovopark', 'search', '--help'],
        /^Usage: orderkit ovopark search-pos\|search --dep-id <id> --from <time> --to <time>/,
      ],
      [['help', 'wechat'], /^Usage: orderkit wechat /],
    ];
    for (const [args, help] of cases) {
      const r = await inProcess(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(help);
      expect(r.stderr, args.join(' ')).toBe('');
    }
    // --endpoint is optional, and says so; required options are named in the usage line.
    const inquire = await inProcess(['dstore', 'inquire', '--help']);
    expect(inquire.stdout).toMatch(/^Usage: orderkit dstore inquire \[options\] <requestOrderId>$/m);
    expect(inquire.stdout).toMatch(/--endpoint <url> +the POS endpoint to ask \(default: our own endpoint/);
    // A group without a command: its help, on stderr, exit 2 (bad usage).
    for (const group of ['wechat', 'ovopark', 'dstore', 'pos']) {
      const r = await inProcess([group]);
      expect(r.code, group).toBe(2);
      expect(r.stderr, group).toMatch(new RegExp(`^Usage: orderkit ${group} \\[options\\] \\[command\\]`));
    }
  });

  it('suggests the option or command meant (commander), one line, exit 2, nothing sent', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['ovopark', 'search-pos', '--depid', '1001', '--from', '2024-01-01 10:00:00', '--to', '2024-01-01 12:00:00'],
        "error: unknown option '--depid' (Did you mean --dep-id?) — see orderkit ovopark search-pos --help",
      ],
      [
        ['wechat', 'get-ordr', 'DD1'],
        "error: unknown command 'get-ordr' (Did you mean get-order?) — see orderkit wechat --help",
      ],
      [['wecha', 'get-order'], "error: unknown command 'wecha' (Did you mean wechat?) — see orderkit --help"],
      [
        ['ovopark', 'search-pos', '--dep-id', '1001', '--from', '2024-01-01 10:00:00'],
        "error: required option '--to <time>' not specified — see orderkit ovopark search-pos --help",
      ],
    ];
    const counter = await countingServer();
    try {
      for (const [args, line] of cases) {
        const r = await inProcess(args, { OVOPARK_BASE_URL: counter.url, WECHAT_BASE_URL: counter.url });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(`${line}\n`);
      }
      expect(counter.requests()).toBe(0);
    } finally {
      await counter.close();
    }
  });

  it('wechat get-order: several ids concurrently, --json; exit 1 on an errcode, 3 when WeChat is unreachable', async () => {
    // The mock's paid fixture, then an id it generates an order for.
    const ok = await run(['wechat', 'get-order', 'DD2981741311549200000', 'DD2', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const json = JSON.parse(ok.stdout) as LookupsJson;
    expect(json).toMatchObject({ provider: 'wechat', operation: 'getOrder', exitCode: 0 });
    expect(json.results.map((r) => r.outcome)).toEqual(['ok', 'ok']);
    // The typed result (the client's Order), and the id asked for.
    expect(json.results.map((r) => r.asked)).toEqual([{ orderId: 'DD2981741311549200000' }, { orderId: 'DD2' }]);
    expect(json.results[0]!.result).toMatchObject({ status: expect.any(Number), orderProductInfo: expect.any(Object) });
    const human = await inProcess(['wechat', 'get-order', 'DD2981741311549200000']);
    expect(human.stdout).toContain('  Status: PAID — Paid.');
    const wechat = await failingWeChat();
    try {
      const failed = await run(['wechat', 'get-order', 'DD1'], { WECHAT_BASE_URL: wechat.url });
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('result: 10120002 — Parameter error');
      const failedJson = await inProcess(['wechat', 'get-order', 'DD1', '--json'], { WECHAT_BASE_URL: wechat.url });
      expect(failedJson.code).toBe(1);
      expect(JSON.parse(failedJson.stdout)).toEqual({
        provider: 'wechat',
        operation: 'getOrder',
        exitCode: 1,
        results: [
          {
            asked: { orderId: 'DD1' },
            outcome: 'fail',
            code: '10120002',
            error: {
              name: 'WeChatApiError',
              message: expect.stringContaining('10120002'),
              retryable: false,
              hint: expect.any(String),
            },
            latencyMs: expect.any(Number),
            mode: 'mock',
          },
        ],
      });
    } finally {
      await wechat.close();
    }
    const down = await run(['wechat', 'get-order', 'DD1'], { WECHAT_BASE_URL: 'http://127.0.0.1:65534' });
    expect(down.code).toBe(3);
    expect(down.stdout).not.toContain('mock-wechat-secret');
    const downJson = await inProcess(['wechat', 'get-order', 'DD1', '--json'], {
      WECHAT_BASE_URL: 'http://127.0.0.1:65534',
    });
    expect(downJson.code).toBe(3);
    expect(JSON.parse(downJson.stdout)).toMatchObject({
      exitCode: 3,
      results: [{ outcome: 'unknown', error: { name: expect.stringMatching(/ConnectionError$/), retryable: true } }],
    });
    expect(downJson.stdout).not.toContain('mock-wechat-secret');
    expect((await run(['wechat', 'get-order'])).code).toBe(2);
  }, 120_000); // five processes

  it('ovopark search-pos: tickets on stdout, progress on stderr; bad dates exit 2', async () => {
    const r = await run(SEARCH_TWO_HOURS);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Ovopark store 1001: 43 tickets'); // the mock's seeded tickets (seed 1)
    expect(r.stderr).toContain('window 2/2');
    // Not a terminal: one plain line per window, counts in the singular where they are one.
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^window [12]\/2, \d+ pages?, \d+ tickets?, \d+ calls?$/);
    expect(r.stderr).not.toMatch(/\b1 (pages|tickets|calls)\b/);
    expect(r.stderr).not.toContain('\r');
    const bad = await run([
      'ovopark',
      'search-pos',
      '--dep-id',
      '1001',
      '--from',
      '2024-01-01T10:00',
      '--to',
      '2024-01-01 12:00:00',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'error: --from "2024-01-01T10:00" is not "YYYY-MM-DD HH:mm:ss" (Asia/Shanghai time); e.g. "2024-01-01 10:00:00"',
    );
    expect((await run(['ovopark', 'search-pos', '--dep-id', 'abc', '--from', 'x', '--to', 'y'])).code).toBe(2);
  });

  it('ovopark sign reproduces the SDK example and masks the secret', async () => {
    const r = await run([
      'ovopark',
      'sign',
      '--secret',
      'test',
      '_aid=S107',
      'orgid=1',
      '_akey=test',
      '_requestMode=post',
      '_mt=open.demo.queryOpenAccount',
      '_sm=md5',
      '_version=v1',
      '_timestamp=20171221132407',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      signingString:
        '***_aidS107_akey***_mtopen.demo.queryOpenAccount_requestModepost_smmd5_timestamp20171221132407_versionv1orgid1***',
      signature: '5489704B80A47394025527D6D51FB582',
      method: 'md5',
    });
    const bad = await run(['ovopark', 'sign', '--secret', 's', '--sm', 'sha256', 'a=1']);
    expect(bad.code).toBe(2);
    expect((await run(['ovopark', 'sign', '--secret', 's', 'novalue'])).code).toBe(2);
  });

  it('ovopark sign refuses (exit 2, one line) without _sm among the parameters or with a --sm that disagrees', async () => {
    const params = ['_aid=S107', '_mt=open.demo.queryOpenAccount', '_timestamp=20171221132407'];
    const cases: Array<[string[], RegExp]> = [
      [params, /^error: _sm is missing from the parameters; .*add the _sm the request sent, e\.g\. _sm=md5$/],
      [['--sm', 'sha1', ...params], /^error: _sm is missing .*e\.g\. _sm=sha1$/],
      [['--sm', 'sha1', ...params, '_sm=md5'], /^error: --sm sha1 and _sm=md5 disagree; .*same method to both/],
      [['--sm', 'md5', ...params, '_sm=sha1'], /^error: --sm md5 and _sm=sha1 disagree/],
      [[...params, '_sm=sha256'], /^error: _sm=sha256 is not a method the gateway knows; send _sm=md5 or _sm=sha1$/],
    ];
    for (const [args, message] of cases) {
      const r = await inProcess(['ovopark', 'sign', '--secret', 'test', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
    // _sm names the hash; --sm may repeat it.
    for (const args of [
      [...params, '_sm=sha1'],
      ['--sm', 'sha1', ...params, '_sm=sha1'],
    ]) {
      const r = await inProcess(['ovopark', 'sign', '--secret', 'test', ...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        method: 'sha1',
        signature: expect.stringMatching(/^[0-9A-F]{40}$/),
      });
    }
  });

  it('dstore inquire: S exits 0 with a verified signature, F exits 1, an unreachable endpoint exits 3', async () => {
    const ok = await run(['dstore', 'inquire', 'pds_demo_1']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('result: S SUCCESS');
    expect(ok.stdout).toContain('Response signature: verified with the POS public key');
    const unknown = await run(['dstore', 'inquire', 'no-such-order']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('result: F PROCESS_FAIL');
    const down = await run([
      'dstore',
      'inquire',
      '--endpoint',
      'http://127.0.0.1:65534/v2/pos/inquireOrderDetail',
      'x',
    ]);
    expect(down.code).toBe(3);
    const bad = await run(['dstore', 'inquire', '--endpoint', 'nope', 'x']);
    expect(bad.code).toBe(2);
    noStackTrace(bad);
  });

  it('dstore inquire: an S answer whose signature does not verify is an unknown outcome (exit 3), shown as untrusted', async () => {
    // A POS endpoint that claims S SUCCESS and signs with a key that is not the POS public key.
    const { sign } = await import('node:crypto');
    const { generateKeyPair } = await import('@orderkit/dstore');
    const { privateKey } = generateKeyPair();
    const body = JSON.stringify({
      result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
      posOrderId: '1',
      orderStatus: 'ACCEPTED',
    });
    const forger = http.createServer((req, res) => {
      req.resume();
      const time = `${new Date().toISOString().slice(0, 19)}Z`;
      const clientId = String(req.headers['client-id']);
      const signature = sign(
        'sha256',
        Buffer.from(`POST /v2/pos/inquireOrderDetail\n${clientId}.${time}.${body}`),
        privateKey,
      ).toString('base64');
      res.writeHead(200, {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': clientId,
        'response-time': time,
        signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
      });
      res.end(body);
    });
    await new Promise<void>((r) => forger.listen(0, '127.0.0.1', r));
    try {
      const endpoint = `http://127.0.0.1:${(forger.address() as { port: number }).port}/v2/pos/inquireOrderDetail`;
      const r = await run(['dstore', 'inquire', '--endpoint', endpoint, 'pds_demo_1']);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout).toContain('result: UNTRUSTED');
      expect(r.stdout).toContain('Claimed result (untrusted): S SUCCESS');
      expect(r.stdout).not.toContain('result: S SUCCESS');
      const json = JSON.parse(
        (await run(['dstore', 'inquire', '--endpoint', endpoint, 'pds_demo_1', '--json'])).stdout,
      ) as LookupsJson;
      // The claimed S SUCCESS is no result: an unknown outcome, the signature error named.
      expect(json).toMatchObject({ provider: 'dstore', exitCode: 3 });
      expect(json.results[0]).toMatchObject({
        asked: { endpoint, requestOrderId: 'pds_demo_1' },
        outcome: 'unknown',
        error: { name: 'DStoreSignatureError' },
      });
      expect(json.results[0]).not.toHaveProperty('result');
    } finally {
      await new Promise<void>((r) => forger.close(() => r()));
    }
  });

  it("dstore inquire: without the D-Store role's keys exits 2 naming them; half a pair exits 2 naming the missing one", async () => {
    const keys = path.join(stack.config.dataDir, 'dev-keys');
    const endpointOnly = await run(['dstore', 'inquire', 'pds_demo_1'], {
      DSTORE_PUBLIC_KEY: path.join(keys, 'dstore-public.pem'),
      POS_PRIVATE_KEY: path.join(keys, 'pos-private.pem'),
    });
    expect(endpointOnly.code).toBe(2);
    expect(endpointOnly.stderr).toMatch(
      /playing D-Store .* is not configured: set DSTORE_PRIVATE_KEY and POS_PUBLIC_KEY/,
    );
    noStackTrace(endpointOnly);
    const half = await run(['dstore', 'inquire', 'pds_demo_1'], {
      DSTORE_PRIVATE_KEY: path.join(keys, 'dstore-private.pem'),
    });
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/DSTORE_PRIVATE_KEY is set but POS_PUBLIC_KEY is not/);
  });

  it('dstore keygen writes two 2048-bit pairs and refuses to overwrite without --force', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'keygen-')), 'keys');
    const r = await run(['dstore', 'keygen', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['dstore-private.pem', 'dstore-public.pem', 'pos-private.pem', 'pos-public.pem'])
      expect(existsSync(path.join(out, f))).toBe(true);
    expect(
      createPrivateKey(readFileSync(path.join(out, 'pos-private.pem'), 'utf8')).asymmetricKeyDetails?.modulusLength,
    ).toBe(2048);
    const again = await run(['dstore', 'keygen', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('pass --force to overwrite');
    expect((await run(['dstore', 'keygen', '--out', out, '--force'])).code).toBe(0);
  });

  it('dstore keygen without --out writes into the data folder and says where', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'keygen-data-'));
    const r = await run(['dstore', 'keygen'], { ORDER_DESK_DATA_DIR: data });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote 2048-bit key pairs into ${path.join(data, 'keys')}:`);
    for (const f of ['dstore-private.pem', 'dstore-public.pem', 'pos-private.pem', 'pos-public.pem'])
      expect(existsSync(path.join(data, 'keys', f))).toBe(true);
    const json = await run(['dstore', 'keygen', '--force', '--json'], { ORDER_DESK_DATA_DIR: data });
    expect(JSON.parse(json.stdout)).toMatchObject({ dir: path.join(data, 'keys') });
  });

  it.skipIf(!hasGit)(
    'dstore keygen refuses (exit 2, one line, nothing written) a folder git would not ignore',
    async () => {
      const repo = mkdtempSync(path.join(tmpdir(), 'keygen-repo-'));
      execFileSync('git', ['init', '-q', repo]);
      writeFileSync(path.join(repo, '.gitignore'), 'ignored/\n');
      // Only this repository's own ignore rules: not the machine's or the user's.
      const git = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: repo };
      const open = await run(['dstore', 'keygen', '--out', path.join(repo, 'keys')], git);
      expect(open.code).toBe(2);
      expect(open.stderr.trim().split('\n')).toHaveLength(1);
      expect(open.stderr).toMatch(/keys is in the git repository .* and not git-ignored: .*leave out --out/);
      expect(existsSync(path.join(repo, 'keys'))).toBe(false);
      const viaDataDir = await run(['dstore', 'keygen'], { ...git, ORDER_DESK_DATA_DIR: path.join(repo, 'data') });
      expect(viaDataDir.code).toBe(2);
      expect(viaDataDir.stderr.trim().split('\n')).toHaveLength(1);
      expect(viaDataDir.stderr).toMatch(/not git-ignored: .*set ORDER_DESK_DATA_DIR to a git-ignored folder/);
      expect(existsSync(path.join(repo, 'data'))).toBe(false);
      const ignored = await run(['dstore', 'keygen', '--out', path.join(repo, 'ignored', 'keys')], git);
      expect(ignored.code, ignored.stderr).toBe(0);
      expect(existsSync(path.join(repo, 'ignored', 'keys', 'pos-private.pem'))).toBe(true);
    },
  );

  it.skipIf(!inCheckout)('this repository ignores .pem files anywhere and tracks none', () => {
    const paths = ['keys/pos-private.pem', 'apps/order-desk/keys/dstore-private.pem', 'dstore-private.pem'];
    const ignored = execFileSync('git', ['-C', ROOT, 'check-ignore', ...paths], { encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toEqual(paths);
    expect(execFileSync('git', ['-C', ROOT, 'ls-files', '*.pem'], { encoding: 'utf8' })).toBe('');
  });

  it('pos set-order writes through the running app, and our endpoint then answers it', async () => {
    const r = await run([
      'pos',
      'set-order',
      'pds_cli_1',
      '--pos-order-id',
      'P-9',
      '--status',
      'COMPLETED',
      '--extend-info',
      '{"tableNo":"B2"}',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`recorded pds_cli_1 → P-9 (COMPLETED) via order-desk at ${stack.server.url}\n`);
    expect(await stack.server.store.getOrder('pds_cli_1')).toMatchObject({
      posOrderId: 'P-9',
      orderStatus: 'COMPLETED',
      extendInfo: { tableNo: 'B2' },
    });
    const inquiry = await run(['dstore', 'inquire', 'pds_cli_1', '--json']);
    expect((JSON.parse(inquiry.stdout) as LookupsJson).results[0]).toMatchObject({
      asked: { requestOrderId: 'pds_cli_1' },
      outcome: 'ok',
      result: { posOrderId: 'P-9', orderStatus: 'COMPLETED', extendInfo: { tableNo: 'B2' } },
      mode: 'local',
    });
  });

  it('pos set-order refuses bad input with exit 2 and one line', async () => {
    const status = await run(['pos', 'set-order', 'x', '--pos-order-id', '1', '--status', 'SHIPPED']);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^error: --status must be one of ORDER_SUCCESS, ACCEPTED/);
    const json = await run([
      'pos',
      'set-order',
      'x',
      '--pos-order-id',
      '1',
      '--status',
      'READY',
      '--extend-info',
      '{oops',
    ]);
    expect(json.code).toBe(2);
    const long = await run(['pos', 'set-order', 'x'.repeat(256), '--pos-order-id', '1', '--status', 'READY']);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/requestOrderId/);
    for (const r of [status, json, long]) {
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      noStackTrace(r);
    }
  });

  it('pos set-order opens the store itself when no app runs, and refuses while another process holds it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'order-desk-cli-'));
    const env = { ORDER_DESK_DATA_DIR: dataDir, ORDER_DESK_PUBLIC_URL: 'http://127.0.0.1:65534', PORT: '65534' };
    const r = await run(['pos', 'set-order', 'pds_offline', '--pos-order-id', 'P-1', '--status', 'READY'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/via PGlite/);
    // The stack's app holds its store; with its API pointed elsewhere the CLI must not open it.
    const held = await run(['pos', 'set-order', 'pds_x', '--pos-order-id', 'P-1', '--status', 'READY'], {
      ORDER_DESK_PUBLIC_URL: 'http://127.0.0.1:65534',
    });
    expect(held.code).not.toBe(0);
    expect(held.stderr).toMatch(/has the store at .* open since .*did not answer/s);
    expect(await stack.server.store.getOrder('pds_x')).toBeNull();
  }, 120_000); // three processes, one opening the store
  it('refuses bad input with exit 2 and one line saying what to fix, before anything is sent', async () => {
    const counter = await countingServer();
    const keys = path.join(stack.config.dataDir, 'dev-keys');
    const search = (from: string, to: string) => [
      'ovopark',
      'search-pos',
      '--dep-id',
      '1001',
      '--from',
      from,
      '--to',
      to,
    ];
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [
        search('2024-01-02 00:00:00', '2024-01-01 10:00:00'),
        {},
        /^error: --from "2024-01-02 00:00:00" is not before --to "2024-01-01 10:00:00"; swap them$/,
      ],
      [search('2024-01-01 10:00:00', '2024-01-01 10:00:00'), {}, /is not before --to .*; widen the range$/],
      [
        search('2024-13-45 99:00:00', '2024-01-01 10:00:00'),
        {},
        /^error: --from "2024-13-45 99:00:00" is not a real date and time; give "YYYY-MM-DD HH:mm:ss"/,
      ],
      [
        search('2024-02-30 10:00:00', '2024-03-01 10:00:00'),
        {},
        /^error: --from "2024-02-30 10:00:00" is not a real date/,
      ],
      [
        search('2024-01-01 10:00:00', '2024-01-02'),
        {},
        /^error: --to "2024-01-02" has no time; give "YYYY-MM-DD HH:mm:ss" .*e\.g\. "2024-01-02 00:00:00"$/,
      ],
      [
        ['ovopark', 'search-pos', '--dep-id', '0', '--from', '2024-01-01 10:00:00', '--to', '2024-01-01 11:00:00'],
        {},
        /^error: --dep-id must be a positive integer/,
      ],
      [
        ['dstore', 'inquire', '--endpoint', `${counter.url}/v2/pos/inquireOrderDetail`, 'x'.repeat(256)],
        {},
        /^error: the requestOrderId is 256 characters; the D-Store contract allows 1 to 255$/,
      ],
      [
        ['dstore', 'inquire', '--endpoint', `${counter.url}/v2/pos/inquireOrderDetail`, 'pds_demo_1'],
        { DSTORE_PRIVATE_KEY: path.join(keys, 'dstore-public.pem'), POS_PUBLIC_KEY: path.join(keys, 'pos-public.pem') },
        /^error: The DSTORE_PRIVATE_KEY is a "BEGIN PUBLIC KEY" PEM block; expected .*This is a public key/,
      ],
      [
        ['dstore', 'inquire', '--endpoint', `${counter.url}/v2/pos/inquireOrderDetail`, 'pds_demo_1'],
        {
          DSTORE_PRIVATE_KEY: path.join(keys, 'dstore-private.pem'),
          POS_PUBLIC_KEY: path.join(keys, 'pos-private.pem'),
        },
        /^error: The POS_PUBLIC_KEY is a "BEGIN PRIVATE KEY" PEM block/,
      ],
      [['wechat', 'get-order', 'DD1', ''], {}, /^error: orderId 2 is empty; give each order id/],
      [
        ['pos', 'set-order', '', '--pos-order-id', '1', '--status', 'READY'],
        {},
        /^error: the requestOrderId is 0 characters/,
      ],
    ];
    try {
      for (const [args, env, message] of cases) {
        const r = await inProcess([...args, '--json'], {
          OVOPARK_BASE_URL: counter.url,
          WECHAT_BASE_URL: counter.url,
          ...env,
        });
        expect(r.code, args.join(' ')).toBe(2);
        oneLine(r);
        expect(r.stderr.trimEnd(), args.join(' ')).toMatch(message);
        expect(r.stderr).not.toContain('PRIVATE KEY-----');
      }
      expect(counter.requests()).toBe(0);
    } finally {
      await counter.close();
    }
  });

  it('ovopark search-pos: --json prints the typed tickets and no progress; --quiet no progress', async () => {
    const args = SEARCH_TWO_HOURS;
    const json = await run([...args, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout) as LookupsJson;
    expect(out).toMatchObject({ provider: 'ovopark', operation: 'searchPos', exitCode: 0 });
    expect(out.results[0]).toMatchObject({
      asked: { depId: 1001, from: '2024-01-01 10:00:00', to: '2024-01-01 12:00:00' },
      outcome: 'ok',
      calls: expect.any(Number),
      mode: 'mock',
    });
    expect(out.results[0]!.result).toEqual(
      expect.arrayContaining([expect.objectContaining({ ticketId: expect.anything() })]),
    );
    const quiet = await run([...args, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('Ovopark store 1001: 43 tickets');
  });

  it('progress on a terminal is one line rewritten in place, cut to its width; plain lines elsewhere', () => {
    const written: string[] = [];
    const tty = createProgress({ isTTY: true, columns: 21, write: (t) => written.push(t) });
    tty.update('window 1/168, 1 page');
    tty.update('window 2/168, 2 pages, 40 tickets');
    tty.done();
    expect(written).toEqual(['\r\u001b[2Kwindow 1/168, 1 page', '\r\u001b[2Kwindow 2/168, 2 pag…', '\n']);
    const plain: string[] = [];
    const pipe = createProgress({ isTTY: false, write: (t) => plain.push(t) });
    pipe.update('window 1/2');
    pipe.update('window 2/2');
    pipe.done();
    expect(plain).toEqual(['window 1/2\n', 'window 2/2\n']);
  });

  it("the orderkit bin runs through pnpm exec without pnpm's lines, with the exact exit code", () => {
    const exec = (args: string[]) =>
      spawnSync('pnpm', ['exec', 'orderkit', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...stack.env },
      });
    const help = exec(['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: orderkit /);
    const bad = exec(['wechat', 'get-order']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("error: missing required argument 'orderId' — see orderkit wechat get-order --help\n");
    for (const r of [help, bad]) {
      expect(r.stdout + r.stderr).not.toMatch(/^> orderkit@|ELIFECYCLE/m);
    }
  }, 120_000); // two pnpm exec start-ups

  it('runs every CLI example of the README: against the mocks and the stack, or its --help where it has placeholders', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/^pnpm exec orderkit (.+)$/gm)].map((m) => m[1]!.replace(/\s+#.*$/, ''));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) {
      const args = shellWords(example);
      const placeholders = /[<>…[\]]/.test(example);
      const r = placeholders
        ? await run([...args.filter((a) => !a.startsWith('-') && !a.includes('=')).slice(0, 2), '--help'])
        : await run(args);
      expect(r.code, `${example}\n${r.stderr}`).toBe(0);
    }
  }, 180_000); // a process per example
});
