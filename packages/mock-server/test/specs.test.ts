import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mockSettings, PROVIDERS, startMocks } from '../src/index.js';
import { mockProvider } from '../src/provider.js';

describe('the mocks follow specs/*', () => {
  it('serves every specs/<id> folder, on the port and variable its spec names', () => {
    const folders = readdirSync(new URL('../../../specs/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(PROVIDERS).toEqual(folders);
    // Today's fixed ports and variables, now read from each spec's x-orderkit-mock.
    expect(Object.fromEntries(PROVIDERS.map((p) => [p, mockSettings(p)]))).toEqual({
      dstore: { port: 4010, portVariable: 'MOCK_DSTORE_PORT' },
      ovopark: { port: 4012, portVariable: 'MOCK_OVOPARK_PORT' },
      wechat: { port: 4011, portVariable: 'MOCK_WECHAT_PORT' },
    });
  });

  it('loads a provider module by its folder name, and none for a provider without one', async () => {
    expect(typeof (await mockProvider('ovopark')).startMock).toBe('function');
    expect(typeof (await mockProvider('wechat')).startMock).toBe('function');
    expect(await mockProvider('nowhere')).toEqual({});
    await expect(mockProvider('../x')).rejects.toThrow(/not a provider id/);
  });

  it('refuses a provider that has no contract, naming the ones it has', async () => {
    await expect(startMocks({ only: ['nowhere'] })).rejects.toThrow(/no contract for nowhere: .*dstore/);
  });
});
