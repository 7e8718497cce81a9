import { describe, expect, it } from 'vitest';
import * as dev from '../src/dev-keys.js';
import { loadPrivateKey, loadPublicKey, signatureHeader, verifyContent } from '../src/index.js';

const parts = { clientId: 'c', time: '2024-01-01T00:00:00Z', body: '{"requestOrderId":"x"}' };

describe('the published development keys', () => {
  it('are two 2048-bit RSA pairs whose halves match, and the two pairs differ', () => {
    const pairs = [
      [dev.dstorePrivateKey, dev.dstorePublicKey],
      [dev.posPrivateKey, dev.posPublicKey],
    ] as const;
    for (const [privatePem, publicPem] of pairs) {
      const privateKey = loadPrivateKey(privatePem);
      const publicKey = loadPublicKey(publicPem);
      expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      const header = signatureHeader(parts, privateKey);
      expect(verifyContent(parts, header, publicKey)).toBe(true);
    }
    const crossed = signatureHeader(parts, loadPrivateKey(dev.dstorePrivateKey));
    expect(verifyContent(parts, crossed, loadPublicKey(dev.posPublicKey))).toBe(false);
  });

  it('are not part of the main export (a subpath of their own)', async () => {
    const main = (await import('../src/index.js')) as Record<string, unknown>;
    expect(Object.keys(main)).not.toContain('developmentKeys');
    expect(dev.developmentKeys.posPublicKey).toBe(dev.posPublicKey);
  });
});
