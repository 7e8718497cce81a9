/**
 * A throwaway npm registry for the release rehearsal: Verdaccio (the root devDependency, 6.8.0, the
 * newest that runs on Node 20) on loopback, with its storage and configuration in a temporary
 * folder. Third-party packages come through an uplink to the machine's registry; `@orderkit/*`
 * has no uplink, so a package of ours can only be one published here.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { background, cleanEnv, exec } from './processes.js';
import { root } from './workspace.js';

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** A userconfig (.npmrc) for npm and pnpm: this registry, a token for it, nothing of the machine's ~/.npmrc. */
  userconfig: string;
  /**
   * The environment every npm, npx and pnpm child of the rehearsal runs with: this userconfig and
   * a throwaway npm cache (nothing of ours read from the machine's cache, nothing left in it).
   */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** Verdaccio's own output (warnings and errors), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** How Verdaccio reaches the machine's registry: its uplink settings. */
export interface Uplink {
  url: string;
  /** PEM text of the certificate authorities to trust (npm's `ca`, or its `cafile`'s content). */
  ca?: string;
  https_proxy?: string;
  http_proxy?: string;
  no_proxy?: string;
  strict_ssl: boolean;
}

/**
 * The registry npm uses on this machine (user and global config, not the workspace's), and how npm
 * reaches it: its certificate authorities and proxies. Verdaccio reads no npm config, and turbo
 * runs tests without variables it is not told of (NODE_EXTRA_CA_CERTS among them): on a machine
 * behind a TLS-inspecting proxy, only npm's `cafile` lets the uplink connect.
 */
export async function machineUplink(cwd: string): Promise<Uplink> {
  const { code, stdout, stderr } = await exec('npm', ['config', 'ls', '--json'], {
    cwd,
    // npm logs every run under its cache folder: the machine's stays untouched.
    env: cleanEnv({ npm_config_cache: path.join(cwd, 'npm-cache') }),
    timeoutMs: 30_000,
  });
  if (code !== 0) throw new Error(`npm config ls failed (${code}): ${stderr}`);
  const config = JSON.parse(stdout) as Record<string, unknown>;
  const text = (name: string) =>
    typeof config[name] === 'string' && config[name] ? (config[name] as string) : undefined;
  const ca = Array.isArray(config.ca)
    ? config.ca.join('\n')
    : (text('ca') ?? (text('cafile') ? await readFile(text('cafile')!, 'utf8') : undefined));
  const noproxy = Array.isArray(config.noproxy) ? config.noproxy.filter(Boolean).join(',') : text('noproxy');
  const uplink: Uplink = {
    url: text('registry') ?? 'https://registry.npmjs.org/',
    strict_ssl: config['strict-ssl'] !== false,
  };
  if (ca) uplink.ca = ca;
  if (text('https-proxy')) uplink.https_proxy = text('https-proxy');
  if (text('proxy')) uplink.http_proxy = text('proxy');
  if (noproxy) uplink.no_proxy = noproxy;
  return uplink;
}

// Verdaccio's node API in a child of its own: `listen(0)` takes a free port without a race (its
// CLI wants the port up front), and the child can be killed whatever state Verdaccio is in.
const SERVER = `
const [entry, config] = process.argv.slice(1);
require(entry).runServer(config).then(
  (server) => {
    server.listen(0, '127.0.0.1', () => console.log('verdaccio listening on ' + server.address().port));
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
`;

/**
 * Starts Verdaccio with its storage, configuration and npm userconfig in `dir` (npm's cache in
 * `npmCache`); resolves once it answers.
 */
export async function startRegistry(dir: string, uplink: Uplink, npmCache: string): Promise<Registry> {
  const storage = path.join(dir, 'storage');
  const config = path.join(dir, 'verdaccio.yaml');
  // JSON is YAML: no quoting rules to get wrong for paths and the `@orderkit/*` key.
  const settings = {
    storage,
    auth: { htpasswd: { file: path.join(dir, 'htpasswd'), max_users: -1 } },
    uplinks: { upstream: { ...uplink, timeout: '60s', max_fails: 4, fail_timeout: '10s' } },
    packages: {
      // Ours: no `proxy`, so nothing of @orderkit can come from upstream, and anyone (the
      // rehearsal's made-up token is anonymous to Verdaccio) may publish.
      '@orderkit/*': { access: '$all', publish: '$all', unpublish: '$all' },
      // Everything else: read through the uplink; nobody publishes it here.
      '**': { access: '$all', publish: '$authenticated', proxy: 'upstream' },
    },
    web: { enable: false },
    max_body_size: '50mb',
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
  };
  await writeFile(config, JSON.stringify(settings, null, 2));

  const entry = createRequire(path.join(root, 'package.json')).resolve('verdaccio');
  const server = background(process.execPath, ['-e', SERVER, entry, config], {
    cwd: dir,
    env: cleanEnv(),
    ready: /verdaccio listening on (\d+)/,
    timeoutMs: 60_000,
  });
  const stop = async () => void (await server.stop(5_000));
  try {
    const port = Number((await server.ready)[1]);
    const url = `http://127.0.0.1:${port}/`;
    await answers(url, server.output);

    const userconfig = path.join(dir, 'npmrc');
    await writeFile(
      userconfig,
      [
        `registry=${url}`,
        // npm and pnpm refuse to publish without a token for the registry; Verdaccio takes this
        // made-up one as anonymous, which the `@orderkit/*` rule lets publish.
        `//127.0.0.1:${port}/:_authToken=rehearsal-anonymous`,
        'audit=false',
        'fund=false',
        'update-notifier=false',
        '',
      ].join('\n'),
    );
    return {
      url,
      port,
      userconfig,
      env: (extra = {}) =>
        cleanEnv({
          npm_config_userconfig: userconfig,
          // Also as a variable: `changeset publish` reads only this one to tell a custom registry
          // from npmjs (it asks `npm info` and has `pnpm publish` use it).
          npm_config_registry: url,
          npm_config_cache: npmCache,
          ...extra,
        }),
      output: server.output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until Verdaccio answers its ping (listening is not yet serving). */
async function answers(url: string, output: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      // Not yet.
    }
    if (Date.now() > until) throw new Error(`Verdaccio at ${url} does not answer /-/ping:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
