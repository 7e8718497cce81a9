/**
 * What the app passes to openStore, for the tests: the provider ids audit entries may name and
 * the D-Store order rules (from @orderkit/dstore, which reads them from the spec).
 */
import { orderRules } from '@orderkit/dstore';

export const PROVIDERS = ['dstore', 'wechat', 'ovopark'] as const;

export const storeOptions = { providers: PROVIDERS, orderRules };
