// GENERATED FILE — do not edit by hand.
// Source: specs/dstore/openapi.yaml ("D-Store POS provider API — inquireOrderDetail", version 2.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

export interface paths {
    "/v2/pos/inquireOrderDetail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Inquire the details of an order
         * @description Called by D-Store when the expected order notification was lost or delayed. The POS provider
         *     answers with its own order id and the latest order status.
         *
         *     How to return the result:
         *     - inquiry succeeds: `resultStatus` `S`, `resultCode` `SUCCESS`;
         *     - inquiry fails: `resultStatus` `F` and the `resultCode` of the failure reason (not retried);
         *     - system or network issue: `resultStatus` `U`, `resultCode` `UNKNOWN_EXCEPTION` (D-Store retries).
         *
         *     Every outcome, failures included, is an HTTP 200 with a signed body.
         */
        post: operations["inquireOrderDetail"];
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
         * @description Outcome class of the call.
         * @enum {string}
         */
        ResultStatus: "S" | "F" | "U";
        /**
         * @description Result code; each code belongs to exactly one `resultStatus`.
         * @enum {string}
         */
        ResultCode: "SUCCESS" | "PROCESS_FAIL" | "PARAM_ILLEGAL" | "INVALID_API" | "INVALID_SIGNATURE" | "ACCESS_DENIED" | "REQUEST_TRAFFIC_EXCEED_LIMIT" | "UNKNOWN_EXCEPTION";
        /**
         * @description Client id agreed between D-Store and the POS provider.
         * @example 375Y93*******P00050
         */
        ClientId: string;
        /**
         * Format: date-time
         * @description ISO 8601 date-time with a UTC offset (or `Z`), e.g. `2023-08-28T22:16:07+08:00`: the form the
         *     Alipay+ API overview documents for `Request-Time` and `Response-Time`, and the only form this
         *     contract **sends** (`Response-Time` of the POS endpoint; `Request-Time` of our D-Store client).
         * @example 2023-08-28T22:16:07+08:00
         */
        MessageTime: string;
        /**
         * @description Milliseconds since 1970-01-01T00:00:00Z as decimal digits, e.g. `1693232167000`. Not in the
         *     Alipay+ pages; it is what the Java SDK sends as `Request-Time`. Accepted, never sent.
         * @example 1693232167000
         */
        EpochMillisTime: string;
        /**
         * @description A `Request-Time` the POS endpoint **accepts**: ISO 8601 with an offset or `Z` (the Alipay+ docs;
         *     alipay/global-open-sdk-python sends UTC ISO such as `2023-08-28T14:16:07+00:00`) or epoch
         *     milliseconds (alipay/global-open-sdk-java). The signature covers the header's raw string in either
         *     form; the ±5-minute window applies to both.
         * @example 2023-08-28T22:16:07+08:00
         * @example 1693232167000
         */
        AcceptedMessageTime: components["schemas"]["MessageTime"] | components["schemas"]["EpochMillisTime"];
        /**
         * @description A Signature header the POS endpoint **accepts**: comma-separated `key=value` fields, each split
         *     on its first `=`, spaces around keys and values ignored — so both the compact form the SDKs send
         *     and the spaced form of the Alipay+ API overview (`algorithm=RSA256, keyVersion=0, signature=…`)
         *     are accepted. Fields: `algorithm` (required, `RSA256`, case-insensitive), `keyVersion`
         *     (optional: without it the signer's latest key), `signature` (required; the base64 signature,
         *     URL-encoded or plain). Each field at most once, no other field.
         * @example algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         * @example algorithm=RSA256, keyVersion=0, signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         * @example algorithm=rsa256,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         */
        AcceptedSignatureHeader: string;
        /**
         * @description The unique id D-Store assigned to the order. Maximum length 255 characters.
         * @example pds_2109xxxxxxxxxxxx_2022xxxxxxxxxxxxxxx_1
         */
        RequestOrderId: string;
        /**
         * @description The inquiry D-Store sends. Unknown properties are tolerated (a tolerant reader keeps working if
         *     D-Store adds a field); `requestOrderId` is the only one the contract defines.
         */
        InquireOrderDetailRequest: {
            requestOrderId: components["schemas"]["RequestOrderId"];
        };
        /**
         * @description The Signature header as this contract **sends** it (the POS endpoint's answers, our D-Store
         *     client's requests): the compact form `algorithm=RSA256,keyVersion=<n>,signature=<URL-encoded
         *     base64 RSA-SHA256 signature>`, exactly as both Alipay SDKs build it — their response readers
         *     split on `,` and on `signature=` without trimming, so no spaces.
         * @example algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         */
        SignatureHeader: string;
        /**
         * @description Human-readable result message; for `PARAM_ILLEGAL` it says which parameter is wrong.
         * @example success
         */
        ResultMessage: string;
        /**
         * @description The result of a successful inquiry. `resultStatus` and `resultCode` are inline one-value string
         *     enums (no `allOf` beside them, no `const`) so that every generator keeps them as the
         *     discriminant.
         */
        SuccessResult: {
            /**
             * @description `S`: success.
             * @enum {string}
             */
            resultStatus: "S";
            /**
             * @description `SUCCESS`: the order was found.
             * @enum {string}
             */
            resultCode: "SUCCESS";
            resultMessage?: components["schemas"]["ResultMessage"];
        };
        /**
         * @description The unique id the POS provider assigned to the order. Maximum length 255 characters.
         * @example 2023063000010002
         */
        PosOrderId: string;
        /**
         * @description The latest status of the order in its journey. `ORDER_SUCCESS` to `COMPLETED` are the success
         *     group; `CANCELLED`, `REJECTED` and `ORDER_FAIL` the issue group.
         * @enum {string}
         */
        OrderStatus: "ORDER_SUCCESS" | "ACCEPTED" | "PREPARING" | "READY" | "COMPLETED" | "CANCELLED" | "REJECTED" | "ORDER_FAIL";
        /**
         * @description Extended attributes with additional information, if necessary. At most 2048 characters when
         *     serialized as JSON (`x-maxSerializedLength`; JSON Schema cannot express it, the endpoint checks it).
         * @example {
         *       "tableNo": "A12"
         *     }
         */
        ExtendInfo: {
            [key: string]: unknown;
        };
        /** @description The order was found. */
        InquireOrderDetailSuccess: {
            result: components["schemas"]["SuccessResult"];
            posOrderId: components["schemas"]["PosOrderId"];
            orderStatus: components["schemas"]["OrderStatus"];
            extendInfo?: components["schemas"]["ExtendInfo"];
        };
        /**
         * @description The result of a failed inquiry (`F`); D-Store does not retry it. `resultStatus` and `resultCode`
         *     are inline string enums (no `allOf` beside them, no `const`) so that every generator keeps the
         *     discriminant and the six failure codes.
         */
        FailureResult: {
            /**
             * @description `F`: failure; D-Store must not retry.
             * @enum {string}
             */
            resultStatus: "F";
            /**
             * @description Why the inquiry failed.
             * @enum {string}
             */
            resultCode: "PROCESS_FAIL" | "PARAM_ILLEGAL" | "INVALID_API" | "INVALID_SIGNATURE" | "ACCESS_DENIED" | "REQUEST_TRAFFIC_EXCEED_LIMIT";
            resultMessage?: components["schemas"]["ResultMessage"];
        };
        /**
         * @description The result of an inquiry whose outcome is unknown (`U`, system or network issue); D-Store
         *     retries. Inline one-value string enums, as in `SuccessResult`.
         */
        UnknownResult: {
            /**
             * @description `U`: unknown (system or network issue); D-Store retries.
             * @enum {string}
             */
            resultStatus: "U";
            /**
             * @description `UNKNOWN_EXCEPTION`: the call failed for an unknown reason.
             * @enum {string}
             */
            resultCode: "UNKNOWN_EXCEPTION";
            resultMessage?: components["schemas"]["ResultMessage"];
        };
        /** @description The inquiry failed (`F`) or its outcome is unknown (`U`). */
        InquireOrderDetailFailure: {
            result: components["schemas"]["FailureResult"] | components["schemas"]["UnknownResult"];
        };
        /**
         * @description The POS provider's answer. On success (`S`) it carries `posOrderId` and `orderStatus` (required
         *     by the provider document); a failure (`F`) or unknown outcome (`U`) carries only `result`, since
         *     there is no order to describe (a reading of the document, which lists the fields for the success
         *     case only).
         */
        InquireOrderDetailResponse: components["schemas"]["InquireOrderDetailSuccess"] | components["schemas"]["InquireOrderDetailFailure"];
    };
    responses: {
        /** @description The inquiry outcome, signed. Failures are in-band: HTTP 200 with `result.resultStatus` `F` or `U`. */
        InquireOrderDetail: {
            headers: {
                "Client-Id": components["headers"]["ClientId"];
                "Response-Time": components["headers"]["ResponseTime"];
                Signature: components["headers"]["Signature"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["InquireOrderDetailResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The client id that D-Store and the POS provider agreed on; part of the signed content.
         * @example 375Y93*******P00050
         */
        ClientId: components["schemas"]["ClientId"];
        /**
         * @description When the request was sent; part of the signed content, verbatim. Accepted: ISO 8601 with an
         *     offset or `Z` (documented; the Python SDK sends UTC) or epoch milliseconds (the Java SDK). Header
         *     names are case-insensitive.
         * @example 2023-08-28T22:16:07+08:00
         */
        RequestTime: components["schemas"]["AcceptedMessageTime"];
        /**
         * @description D-Store's RSA256 signature of the request (see the `dstoreSignature` security scheme), parsed
         *     leniently: spaces after commas, optional `keyVersion`, case-insensitive algorithm.
         * @example algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         */
        Signature: components["schemas"]["AcceptedSignatureHeader"];
    };
    requestBodies: never;
    headers: {
        /**
         * @description The same client id as in the request.
         * @example 375Y93*******P00050
         */
        ClientId: components["schemas"]["ClientId"];
        /**
         * @description When the response was sent, ISO 8601 with a UTC offset; part of the signed content. Sent under the
         *     lower-case name `response-time` (header names are case-insensitive; alipay/global-open-sdk-python
         *     looks it up by the exact lower-case name).
         * @example 2023-08-28T22:16:08+08:00
         */
        ResponseTime: components["schemas"]["MessageTime"];
        /**
         * @description The POS provider's RSA256 signature of the response:
         *     `POST <path of the request>\n<Client-Id>.<Response-Time>.<exact response body bytes>`,
         *     signed with the POS provider's private key; D-Store verifies it with the POS provider's public key.
         *     Sent in the compact form under the lower-case name `signature` (alipay/global-open-sdk-python reads
         *     `signature`, `response-time` and `client-id` by exact lower-case name).
         * @example algorithm=RSA256,keyVersion=1,signature=Ym9keVNpZ25hdHVyZUV4YW1wbGVWYWx1ZQ%3D%3D
         */
        Signature: components["schemas"]["SignatureHeader"];
    };
    pathItems: never;
}
export type SchemaResultStatus = components['schemas']['ResultStatus'];
export type SchemaResultCode = components['schemas']['ResultCode'];
export type SchemaClientId = components['schemas']['ClientId'];
export type SchemaMessageTime = components['schemas']['MessageTime'];
export type SchemaEpochMillisTime = components['schemas']['EpochMillisTime'];
export type SchemaAcceptedMessageTime = components['schemas']['AcceptedMessageTime'];
export type SchemaAcceptedSignatureHeader = components['schemas']['AcceptedSignatureHeader'];
export type SchemaRequestOrderId = components['schemas']['RequestOrderId'];
export type SchemaInquireOrderDetailRequest = components['schemas']['InquireOrderDetailRequest'];
export type SchemaSignatureHeader = components['schemas']['SignatureHeader'];
export type SchemaResultMessage = components['schemas']['ResultMessage'];
export type SchemaSuccessResult = components['schemas']['SuccessResult'];
export type SchemaPosOrderId = components['schemas']['PosOrderId'];
export type SchemaOrderStatus = components['schemas']['OrderStatus'];
export type SchemaExtendInfo = components['schemas']['ExtendInfo'];
export type SchemaInquireOrderDetailSuccess = components['schemas']['InquireOrderDetailSuccess'];
export type SchemaFailureResult = components['schemas']['FailureResult'];
export type SchemaUnknownResult = components['schemas']['UnknownResult'];
export type SchemaInquireOrderDetailFailure = components['schemas']['InquireOrderDetailFailure'];
export type SchemaInquireOrderDetailResponse = components['schemas']['InquireOrderDetailResponse'];
export type ResponseInquireOrderDetail = components['responses']['InquireOrderDetail'];
export type ParameterClientId = components['parameters']['ClientId'];
export type ParameterRequestTime = components['parameters']['RequestTime'];
export type ParameterSignature = components['parameters']['Signature'];
export type HeaderClientId = components['headers']['ClientId'];
export type HeaderResponseTime = components['headers']['ResponseTime'];
export type HeaderSignature = components['headers']['Signature'];
export type $defs = Record<string, never>;
export interface operations {
    inquireOrderDetail: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The client id that D-Store and the POS provider agreed on; part of the signed content.
                 * @example 375Y93*******P00050
                 */
                "Client-Id": components["parameters"]["ClientId"];
                /**
                 * @description When the request was sent; part of the signed content, verbatim. Accepted: ISO 8601 with an
                 *     offset or `Z` (documented; the Python SDK sends UTC) or epoch milliseconds (the Java SDK). Header
                 *     names are case-insensitive.
                 * @example 2023-08-28T22:16:07+08:00
                 */
                "Request-Time": components["parameters"]["RequestTime"];
                /**
                 * @description D-Store's RSA256 signature of the request (see the `dstoreSignature` security scheme), parsed
                 *     leniently: spaces after commas, optional `keyVersion`, case-insensitive algorithm.
                 * @example algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
                 */
                Signature: components["parameters"]["Signature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InquireOrderDetailRequest"];
            };
        };
        responses: {
            200: components["responses"]["InquireOrderDetail"];
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
export const resultStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ResultStatus"]> = ["S", "F", "U"];
export const resultCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ResultCode"]> = ["SUCCESS", "PROCESS_FAIL", "PARAM_ILLEGAL", "INVALID_API", "INVALID_SIGNATURE", "ACCESS_DENIED", "REQUEST_TRAFFIC_EXCEED_LIMIT", "UNKNOWN_EXCEPTION"];
export const successResultResultStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SuccessResult"]["resultStatus"]> = ["S"];
export const successResultResultCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SuccessResult"]["resultCode"]> = ["SUCCESS"];
export const orderStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OrderStatus"]> = ["ORDER_SUCCESS", "ACCEPTED", "PREPARING", "READY", "COMPLETED", "CANCELLED", "REJECTED", "ORDER_FAIL"];
export const failureResultResultStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["FailureResult"]["resultStatus"]> = ["F"];
export const failureResultResultCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["FailureResult"]["resultCode"]> = ["PROCESS_FAIL", "PARAM_ILLEGAL", "INVALID_API", "INVALID_SIGNATURE", "ACCESS_DENIED", "REQUEST_TRAFFIC_EXCEED_LIMIT"];
export const unknownResultResultStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["UnknownResult"]["resultStatus"]> = ["U"];
export const unknownResultResultCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["UnknownResult"]["resultCode"]> = ["UNKNOWN_EXCEPTION"];
