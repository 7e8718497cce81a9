// GENERATED FILE — do not edit by hand.
// Source: specs/wechat/openapi.yaml ("WeChat service market — getOrder", version 1.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

export interface paths {
    "/wxa/charge/service-provider/order/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query the details of a purchase order
         * @description After buying goods in the service market, a service provider queries the purchase order with
         *     this call. `access_token` goes in the URL query; there is no body.
         *
         *     Errors of this API: `10120002` parameter error, `10120405` method not available. Like every
         *     WeChat call it can also answer the platform's common codes — among them `-1` (busy, retry
         *     later), `40001`/`40014` (token invalid or not the latest), `42001` (token expired), `41001`
         *     (token missing), `40013` (invalid appid), `45009`/`45011` (daily quota, per-minute limit),
         *     `48001` (API unauthorized) and `61004` (IP not registered). The set is open (see `ErrCode`):
         *     a code not listed in `KnownErrCode` is still a valid answer. On `40001`, `40014` or `42001`
         *     fetch a new token and repeat the call.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Obtain an access_token
         * @description Returns a token valid for `expires_in` seconds (up to 7200). Every call issues a new token and
         *     **invalidates the previous one** (after about 5 minutes), so callers must share one token and
         *     refresh it from one place.
         *
         *     Besides the common codes it answers `40164` (this server's IP is not on the account's API IP
         *     whitelist; `61004` is documented for the same case), `40243` (the AppSecret is frozen), and
         *     `40001` or `40125` for a wrong AppSecret. Tokens from this call and from
         *     `getStableAccessToken` are separate: neither call invalidates the other's token. A missing
         *     parameter is answered in band too (from the global return-code page): `40002` invalid
         *     `grant_type`, `41002` no `appid`, `41004` no `secret`.
         */
        get: operations["getAccessToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cgi-bin/stable_token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain a stable access_token
         * @description The stable variant: in normal mode (`force_refresh: false`) it returns the current token while
         *     it is valid and does **not** invalidate tokens obtained by other callers. `force_refresh: true`
         *     forces a new token and invalidates the previous stable token.
         *
         *     Limits: 10,000 calls a minute and 500,000 a day; `force_refresh: true` at most 20 times a day
         *     and at least 30 seconds apart. Stable tokens are isolated from `/cgi-bin/token` tokens: neither
         *     call invalidates the other's. In normal mode WeChat renews the token 5 minutes before it
         *     expires, so `expires_in` may be less than 7200. Errors as for `getAccessToken`; a body that is
         *     not JSON is `47001` (data format error, global return-code page).
         */
        post: operations["getStableAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Service-market order id.
         * @example DD2981741311549200000
         */
        OrderId: string;
        /**
         * @description Order status. There is no 4 and no 8.
         * @enum {integer}
         */
        OrderStatus: 1 | 2 | 3 | 5 | 6 | 7 | 9;
        /**
         * @description Unix timestamp in **milliseconds**.
         * @example 1700000000000
         */
        EpochMillis: number;
        /**
         * @description A 64-bit integer carried as a decimal string (JavaScript numbers lose precision past 2^53).
         * @example 9900
         */
        Int64String: string;
        /**
         * @description Unix timestamp in **seconds**.
         * @example 1700000000
         */
        EpochSeconds: number;
        /** @description Payment data. */
        PayInfo: {
            /** @description When the payment order was placed, Unix **seconds**. */
            applyPayTime: components["schemas"]["EpochSeconds"];
            /** @description When the payment completed, Unix **seconds**. Absent unless paid. */
            finishPayTime?: components["schemas"]["EpochSeconds"];
        };
        /** @description The wholesale goods bought. */
        OrderProductInfo: {
            /** @description SPU id of the wholesale goods. */
            spSpuId?: string;
            /** @description SKU id of the wholesale goods. */
            spSkuId?: string;
            /** @description Business id of the wholesale goods. */
            spBizId?: number;
            /** @description Product SPU name. */
            spuName?: string;
            /** @description Product SKU name. */
            skuName?: string;
            /** @description Number of SKUs bought. */
            skuCnt?: number;
            /** @description Start of the resource pack's validity, Unix **seconds**. */
            validityBeginTime?: components["schemas"]["EpochSeconds"];
            /** @description End of the resource pack's validity, Unix **seconds**. */
            validityEndTime?: components["schemas"]["EpochSeconds"];
        };
        /**
         * @description Invoice request status. The source page gives the same word ("billed") for 1 and 2; both values
         *     are kept and described as the page does.
         * @enum {integer}
         */
        InvoiceStatus: 1 | 2 | 3 | 4;
        /** @description Invoice data; absent unless an invoice was requested. */
        InvoiceInfo: {
            /** @description When the invoice was requested, Unix **seconds**. */
            invoiceApplyTime?: components["schemas"]["EpochSeconds"];
            invoiceStatus?: components["schemas"]["InvoiceStatus"];
        };
        /** @description Use of the bought resource pack; absent unless paid. */
        Usage: {
            /** @description Amount used (64-bit integer as a string). */
            used?: components["schemas"]["Int64String"];
            /** @description Total amount (64-bit integer as a string). */
            all?: components["schemas"]["Int64String"];
        };
        /**
         * @description A purchase order. The page marks `payInfo.finishPayTime`, `invoiceInfo` and `usage` as absent in
         *     some states; the other fields are always present.
         */
        Order: {
            orderId: components["schemas"]["OrderId"];
            status: components["schemas"]["OrderStatus"];
            /** @description When the order was created, Unix **milliseconds**. */
            createTime: components["schemas"]["EpochMillis"];
            /** @description When the order was last updated, Unix **milliseconds**. */
            updateTime: components["schemas"]["EpochMillis"];
            /** @description Order price in **cents** (64-bit integer as a string). */
            orderPrice: components["schemas"]["Int64String"];
            payInfo: components["schemas"]["PayInfo"];
            orderProductInfo: components["schemas"]["OrderProductInfo"];
            invoiceInfo?: components["schemas"]["InvoiceInfo"];
            usage?: components["schemas"]["Usage"];
        };
        /** @description The order was found (`errcode` 0). */
        GetOrderSuccess: {
            /**
             * @description 0 on success.
             * @constant
             */
            errcode: 0;
            /** @description `ok` on success. */
            errmsg?: string;
            order: components["schemas"]["Order"];
        };
        /**
         * @description The error codes this contract knows by name: the platform's common codes that any call can
         *     answer, the token calls' own codes, and getOrder's two. WeChat's code set is **open** — see
         *     `ErrCode` — so this list documents codes; it does not limit what an answer may carry.
         * @enum {integer}
         */
        KnownErrCode: -1 | 40001 | 40013 | 40014 | 40125 | 40164 | 40243 | 41001 | 42001 | 45009 | 45011 | 48001 | 61004 | 10120002 | 10120405;
        /**
         * @description A WeChat error code. The set is **open**: any call can answer any of the platform's common
         *     codes, and WeChat adds codes without notice, so every integer is a valid `errcode` of an error
         *     answer (`WeChatError` excludes 0, which is success). The codes known by name and meaning are
         *     listed in `KnownErrCode`; an unknown one is still a definite failure reported by WeChat, not a
         *     broken answer.
         * @example 45009
         */
        ErrCode: components["schemas"]["KnownErrCode"] | number;
        /** @description An in-band error (HTTP 200, `errcode` ≠ 0). */
        WeChatError: {
            errcode: components["schemas"]["ErrCode"];
            /**
             * @description Error message, for people. WeChat usually appends a `rid:` request id (quote it when asking
             *     WeChat support); never parse it.
             */
            errmsg: string;
        };
        /** @description The order, or an in-band error. */
        GetOrderResponse: components["schemas"]["GetOrderSuccess"] | components["schemas"]["WeChatError"];
        /** @description An empty body, as WeChat sends on some failures (`text/html; charset=gbk`). */
        EmptyBody: string;
        /**
         * @description The account's AppID.
         * @example wx0123456789abcdef
         */
        AppId: string;
        /**
         * @description The account's AppSecret (a credential).
         * @example 0123456789abcdef0123456789abcdef
         */
        AppSecret: string;
        /** @description A new (or, for the stable variant, the current) access_token. */
        AccessTokenSuccess: {
            /**
             * @description The credential; never log it. WeChat asks to reserve **at least** 512 characters for it and
             *     names no maximum, so no upper bound is set here.
             */
            access_token: string;
            /** @description Validity in **seconds** (at most 7200). */
            expires_in: number;
        };
        /** @description A token, or an in-band error. */
        AccessTokenResponse: components["schemas"]["AccessTokenSuccess"] | components["schemas"]["WeChatError"];
        /** @description Request body of `getStableAccessToken`. */
        StableTokenRequest: {
            /**
             * @description Always `client_credential`.
             * @constant
             */
            grant_type: "client_credential";
            appid: components["schemas"]["AppId"];
            secret: components["schemas"]["AppSecret"];
            /**
             * @description `true` forces a new token and invalidates the previous stable token. WeChat allows it at
             *     most 20 times a day, at least 30 seconds apart: use it only when WeChat refused the current
             *     token.
             * @default false
             */
            force_refresh?: boolean;
        };
    };
    responses: {
        /**
         * @description The order or an in-band error (always HTTP 200). `errcode` is an open set: a code this contract
         *     does not know is still a valid error answer. JSON may be labelled `text/plain`; some failures
         *     send an empty `text/html` body (seen on the token call; for getOrder it is carried over, not
         *     observed).
         */
        GetOrder: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GetOrderResponse"];
                "text/plain": components["schemas"]["GetOrderResponse"];
                "text/html": components["schemas"]["EmptyBody"];
            };
        };
        /**
         * @description A token or an in-band error (always HTTP 200). `errcode` is an open set: a code this contract
         *     does not know is still a valid error answer. JSON may be labelled `text/plain`; a bad AppID or
         *     AppSecret has been answered with an empty `text/html` body.
         */
        AccessToken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AccessTokenResponse"];
                "text/plain": components["schemas"]["AccessTokenResponse"];
                "text/html": components["schemas"]["EmptyBody"];
            };
        };
    };
    parameters: {
        /**
         * @description The service-market order id, e.g. `DD2981741311549200000`.
         * @example DD2981741311549200000
         */
        OrderId: components["schemas"]["OrderId"];
        /**
         * @description Always `client_credential`.
         * @example client_credential
         */
        GrantType: "client_credential";
        /**
         * @description The account's AppID.
         * @example wx0123456789abcdef
         */
        AppId: components["schemas"]["AppId"];
        /**
         * @description The account's AppSecret. A credential; never log it.
         * @example 0123456789abcdef0123456789abcdef
         */
        AppSecret: components["schemas"]["AppSecret"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type SchemaOrderId = components['schemas']['OrderId'];
export type SchemaOrderStatus = components['schemas']['OrderStatus'];
export type SchemaEpochMillis = components['schemas']['EpochMillis'];
export type SchemaInt64String = components['schemas']['Int64String'];
export type SchemaEpochSeconds = components['schemas']['EpochSeconds'];
export type SchemaPayInfo = components['schemas']['PayInfo'];
export type SchemaOrderProductInfo = components['schemas']['OrderProductInfo'];
export type SchemaInvoiceStatus = components['schemas']['InvoiceStatus'];
export type SchemaInvoiceInfo = components['schemas']['InvoiceInfo'];
export type SchemaUsage = components['schemas']['Usage'];
export type SchemaOrder = components['schemas']['Order'];
export type SchemaGetOrderSuccess = components['schemas']['GetOrderSuccess'];
export type SchemaKnownErrCode = components['schemas']['KnownErrCode'];
export type SchemaErrCode = components['schemas']['ErrCode'];
export type SchemaWeChatError = components['schemas']['WeChatError'];
export type SchemaGetOrderResponse = components['schemas']['GetOrderResponse'];
export type SchemaEmptyBody = components['schemas']['EmptyBody'];
export type SchemaAppId = components['schemas']['AppId'];
export type SchemaAppSecret = components['schemas']['AppSecret'];
export type SchemaAccessTokenSuccess = components['schemas']['AccessTokenSuccess'];
export type SchemaAccessTokenResponse = components['schemas']['AccessTokenResponse'];
export type SchemaStableTokenRequest = components['schemas']['StableTokenRequest'];
export type ResponseGetOrder = components['responses']['GetOrder'];
export type ResponseAccessToken = components['responses']['AccessToken'];
export type ParameterOrderId = components['parameters']['OrderId'];
export type ParameterGrantType = components['parameters']['GrantType'];
export type ParameterAppId = components['parameters']['AppId'];
export type ParameterAppSecret = components['parameters']['AppSecret'];
export type $defs = Record<string, never>;
export interface operations {
    getOrder: {
        parameters: {
            query: {
                /**
                 * @description The service-market order id, e.g. `DD2981741311549200000`.
                 * @example DD2981741311549200000
                 */
                orderId: components["parameters"]["OrderId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["GetOrder"];
        };
    };
    getAccessToken: {
        parameters: {
            query: {
                /**
                 * @description Always `client_credential`.
                 * @example client_credential
                 */
                grant_type: components["parameters"]["GrantType"];
                /**
                 * @description The account's AppID.
                 * @example wx0123456789abcdef
                 */
                appid: components["parameters"]["AppId"];
                /**
                 * @description The account's AppSecret. A credential; never log it.
                 * @example 0123456789abcdef0123456789abcdef
                 */
                secret: components["parameters"]["AppSecret"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AccessToken"];
        };
    };
    getStableAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StableTokenRequest"];
            };
        };
        responses: {
            200: components["responses"]["AccessToken"];
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const orderStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OrderStatus"]> = [1, 2, 3, 5, 6, 7, 9];
export const invoiceStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["InvoiceStatus"]> = [1, 2, 3, 4];
export const knownErrCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["KnownErrCode"]> = [-1, 40001, 40013, 40014, 40125, 40164, 40243, 41001, 42001, 45009, 45011, 48001, 61004, 10120002, 10120405];
