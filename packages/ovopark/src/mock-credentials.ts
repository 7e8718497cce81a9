/**
 * The credentials the local mock (`pnpm mock`, packages/mock-server) accepts, and that apps use
 * when no live gateway is configured: one source for both sides. Not secrets — they open nothing
 * but the mock.
 */
export const MOCK_CREDENTIALS = {
  /** `_akey` the mock knows (anything else is `2 KEY_UNLAWFUL`). */
  akey: 'demo_akey',
  /** `_aid` that belongs to that akey (anything else is `12 APPLICATIONID_NOTSAME`). */
  aid: 'S107',
  /** The signing secret (`_asid`) the mock verifies `_sig` with. */
  secret: 'mock-ovopark-secret',
  /** mobileLogin `userName` (anything else is `103094`). */
  account: 'demo',
  /** mobileLogin password, as typed (the mock accepts it plain or as its lowercase MD5; else `103095`). */
  password: 'mock-password',
  /** The `enterpriseId` the mock's login answers. */
  enterpriseId: 1689,
} as const;
