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
         * @description Client id agreed between D-Store and the POS provider.
         * @example 375Y93*******P00050
         */
        ClientId: string;
        /**
         * Format: date-time
         * @description ISO 8601 date-time with a UTC offset, e.g. `2023-08-28T22:16:07+08:00`.
         * @example 2023-08-28T22:16:07+08:00
         */
        MessageTime: string;
        /**
         * @description `algorithm=RSA256,keyVersion=<n>,signature=<URL-encoded base64 RSA-SHA256 signature>`
         * @example algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         */
        SignatureHeader: string;
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
         * @description Human-readable result message; for `PARAM_ILLEGAL` it says which parameter is wrong.
         * @example success
         */
        ResultMessage: string;
        /** @description A successful inquiry. */
        SuccessResult: {
            /**
             * @description Always `S` for a success.
             * @constant
             */
            resultStatus: "S";
            /**
             * @description Always `SUCCESS` for a success.
             * @constant
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
        /** @description A failed inquiry (`F`); D-Store does not retry it. */
        FailureResult: {
            /**
             * @description Always `F` for a failure.
             * @constant
             */
            resultStatus: "F";
            /**
             * @description Why the inquiry failed.
             * @enum {unknown}
             */
            resultCode: "PROCESS_FAIL" | "PARAM_ILLEGAL" | "INVALID_API" | "INVALID_SIGNATURE" | "ACCESS_DENIED" | "REQUEST_TRAFFIC_EXCEED_LIMIT";
            resultMessage?: components["schemas"]["ResultMessage"];
        };
        /** @description An unknown outcome (`U`, system or network issue); D-Store retries. */
        UnknownResult: {
            /**
             * @description Always `U` for an unknown outcome.
             * @constant
             */
            resultStatus: "U";
            /**
             * @description Always `UNKNOWN_EXCEPTION` for an unknown outcome.
             * @constant
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
         * @description When the request was sent, ISO 8601 with a UTC offset; part of the signed content.
         * @example 2023-08-28T22:16:07+08:00
         */
        RequestTime: components["schemas"]["MessageTime"];
        /**
         * @description D-Store's RSA256 signature of the request (see the `dstoreSignature` security scheme).
         * @example algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D
         */
        Signature: components["schemas"]["SignatureHeader"];
    };
    requestBodies: never;
    headers: {
        /**
         * @description The same client id as in the request.
         * @example 375Y93*******P00050
         */
        ClientId: components["schemas"]["ClientId"];
        /**
         * @description When the response was sent, ISO 8601 with a UTC offset; part of the signed content.
         * @example 2023-08-28T22:16:08+08:00
         */
        ResponseTime: components["schemas"]["MessageTime"];
        /**
         * @description The POS provider's RSA256 signature of the response:
         *     `POST /v2/pos/inquireOrderDetail\n<Client-Id>.<Response-Time>.<exact response body bytes>`,
         *     signed with the POS provider's private key; D-Store verifies it with the POS provider's public key.
         * @example algorithm=RSA256,keyVersion=1,signature=Ym9keVNpZ25hdHVyZUV4YW1wbGVWYWx1ZQ%3D%3D
         */
        Signature: components["schemas"]["SignatureHeader"];
    };
    pathItems: never;
}
export type SchemaClientId = components['schemas']['ClientId'];
export type SchemaMessageTime = components['schemas']['MessageTime'];
export type SchemaSignatureHeader = components['schemas']['SignatureHeader'];
export type SchemaRequestOrderId = components['schemas']['RequestOrderId'];
export type SchemaInquireOrderDetailRequest = components['schemas']['InquireOrderDetailRequest'];
export type SchemaResultStatus = components['schemas']['ResultStatus'];
export type SchemaResultCode = components['schemas']['ResultCode'];
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
                 * @description When the request was sent, ISO 8601 with a UTC offset; part of the signed content.
                 * @example 2023-08-28T22:16:07+08:00
                 */
                "Request-Time": components["parameters"]["RequestTime"];
                /**
                 * @description D-Store's RSA256 signature of the request (see the `dstoreSignature` security scheme).
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
export const orderStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OrderStatus"]> = ["ORDER_SUCCESS", "ACCEPTED", "PREPARING", "READY", "COMPLETED", "CANCELLED", "REJECTED", "ORDER_FAIL"];
export const failureResultResultCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["FailureResult"]["resultCode"]> = ["PROCESS_FAIL", "PARAM_ILLEGAL", "INVALID_API", "INVALID_SIGNATURE", "ACCESS_DENIED", "REQUEST_TRAFFIC_EXCEED_LIMIT"];
