// GENERATED FILE — do not edit by hand.
// Source: specs/ovopark/openapi.yaml ("Ovopark open platform — POS orders (open.ovopark.pos.searchPos)", version 1.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

/** The bundled OpenAPI document, for runtime validation and for enum descriptions. */
const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "Ovopark open platform — POS orders (open.ovopark.pos.searchPos)",
    "version": "1.0.0",
    "summary": "Query POS orders through Ovopark's signed, form-encoded gateway, and the login it needs.",
    "description": "Ovopark (万店掌) exposes every method through **one gateway URL**: `POST /cloud.api` with an\n`application/x-www-form-urlencoded` body. The form field `_mt` selects the method and `_version`\nits version. This contract models each method as its own operation under a path key\n`/cloud.api#<method>`: the fragment is never sent, so the wire request is exactly\n`POST /cloud.api`; see `specs/ovopark/README.md` for why and for how the mock routes on `_mt`.\n\n## Signature (_sig)\n1. Take every request parameter except `_sig`, system and business alike.\n2. Sort by name, ascending (plain string order).\n3. Concatenate `name1value1name2value2…` (a missing value counts as an empty string).\n4. Put the signing secret (`_asid`, never sent) before and after: `<secret><string><secret>`.\n5. Hash the UTF-8 bytes with MD5 or SHA-1 as `_sm` says; hex-encode in **uppercase**.\n\nExample (secret `test`): `_aid=S107, orgid=1, _akey=test, _requestMode=post,\n_mt=open.demo.queryOpenAccount, _sm=md5, _version=v1, _timestamp=20171221132407` sign\n`test_aidS107_akeytest_mtopen.demo.queryOpenAccount_requestModepost_smmd5_timestamp20171221132407_versionv1orgid1test`\nto `5489704B80A47394025527D6D51FB582`.\n\n## Login token\nMethods that act for a user (here `searchPos`) carry the token from `mobileLogin` in the\nrequest header **`authenticator`** (the pages say \"add the token to the request header\", which\nnames the value, not the header; the SDKs send `authenticator`).\n\n## Responses\nAlways HTTP 200 with the envelope `stat` (`cid`, `code`, `codename`, `systime`), `result` and\n`data`. `stat.code` and `stat.systime` arrive as numbers (the SDKs read `int` and `long`) or as\nstrings (as the pages list them): compare by value. `stat.code` `0` is success; any other value\nis a gateway or business error, and the set of codes is open — a code this contract does not\nlist is still a valid answer (a failure of the call, not a broken answer).\n\n## Inferences\nThe searchPos page lost the names of its business parameters and the shape of `data`; the\nlogin's parameter names were lost too. Everything inferred lives in\n`components/schemas/Inferred.yaml` and carries `x-orderkit-inferred`.\n\n## Gateways and application ids\nTwo gateways serve `/cloud.api`: `https://openapi.opretail.com` and the newer \"middle-platform\"\ngateway `https://cloudapi.ovopark.com`. Older documents and SDKs post to\n`https://openapi.ovopark.com/m.api`. On the older platform `_aid` is always `S107`; applications\nregistered on `cloud.api` have their own AppId (e.g. `DC-00xxxx`), so `_aid` is a parameter, not\na constant.\n\n## Sources\nThe documentation page of `open.ovopark.pos.searchPos` on https://docs.open.ovopark.com/ (the\npage this contract restates), corrected by the providers' SDKs and integrators' code:\n- ovopark/openplatform-sdk `README.md` (signature and its worked example; gateways),\n  `.net8/SignHelper.cs` (`authenticator` header; `userName`/`password`; login `data`\n  `enterpriseId` + `token`; `stat.code` int, `stat.systime` long),\n  `openplatform-sdk-java/src/main/java/com/ovopark/sdk/openplatform/utils/ApiConst.java`\n  (form Content-Type with `charset=utf-8`);\n- ovopark/dc-apigateway-sdk `README.md` (`cloud.api` route; per-application `_aid`),\n  `src/main/java/com/ovopark/dc/apigetway/sdk/entity/ResponseStat.java` (`code` int,\n  `systime` long);\n- erdengzhazha/open_ovopark_sdk `openplatform-sdk-java/src/main/java/com/ovopark/sdk/openplatform/http/OkClient.java`\n  (`authenticator` header) and `…/group/gateway/GatewayConsts.java` (the token goes in the\n  header named `authenticator`);\n- busyfree/ovopark `def.go` (`stat.code` int, `stat.systime` int64).\n",
    "license": {
      "name": "Proprietary — provider contract restated for integration",
      "url": "https://docs.open.ovopark.com/"
    },
    "contact": {
      "name": "orderkit maintainers",
      "url": "https://github.com/orderkit/orderkit"
    },
    "x-orderkit-source": [
      "https://docs.open.ovopark.com/ (open.ovopark.pos.searchPos, open.shopweb.security.mobileLogin)",
      "ovopark/openplatform-sdk README.md",
      "ovopark/openplatform-sdk .net8/SignHelper.cs",
      "ovopark/openplatform-sdk openplatform-sdk-java/src/main/java/com/ovopark/sdk/openplatform/utils/ApiConst.java",
      "ovopark/dc-apigateway-sdk README.md",
      "ovopark/dc-apigateway-sdk src/main/java/com/ovopark/dc/apigetway/sdk/entity/ResponseStat.java",
      "erdengzhazha/open_ovopark_sdk openplatform-sdk-java/src/main/java/com/ovopark/sdk/openplatform/http/OkClient.java",
      "erdengzhazha/open_ovopark_sdk openplatform-sdk-java/src/main/java/com/ovopark/sdk/openplatform/group/gateway/GatewayConsts.java",
      "busyfree/ovopark def.go"
    ]
  },
  "servers": [
    {
      "url": "https://openapi.opretail.com",
      "description": "Ovopark open platform production gateway."
    },
    {
      "url": "https://cloudapi.ovopark.com",
      "description": "Ovopark's newer \"middle-platform\" gateway (ovopark/openplatform-sdk README.md, since\n2020-07-08; ovopark/dc-apigateway-sdk README.md). Applications registered here use their own\n_aid.\n"
    },
    {
      "url": "http://127.0.0.1:4012",
      "description": "Local mock server (pnpm mock, Prism behind the _mt router)."
    }
  ],
  "security": [
    {
      "ovoparkToken": []
    }
  ],
  "tags": [
    {
      "name": "POS",
      "description": "POS orders (tickets)."
    },
    {
      "name": "Security",
      "description": "Login that yields the token for the `authenticator` header."
    }
  ],
  "paths": {
    "/cloud.api#open.ovopark.pos.searchPos": {
      "post": {
        "operationId": "searchPos",
        "tags": [
          "POS"
        ],
        "summary": "Query POS orders (查询POS订单)",
        "description": "Method `open.ovopark.pos.searchPos`, version `v1`, sent as `POST /cloud.api` with `_mt` in the form\nbody. Needs the login token from `mobileLogin` in the `authenticator` header, and a signed body.\nA missing or stale token is answered `9990001 TOKEN_NOT_EXIST`: log in again and repeat the call.\n\nLimits (from the business codes): a time range of at most one hour (`208016`), at most 100 per\npage (`208015`), at most 300 calls (`208017`). The business parameter names are inferred.\n",
        "x-orderkit-method": "open.ovopark.pos.searchPos",
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/SearchPosForm"
              },
              "examples": {
                "oneHour": {
                  "$ref": "#/components/examples/SearchPosRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/SearchPos"
          }
        }
      }
    },
    "/cloud.api#open.shopweb.security.mobileLogin": {
      "post": {
        "operationId": "mobileLogin",
        "tags": [
          "Security"
        ],
        "summary": "Log in and obtain the authenticator token",
        "description": "Method `open.shopweb.security.mobileLogin`, version `v1`, sent as `POST /cloud.api` with `_mt` in\nthe form body. `userName` and `password` of the user's Ovopark login; the answer's `data` carries\nthe `token` that `searchPos` sends as its `authenticator` header, and the user's `enterpriseId`.\nSigned like every gateway call; needs no token. A wrong user name is answered `103094`, a wrong\npassword `103095`.\n",
        "x-orderkit-method": "open.shopweb.security.mobileLogin",
        "security": [],
        "x-orderkit-security-reason": "This call obtains the token; it is authenticated by its signature and credentials.",
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/MobileLoginForm"
              },
              "examples": {
                "login": {
                  "$ref": "#/components/examples/MobileLoginRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/MobileLogin"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "ovoparkToken": {
        "type": "apiKey",
        "in": "header",
        "name": "authenticator",
        "description": "Session token from `open.shopweb.security.mobileLogin` (`data.token`), sent as the request header\n`authenticator`. The pages only say \"add the token to the request header\"; the header name is\nwhat the SDKs send (ovopark/openplatform-sdk `.net8/SignHelper.cs`; erdengzhazha/open_ovopark_sdk\n`OkClient.java`). A missing or stale token is answered `9990001 TOKEN_NOT_EXIST`. Every call is\nadditionally signed with `_sig` in the form body (see the API description).\n",
        "x-orderkit-source": [
          "ovopark/openplatform-sdk .net8/SignHelper.cs",
          "erdengzhazha/open_ovopark_sdk openplatform-sdk-java/src/main/java/com/ovopark/sdk/openplatform/http/OkClient.java"
        ]
      }
    },
    "schemas": {
      "SystemParams": {
        "type": "object",
        "description": "The gateway's public (system) parameters, sent in the form body of every call. `_mt` is fixed by\neach operation.\n",
        "required": [
          "_aid",
          "_akey",
          "_mt",
          "_sm",
          "_requestMode",
          "_version",
          "_timestamp",
          "_sig"
        ],
        "properties": {
          "_aid": {
            "type": "string",
            "minLength": 1,
            "maxLength": 20,
            "default": "S107",
            "examples": [
              "S107",
              "DC-000392"
            ],
            "description": "Application id. `S107`, the open platform's system number, on the older platform (`m.api`,\nand what the pages say); applications registered on the `cloud.api` gateway have their own\nAppId such as `DC-00xxxx` (ovopark/dc-apigateway-sdk `README.md`). A value that does not\nbelong to `_akey` is answered `12 APPLICATIONID_NOTSAME`.\n"
          },
          "_akey": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "description": "Developer key assigned by the open platform. The pages give a maximum length of 20; keys of\nnewer applications are reported to be 32 hex characters, hence the wider limit.\n"
          },
          "_mt": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "description": "Method name, e.g. `open.ovopark.pos.searchPos`."
          },
          "_sm": {
            "type": "string",
            "description": "Signature method. The pages list `md5` and `sha1`, which is what this contract sends; the\nSDKs also know `sha256` and `rsa` (ovopark/openplatform-sdk `.net8/SignHelper.cs`).\n",
            "enum": [
              "md5",
              "sha1"
            ],
            "x-enumDescriptions": {
              "md5": "MD5, 32 uppercase hex characters.",
              "sha1": "SHA-1, 40 uppercase hex characters."
            }
          },
          "_requestMode": {
            "type": "string",
            "maxLength": 100,
            "description": "Request mode; the documents' example sends `POST`.",
            "enum": [
              "post",
              "get",
              "POST",
              "GET"
            ],
            "x-enumDescriptions": {
              "post": "HTTP POST (the form body).",
              "get": "HTTP GET.",
              "POST": "HTTP POST, as in the documents' example.",
              "GET": "HTTP GET, upper case."
            }
          },
          "_version": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "description": "Method version, e.g. `v1`."
          },
          "_timestamp": {
            "type": "string",
            "pattern": "^[0-9]{14}$",
            "description": "`yyyyMMddHHmmss` in the platform's time zone (Asia/Shanghai), regenerated for every call."
          },
          "_sig": {
            "type": "string",
            "pattern": "^([0-9A-F]{32}|[0-9A-F]{40})$",
            "description": "Uppercase hex signature (see the API description). The page gives a maximum length of 32,\nwhich fits MD5; SHA-1 (`_sm=sha1`) gives 40 characters.\n"
          },
          "_format": {
            "type": "string",
            "description": "Response format.",
            "enum": [
              "json",
              "xml"
            ],
            "x-enumDescriptions": {
              "json": "JSON (the default, and the only format this contract models).",
              "xml": "XML."
            }
          }
        }
      },
      "SearchPosParams": {
        "type": "object",
        "description": "**Inferred.** Business parameters of `open.ovopark.pos.searchPos`. The names follow sibling\nOvopark APIs; the limits follow the business codes `206004` (department), `208006` (date\nformat), `208016` (at most one hour), `208015` (at most 100 per page).\n\n**Alternatives the evidence suggests:** the sibling POS method `open.ovopark.pos.reportSales`\nis called by integrators with `enterpriseId`, `orgId`, `stime` and `etime`\n(`yyyy-MM-dd HH:mm:ss`), and `open.shopweb` user methods take `stime`/`etime` too\n(erdengzhazha/open_ovopark_sdk `…/group/openplatform_base/ApiOpenplatformBase.java`); the\npassenger-flow method takes `depId`, `starttime`/`endtime`, `pageNumber`, `pageSize`\n(ovopark/dc-apigateway-sdk `README.md`). If the platform answers `208006` or ignores the range,\ntry `stime`/`etime` here first.\n",
        "x-orderkit-inferred": {
          "file": "specs/ovopark/components/schemas/Inferred.yaml",
          "source": "business return codes 206004/208006/208015/208016; parameter names of sibling methods (ovopark/dc-apigateway-sdk README.md; erdengzhazha/open_ovopark_sdk ApiOpenplatformBase.java)",
          "confidence": "low (names); limits documented by the codes"
        },
        "required": [
          "depId",
          "startTime",
          "endTime"
        ],
        "properties": {
          "depId": {
            "type": "integer",
            "minimum": 1,
            "description": "**Inferred.** Store (department) id."
          },
          "startTime": {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
            "description": "**Inferred.** Start of the range, `yyyy-MM-dd HH:mm:ss` (platform time zone)."
          },
          "endTime": {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
            "description": "**Inferred.** End of the range, `yyyy-MM-dd HH:mm:ss`; at most one hour after `startTime` (`208016`)."
          },
          "pageNumber": {
            "type": "integer",
            "minimum": 1,
            "default": 1,
            "description": "**Inferred.** Page number, from 1."
          },
          "pageSize": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "default": 100,
            "description": "**Inferred.** Tickets per page, at most 100 (`208015`)."
          }
        }
      },
      "SearchPosForm": {
        "description": "Form body of `open.ovopark.pos.searchPos`: the system parameters plus the (inferred) business parameters.",
        "allOf": [
          {
            "$ref": "#/components/schemas/SystemParams"
          },
          {
            "type": "object",
            "properties": {
              "_mt": {
                "type": "string",
                "const": "open.ovopark.pos.searchPos",
                "description": "Always `open.ovopark.pos.searchPos`."
              }
            }
          },
          {
            "$ref": "#/components/schemas/SearchPosParams"
          }
        ],
        "unevaluatedProperties": false
      },
      "StatCode": {
        "type": [
          "integer",
          "string"
        ],
        "pattern": "^-?[0-9]+$",
        "description": "Return code. A number on the wire (the SDKs read an `int`: ovopark/openplatform-sdk\n`.net8/SignHelper.cs`, ovopark/dc-apigateway-sdk `ResponseStat.java`, busyfree/ovopark `def.go`);\nthe pages list a String, so a digit string is accepted too. Compare by value: `0` and `\"0\"` are\nthe same code.\n\n`0` is success; `1`–`17`, `-100`, `-500`, `-999` and `9990001` are gateway codes; six-digit codes\nare the methods' business codes (their placement in `stat.code` is what integrators observe, e.g.\n`103095 PASSWORD_ERROE` from mobileLogin). **The set is open**: the platform answers codes no\npage lists, and such an answer is still valid — a failure of the call, not a broken answer.\nEvery code known to this contract has its meaning in `x-enumDescriptions` and its name, outcome,\nretryability and hint in `x-orderkit-codes` (see specs/README.md).\n",
        "examples": [
          0,
          "0",
          9990001
        ],
        "x-enumDescriptions": {
          "0": "call succeeded.",
          "1": "`_akey` is empty.",
          "2": "`_akey` is illegal.",
          "3": "`_akey` has expired; renew the service.",
          "4": "`_sm` is empty.",
          "5": "`_sm` is not md5 or sha1.",
          "6": "`_sig` is empty.",
          "7": "the signature is invalid; check the parameters and the signature format.",
          "8": "`_mt` is empty.",
          "9": "`_mt` + `_version` is not registered.",
          "10": "`_requestMode` is empty.",
          "11": "`_aid` is empty.",
          "12": "`_aid` does not match `_akey`.",
          "13": "`_version` is empty.",
          "14": "`_timestamp` is empty.",
          "15": "`_timestamp` is not `yyyyMMddHHmmss`.",
          "16": "`_timestamp` has expired; regenerate it for every call.",
          "17": "`_format` is unknown (json default, xml).",
          "103094": "mobileLogin; the user name is not an Ovopark login name (the platform's spelling of ERROR).",
          "103095": "mobileLogin; the password is wrong (the platform's spelling of ERROR).",
          "206001": "open-platform user does not exist.",
          "206003": "business platform not bound; contact support.",
          "206004": "department (store) does not exist.",
          "206006": "agent has no permission for this enterprise.",
          "208004": "goods details must not be empty.",
          "208006": "date format error.",
          "208015": "page size must not exceed 100.",
          "208016": "query time range is at most 1 hour.",
          "208017": "call count over the limit of 300.",
          "208018": "POS data does not exist.",
          "999999": "unknown API service exception.",
          "9990001": "the `authenticator` token is missing, unknown or expired; log in again (once) and repeat the call.",
          "-100": "duplicate call.",
          "-500": "system exception.",
          "-999": "platform exception; re-send the request."
        },
        "x-orderkit-codes": {
          "1": {
            "name": "KEY_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "Pass the developer key as the akey option."
          },
          "2": {
            "name": "KEY_UNLAWFUL",
            "outcome": "failed",
            "retryable": false,
            "hint": "The akey option is not a key the platform knows; copy it again from the Ovopark developer console."
          },
          "3": {
            "name": "KEY_HAS_EXPIRED",
            "outcome": "failed",
            "retryable": false,
            "hint": "The developer key has expired; renew the service with Ovopark, then update the akey option."
          },
          "4": {
            "name": "SIGN_METHOD_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _sm; something between it and the gateway dropped form fields (check proxies)."
          },
          "5": {
            "name": "SIGN_TYPE_NOTEXIST",
            "outcome": "failed",
            "retryable": false,
            "hint": "Use signMethod \"md5\" or \"sha1\"."
          },
          "6": {
            "name": "SIGN_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _sig; something between it and the gateway dropped form fields (check proxies)."
          },
          "7": {
            "name": "SIGN_WRONG",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check that the secret option is the signing secret (_asid) issued with this akey, and that nothing rewrites the form body on the way."
          },
          "8": {
            "name": "METHOD_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _mt; something between it and the gateway dropped form fields (check proxies)."
          },
          "9": {
            "name": "METHOD_NOTEXIST_CODE",
            "outcome": "failed",
            "retryable": false,
            "hint": "The method and version (_mt, _version) are not enabled for this akey; ask Ovopark to grant the API to your application."
          },
          "10": {
            "name": "REQUESTMODE_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _requestMode; something between it and the gateway dropped form fields (check proxies)."
          },
          "11": {
            "name": "APPLICATIONID_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _aid; something between it and the gateway dropped form fields (check proxies)."
          },
          "12": {
            "name": "APPLICATIONID_NOTSAME",
            "outcome": "failed",
            "retryable": false,
            "hint": "The akey does not belong to this application id (_aid); set the aid option to the AppId issued with this akey (default S107, the older platform's; cloud.api applications have their own, e.g. DC-00xxxx)."
          },
          "13": {
            "name": "VERSION_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _version; something between it and the gateway dropped form fields (check proxies)."
          },
          "14": {
            "name": "TIMESTAMP_NOTNULL",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client always sends _timestamp; something between it and the gateway dropped form fields (check proxies)."
          },
          "15": {
            "name": "TIMESTAMP_FORMAT_ERROR",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check the timeZone option (default Asia/Shanghai): it must be an IANA zone."
          },
          "16": {
            "name": "TIMESTAMP_OVERTIME",
            "outcome": "failed",
            "retryable": false,
            "hint": "Check this machine's clock (NTP) and the timeZone option (default Asia/Shanghai, the platform's)."
          },
          "17": {
            "name": "FORMAT_TYPE_NOTEXIST",
            "outcome": "failed",
            "retryable": false,
            "hint": "This client never sends _format; something between it and the gateway added one (check proxies)."
          },
          "103094": {
            "name": "USERNAME_ERROE",
            "outcome": "failed",
            "retryable": false,
            "hint": "The account option is not an Ovopark login name; use the user name (often the mobile number) of the login at www.ovopark.com."
          },
          "103095": {
            "name": "PASSWORD_ERROE",
            "outcome": "failed",
            "retryable": false,
            "hint": "The password was refused; check the password option, and the passwordEncoding option (md5 by default; some accounts expect \"plain\")."
          },
          "206001": {
            "outcome": "failed",
            "retryable": false,
            "hint": "Check the account option; if the session expired instead, add this code to authFailureCodes."
          },
          "206003": {
            "outcome": "failed",
            "retryable": false,
            "hint": "Ask Ovopark support to bind the business platform to this account."
          },
          "206004": {
            "outcome": "failed",
            "retryable": false,
            "hint": "Check depId: the store (department) does not exist for this account."
          },
          "206006": {
            "outcome": "failed",
            "retryable": false,
            "hint": "Ask the enterprise to grant this account (agent) access to it."
          },
          "208004": {
            "outcome": "failed",
            "retryable": false,
            "hint": "The method wants goods details, which searchPos never sends; quote stat.cid to Ovopark support."
          },
          "208006": {
            "outcome": "failed",
            "retryable": false,
            "hint": "startTime and endTime must be 'yyyy-MM-dd HH:mm:ss' in the platform time zone."
          },
          "208015": {
            "outcome": "failed",
            "retryable": false,
            "hint": "Use pageSize 100 or less."
          },
          "208016": {
            "outcome": "failed",
            "retryable": false,
            "hint": "Query at most one hour per call; searchPosRange splits longer ranges for you."
          },
          "208017": {
            "outcome": "failed",
            "retryable": false,
            "hint": "The 300-call quota is used up; wait for it to reset, and narrow the ranges you query."
          },
          "208018": {
            "outcome": "failed",
            "retryable": false,
            "hint": "There is no POS data for this store and time range."
          },
          "999999": {
            "outcome": "failed",
            "retryable": false,
            "hint": "The platform failed inside the method; try again later and quote stat.cid to Ovopark support."
          },
          "9990001": {
            "name": "TOKEN_NOT_EXIST",
            "outcome": "failed",
            "retryable": true,
            "hint": "The client logged in again once and the token was still refused; check that account and password belong to this akey's enterprise, and that nothing strips the authenticator header."
          },
          "-100": {
            "name": "API_CALL_REPEAT",
            "outcome": "failed",
            "retryable": true,
            "hint": "The gateway saw the same request twice; every call is freshly stamped, so wait a second and call again."
          },
          "-500": {
            "name": "API_SYSTEM_CALL_ERROR",
            "outcome": "failed",
            "retryable": true,
            "hint": "The platform failed after every retry; try again later or raise retry.maxAttempts."
          },
          "-999": {
            "name": "UNKNOWN_ERROR",
            "outcome": "failed",
            "retryable": true,
            "hint": "The platform failed after every retry; try again later or raise retry.maxAttempts."
          }
        }
      },
      "Stat": {
        "type": "object",
        "description": "Gateway status of the call.",
        "required": [
          "code"
        ],
        "properties": {
          "cid": {
            "type": "string",
            "maxLength": 100,
            "description": "Identifier of the HTTP request."
          },
          "code": {
            "$ref": "#/components/schemas/StatCode"
          },
          "codename": {
            "type": "string",
            "maxLength": 100,
            "description": "Name of the return code, e.g. `SUCCESS`, `SIGN_WRONG`."
          },
          "systime": {
            "type": [
              "integer",
              "string"
            ],
            "minimum": 0,
            "pattern": "^[0-9]{1,19}$",
            "description": "Server time of the call, epoch milliseconds. A number on the wire (the SDKs read a `long`:\novopark/openplatform-sdk `.net8/SignHelper.cs`, ovopark/dc-apigateway-sdk `ResponseStat.java`);\nthe pages list a String, so a digit string is accepted too.\n"
          }
        }
      },
      "Envelope": {
        "type": "object",
        "description": "The gateway's response envelope.",
        "required": [
          "stat"
        ],
        "properties": {
          "stat": {
            "$ref": "#/components/schemas/Stat"
          },
          "result": {
            "type": "string",
            "maxLength": 100,
            "description": "Prompt text returned by the method."
          }
        }
      },
      "PosTicketGoods": {
        "type": "object",
        "description": "**Inferred.** A line item of a ticket.",
        "x-orderkit-inferred": {
          "file": "specs/ovopark/components/schemas/Inferred.yaml",
          "source": "goods details of open.ovopark.pos.sendOrder (code 208004 requires them)",
          "confidence": "low (shape unverified)"
        },
        "properties": {
          "goodsCode": {
            "type": "string",
            "description": "**Inferred.** Goods code."
          },
          "goodsName": {
            "type": "string",
            "description": "**Inferred.** Goods name."
          },
          "quantity": {
            "type": "number",
            "description": "**Inferred.** Quantity."
          },
          "price": {
            "type": "number",
            "description": "**Inferred.** Unit price, in yuan."
          },
          "amount": {
            "type": "number",
            "description": "**Inferred.** Line amount, in yuan."
          }
        }
      },
      "PosTicket": {
        "type": "object",
        "description": "**Inferred.** A POS ticket, shaped after the ticket fields of `open.ovopark.pos.sendOrder`.",
        "x-orderkit-inferred": {
          "file": "specs/ovopark/components/schemas/Inferred.yaml",
          "source": "ticket fields of open.ovopark.pos.sendOrder (depId, shopId, ticketId, machineId, cashier, guide, totals)",
          "confidence": "low (shape unverified)"
        },
        "required": [
          "ticketId",
          "depId"
        ],
        "properties": {
          "ticketId": {
            "type": "string",
            "description": "**Inferred.** Ticket (receipt) number, unique within the store."
          },
          "depId": {
            "type": "integer",
            "description": "**Inferred.** Store (department) id."
          },
          "shopId": {
            "type": "string",
            "description": "**Inferred.** The merchant's own store code."
          },
          "machineId": {
            "type": "string",
            "description": "**Inferred.** Till (POS machine) id."
          },
          "cashierId": {
            "type": "string",
            "description": "**Inferred.** Cashier id."
          },
          "cashierName": {
            "type": "string",
            "description": "**Inferred.** Cashier name."
          },
          "guideId": {
            "type": "string",
            "description": "**Inferred.** Shop guide id."
          },
          "guideName": {
            "type": "string",
            "description": "**Inferred.** Shop guide name."
          },
          "ticketTime": {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
            "description": "**Inferred.** When the ticket was rung up, `yyyy-MM-dd HH:mm:ss`."
          },
          "totalAmount": {
            "type": "number",
            "description": "**Inferred.** Ticket total, in yuan."
          },
          "payAmount": {
            "type": "number",
            "description": "**Inferred.** Amount paid, in yuan."
          },
          "discountAmount": {
            "type": "number",
            "description": "**Inferred.** Discount, in yuan."
          },
          "goods": {
            "type": "array",
            "description": "**Inferred.** Line items.",
            "items": {
              "$ref": "#/components/schemas/PosTicketGoods"
            }
          }
        }
      },
      "SearchPosData": {
        "type": "object",
        "description": "**Inferred.** One page of POS tickets.\n\n**Alternatives the evidence suggests:** Ovopark list methods answer their list under\n`data.rows` (getDepartments) or `data.records` (paged lists); `data.list` is common too. A\nclient reading this leniently looks for the tickets under such a field, and warns.\n",
        "x-orderkit-inferred": {
          "file": "specs/ovopark/components/schemas/Inferred.yaml",
          "source": "paging parameters above; Ovopark list methods answer a total and a page of rows",
          "confidence": "low (shape unverified)"
        },
        "required": [
          "total",
          "content"
        ],
        "properties": {
          "total": {
            "type": "integer",
            "minimum": 0,
            "description": "**Inferred.** Number of tickets in the whole range."
          },
          "pageNumber": {
            "type": "integer",
            "minimum": 1,
            "description": "**Inferred.** This page's number."
          },
          "pageSize": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "**Inferred.** Page size used."
          },
          "content": {
            "type": "array",
            "description": "**Inferred.** The tickets of this page.",
            "items": {
              "$ref": "#/components/schemas/PosTicket"
            }
          }
        }
      },
      "SearchPosResponse": {
        "description": "The envelope with the (inferred) searchPos `data`.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "properties": {
              "data": {
                "description": "Business payload; present on success (shape inferred). `anyOf`, not `oneOf`: a reader\nthat relaxes the inferred branch must still match `null` unambiguously.\n",
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/SearchPosData"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          }
        ]
      },
      "MobileLoginParams": {
        "type": "object",
        "description": "Business parameters of `open.shopweb.security.mobileLogin`: the user name and password of the\nuser's Ovopark login (ovopark/openplatform-sdk `.net8/SignHelper.cs`). The pages lost the names\nand say the password goes as lowercase 32-hex MD5; the SDK example sends it as typed. The gateway\nanswers `103094` for an unknown user name and `103095` for a wrong password.\n",
        "x-orderkit-source": [
          "ovopark/openplatform-sdk .net8/SignHelper.cs"
        ],
        "required": [
          "userName",
          "password"
        ],
        "properties": {
          "userName": {
            "type": "string",
            "minLength": 1,
            "maxLength": 20,
            "description": "Login name (the pages' \"account\", at most 20 characters), e.g. a mobile number."
          },
          "password": {
            "type": "string",
            "minLength": 1,
            "description": "Password: lowercase 32-hex MD5 of the password as the pages say, or the password as typed as\nthe SDK example sends it. Which one a given account expects is not documented.\n"
          }
        }
      },
      "MobileLoginForm": {
        "description": "Form body of `open.shopweb.security.mobileLogin`: the system parameters plus the user name and password.",
        "allOf": [
          {
            "$ref": "#/components/schemas/SystemParams"
          },
          {
            "type": "object",
            "properties": {
              "_mt": {
                "type": "string",
                "const": "open.shopweb.security.mobileLogin",
                "description": "Always `open.shopweb.security.mobileLogin`."
              }
            }
          },
          {
            "$ref": "#/components/schemas/MobileLoginParams"
          }
        ],
        "unevaluatedProperties": false
      },
      "MobileLoginData": {
        "type": "object",
        "description": "Login result (ovopark/openplatform-sdk `.net8/SignHelper.cs` reads `token` and `enterpriseId`).\nOpen: the platform may add fields.\n",
        "x-orderkit-source": [
          "ovopark/openplatform-sdk .net8/SignHelper.cs"
        ],
        "required": [
          "token"
        ],
        "properties": {
          "token": {
            "type": "string",
            "minLength": 1,
            "description": "Session token, sent as the `authenticator` header of methods that act for the user."
          },
          "enterpriseId": {
            "type": [
              "integer",
              "string"
            ],
            "pattern": "^[0-9]{1,19}$",
            "description": "The user's enterprise (a `long` in the SDK)."
          }
        }
      },
      "MobileLoginResponse": {
        "description": "The envelope with the login `data`.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "properties": {
              "data": {
                "description": "Business payload; present on success.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/MobileLoginData"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          }
        ]
      }
    },
    "examples": {
      "SearchPosRequest": {
        "summary": "One hour of tickets of store 1001, first page (form fields)",
        "value": {
          "_aid": "S107",
          "_akey": "demo_akey",
          "_mt": "open.ovopark.pos.searchPos",
          "_sm": "md5",
          "_requestMode": "post",
          "_version": "v1",
          "_timestamp": "20240101120000",
          "_sig": "3F2504E04F8911D39A0C0305E82C3301",
          "depId": 1001,
          "startTime": "2024-01-01 11:00:00",
          "endTime": "2024-01-01 12:00:00",
          "pageNumber": 1,
          "pageSize": 100
        }
      },
      "SearchPosSuccess": {
        "summary": "One page with two tickets (stat as numbers, as the SDKs read it)",
        "value": {
          "stat": {
            "cid": "5f0c9a2e-1b7d-4c31-9d0e-3b2f1a6c8e01",
            "code": 0,
            "codename": "SUCCESS",
            "systime": 1704081600000
          },
          "result": "ok",
          "data": {
            "total": 2,
            "pageNumber": 1,
            "pageSize": 100,
            "content": [
              {
                "ticketId": "T202401011105001",
                "depId": 1001,
                "shopId": "SH-1001",
                "machineId": "POS-01",
                "cashierId": "C007",
                "cashierName": "Li Na",
                "ticketTime": "2024-01-01 11:05:00",
                "totalAmount": 56.5,
                "payAmount": 50,
                "discountAmount": 6.5,
                "goods": [
                  {
                    "goodsCode": "G100",
                    "goodsName": "Latte",
                    "quantity": 2,
                    "price": 28.25,
                    "amount": 56.5
                  }
                ]
              },
              {
                "ticketId": "T202401011142002",
                "depId": 1001,
                "shopId": "SH-1001",
                "machineId": "POS-02",
                "cashierId": "C008",
                "cashierName": "Wang Wei",
                "guideId": "G12",
                "guideName": "Zhao Lei",
                "ticketTime": "2024-01-01 11:42:00",
                "totalAmount": 18,
                "payAmount": 18,
                "discountAmount": 0,
                "goods": [
                  {
                    "goodsCode": "G200",
                    "goodsName": "Croissant",
                    "quantity": 1,
                    "price": 18,
                    "amount": 18
                  }
                ]
              }
            ]
          }
        }
      },
      "SignWrong": {
        "summary": "Gateway error — signature invalid",
        "value": {
          "stat": {
            "cid": "0a4c2f1e-77d3-4a58-8b0e-9f1d2c3b4a50",
            "code": "7",
            "codename": "SIGN_WRONG",
            "systime": "1704081600000"
          },
          "result": "Invalid signature, please check the parameters and signature format",
          "data": null
        }
      },
      "RangeTooLong": {
        "summary": "Business error — time range over one hour",
        "value": {
          "stat": {
            "cid": "8d1e0b3a-2c4f-4e6a-9b7c-1d2e3f4a5b60",
            "code": "208016",
            "codename": "208016",
            "systime": "1704081600000"
          },
          "result": "最大查询时间范围 1 小时",
          "data": null
        }
      },
      "UnknownError": {
        "summary": "Gateway error — platform exception, re-send",
        "value": {
          "stat": {
            "cid": "3b9e7c1d-5a2f-4d8e-b6c0-7e1f2a3b4c70",
            "code": "-999",
            "codename": "UNKNOWN_ERROR",
            "systime": "1704081600000"
          },
          "result": "Open platform system exception",
          "data": null
        }
      },
      "TokenNotExist": {
        "summary": "Gateway error — login token missing or expired",
        "value": {
          "stat": {
            "cid": "2e7a9c1b-4d3f-4b6e-8a0c-5f1e2d3c4b90",
            "code": 9990001,
            "codename": "TOKEN_NOT_EXIST",
            "systime": 1704081600000
          },
          "result": "token not exist",
          "data": null
        }
      },
      "MobileLoginRequest": {
        "summary": "Login with the password as lowercase MD5 (form fields)",
        "value": {
          "_aid": "S107",
          "_akey": "demo_akey",
          "_mt": "open.shopweb.security.mobileLogin",
          "_sm": "md5",
          "_requestMode": "post",
          "_version": "v1",
          "_timestamp": "20240101120000",
          "_sig": "9B1C3D5E7F9A1B3C5D7E9F1A3B5C7D9E",
          "userName": "demo",
          "password": "e10adc3949ba59abbe56e057f20f883e"
        }
      },
      "MobileLoginSuccess": {
        "summary": "Logged in (stat as numbers, as the SDKs read it)",
        "value": {
          "stat": {
            "cid": "6c2d8e4f-1a3b-4c5d-8e9f-0a1b2c3d4e80",
            "code": 0,
            "codename": "SUCCESS",
            "systime": 1704081600000
          },
          "result": "ok",
          "data": {
            "token": "MOCK_OVOPARK_TOKEN_7f3e9a",
            "enterpriseId": 1689
          }
        }
      }
    },
    "responses": {
      "SearchPos": {
        "description": "Tickets, or an in-band gateway/business error (always HTTP 200).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/SearchPosResponse"
            },
            "examples": {
              "page": {
                "$ref": "#/components/examples/SearchPosSuccess"
              },
              "signWrong": {
                "$ref": "#/components/examples/SignWrong"
              },
              "rangeTooLong": {
                "$ref": "#/components/examples/RangeTooLong"
              },
              "unknownError": {
                "$ref": "#/components/examples/UnknownError"
              },
              "tokenNotExist": {
                "$ref": "#/components/examples/TokenNotExist"
              }
            }
          }
        }
      },
      "MobileLogin": {
        "description": "The token, or an in-band gateway/business error (always HTTP 200).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/MobileLoginResponse"
            },
            "examples": {
              "loggedIn": {
                "$ref": "#/components/examples/MobileLoginSuccess"
              },
              "signWrong": {
                "$ref": "#/components/examples/SignWrong"
              }
            }
          }
        }
      }
    }
  },
  "x-orderkit-mock": {
    "port": 4012,
    "portVariable": "MOCK_OVOPARK_PORT"
  }
};

export default spec;
