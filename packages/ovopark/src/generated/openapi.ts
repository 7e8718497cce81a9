// GENERATED FILE — do not edit by hand.
// Source: specs/ovopark/openapi.yaml ("Ovopark open platform — POS orders (open.ovopark.pos.searchPos)", version 1.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

export interface paths {
    "/cloud.api#open.ovopark.pos.searchPos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Query POS orders (查询POS订单)
         * @description Method `open.ovopark.pos.searchPos`, version `v1`, sent as `POST /cloud.api` with `_mt` in the form
         *     body. Needs the login token from `mobileLogin` in the `authenticator` header, and a signed body.
         *     A missing or stale token is answered `9990001 TOKEN_NOT_EXIST`: log in again and repeat the call.
         *
         *     Limits (from the business codes): a time range of at most one hour (`208016`), at most 100 per
         *     page (`208015`), at most 300 calls (`208017`). The business parameter names are inferred.
         */
        post: operations["searchPos"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cloud.api#open.shopweb.security.mobileLogin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in and obtain the authenticator token
         * @description Method `open.shopweb.security.mobileLogin`, version `v1`, sent as `POST /cloud.api` with `_mt` in
         *     the form body. `userName` and `password` of the user's Ovopark login; the answer's `data` carries
         *     the `token` that `searchPos` sends as its `authenticator` header, and the user's `enterpriseId`.
         *     Signed like every gateway call; needs no token. A wrong user name is answered `103094`, a wrong
         *     password `103095`.
         */
        post: operations["mobileLogin"];
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
         * @description The gateway's public (system) parameters, sent in the form body of every call. `_mt` is fixed by
         *     each operation.
         */
        SystemParams: {
            /**
             * @description Application id. `S107`, the open platform's system number, on the older platform (`m.api`,
             *     and what the pages say); applications registered on the `cloud.api` gateway have their own
             *     AppId such as `DC-00xxxx` (ovopark/dc-apigateway-sdk `README.md`). A value that does not
             *     belong to `_akey` is answered `12 APPLICATIONID_NOTSAME`.
             * @default S107
             * @example S107
             * @example DC-000392
             */
            _aid: string;
            /**
             * @description Developer key assigned by the open platform. The pages give a maximum length of 20; keys of
             *     newer applications are reported to be 32 hex characters, hence the wider limit.
             */
            _akey: string;
            /** @description Method name, e.g. `open.ovopark.pos.searchPos`. */
            _mt: string;
            /**
             * @description Signature method. The pages list `md5` and `sha1`, which is what this contract sends; the
             *     SDKs also know `sha256` and `rsa` (ovopark/openplatform-sdk `.net8/SignHelper.cs`).
             * @enum {string}
             */
            _sm: "md5" | "sha1";
            /**
             * @description Request mode; the documents' example sends `POST`.
             * @enum {string}
             */
            _requestMode: "post" | "get" | "POST" | "GET";
            /** @description Method version, e.g. `v1`. */
            _version: string;
            /** @description `yyyyMMddHHmmss` in the platform's time zone (Asia/Shanghai), regenerated for every call. */
            _timestamp: string;
            /**
             * @description Uppercase hex signature (see the API description). The page gives a maximum length of 32,
             *     which fits MD5; SHA-1 (`_sm=sha1`) gives 40 characters.
             */
            _sig: string;
            /**
             * @description Response format.
             * @enum {string}
             */
            _format?: "json" | "xml";
        };
        /**
         * @description **Inferred.** Business parameters of `open.ovopark.pos.searchPos`. The names follow sibling
         *     Ovopark APIs; the limits follow the business codes `206004` (department), `208006` (date
         *     format), `208016` (at most one hour), `208015` (at most 100 per page).
         *
         *     **Alternatives the evidence suggests:** the sibling POS method `open.ovopark.pos.reportSales`
         *     is called by integrators with `enterpriseId`, `orgId`, `stime` and `etime`
         *     (`yyyy-MM-dd HH:mm:ss`), and `open.shopweb` user methods take `stime`/`etime` too
         *     (erdengzhazha/open_ovopark_sdk `…/group/openplatform_base/ApiOpenplatformBase.java`); the
         *     passenger-flow method takes `depId`, `starttime`/`endtime`, `pageNumber`, `pageSize`
         *     (ovopark/dc-apigateway-sdk `README.md`). If the platform answers `208006` or ignores the range,
         *     try `stime`/`etime` here first.
         */
        SearchPosParams: {
            /** @description **Inferred.** Store (department) id. */
            depId: number;
            /** @description **Inferred.** Start of the range, `yyyy-MM-dd HH:mm:ss` (platform time zone). */
            startTime: string;
            /** @description **Inferred.** End of the range, `yyyy-MM-dd HH:mm:ss`; at most one hour after `startTime` (`208016`). */
            endTime: string;
            /**
             * @description **Inferred.** Page number, from 1.
             * @default 1
             */
            pageNumber?: number;
            /**
             * @description **Inferred.** Tickets per page, at most 100 (`208015`).
             * @default 100
             */
            pageSize?: number;
        };
        /** @description Form body of `open.ovopark.pos.searchPos`: the system parameters plus the (inferred) business parameters. */
        SearchPosForm: components["schemas"]["SystemParams"] & {
            /**
             * @description Always `open.ovopark.pos.searchPos`.
             * @constant
             */
            _mt?: "open.ovopark.pos.searchPos";
        } & components["schemas"]["SearchPosParams"];
        /**
         * @description Return code. A number on the wire (the SDKs read an `int`: ovopark/openplatform-sdk
         *     `.net8/SignHelper.cs`, ovopark/dc-apigateway-sdk `ResponseStat.java`, busyfree/ovopark `def.go`);
         *     the pages list a String, so a digit string is accepted too. Compare by value: `0` and `"0"` are
         *     the same code.
         *
         *     `0` is success; `1`–`17`, `-100`, `-500`, `-999` and `9990001` are gateway codes; six-digit codes
         *     are the methods' business codes (their placement in `stat.code` is what integrators observe, e.g.
         *     `103095 PASSWORD_ERROE` from mobileLogin). **The set is open**: the platform answers codes no
         *     page lists, and such an answer is still valid — a failure of the call, not a broken answer.
         *     Every code known to this contract has its meaning in `x-enumDescriptions` and its name, outcome,
         *     retryability and hint in `x-orderkit-codes` (see specs/README.md).
         * @example 0
         * @example 0
         * @example 9990001
         */
        StatCode: number | string;
        /** @description Gateway status of the call. */
        Stat: {
            /** @description Identifier of the HTTP request. */
            cid?: string;
            code: components["schemas"]["StatCode"];
            /** @description Name of the return code, e.g. `SUCCESS`, `SIGN_WRONG`. */
            codename?: string;
            /**
             * @description Server time of the call, epoch milliseconds. A number on the wire (the SDKs read a `long`:
             *     ovopark/openplatform-sdk `.net8/SignHelper.cs`, ovopark/dc-apigateway-sdk `ResponseStat.java`);
             *     the pages list a String, so a digit string is accepted too.
             */
            systime?: number | string;
        };
        /** @description The gateway's response envelope. */
        Envelope: {
            stat: components["schemas"]["Stat"];
            /** @description Prompt text returned by the method. */
            result?: string;
        };
        /** @description **Inferred.** A line item of a ticket. */
        PosTicketGoods: {
            /** @description **Inferred.** Goods code. */
            goodsCode?: string;
            /** @description **Inferred.** Goods name. */
            goodsName?: string;
            /** @description **Inferred.** Quantity. */
            quantity?: number;
            /** @description **Inferred.** Unit price, in yuan. */
            price?: number;
            /** @description **Inferred.** Line amount, in yuan. */
            amount?: number;
        };
        /** @description **Inferred.** A POS ticket, shaped after the ticket fields of `open.ovopark.pos.sendOrder`. */
        PosTicket: {
            /** @description **Inferred.** Ticket (receipt) number, unique within the store. */
            ticketId: string;
            /** @description **Inferred.** Store (department) id. */
            depId: number;
            /** @description **Inferred.** The merchant's own store code. */
            shopId?: string;
            /** @description **Inferred.** Till (POS machine) id. */
            machineId?: string;
            /** @description **Inferred.** Cashier id. */
            cashierId?: string;
            /** @description **Inferred.** Cashier name. */
            cashierName?: string;
            /** @description **Inferred.** Shop guide id. */
            guideId?: string;
            /** @description **Inferred.** Shop guide name. */
            guideName?: string;
            /** @description **Inferred.** When the ticket was rung up, `yyyy-MM-dd HH:mm:ss`. */
            ticketTime?: string;
            /** @description **Inferred.** Ticket total, in yuan. */
            totalAmount?: number;
            /** @description **Inferred.** Amount paid, in yuan. */
            payAmount?: number;
            /** @description **Inferred.** Discount, in yuan. */
            discountAmount?: number;
            /** @description **Inferred.** Line items. */
            goods?: components["schemas"]["PosTicketGoods"][];
        };
        /**
         * @description **Inferred.** One page of POS tickets.
         *
         *     **Alternatives the evidence suggests:** Ovopark list methods answer their list under
         *     `data.rows` (getDepartments) or `data.records` (paged lists); `data.list` is common too. A
         *     client reading this leniently looks for the tickets under such a field, and warns.
         */
        SearchPosData: {
            /** @description **Inferred.** Number of tickets in the whole range. */
            total: number;
            /** @description **Inferred.** This page's number. */
            pageNumber?: number;
            /** @description **Inferred.** Page size used. */
            pageSize?: number;
            /** @description **Inferred.** The tickets of this page. */
            content: components["schemas"]["PosTicket"][];
        };
        /** @description The envelope with the (inferred) searchPos `data`. */
        SearchPosResponse: components["schemas"]["Envelope"] & {
            /**
             * @description Business payload; present on success (shape inferred). `anyOf`, not `oneOf`: a reader
             *     that relaxes the inferred branch must still match `null` unambiguously.
             */
            data?: components["schemas"]["SearchPosData"] | null;
        };
        /**
         * @description Business parameters of `open.shopweb.security.mobileLogin`: the user name and password of the
         *     user's Ovopark login (ovopark/openplatform-sdk `.net8/SignHelper.cs`). The pages lost the names
         *     and say the password goes as lowercase 32-hex MD5; the SDK example sends it as typed. The gateway
         *     answers `103094` for an unknown user name and `103095` for a wrong password.
         */
        MobileLoginParams: {
            /** @description Login name (the pages' "account", at most 20 characters), e.g. a mobile number. */
            userName: string;
            /**
             * @description Password: lowercase 32-hex MD5 of the password as the pages say, or the password as typed as
             *     the SDK example sends it. Which one a given account expects is not documented.
             */
            password: string;
        };
        /** @description Form body of `open.shopweb.security.mobileLogin`: the system parameters plus the user name and password. */
        MobileLoginForm: components["schemas"]["SystemParams"] & {
            /**
             * @description Always `open.shopweb.security.mobileLogin`.
             * @constant
             */
            _mt?: "open.shopweb.security.mobileLogin";
        } & components["schemas"]["MobileLoginParams"];
        /**
         * @description Login result (ovopark/openplatform-sdk `.net8/SignHelper.cs` reads `token` and `enterpriseId`).
         *     Open: the platform may add fields.
         */
        MobileLoginData: {
            /** @description Session token, sent as the `authenticator` header of methods that act for the user. */
            token: string;
            /** @description The user's enterprise (a `long` in the SDK). */
            enterpriseId?: number | string;
        };
        /** @description The envelope with the login `data`. */
        MobileLoginResponse: components["schemas"]["Envelope"] & {
            /** @description Business payload; present on success. */
            data?: components["schemas"]["MobileLoginData"] | null;
        };
    };
    responses: {
        /** @description Tickets, or an in-band gateway/business error (always HTTP 200). */
        SearchPos: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SearchPosResponse"];
            };
        };
        /** @description The token, or an in-band gateway/business error (always HTTP 200). */
        MobileLogin: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MobileLoginResponse"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type SchemaSystemParams = components['schemas']['SystemParams'];
