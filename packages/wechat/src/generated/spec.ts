// GENERATED FILE — do not edit by hand.
// Source: specs/wechat/openapi.yaml ("WeChat service market — getOrder", version 1.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

/** The bundled OpenAPI document, for runtime validation and for enum descriptions. */
const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "WeChat service market — getOrder",
    "version": "1.0.0",
    "summary": "Query a service-market purchase order (查询订单详情) and the access_token it needs.",
    "description": "A service provider that bought wholesale goods or resource packs in the WeChat service market\nqueries the purchase order with `getOrder`. Server side only (no cloud call, no third-party\nplatform call).\n\n## Authentication\nEvery business call carries an `access_token` query parameter, obtained from `getAccessToken`\n(`/cgi-bin/token`) or `getStableAccessToken` (`/cgi-bin/stable_token`). A token lives up to\n`expires_in` seconds (7200). **Fetching a new token with `/cgi-bin/token` invalidates the\nprevious one** (it keeps working about 5 more minutes), so one central place should obtain and\nrefresh the token for every caller. Reserve at least 512 characters for a token.\n\n## Errors\nWeChat answers HTTP 200 and reports errors in the body: `errcode` ≠ 0 with `errmsg`.\nWeChat is known to send JSON labelled `text/plain`, and an empty `text/html; charset=gbk` body on\nsome failures; both are listed as response media types.\n\n## Units\n`createTime`/`updateTime` are **milliseconds** since the epoch; every other timestamp is in\n**seconds**. 64-bit integers (`orderPrice`, `usage.used`, `usage.all`) are decimal strings.\n",
    "license": {
      "name": "Proprietary — provider contract restated for integration",
      "url": "https://developers.weixin.qq.com/"
    },
    "contact": {
      "name": "orderkit maintainers",
      "url": "https://github.com/orderkit/orderkit"
    },
    "x-orderkit-source": "../shared/seeds/001_8a734290729cae92.txt and ../shared/reference/providers.md §2"
  },
  "servers": [
    {
      "url": "https://api.weixin.qq.com",
      "description": "WeChat production API."
    },
    {
      "url": "http://127.0.0.1:4011",
      "description": "Local mock server (`pnpm mock`, Prism)."
    }
  ],
  "security": [
    {
      "accessToken": []
    }
  ],
  "tags": [
    {
      "name": "Order",
      "description": "Service-market purchase orders."
    },
    {
      "name": "Token",
      "description": "Interface-call credentials (`access_token`)."
    }
  ],
  "paths": {
    "/wxa/charge/service-provider/order/get": {
      "get": {
        "operationId": "getOrder",
        "tags": [
          "Order"
        ],
        "summary": "Query the details of a purchase order",
        "description": "After buying goods in the service market, a service provider queries the purchase order with\nthis call. `access_token` goes in the URL query; there is no body.\n\nErrors of this API: `10120002` parameter error, `10120405` method not available; the common\ncodes `-1` (busy, retry later), `40001` (token invalid or not the latest), `42001` (token expired)\nand `40013` (invalid appid) arrive here too.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/OrderId"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/GetOrder"
          }
        }
      }
    },
    "/cgi-bin/token": {
      "get": {
        "operationId": "getAccessToken",
        "tags": [
          "Token"
        ],
        "summary": "Obtain an access_token",
        "description": "Returns a token valid for `expires_in` seconds (up to 7200). Every call issues a new token and\n**invalidates the previous one** (after about 5 minutes), so callers must share one token and\nrefresh it from one place.\n",
        "security": [],
        "x-orderkit-security-reason": "The call is authenticated by the appid and secret in its own query.",
        "parameters": [
          {
            "$ref": "#/components/parameters/GrantType"
          },
          {
            "$ref": "#/components/parameters/AppId"
          },
          {
            "$ref": "#/components/parameters/AppSecret"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/AccessToken"
          }
        }
      }
    },
    "/cgi-bin/stable_token": {
      "post": {
        "operationId": "getStableAccessToken",
        "tags": [
          "Token"
        ],
        "summary": "Obtain a stable access_token",
        "description": "The stable variant: in normal mode (`force_refresh: false`) it returns the current token while\nit is valid and does **not** invalidate tokens obtained by other callers. `force_refresh: true`\nforces a new token (rate-limited by WeChat).\n",
        "security": [],
        "x-orderkit-security-reason": "The call is authenticated by the appid and secret in its own body.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/StableTokenRequest"
              },
              "examples": {
                "normal": {
                  "$ref": "#/components/examples/StableTokenRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/AccessToken"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "accessToken": {
        "type": "apiKey",
        "in": "query",
        "name": "access_token",
        "description": "The interface-call credential from `getAccessToken` or `getStableAccessToken`, sent as a URL\nquery parameter (never in the body). At least 512 characters should be reserved for it.\n"
      }
    },
    "schemas": {
      "OrderId": {
        "type": "string",
        "minLength": 1,
        "description": "Service-market order id.",
        "examples": [
          "DD2981741311549200000"
        ]
      },
      "OrderStatus": {
        "type": "integer",
        "description": "Order status. There is no 4 and no 8.",
        "enum": [
          1,
          2,
          3,
          5,
          6,
          7,
          9
        ],
        "x-enumDescriptions": {
          "1": "To be paid.",
          "2": "Paid.",
          "3": "Timed out (not paid in time).",
          "5": "Refunding.",
          "6": "Refunded.",
          "7": "Refund failed.",
          "9": "Cancelled."
        },
        "x-enum-varnames": [
          "TO_BE_PAID",
          "PAID",
          "TIMED_OUT",
          "REFUNDING",
          "REFUNDED",
          "REFUND_FAILED",
          "CANCELLED"
        ]
      },
      "EpochMillis": {
        "type": "integer",
        "minimum": 0,
        "description": "Unix timestamp in **milliseconds**.",
        "examples": [
          1700000000000
        ]
      },
      "Int64String": {
        "type": "string",
        "pattern": "^(0|-?[1-9][0-9]{0,18})$",
        "description": "A 64-bit integer carried as a decimal string (JavaScript numbers lose precision past 2^53).",
        "examples": [
          "9900"
        ]
      },
      "EpochSeconds": {
        "type": "integer",
        "minimum": 0,
        "description": "Unix timestamp in **seconds**.",
        "examples": [
          1700000000
        ]
      },
      "PayInfo": {
        "type": "object",
        "description": "Payment data.",
        "required": [
          "applyPayTime"
        ],
        "properties": {
          "applyPayTime": {
            "description": "When the payment order was placed, Unix **seconds**.",
            "$ref": "#/components/schemas/EpochSeconds"
          },
          "finishPayTime": {
            "description": "When the payment completed, Unix **seconds**. Absent unless paid.",
            "$ref": "#/components/schemas/EpochSeconds"
          }
        }
      },
      "OrderProductInfo": {
        "type": "object",
        "description": "The wholesale goods bought.",
        "properties": {
          "spSpuId": {
            "type": "string",
            "description": "SPU id of the wholesale goods."
          },
          "spSkuId": {
            "type": "string",
            "description": "SKU id of the wholesale goods."
          },
          "spBizId": {
            "type": "integer",
            "description": "Business id of the wholesale goods."
          },
          "spuName": {
            "type": "string",
            "description": "Product SPU name."
          },
          "skuName": {
            "type": "string",
            "description": "Product SKU name."
          },
          "skuCnt": {
            "type": "integer",
            "minimum": 0,
            "description": "Number of SKUs bought."
          },
          "validityBeginTime": {
            "description": "Start of the resource pack's validity, Unix **seconds**.",
            "$ref": "#/components/schemas/EpochSeconds"
          },
          "validityEndTime": {
            "description": "End of the resource pack's validity, Unix **seconds**.",
            "$ref": "#/components/schemas/EpochSeconds"
          }
        }
      },
      "InvoiceStatus": {
        "type": "integer",
        "description": "Invoice request status. The source page gives the same word (\"billed\") for 1 and 2; both values\nare kept and described as the page does.\n",
        "enum": [
          1,
          2,
          3,
          4
        ],
        "x-enumDescriptions": {
          "1": "Billed.",
          "2": "Billed.",
          "3": "Billing cancelled.",
          "4": "Billing (debit) failed."
        },
        "x-enum-varnames": [
          "BILLED",
          "BILLED_2",
          "BILLING_CANCELLED",
          "BILLING_FAILED"
        ]
      },
      "InvoiceInfo": {
        "type": "object",
        "description": "Invoice data; absent unless an invoice was requested.",
        "properties": {
          "invoiceApplyTime": {
            "description": "When the invoice was requested, Unix **seconds**.",
            "$ref": "#/components/schemas/EpochSeconds"
          },
          "invoiceStatus": {
            "$ref": "#/components/schemas/InvoiceStatus"
          }
        }
      },
      "Usage": {
        "type": "object",
        "description": "Use of the bought resource pack; absent unless paid.",
        "properties": {
          "used": {
            "description": "Amount used (64-bit integer as a string).",
            "$ref": "#/components/schemas/Int64String"
          },
          "all": {
            "description": "Total amount (64-bit integer as a string).",
            "$ref": "#/components/schemas/Int64String"
          }
        }
      },
      "Order": {
        "type": "object",
        "description": "A purchase order. The page marks `payInfo.finishPayTime`, `invoiceInfo` and `usage` as absent in\nsome states; the other fields are always present.\n",
        "required": [
          "orderId",
          "status",
          "createTime",
          "updateTime",
          "orderPrice",
          "payInfo",
          "orderProductInfo"
        ],
        "properties": {
          "orderId": {
            "$ref": "#/components/schemas/OrderId"
          },
          "status": {
            "$ref": "#/components/schemas/OrderStatus"
          },
          "createTime": {
            "description": "When the order was created, Unix **milliseconds**.",
            "$ref": "#/components/schemas/EpochMillis"
          },
          "updateTime": {
            "description": "When the order was last updated, Unix **milliseconds**.",
            "$ref": "#/components/schemas/EpochMillis"
          },
          "orderPrice": {
            "description": "Order price in **cents** (64-bit integer as a string).",
            "$ref": "#/components/schemas/Int64String"
          },
          "payInfo": {
            "$ref": "#/components/schemas/PayInfo"
          },
          "orderProductInfo": {
            "$ref": "#/components/schemas/OrderProductInfo"
          },
          "invoiceInfo": {
            "$ref": "#/components/schemas/InvoiceInfo"
          },
          "usage": {
            "$ref": "#/components/schemas/Usage"
          }
        }
      },
      "GetOrderSuccess": {
        "type": "object",
        "description": "The order was found (`errcode` 0).",
        "required": [
          "errcode",
          "order"
        ],
        "properties": {
          "errcode": {
            "type": "integer",
            "const": 0,
            "description": "0 on success."
          },
          "errmsg": {
            "type": "string",
            "description": "`ok` on success."
          },
          "order": {
            "$ref": "#/components/schemas/Order"
          }
        }
      },
      "ErrCode": {
        "type": "integer",
        "description": "A non-zero WeChat error code documented for these calls.",
        "enum": [
          -1,
          40001,
          40013,
          42001,
          10120002,
          10120405
        ],
        "x-enumDescriptions": {
          "40001": "Invalid credential — the access_token (or, for the token call, the AppSecret) is invalid or not the latest.",
          "40013": "Invalid AppID.",
          "42001": "access_token expired.",
          "10120002": "Parameter error — check the parameters.",
          "10120405": "Method not available — request the way the document says.",
          "-1": "System busy; retry later."
        },
        "x-enum-varnames": [
          "SYSTEM_BUSY",
          "INVALID_CREDENTIAL",
          "INVALID_APPID",
          "ACCESS_TOKEN_EXPIRED",
          "PARAMETER_ERROR",
          "METHOD_NOT_AVAILABLE"
        ]
      },
      "WeChatError": {
        "type": "object",
        "description": "An in-band error (HTTP 200, `errcode` ≠ 0).",
        "required": [
          "errcode",
          "errmsg"
        ],
        "properties": {
          "errcode": {
            "$ref": "#/components/schemas/ErrCode"
          },
          "errmsg": {
            "type": "string",
            "description": "Error message."
          }
        }
      },
      "GetOrderResponse": {
        "description": "The order, or an in-band error.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/GetOrderSuccess"
          },
          {
            "$ref": "#/components/schemas/WeChatError"
          }
        ]
      },
      "EmptyBody": {
        "type": "string",
        "maxLength": 0,
        "description": "An empty body, as WeChat sends on some failures (`text/html; charset=gbk`)."
      },
      "AppId": {
        "type": "string",
        "minLength": 1,
        "description": "The account's AppID.",
        "examples": [
          "wx0123456789abcdef"
        ]
      },
      "AppSecret": {
        "type": "string",
        "minLength": 1,
        "description": "The account's AppSecret (a credential).",
        "examples": [
          "0123456789abcdef0123456789abcdef"
        ]
      },
      "AccessTokenSuccess": {
        "type": "object",
        "description": "A new (or, for the stable variant, the current) access_token.",
        "required": [
          "access_token",
          "expires_in"
        ],
        "properties": {
          "access_token": {
            "type": "string",
            "minLength": 1,
            "maxLength": 512,
            "description": "The credential. A credential; never log it."
          },
          "expires_in": {
            "type": "integer",
            "minimum": 1,
            "maximum": 7200,
            "description": "Validity in **seconds** (at most 7200)."
          }
        }
      },
      "AccessTokenResponse": {
        "description": "A token, or an in-band error.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/AccessTokenSuccess"
          },
          {
            "$ref": "#/components/schemas/WeChatError"
          }
        ]
      },
      "StableTokenRequest": {
        "type": "object",
        "description": "Request body of `getStableAccessToken`.",
        "additionalProperties": false,
        "required": [
          "grant_type",
          "appid",
          "secret"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "const": "client_credential",
            "description": "Always `client_credential`."
          },
          "appid": {
            "$ref": "#/components/schemas/AppId"
          },
          "secret": {
            "$ref": "#/components/schemas/AppSecret"
          },
          "force_refresh": {
            "type": "boolean",
            "default": false,
            "description": "`true` forces a new token (and invalidates the previous stable token)."
          }
        }
      }
    },
    "parameters": {
      "OrderId": {
        "name": "orderId",
        "in": "query",
        "required": true,
        "description": "The service-market order id, e.g. `DD2981741311549200000`.",
        "schema": {
          "$ref": "#/components/schemas/OrderId"
        },
        "example": "DD2981741311549200000"
      },
      "GrantType": {
        "name": "grant_type",
        "in": "query",
        "required": true,
        "description": "Always `client_credential`.",
        "schema": {
          "type": "string",
          "const": "client_credential"
        },
        "example": "client_credential"
      },
      "AppId": {
        "name": "appid",
        "in": "query",
        "required": true,
        "description": "The account's AppID.",
        "schema": {
          "$ref": "#/components/schemas/AppId"
        },
        "example": "wx0123456789abcdef"
      },
      "AppSecret": {
        "name": "secret",
        "in": "query",
        "required": true,
        "description": "The account's AppSecret. A credential; never log it.",
        "schema": {
          "$ref": "#/components/schemas/AppSecret"
        },
        "example": "0123456789abcdef0123456789abcdef"
      }
    },
    "examples": {
      "GetOrderPaid": {
        "summary": "A paid order with usage",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200000",
            "status": 2,
            "createTime": 1700000000000,
            "updateTime": 1700000360000,
            "orderPrice": "9900",
            "payInfo": {
              "applyPayTime": 1700000010,
              "finishPayTime": 1700000060
            },
            "orderProductInfo": {
              "spSpuId": "spu_10001",
              "spSkuId": "sku_20001",
              "spBizId": 1,
              "spuName": "Resource pack",
              "skuName": "10,000 calls",
              "skuCnt": 1,
              "validityBeginTime": 1700000060,
              "validityEndTime": 1731536060
            },
            "usage": {
              "used": "120",
              "all": "10000"
            }
          }
        }
      },
      "GetOrderToBePaid": {
        "summary": "An order not paid yet (no finishPayTime, no usage)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200001",
            "status": 1,
            "createTime": 1700000000000,
            "updateTime": 1700000000000,
            "orderPrice": "9900",
            "payInfo": {
              "applyPayTime": 1700000010
            },
            "orderProductInfo": {
              "spSpuId": "spu_10001",
              "spSkuId": "sku_20001",
              "spBizId": 1,
              "spuName": "Resource pack",
              "skuName": "10,000 calls",
              "skuCnt": 1,
              "validityBeginTime": 1700000060,
              "validityEndTime": 1731536060
            }
          }
        }
      },
      "GetOrderParameterError": {
        "summary": "Parameter error",
        "value": {
          "errcode": 10120002,
          "errmsg": "parameter error"
        }
      },
      "TokenExpired": {
        "summary": "access_token expired",
        "value": {
          "errcode": 42001,
          "errmsg": "access_token expired"
        }
      },
      "SystemBusy": {
        "summary": "System busy, retry later",
        "value": {
          "errcode": -1,
          "errmsg": "system error"
        }
      },
      "EmptyBody": {
        "summary": "Empty body on a failure",
        "value": ""
      },
      "AccessToken": {
        "summary": "A token valid for 7200 seconds",
        "value": {
          "access_token": "MOCK_ACCESS_TOKEN_a1b2c3d4e5f6",
          "expires_in": 7200
        }
      },
      "InvalidAppId": {
        "summary": "Invalid AppID",
        "value": {
          "errcode": 40013,
          "errmsg": "invalid appid"
        }
      },
      "StableTokenRequest": {
        "summary": "Normal mode (does not invalidate other callers' tokens)",
        "value": {
          "grant_type": "client_credential",
          "appid": "wx0123456789abcdef",
          "secret": "0123456789abcdef0123456789abcdef",
          "force_refresh": false
        }
      }
    },
    "responses": {
      "GetOrder": {
        "description": "The order or an in-band error (always HTTP 200). JSON may be labelled `text/plain`; some failures\nsend an empty `text/html` body.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/GetOrderResponse"
            },
            "examples": {
              "paid": {
                "$ref": "#/components/examples/GetOrderPaid"
              },
              "toBePaid": {
                "$ref": "#/components/examples/GetOrderToBePaid"
              },
              "parameterError": {
                "$ref": "#/components/examples/GetOrderParameterError"
              },
              "tokenExpired": {
                "$ref": "#/components/examples/TokenExpired"
              },
              "systemBusy": {
                "$ref": "#/components/examples/SystemBusy"
              }
            }
          },
          "text/plain": {
            "schema": {
              "$ref": "#/components/schemas/GetOrderResponse"
            },
            "examples": {
              "paid": {
                "$ref": "#/components/examples/GetOrderPaid"
              }
            }
          },
          "text/html": {
            "schema": {
              "$ref": "#/components/schemas/EmptyBody"
            },
            "examples": {
              "empty": {
                "$ref": "#/components/examples/EmptyBody"
              }
            }
          }
        }
      },
      "AccessToken": {
        "description": "A token or an in-band error (always HTTP 200). JSON may be labelled `text/plain`; some failures\nsend an empty `text/html` body.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/AccessTokenResponse"
            },
            "examples": {
              "token": {
                "$ref": "#/components/examples/AccessToken"
              },
              "invalidAppId": {
                "$ref": "#/components/examples/InvalidAppId"
              }
            }
          },
          "text/plain": {
            "schema": {
              "$ref": "#/components/schemas/AccessTokenResponse"
            },
            "examples": {
              "token": {
                "$ref": "#/components/examples/AccessToken"
              }
            }
          },
          "text/html": {
            "schema": {
              "$ref": "#/components/schemas/EmptyBody"
            },
            "examples": {
              "empty": {
                "$ref": "#/components/examples/EmptyBody"
              }
            }
          }
        }
      }
    }
  }
};

export default spec;
