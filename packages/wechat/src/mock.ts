/** What the local mock (`pnpm mock`) accepts, read from the spec so that mock and clients agree. */
import spec from './generated/spec.js';

/**
 * The AppID and AppSecret the WeChat mock issues tokens to (the spec's
 * `x-orderkit-mock.credentials`): made up for local development, not secrets. Any other pair gets
 * the platform's answer (`40013` for another AppID, `40125` for another AppSecret).
 */
export const MOCK_CREDENTIALS: { readonly appId: string; readonly appSecret: string } = Object.freeze({
  appId: spec['x-orderkit-mock'].credentials.appid,
  appSecret: spec['x-orderkit-mock'].credentials.secret,
});
