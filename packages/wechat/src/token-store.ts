/**
 * WeChat's side of the kernel's token store (@orderkit/core): WeChat invalidates the previous
 * token whenever a new one is fetched with /cgi-bin/token, so every client that shares an AppID
 * must share one store. A WeChat token's scope is the service at one base URL, one AppID and one
 * token call; a stable token never stands in for a /cgi-bin/token one (WeChat keeps the two apart).
 */
import {
  tokenScope as kernelTokenScope,
  tokenScopeProblem as kernelScopeProblem,
  type TokenScope,
} from '@orderkit/core';

export {
  InMemoryTokenStore,
  normaliseBaseUrl,
  tokenScopeKey,
  type CachedToken,
  type TokenScope,
  type TokenStore,
} from '@orderkit/core';

/** The provider id WeChat's tokens are stored under. */
export const WECHAT_PROVIDER = 'wechat';

/** `'token'`: GET /cgi-bin/token. `'stable_token'`: POST /cgi-bin/stable_token. */
export type TokenMode = 'token' | 'stable_token';

const TOKEN_MODES: ReadonlySet<string> = new Set<TokenMode>(['token', 'stable_token']);

/**
 * The scope of the tokens a client with these options uses (the kernel's scope, provider
 * `wechat`, the AppID as account id). Throws a TypeError for a base URL that is not an absolute
 * http(s) URL.
 */
export function tokenScope(baseUrl: string, appId: string, tokenMode: TokenMode): TokenScope {
  return kernelTokenScope(
    { provider: WECHAT_PROVIDER, baseUrl, accountId: appId, tokenMode },
    'https://api.weixin.qq.com',
  );
}

/** Why `scope` is not one WeChat's `tokenScope` builds, or `undefined` if it is. */
export function tokenScopeProblem(scope: TokenScope): string | undefined {
  const problem = kernelScopeProblem(scope);
  if (problem) return problem;
  if (scope.provider !== WECHAT_PROVIDER) return `provider must be '${WECHAT_PROVIDER}'`;
  if (!TOKEN_MODES.has(scope.tokenMode)) return "tokenMode must be 'token' or 'stable_token'";
  return undefined;
}