export type SchemaSearchPosParams = components['schemas']['SearchPosParams'];
export type SchemaSearchPosForm = components['schemas']['SearchPosForm'];
export type SchemaStatCode = components['schemas']['StatCode'];
export type SchemaStat = components['schemas']['Stat'];
export type SchemaEnvelope = components['schemas']['Envelope'];
export type SchemaPosTicketGoods = components['schemas']['PosTicketGoods'];
export type SchemaPosTicket = components['schemas']['PosTicket'];
export type SchemaSearchPosData = components['schemas']['SearchPosData'];
export type SchemaSearchPosResponse = components['schemas']['SearchPosResponse'];
export type SchemaMobileLoginParams = components['schemas']['MobileLoginParams'];
export type SchemaMobileLoginForm = components['schemas']['MobileLoginForm'];
export type SchemaMobileLoginData = components['schemas']['MobileLoginData'];
export type SchemaMobileLoginResponse = components['schemas']['MobileLoginResponse'];
export type ResponseSearchPos = components['responses']['SearchPos'];
export type ResponseMobileLogin = components['responses']['MobileLogin'];
export type $defs = Record<string, never>;
export interface operations {
    searchPos: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SearchPosForm"];
            };
        };
        responses: {
            200: components["responses"]["SearchPos"];
        };
    };
    mobileLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["MobileLoginForm"];
            };
        };
        responses: {
            200: components["responses"]["MobileLogin"];
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
export const systemParams_smValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SystemParams"]["_sm"]> = ["md5", "sha1"];
export const systemParams_requestModeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SystemParams"]["_requestMode"]> = ["post", "get", "POST", "GET"];
export const systemParams_formatValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SystemParams"]["_format"]> = ["json", "xml"];
