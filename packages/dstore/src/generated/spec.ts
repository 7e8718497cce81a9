// GENERATED FILE — do not edit by hand.
// Source: specs/dstore/openapi.yaml ("D-Store POS provider API — inquireOrderDetail", version 2.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

/** The bundled OpenAPI document, for runtime validation and for enum descriptions. */
const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "D-Store POS provider API — inquireOrderDetail",
    "version": "2.0.0",
    "summary": "The endpoint a POS provider implements and D-Store calls to inquire an order.",
    "description": "D-Store (the Alipay+ digital storefront for F&B merchants) calls the POS provider's\n`inquireOrderDetail` endpoint when the expected order notification was lost or delayed.\n**Direction:** D-Store is the client; the POS provider (this repository's side) is the server.\nThe operation is modelled under `paths` rather than `webhooks` so that mock servers (Prism)\ncan serve it.\n\n## Message structure\nEvery request and response is JSON in UTF-8 and carries the headers `Client-Id`,\n`Request-Time` (request) or `Response-Time` (response), and `Signature`. Header names are\ncase-insensitive; answers use the lower-case names (`client-id`, `response-time`, `signature`),\nwhich is how alipay/global-open-sdk-python looks them up.\n\n## Signatures (RSA256)\n- Algorithm: RSA with SHA-256, PKCS#1 v1.5 padding, **2048-bit** keys.\n- Content to sign (request): `POST <path>\\n<Client-Id>.<Request-Time>.<body>`, where `<path>` is\n  the path of the request as sent (`/v2/pos/inquireOrderDetail`, or with a deployment's prefix);\n  for a response the same shape over the same path, with `Response-Time` and the response body.\n  The body is the exact bytes sent, never re-serialized; the time is the header's raw string.\n- Header value sent: `algorithm=RSA256,keyVersion=1,signature=<URL-encoded base64 signature>`.\n  Accepted: the same with spaces after the commas, without `keyVersion`, or with the algorithm\n  in any case (`AcceptedSignatureHeader`).\n- `Request-Time` accepted as ISO 8601 with offset or `Z`, or as epoch milliseconds\n  (`AcceptedMessageTime`); `Response-Time` is sent as ISO 8601 with offset.\n- D-Store signs its request with its private key; the POS provider verifies it with D-Store's\n  public key, answers, and signs the response with its own private key; D-Store verifies the\n  response with the POS provider's public key.\n\n## Errors\nEvery outcome is an HTTP 200 whose `result` carries `resultStatus` (`S`, `F` or `U`) and\n`resultCode`. `F` must not be retried; on `U` D-Store retries.\n\n## Timeout\nD-Store's FAQ gives POS providers 8 seconds to answer `createOrder`; for `inquireOrderDetail`\nno figure is published, and 8 s is used as a sensible budget: answer well within it.\n\n## Sources\nThe D-Store pages on idocs.alipay.com/dstore (inquireOrderDetail API reference and FAQ), the\nAlipay+ API overview (message structure and signatures), and Alipay's own SDKs\n(alipay/global-open-sdk-java, alipay/global-open-sdk-python); each schema names its own in\n`x-orderkit-source`. See specs/dstore/README.md.\n",
    "license": {
      "name": "Proprietary — provider contract restated for integration",
      "url": "https://docs.alipayplus.com/"
    },
    "contact": {
      "name": "orderkit maintainers",
      "url": "https://github.com/orderkit/orderkit"
    },
    "x-orderkit-source": [
      "https://idocs.alipay.com/dstore/dstoredocs/api_ref/inquire_order_detail (operation, body, result codes)",
      "https://docs.alipayplus.com/alipayplus/alipayplus/api_acq_ns/api_overview (message structure, Signature, Request-Time)",
      "https://docs.antom.com/ac/ams/digital_signature (content to sign, `<HTTP-Method> <HTTP-URI>\\n<Client-Id>.<Request-Time>.<Request-Body>`)",
      "alipay/global-open-sdk-java src/main/java/com/alipay/global/api/BaseAlipayClient.java (headers, Request-Time in epoch ms, signed path)",
      "alipay/global-open-sdk-python com/alipay/ams/api/default_alipay_client.py (absolute-form request, lower-case response header names)"
    ]
  },
  "servers": [
    {
      "url": "https://{posHost}",
      "description": "The POS provider's production endpoint (your own host), as configured in D-Store.",
      "variables": {
        "posHost": {
          "default": "pos-provider.invalid",
          "description": "Host name of the POS provider's API, registered with D-Store."
        }
      }
    },
    {
      "url": "http://127.0.0.1:4010",
      "description": "Local mock server (pnpm mock, Prism)."
    }
  ],
  "security": [
    {
      "dstoreSignature": []
    }
  ],
  "tags": [
    {
      "name": "Order",
      "description": "Order inquiries that D-Store sends to the POS provider."
    }
  ],
  "paths": {
    "/v2/pos/inquireOrderDetail": {
      "post": {
        "operationId": "inquireOrderDetail",
        "tags": [
          "Order"
        ],
        "summary": "Inquire the details of an order",
        "description": "Called by D-Store when the expected order notification was lost or delayed. The POS provider\nanswers with its own order id and the latest order status.\n\nHow to return the result:\n- inquiry succeeds: `resultStatus` `S`, `resultCode` `SUCCESS`;\n- inquiry fails: `resultStatus` `F` and the `resultCode` of the failure reason (not retried);\n- system or network issue: `resultStatus` `U`, `resultCode` `UNKNOWN_EXCEPTION` (D-Store retries).\n\nEvery outcome, failures included, is an HTTP 200 with a signed body.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientId"
          },
          {
            "$ref": "#/components/parameters/RequestTime"
          },
          {
            "$ref": "#/components/parameters/Signature"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/InquireOrderDetailRequest"
              },
              "examples": {
                "seed": {
                  "$ref": "#/components/examples/InquireOrderDetailRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/InquireOrderDetail"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "ResultStatus": {
        "type": "string",
        "description": "Outcome class of the call.",
        "enum": [
          "S",
          "F",
          "U"
        ],
        "x-enumDescriptions": {
          "S": "Success.",
          "F": "Failure; D-Store must not retry.",
          "U": "Unknown (system or network issue); D-Store retries."
        }
      },
      "ResultCode": {
        "type": "string",
        "description": "Result code; each code belongs to exactly one `resultStatus`.",
        "enum": [
          "SUCCESS",
          "PROCESS_FAIL",
          "PARAM_ILLEGAL",
          "INVALID_API",
          "INVALID_SIGNATURE",
          "ACCESS_DENIED",
          "REQUEST_TRAFFIC_EXCEED_LIMIT",
          "UNKNOWN_EXCEPTION"
        ],
        "x-enumDescriptions": {
          "SUCCESS": "(S) Success.",
          "PROCESS_FAIL": "(F) A general business failure occurred. Do not retry.",
          "PARAM_ILLEGAL": "(F) Parameter names or values do not meet the specified requirements; the message says which.",
          "INVALID_API": "(F) The called API is invalid or not active.",
          "INVALID_SIGNATURE": "(F) The signature is invalid.",
          "ACCESS_DENIED": "(F) Access is denied.",
          "REQUEST_TRAFFIC_EXCEED_LIMIT": "(F) The request traffic exceeds the limit.",
          "UNKNOWN_EXCEPTION": "(U) The call failed for an unknown reason (system or network issue); D-Store retries."
        },
        "x-orderkit-codes": {
          "PROCESS_FAIL": {
            "name": "PROCESS_FAIL",
            "outcome": "failed",
            "retryable": false,
            "hint": "Business failure, e.g. an unknown order; final — fix the cause before sending the inquiry again."
          },
          "PARAM_ILLEGAL": {
            "name": "PARAM_ILLEGAL",
            "outcome": "failed",
            "retryable": false,
            "hint": "A header or body field is wrong; resultMessage names it."
          },
          "INVALID_API": {
            "name": "INVALID_API",
            "outcome": "failed",
            "retryable": false,
            "hint": "Wrong method or endpoint."
          },
          "INVALID_SIGNATURE": {
            "name": "INVALID_SIGNATURE",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check the content to sign, the private key and the public key registered with the POS provider."
          },
          "ACCESS_DENIED": {
            "name": "ACCESS_DENIED",
            "outcome": "failed",
            "retryable": false,
            "hint": "The Client-Id is not the one agreed with the POS provider."
          },
          "REQUEST_TRAFFIC_EXCEED_LIMIT": {
            "name": "REQUEST_TRAFFIC_EXCEED_LIMIT",
            "outcome": "failed",
            "retryable": true,
            "hint": "Slow down, then send the inquiry again."
          },
          "UNKNOWN_EXCEPTION": {
            "name": "UNKNOWN_EXCEPTION",
            "outcome": "unknown",
            "retryable": true,
            "hint": "The outcome is unknown; retry the inquiry after a short delay."
          }
        }
      },
      "ClientId": {
        "type": "string",
        "minLength": 1,
        "description": "Client id agreed between D-Store and the POS provider.",
        "examples": [
          "375Y93*******P00050"
        ]
      },
      "MessageTime": {
        "type": "string",
        "format": "date-time",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$",
        "description": "ISO 8601 date-time with a UTC offset (or `Z`), e.g. `2023-08-28T22:16:07+08:00`: the form the\nAlipay+ API overview documents for `Request-Time` and `Response-Time`, and the only form this\ncontract **sends** (`Response-Time` of the POS endpoint; `Request-Time` of our D-Store client).\n",
        "x-orderkit-source": "https://docs.alipayplus.com/alipayplus/alipayplus/api_acq_ns/api_overview (Request header, Request-Time)",
        "examples": [
          "2023-08-28T22:16:07+08:00"
        ]
      },
      "EpochMillisTime": {
        "type": "string",
        "pattern": "^\\d{1,16}$",
        "description": "Milliseconds since 1970-01-01T00:00:00Z as decimal digits, e.g. `1693232167000`. Not in the\nAlipay+ pages; it is what the Java SDK sends as `Request-Time`. Accepted, never sent.\n",
        "x-orderkit-source": "alipay/global-open-sdk-java src/main/java/com/alipay/global/api/BaseAlipayClient.java (Request-Time from DateTool.getCurrentTimeMillis)",
        "examples": [
          "1693232167000"
        ]
      },
      "AcceptedMessageTime": {
        "description": "A `Request-Time` the POS endpoint **accepts**: ISO 8601 with an offset or `Z` (the Alipay+ docs;\nalipay/global-open-sdk-python sends UTC ISO such as `2023-08-28T14:16:07+00:00`) or epoch\nmilliseconds (alipay/global-open-sdk-java). The signature covers the header's raw string in either\nform; the ±5-minute window applies to both.\n",
        "x-orderkit-source": "https://docs.alipayplus.com/alipayplus/alipayplus/api_acq_ns/api_overview;\nalipay/global-open-sdk-python com/alipay/ams/api/tools/date_tools.py (get_cur_iso8601_time);\nalipay/global-open-sdk-java src/main/java/com/alipay/global/api/tools/DateTool.java (getCurrentTimeMillis)\n",
        "anyOf": [
          {
            "$ref": "#/components/schemas/MessageTime"
          },
          {
            "$ref": "#/components/schemas/EpochMillisTime"
          }
        ],
        "examples": [
          "2023-08-28T22:16:07+08:00",
          "1693232167000"
        ]
      },
      "AcceptedSignatureHeader": {
        "type": "string",
        "maxLength": 4096,
        "pattern": "^ *[A-Za-z]+ *=[^,]*( *, *[A-Za-z]+ *=[^,]*)*$",
        "description": "A Signature header the POS endpoint **accepts**: comma-separated `key=value` fields, each split\non its first `=`, spaces around keys and values ignored — so both the compact form the SDKs send\nand the spaced form of the Alipay+ API overview (`algorithm=RSA256, keyVersion=0, signature=…`)\nare accepted. Fields: `algorithm` (required, `RSA256`, case-insensitive), `keyVersion`\n(optional: without it the signer's latest key), `signature` (required; the base64 signature,\nURL-encoded or plain). Each field at most once, no other field.\n",
        "x-orderkit-source": "https://docs.alipayplus.com/alipayplus/alipayplus/api_acq_ns/api_overview (Request header, Signature:\n\"algorithm=RSA256, keyVersion=0, signature=****\"; the value of algorithm is not case-sensitive;\nkeyVersion defaults to the latest version; field names are case-insensitive);\nhttps://docs.antom.com/ac/gcmc/apifund (Signature keys)\n",
        "examples": [
          "algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D",
          "algorithm=RSA256, keyVersion=0, signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D",
          "algorithm=rsa256,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D"
        ]
      },
      "RequestOrderId": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "description": "The unique id D-Store assigned to the order. Maximum length 255 characters.",
        "examples": [
          "pds_2109xxxxxxxxxxxx_2022xxxxxxxxxxxxxxx_1"
        ]
      },
      "InquireOrderDetailRequest": {
        "type": "object",
        "description": "The inquiry D-Store sends. Unknown properties are tolerated (a tolerant reader keeps working if\nD-Store adds a field); `requestOrderId` is the only one the contract defines.\n",
        "required": [
          "requestOrderId"
        ],
        "properties": {
          "requestOrderId": {
            "$ref": "#/components/schemas/RequestOrderId"
          }
        }
      },
      "SignatureHeader": {
        "type": "string",
        "pattern": "^algorithm=RSA256,keyVersion=\\d+,signature=[A-Za-z0-9%+/=_.~-]+$",
        "description": "The Signature header as this contract **sends** it (the POS endpoint's answers, our D-Store\nclient's requests): the compact form `algorithm=RSA256,keyVersion=<n>,signature=<URL-encoded\nbase64 RSA-SHA256 signature>`, exactly as both Alipay SDKs build it — their response readers\nsplit on `,` and on `signature=` without trimming, so no spaces.\n",
        "x-orderkit-source": "alipay/global-open-sdk-java src/main/java/com/alipay/global/api/BaseAlipayClient.java (buildBaseHeader)\nand src/main/java/com/alipay/global/api/net/DefaultHttpRPC.java (getResponseSignature);\nalipay/global-open-sdk-python com/alipay/ams/api/default_alipay_client.py (execute, __parse_header)\n",
        "examples": [
          "algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D"
        ]
      },
      "ResultMessage": {
        "type": "string",
        "maxLength": 256,
        "description": "Human-readable result message; for `PARAM_ILLEGAL` it says which parameter is wrong.",
        "examples": [
          "success"
        ]
      },
      "SuccessResult": {
        "type": "object",
        "description": "The result of a successful inquiry. `resultStatus` and `resultCode` are inline one-value string\nenums (no `allOf` beside them, no `const`) so that every generator keeps them as the\ndiscriminant.\n",
        "additionalProperties": false,
        "required": [
          "resultStatus",
          "resultCode"
        ],
        "properties": {
          "resultStatus": {
            "type": "string",
            "enum": [
              "S"
            ],
            "x-enumDescriptions": {
              "S": "Success."
            },
            "description": "`S`: success."
          },
          "resultCode": {
            "type": "string",
            "enum": [
              "SUCCESS"
            ],
            "x-enumDescriptions": {
              "SUCCESS": "The order was found."
            },
            "description": "`SUCCESS`: the order was found."
          },
          "resultMessage": {
            "$ref": "#/components/schemas/ResultMessage"
          }
        }
      },
      "PosOrderId": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "description": "The unique id the POS provider assigned to the order. Maximum length 255 characters.",
        "examples": [
          "2023063000010002"
        ]
      },
      "OrderStatus": {
        "type": "string",
        "description": "The latest status of the order in its journey. `ORDER_SUCCESS` to `COMPLETED` are the success\ngroup; `CANCELLED`, `REJECTED` and `ORDER_FAIL` the issue group.\n",
        "enum": [
          "ORDER_SUCCESS",
          "ACCEPTED",
          "PREPARING",
          "READY",
          "COMPLETED",
          "CANCELLED",
          "REJECTED",
          "ORDER_FAIL"
        ],
        "x-enumDescriptions": {
          "ORDER_SUCCESS": "The POS provider created the order (success group).",
          "ACCEPTED": "The merchant accepted the order (success group).",
          "PREPARING": "The order is being prepared (success group).",
          "READY": "The order is ready for pick-up or to enjoy (success group).",
          "COMPLETED": "The order is completed (success group).",
          "CANCELLED": "The order was cancelled (issue group).",
          "REJECTED": "The merchant rejected the order (issue group).",
          "ORDER_FAIL": "System failure or fulfilment exception (issue group)."
        }
      },
      "ExtendInfo": {
        "type": "object",
        "description": "Extended attributes with additional information, if necessary. At most 2048 characters when\nserialized as JSON (`x-maxSerializedLength`; JSON Schema cannot express it, the endpoint checks it).\n",
        "x-maxSerializedLength": 2048,
        "additionalProperties": true,
        "examples": [
          {
            "tableNo": "A12"
          }
        ]
      },
      "InquireOrderDetailSuccess": {
        "type": "object",
        "description": "The order was found.",
        "additionalProperties": false,
        "required": [
          "result",
          "posOrderId",
          "orderStatus"
        ],
        "properties": {
          "result": {
            "$ref": "#/components/schemas/SuccessResult"
          },
          "posOrderId": {
            "$ref": "#/components/schemas/PosOrderId"
          },
          "orderStatus": {
            "$ref": "#/components/schemas/OrderStatus"
          },
          "extendInfo": {
            "$ref": "#/components/schemas/ExtendInfo"
          }
        }
      },
      "FailureResult": {
        "type": "object",
        "description": "The result of a failed inquiry (`F`); D-Store does not retry it. `resultStatus` and `resultCode`\nare inline string enums (no `allOf` beside them, no `const`) so that every generator keeps the\ndiscriminant and the six failure codes.\n",
        "additionalProperties": false,
        "required": [
          "resultStatus",
          "resultCode"
        ],
        "properties": {
          "resultStatus": {
            "type": "string",
            "enum": [
              "F"
            ],
            "x-enumDescriptions": {
              "F": "Failure; D-Store must not retry."
            },
            "description": "`F`: failure; D-Store must not retry."
          },
          "resultCode": {
            "type": "string",
            "description": "Why the inquiry failed.",
            "enum": [
              "PROCESS_FAIL",
              "PARAM_ILLEGAL",
              "INVALID_API",
              "INVALID_SIGNATURE",
              "ACCESS_DENIED",
              "REQUEST_TRAFFIC_EXCEED_LIMIT"
            ],
            "x-enumDescriptions": {
              "PROCESS_FAIL": "A general business failure occurred (here - no order for this requestOrderId). Do not retry.",
              "PARAM_ILLEGAL": "Parameter names or values do not meet the specified requirements; the message says which.",
              "INVALID_API": "The called API is invalid or not active.",
              "INVALID_SIGNATURE": "The signature is invalid.",
              "ACCESS_DENIED": "Access is denied.",
              "REQUEST_TRAFFIC_EXCEED_LIMIT": "The request traffic exceeds the limit."
            }
          },
          "resultMessage": {
            "$ref": "#/components/schemas/ResultMessage"
          }
        }
      },
      "UnknownResult": {
        "type": "object",
        "description": "The result of an inquiry whose outcome is unknown (`U`, system or network issue); D-Store\nretries. Inline one-value string enums, as in `SuccessResult`.\n",
        "additionalProperties": false,
        "required": [
          "resultStatus",
          "resultCode"
        ],
        "properties": {
          "resultStatus": {
            "type": "string",
            "enum": [
              "U"
            ],
            "x-enumDescriptions": {
              "U": "Unknown (system or network issue); D-Store retries."
            },
            "description": "`U`: unknown (system or network issue); D-Store retries."
          },
          "resultCode": {
            "type": "string",
            "enum": [
              "UNKNOWN_EXCEPTION"
            ],
            "x-enumDescriptions": {
              "UNKNOWN_EXCEPTION": "The call failed for an unknown reason (system or network issue); D-Store retries."
            },
            "description": "`UNKNOWN_EXCEPTION`: the call failed for an unknown reason."
          },
          "resultMessage": {
            "$ref": "#/components/schemas/ResultMessage"
          }
        }
      },
      "InquireOrderDetailFailure": {
        "type": "object",
        "description": "The inquiry failed (`F`) or its outcome is unknown (`U`).",
        "additionalProperties": false,
        "required": [
          "result"
        ],
        "properties": {
          "result": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/FailureResult"
              },
              {
                "$ref": "#/components/schemas/UnknownResult"
              }
            ]
          }
        }
      },
      "InquireOrderDetailResponse": {
        "description": "The POS provider's answer. On success (`S`) it carries `posOrderId` and `orderStatus` (required\nby the provider document); a failure (`F`) or unknown outcome (`U`) carries only `result`, since\nthere is no order to describe (a reading of the document, which lists the fields for the success\ncase only).\n",
        "oneOf": [
          {
            "$ref": "#/components/schemas/InquireOrderDetailSuccess"
          },
          {
            "$ref": "#/components/schemas/InquireOrderDetailFailure"
          }
        ]
      }
    },
    "securitySchemes": {
      "dstoreSignature": {
        "type": "apiKey",
        "in": "header",
        "name": "Signature",
        "description": "RSA256 message signature: `algorithm=RSA256,keyVersion=1,signature=<value>` where `<value>` is\nthe URL-encoded base64 RSA-SHA256 (PKCS#1 v1.5, 2048-bit key) signature of\n`POST /v2/pos/inquireOrderDetail\\n<Client-Id>.<Request-Time>.<exact body bytes>`.\nD-Store signs requests with its private key; the POS provider signs responses with its own.\n"
      }
    },
    "parameters": {
      "ClientId": {
        "name": "Client-Id",
        "in": "header",
        "required": true,
        "description": "The client id that D-Store and the POS provider agreed on; part of the signed content.",
        "schema": {
          "$ref": "#/components/schemas/ClientId"
        },
        "example": "375Y93*******P00050"
      },
      "RequestTime": {
        "name": "Request-Time",
        "in": "header",
        "required": true,
        "description": "When the request was sent; part of the signed content, verbatim. Accepted: ISO 8601 with an\noffset or `Z` (documented; the Python SDK sends UTC) or epoch milliseconds (the Java SDK). Header\nnames are case-insensitive.\n",
        "schema": {
          "$ref": "#/components/schemas/AcceptedMessageTime"
        },
        "example": "2023-08-28T22:16:07+08:00"
      },
      "Signature": {
        "name": "Signature",
        "in": "header",
        "required": true,
        "description": "D-Store's RSA256 signature of the request (see the `dstoreSignature` security scheme), parsed\nleniently: spaces after commas, optional `keyVersion`, case-insensitive algorithm.\n",
        "schema": {
          "$ref": "#/components/schemas/AcceptedSignatureHeader"
        },
        "example": "algorithm=RSA256,keyVersion=1,signature=KEpMDVVmVzBpqCTFf%2BOSwWU4Cl8WXwMb9a%2Fo9A%3D%3D"
      }
    },
    "examples": {
      "InquireOrderDetailRequest": {
        "summary": "The provider document's sample request",
        "value": {
          "requestOrderId": "pds_2109xxxxxxxxxxxx_2022xxxxxxxxxxxxxxx_1"
        }
      },
      "InquireOrderDetailSuccess": {
        "summary": "Order found (the provider document's sample response)",
        "value": {
          "posOrderId": "2023063000010002",
          "orderStatus": "ACCEPTED",
          "result": {
            "resultCode": "SUCCESS",
            "resultMessage": "success",
            "resultStatus": "S"
          }
        }
      },
      "InquireOrderDetailNotFound": {
        "summary": "No order with this requestOrderId",
        "value": {
          "result": {
            "resultCode": "PROCESS_FAIL",
            "resultMessage": "order not found: no POS order is recorded for this requestOrderId",
            "resultStatus": "F"
          }
        }
      },
      "InquireOrderDetailParamIllegal": {
        "summary": "requestOrderId longer than 255 characters",
        "value": {
          "result": {
            "resultCode": "PARAM_ILLEGAL",
            "resultMessage": "requestOrderId: must be at most 255 characters",
            "resultStatus": "F"
          }
        }
      },
      "InquireOrderDetailInvalidSignature": {
        "summary": "Signature missing or not valid for the request",
        "value": {
          "result": {
            "resultCode": "INVALID_SIGNATURE",
            "resultMessage": "signature verification failed",
            "resultStatus": "F"
          }
        }
      },
      "InquireOrderDetailUnknown": {
        "summary": "Order store unavailable; D-Store retries",
        "value": {
          "result": {
            "resultCode": "UNKNOWN_EXCEPTION",
            "resultMessage": "order lookup did not complete in time",
            "resultStatus": "U"
          }
        }
      }
    },
    "headers": {
      "ClientId": {
        "required": true,
        "description": "The same client id as in the request.",
        "schema": {
          "$ref": "#/components/schemas/ClientId"
        },
        "example": "375Y93*******P00050"
      },
      "ResponseTime": {
        "required": true,
        "description": "When the response was sent, ISO 8601 with a UTC offset; part of the signed content. Sent under the\nlower-case name `response-time` (header names are case-insensitive; alipay/global-open-sdk-python\nlooks it up by the exact lower-case name).\n",
        "schema": {
          "$ref": "#/components/schemas/MessageTime"
        },
        "example": "2023-08-28T22:16:08+08:00"
      },
      "Signature": {
        "required": true,
        "description": "The POS provider's RSA256 signature of the response:\n`POST <path of the request>\\n<Client-Id>.<Response-Time>.<exact response body bytes>`,\nsigned with the POS provider's private key; D-Store verifies it with the POS provider's public key.\nSent in the compact form under the lower-case name `signature` (alipay/global-open-sdk-python reads\n`signature`, `response-time` and `client-id` by exact lower-case name).\n",
        "schema": {
          "$ref": "#/components/schemas/SignatureHeader"
        },
        "example": "algorithm=RSA256,keyVersion=1,signature=Ym9keVNpZ25hdHVyZUV4YW1wbGVWYWx1ZQ%3D%3D"
      }
    },
    "responses": {
      "InquireOrderDetail": {
        "description": "The inquiry outcome, signed. Failures are in-band: HTTP 200 with `result.resultStatus` `F` or `U`.\n",
        "headers": {
          "Client-Id": {
            "$ref": "#/components/headers/ClientId"
          },
          "Response-Time": {
            "$ref": "#/components/headers/ResponseTime"
          },
          "Signature": {
            "$ref": "#/components/headers/Signature"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/InquireOrderDetailResponse"
            },
            "examples": {
              "success": {
                "$ref": "#/components/examples/InquireOrderDetailSuccess"
              },
              "orderNotFound": {
                "$ref": "#/components/examples/InquireOrderDetailNotFound"
              },
              "paramIllegal": {
                "$ref": "#/components/examples/InquireOrderDetailParamIllegal"
              },
              "invalidSignature": {
                "$ref": "#/components/examples/InquireOrderDetailInvalidSignature"
              },
              "unknownException": {
                "$ref": "#/components/examples/InquireOrderDetailUnknown"
              }
            }
          }
        }
      }
    }
  },
  "x-orderkit-mock": {
    "port": 4010,
    "portVariable": "MOCK_DSTORE_PORT"
  }
};

export default spec;
