import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMocks, type RunningMocks } from '@orderkit/mock-server';
import { loadConfig, type Config } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

export interface Stack {
  mocks: RunningMocks;
  server: RunningServer;
  config: Config;
  /** The environment a CLI process needs to talk to this stack. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The mocks on free ports and order-desk on free ports (admin face and public face) with a fresh
 * data folder. `extraEnv` adds configuration (an admin token, an inquiry allow-list).
 */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  // The Ovopark mock's daily quota (300 searchPos per store) is raised: the suites together make
  // more calls for store 1001 than one day of a real account would (the budget test alone 300+).
  const mocks = await startMocks({
    ports: { dstore: 0, wechat: 0, ovopark: 0 },
    env: { MOCK_OVOPARK_QUOTA: '100000' },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'order-desk-test-'));
  const env: Record<string, string> = {
    WECHAT_BASE_URL: mocks.urls.wechat!,
    OVOPARK_BASE_URL: mocks.urls.ovopark!,
    ORDER_DESK_DATA_DIR: dataDir,
    PORT: '0',
    ENDPOINT_PORT: '0',
    ...extraEnv,
  };
  try {
    const config = loadConfig({ ...env }, { cwd: dataDir });
    const server = await startServer(config);
    env.PORT = new URL(server.url).port;
    env.ORDER_DESK_PUBLIC_URL = server.url;
    env.ENDPOINT_PORT = new URL(server.endpointUrl).port;
    return {
      mocks,
      server,
      config: {
        ...config,
        port: Number(env.PORT),
        publicUrl: server.url,
        endpoint: { ...config.endpoint, port: Number(env.ENDPOINT_PORT), url: server.endpointUrl },
      },
      env,
      stop: async () => {
        await server.close();
        await mocks.stop();
      },
    };
  } catch (error) {
    await mocks.stop();
    throw error;
  }
}
