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
    "description": "A service provider that bought wholesale goods or resource packs in the WeChat service market\nqueries the purchase order with `getOrder`. Server side only (no cloud call, no third-party\nplatform call).\n\n## Authentication\nEvery business call carries an `access_token` query parameter, obtained from `getAccessToken`\n(`/cgi-bin/token`) or `getStableAccessToken` (`/cgi-bin/stable_token`). A token lives up to\n`expires_in` seconds (7200). **Fetching a new token with `/cgi-bin/token` invalidates the\nprevious one** (it keeps working about 5 more minutes), so one central place should obtain and\nrefresh the token for every caller. Reserve at least 512 characters for a token (there is no\ndocumented maximum). A token belongs to the service that issued it and to its AppID: never\nsend a token from one base URL (a mock, a proxy) to another.\n\n## Errors\nWeChat answers HTTP 200 and reports errors in the body: `errcode` ≠ 0 with `errmsg`. The\nerror codes are an **open set**: any call can answer the platform's common codes, and an\nunknown code is still a valid answer (a failure WeChat reported), never a broken one. The codes\nknown by name are listed, with their meanings, in `KnownErrCode`. `40001`, `40014` and `42001`\nrefuse the token: fetch a new one and repeat the call.\nWeChat is known to send JSON labelled `text/plain`, and an empty `text/html; charset=gbk` body on\nsome failures; both are listed as response media types.\n\n## Units\n`createTime`/`updateTime` are **milliseconds** since the epoch; every other timestamp is in\n**seconds**. 64-bit integers (`orderPrice`, `usage.used`, `usage.all`) are decimal strings.\n",
    "license": {
      "name": "Proprietary — provider contract restated for integration",
      "url": "https://developers.weixin.qq.com/"
    },
    "contact": {
      "name": "orderkit maintainers",
      "url": "https://github.com/orderkit/orderkit"
    },
    "x-orderkit-source": [
      "https://developers.weixin.qq.com/doc/oplatform/service_market/charge/api/charge_sp_get_order.html (getOrder)",
      "https://developers.weixin.qq.com/doc/subscription/api/base/api_getaccesstoken.html (getAccessToken)",
      "https://developers.weixin.qq.com/doc/subscription/api/base/api_getstableaccesstoken.html (getStableAccessToken)",
      "https://developers.weixin.qq.com/doc/channels/API/basics/commErrCode.html (common error codes)",
      "wechatpy/wechatpy wechatpy/client/base.py (token refusals 40001, 40014, 42001 refresh and repeat)",
      "which refusal when: 40001 \"access_token is invalid or not latest\" for a token superseded by a newer one (doraemonext/wechat-python-sdk#70, Eric-Guo/wechat#57); 40014 \"invalid access_token\" when the platform cannot read the token (WeCom's code page quoted in NotFound403/wecom-sdk#22: illegal characters, wrong token type); 42001 once it outlived expires_in (node-webot/co-wechat-api#99)",
      "specs/wechat/README.md (modelling decisions and what is inferred)"
    ]
  },
  "servers": [
    {
      "url": "https://api.weixin.qq.com",
      "description": "WeChat production API."
    },
    {
      "url": "http://127.0.0.1:4011",
      "description": "Local mock server (pnpm mock, Prism)."
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
        "description": "After buying goods in the service market, a service provider queries the purchase order with\nthis call. `access_token` goes in the URL query; there is no body.\n\nErrors of this API: `10120002` parameter error, `10120405` method not available. Like every\nWeChat call it can also answer the platform's common codes — among them `-1` (busy, retry\nlater), `40001`/`40014` (token invalid or not the latest), `42001` (token expired), `41001`\n(token missing), `40013` (invalid appid), `45009`/`45011` (daily quota, per-minute limit),\n`48001` (API unauthorized) and `61004` (IP not registered). The set is open (see `ErrCode`):\na code not listed in `KnownErrCode` is still a valid answer. On `40001`, `40014` or `42001`\nfetch a new token and repeat the call.\n",
        "x-orderkit-source": "https://developers.weixin.qq.com/doc/oplatform/service_market/charge/api/charge_sp_get_order.html",
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
        "description": "Returns a token valid for `expires_in` seconds (up to 7200). Every call issues a new token and\n**invalidates the previous one** (after about 5 minutes), so callers must share one token and\nrefresh it from one place.\n\nBesides the common codes it answers `40164` (this server's IP is not on the account's API IP\nwhitelist; `61004` is documented for the same case), `40243` (the AppSecret is frozen), and\n`40001` or `40125` for a wrong AppSecret. Tokens from this call and from\n`getStableAccessToken` are separate: neither call invalidates the other's token. A missing\nparameter is answered in band too (from the global return-code page): `40002` invalid\n`grant_type`, `41002` no `appid`, `41004` no `secret`.\n",
        "security": [],
        "x-orderkit-security-reason": "The call is authenticated by the appid and secret in its own query.",
        "x-orderkit-source": "https://developers.weixin.qq.com/doc/store/leagueheadsupplier/API/getaccesstoken.html (40243), https://developers.weixin.qq.com/doc/subscription/guide/dev/api/index.html (IP whitelist, 61004), https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html (40002, 41002, 41004)",
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
        "description": "The stable variant: in normal mode (`force_refresh: false`) it returns the current token while\nit is valid and does **not** invalidate tokens obtained by other callers. `force_refresh: true`\nforces a new token and invalidates the previous stable token.\n\nLimits: 10,000 calls a minute and 500,000 a day; `force_refresh: true` at most 20 times a day\nand at least 30 seconds apart. Stable tokens are isolated from `/cgi-bin/token` tokens: neither\ncall invalidates the other's. In normal mode WeChat renews the token 5 minutes before it\nexpires, so `expires_in` may be less than 7200. Errors as for `getAccessToken`; a body that is\nnot JSON is `47001` (data format error, global return-code page).\n",
        "security": [],
        "x-orderkit-security-reason": "The call is authenticated by the appid and secret in its own body.",
        "x-orderkit-source": "https://developers.weixin.qq.com/doc/subscription/api/base/api_getstableaccesstoken.html",
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
        "description": "The interface-call credential from `getAccessToken` or `getStableAccessToken`, sent as a URL\nquery parameter (never in the body). Reserve at least 512 characters for it: WeChat sets no\nmaximum. A token is valid only on the platform (base URL) and for the AppID that issued it.\n"
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
      "KnownErrCode": {
        "type": "integer",
        "description": "The error codes this contract knows by name: the platform's common codes that any call can\nanswer, the token calls' own codes, and getOrder's two. WeChat's code set is **open** — see\n`ErrCode` — so this list documents codes; it does not limit what an answer may carry.\n",
        "enum": [
          -1,
          40001,
          40013,
          40014,
          40125,
          40164,
          40243,
          41001,
          42001,
          45009,
          45011,
          48001,
          61004,
          10120002,
          10120405
        ],
        "x-enumDescriptions": {
          "40001": "Invalid credential — the access_token (or, for the token call, the AppSecret) is invalid or not the latest.",
          "40013": "Invalid AppID.",
          "40014": "Invalid access_token — refused like 40001 and 42001; fetch a new token and repeat the call.",
          "40125": "Invalid AppSecret (token calls).",
          "40164": "The caller's IP is not on the account's API IP whitelist (token calls).",
          "40243": "The AppSecret is frozen and cannot obtain a token until it is unfrozen (token calls).",
          "41001": "The access_token parameter is missing.",
          "42001": "access_token expired.",
          "45009": "The API's daily call quota is used up.",
          "45011": "The API's per-minute frequency limit was hit; slow down and retry in the next minute.",
          "48001": "API unauthorized — the account has no permission for this API, or the token is of another account type.",
          "61004": "The caller's IP is not registered on the account's IP whitelist.",
          "10120002": "Parameter error — check the parameters.",
          "10120405": "Method not available — request the way the document says.",
          "-1": "System busy; retry later."
        },
        "x-enum-varnames": [
          "SYSTEM_BUSY",
          "INVALID_CREDENTIAL",
          "INVALID_APPID",
          "INVALID_ACCESS_TOKEN",
          "INVALID_APPSECRET",
          "IP_NOT_WHITELISTED",
          "APPSECRET_FROZEN",
          "ACCESS_TOKEN_MISSING",
          "ACCESS_TOKEN_EXPIRED",
          "DAILY_QUOTA_REACHED",
          "MINUTE_QUOTA_REACHED",
          "API_UNAUTHORIZED",
          "CLIENT_IP_NOT_REGISTERED",
          "PARAMETER_ERROR",
          "METHOD_NOT_AVAILABLE"
        ],
        "x-orderkit-codes": {
          "40001": {
            "name": "INVALID_CREDENTIAL",
            "outcome": "failed",
            "retryable": true,
            "hint": "The client fetches a new token and repeats the call by itself; if this persists, something else is fetching tokens for this AppID."
          },
          "40013": {
            "name": "INVALID_APPID",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check the appId option."
          },
          "40014": {
            "name": "INVALID_ACCESS_TOKEN",
            "outcome": "failed",
            "retryable": true,
            "hint": "The client fetches a new token and repeats the call by itself; if this persists, something else is fetching tokens for this AppID."
          },
          "40125": {
            "name": "INVALID_APPSECRET",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check the appSecret option, and that the AppSecret was not reset in the console."
          },
          "40164": {
            "name": "IP_NOT_WHITELISTED",
            "outcome": "failed",
            "retryable": false,
            "hint": "Add this server's outbound IP to the account's API IP whitelist."
          },
          "40243": {
            "name": "APPSECRET_FROZEN",
            "outcome": "failed",
            "retryable": false,
            "hint": "Unfreeze the AppSecret in the console, or reset it."
          },
          "41001": {
            "name": "ACCESS_TOKEN_MISSING",
            "outcome": "failed",
            "retryable": false,
            "hint": "The access_token did not arrive: check baseUrl and any proxy that rewrites the query string."
          },
          "42001": {
            "name": "ACCESS_TOKEN_EXPIRED",
            "outcome": "failed",
            "retryable": true,
            "hint": "The client fetches a new token and repeats the call by itself; if this persists, something else is fetching tokens for this AppID."
          },
          "45009": {
            "name": "DAILY_QUOTA_REACHED",
            "outcome": "failed",
            "retryable": false,
            "hint": "The daily quota is used up: retrying today will not help; wait for the reset or have the quota cleared."
          },
          "45011": {
            "name": "MINUTE_QUOTA_REACHED",
            "outcome": "failed",
            "retryable": true,
            "hint": "Slow down and retry in the next minute."
          },
          "48001": {
            "name": "API_UNAUTHORIZED",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check that the account has this API's permission and that the token belongs to this account."
          },
          "61004": {
            "name": "CLIENT_IP_NOT_REGISTERED",
            "outcome": "failed",
            "retryable": false,
            "hint": "Add this server's outbound IP to the account's API IP whitelist."
          },
          "10120002": {
            "name": "PARAMETER_ERROR",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check the orderId."
          },
          "10120405": {
            "name": "METHOD_NOT_AVAILABLE",
            "outcome": "failed",
            "retryable": false,
            "hint": "Call the method the way the document says (this client does; check any proxy in between)."
          },
          "-1": {
            "name": "SYSTEM_BUSY",
            "outcome": "unknown",
            "retryable": true,
            "hint": "Retry later."
          }
        },
        "x-orderkit-source": [
          "common codes: https://developers.weixin.qq.com/doc/channels/API/basics/commErrCode.html (-1, 40001, 40013, 41001, 42001, 45009, 45011, 48001, 61004)",
          "40014: https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html, and wechatpy/wechatpy wechatpy/constants.py (INVALID_ACCESS_TOKEN; 40125 INVALID_APP_SECRET)",
          "40243 and 61004 on the token calls: https://developers.weixin.qq.com/doc/subscription/guide/dev/api/index.html",
          "40164 on /cgi-bin/token: answers quoted in https://developers.weixin.qq.com/community/develop/doc/000e067cac4100bd739c10fe55b000",
          "10120002, 10120405: https://developers.weixin.qq.com/doc/oplatform/service_market/charge/api/charge_sp_get_order.html"
        ]
      },
      "ErrCode": {
        "description": "A WeChat error code. The set is **open**: any call can answer any of the platform's common\ncodes, and WeChat adds codes without notice, so every integer is a valid `errcode` of an error\nanswer (`WeChatError` excludes 0, which is success). The codes known by name and meaning are\nlisted in `KnownErrCode`; an unknown one is still a definite failure reported by WeChat, not a\nbroken answer.\n",
        "anyOf": [
          {
            "$ref": "#/components/schemas/KnownErrCode"
          },
          {
            "type": "integer",
            "description": "Any other code WeChat answers."
          }
        ],
        "examples": [
          45009
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
            "description": "Error message, for people. WeChat usually appends a `rid:` request id (quote it when asking\nWeChat support); never parse it.\n"
          }
        },
        "not": {
          "properties": {
            "errcode": {
              "const": 0
            }
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
            "description": "The credential; never log it. WeChat asks to reserve **at least** 512 characters for it and\nnames no maximum, so no upper bound is set here.\n"
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
            "description": "`true` forces a new token and invalidates the previous stable token. WeChat allows it at\nmost 20 times a day, at least 30 seconds apart: use it only when WeChat refused the current\ntoken.\n"
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
      "GetOrderPaidWithInvoice": {
        "summary": "A paid order with usage and an invoice (billed)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200002",
            "status": 2,
            "createTime": 1700000000000,
            "updateTime": 1700086400000,
            "orderPrice": "29900",
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
            "invoiceInfo": {
              "invoiceApplyTime": 1700080000,
              "invoiceStatus": 1
            },
            "usage": {
              "used": "4096",
              "all": "10000"
            }
          }
        }
      },
      "GetOrderRefunding": {
        "summary": "A paid order being refunded (usage kept, no invoice)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200003",
            "status": 5,
            "createTime": 1700000000000,
            "updateTime": 1700172800000,
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
              "used": "0",
              "all": "10000"
            }
          }
        }
      },
      "GetOrderRefunded": {
        "summary": "A refunded order whose invoice was cancelled (no usage)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200004",
            "status": 6,
            "createTime": 1700000000000,
            "updateTime": 1700259200000,
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
            "invoiceInfo": {
              "invoiceApplyTime": 1700080000,
              "invoiceStatus": 3
            }
          }
        }
      },
      "GetOrderCancelled": {
        "summary": "A cancelled order (never paid; no finishPayTime, usage or invoice)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200005",
            "status": 9,
            "createTime": 1700000000000,
            "updateTime": 1700000600000,
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
      "GetOrderTimedOut": {
        "summary": "An order not paid in time (timed out)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200006",
            "status": 3,
            "createTime": 1700000000000,
            "updateTime": 1700001800000,
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
      "GetOrderRefundFailed": {
        "summary": "A refund that failed (the order stays paid, with usage)",
        "value": {
          "errcode": 0,
          "errmsg": "ok",
          "order": {
            "orderId": "DD2981741311549200007",
            "status": 7,
            "createTime": 1700000000000,
            "updateTime": 1700259200000,
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
      "GetOrderParameterError": {
        "summary": "Parameter error",
        "value": {
          "errcode": 10120002,
          "errmsg": "parameter error"
        }
      },
      "MethodNotAvailable": {
        "summary": "getOrder called with another HTTP method than GET",
        "value": {
          "errcode": 10120405,
          "errmsg": "method not available"
        }
      },
      "AccessTokenMissing": {
        "summary": "No access_token in the query",
        "value": {
          "errcode": 41001,
          "errmsg": "access_token missing rid: 6560e1c2-5e6f7a8b-9c0d1e2f"
        }
      },
      "InvalidCredential": {
        "summary": "access_token not the latest (superseded by a newer one past the overlap) or never issued",
        "value": {
          "errcode": 40001,
          "errmsg": "invalid credential, access_token is invalid or not latest rid: 6560e1c2-6f7a8b9c-0d1e2f3a"
        }
      },
      "TokenExpired": {
        "summary": "access_token expired",
        "value": {
          "errcode": 42001,
          "errmsg": "access_token expired"
        }
      },
      "InvalidAccessToken": {
        "summary": "access_token refused (fetch a new one and repeat the call once)",
        "value": {
          "errcode": 40014,
          "errmsg": "invalid access_token rid: 6560e1c2-4d5e6f7a-8b9c0d1e"
        }
      },
      "DailyQuotaReached": {
        "summary": "Daily quota used up (a common code; any call can answer it)",
        "value": {
          "errcode": 45009,
          "errmsg": "reach max api daily quota limit rid: 6560e1c2-1a2b3c4d-5e6f7a8b"
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
      "InvalidAppSecret": {
        "summary": "Wrong AppSecret",
        "value": {
          "errcode": 40125,
          "errmsg": "invalid appsecret rid: 6560e1c2-7a8b9c0d-1e2f3a4b"
        }
      },
      "IpNotWhitelisted": {
        "summary": "The caller's IP is not on the API IP whitelist",
        "value": {
          "errcode": 40164,
          "errmsg": "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6560e1c2-2b3c4d5e-6f7a8b9c"
        }
      },
      "AppSecretFrozen": {
        "summary": "The AppSecret is frozen",
        "value": {
          "errcode": 40243,
          "errmsg": "AppSecret is frozen rid: 6560e1c2-3c4d5e6f-7a8b9c0d"
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
        "description": "The order or an in-band error (always HTTP 200). `errcode` is an open set: a code this contract\ndoes not know is still a valid error answer. JSON may be labelled `text/plain`; some failures\nsend an empty `text/html` body (seen on the token call; for getOrder it is carried over, not\nobserved).\n",
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
              "paidWithInvoice": {
                "$ref": "#/components/examples/GetOrderPaidWithInvoice"
              },
              "refunding": {
                "$ref": "#/components/examples/GetOrderRefunding"
              },
              "refunded": {
                "$ref": "#/components/examples/GetOrderRefunded"
              },
              "cancelled": {
                "$ref": "#/components/examples/GetOrderCancelled"
              },
              "timedOut": {
                "$ref": "#/components/examples/GetOrderTimedOut"
              },
              "refundFailed": {
                "$ref": "#/components/examples/GetOrderRefundFailed"
              },
              "parameterError": {
                "$ref": "#/components/examples/GetOrderParameterError"
              },
              "methodNotAvailable": {
                "$ref": "#/components/examples/MethodNotAvailable"
              },
              "accessTokenMissing": {
                "$ref": "#/components/examples/AccessTokenMissing"
              },
              "invalidCredential": {
                "$ref": "#/components/examples/InvalidCredential"
              },
              "tokenExpired": {
                "$ref": "#/components/examples/TokenExpired"
              },
              "invalidAccessToken": {
                "$ref": "#/components/examples/InvalidAccessToken"
              },
              "dailyQuotaReached": {
                "$ref": "#/components/examples/DailyQuotaReached"
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
        "description": "A token or an in-band error (always HTTP 200). `errcode` is an open set: a code this contract\ndoes not know is still a valid error answer. JSON may be labelled `text/plain`; a bad AppID or\nAppSecret has been answered with an empty `text/html` body.\n",
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
              },
              "invalidAppSecret": {
                "$ref": "#/components/examples/InvalidAppSecret"
              },
              "ipNotWhitelisted": {
                "$ref": "#/components/examples/IpNotWhitelisted"
              },
              "appSecretFrozen": {
                "$ref": "#/components/examples/AppSecretFrozen"
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
  },
  "x-orderkit-mock": {
    "port": 4011,
    "portVariable": "MOCK_WECHAT_PORT",
    "credentials": {
      "appid": "wx0123456789abcdef",
      "secret": "mock-wechat-secret"
    }
  }
};

export default spec;
