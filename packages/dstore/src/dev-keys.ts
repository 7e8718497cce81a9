/**
 * PUBLISHED DEVELOPMENT KEYS. Anyone can sign with them: they are in this public repository. For the
 * mocks and local development only; never configure them for a real D-Store or POS endpoint.
 *
 * One set, generated once (two 2048-bit RSA pairs, PKCS#8 private and SPKI public PEM), so that every
 * local piece agrees without setup: the D-Store mock (`pnpm mock`) verifies requests with
 * `dstorePublicKey` and signs its answers with `posPrivateKey`; order-desk uses the set when none
 * of its four D-Store key variables is set; `pnpm contract dstore` uses it against a loopback
 * target when no key is given. A subpath of its own (`@orderkit/dstore/dev-keys`), not the main
 * export, so production code never imports it by accident.
 */

/** D-Store's side: signs inquiries (private) and is verified by the POS endpoint (public). */
export const dstorePrivateKey = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDKdFdWEMyzS79Z
TK6g81L9Lk8hupGYawSlqL51GBaZvYVdmuAnHZ8jZGL8r6/yD5WA9OO2umHhT2S+
/7l9yiMm9fQWLWM/twHvtf6EE+50Af6Ma52fwSLUQUg5uAA1HFBPGMBRNN4I8SRD
c80DwYC21vfePOSaDA5bgvrMyUe7fD3CMxLo/q+1xep2KU9pjWI0g1jFzy0lhUFd
wkkUTwmY6fBSzlqz0y/RWXc03m2kW5JQIoNxM85e5ET3Y7H4THZA+4AVPURXhpbj
M0jnSAvjt4Kw24UGXqfcHVKo5TRjaUXIl3RpFwkXsrNpcvxK5ZiRdMDtWZ+mdCwd
Pk0x63RzAgMBAAECggEAHOSXpj/Fhv0TdOIdtfij6mAWiQDAUJlNU3sOm1VxvEUw
6Ff3D34JvRpRijBkks4ojvvkF6rn1yjmft+uEEat15yYViXqGSi8DQLTLPRPPp0e
P9oH58m/d71NWndpCCtfRrqIj85Utb/8Zef75UJTZUSuoTfdhCKeVe8ObfV32Ei0
jFxMFOdc/ywLdREQeEN3tj32fctDGGMOaGoQQFK8dMcxmBjwEtVBYzVg1kaMBP7Z
ZeaRDjESsG5JoucYyjyFQXAOIqOqWfDW58GOad7CScaU0dgPUks2WbNp55az1xDq
6CxIbstIbAcriVc/9ZlEN5lSV03qW8oPC67TwHkYcQKBgQD87Q9LoSArtfGmEKXe
jx+7TbWvxpYIRY+pG80lzMa4gWoTelvLzb+h0DIGWZV2Y2gr1V/VdcL58ZhDORWT
ygM16Wc5IL03pNF97HtJ8a5swOmJyaahAq25tW6S/Lp75+VpckG4DtrZRepahTpp
ucSVfLkeeqDlM4wbutDgpyl3mQKBgQDM6j84Jx8WFyznfyVMMdNH4LVjs1SZnw8O
KJlmU9mIQegUs5d6E2TCFCDl4GuU+jNa9pZeCdWV1+E7KY03WlhDtboBhgJj25gk
sIbxUSao1oaEl7KLws64NJfupBNqkFnY29FMfErTBgt4+8sNqHFZxK+JzBSfJAoe
L71x0P7j6wKBgCSVCRxQPr3zv/Lb/5G0M8u8jqXQ3Exv+zpjagWom6l+FmCg1vwg
UzJNUZ73gBWyhROp9gWC1eOe3P4EGKnakyJOEv8BTDzrGt3SwXZNfYP/Vwf14aLy
JzxwEIE0Cqj3PohE3VqI04CPizjygiNemh9g/cl5xSHBledA2wtTQj0pAoGAN7/L
L1XFaVcoylqXJSGxH68M6nERpTHXAL0e7u4FEsMLhwZNQdMg6IRdZu0ll8RyUF8i
DbeTOk8fYd8uIk8cEF/SmTOCVvSZcfHs5J51bB3hPxWeZ9O6NfdpFm3hMm7PYuZ7
DNoL6VmNqX6ngbHAFPIj59N0EM/XSNsoKVz4270CgYBODaSnJy7slDWtzwdzfJRf
RElc4gLquTR5NQO6mvTJLq7d3uq6N7e17jgygvsMN8Kpr1vSiTiw5/u286g43Y9m
Lx6pBi7RDSR//I3Dm6Ziv/KjEOsNxnGnmHBUaJ/opj3sxodC5sCjIx+bMVzRWkKx
wV1hDbnCMLMISu3b209N6w==
-----END PRIVATE KEY-----
`;
export const dstorePublicKey = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAynRXVhDMs0u/WUyuoPNS
/S5PIbqRmGsEpai+dRgWmb2FXZrgJx2fI2Ri/K+v8g+VgPTjtrph4U9kvv+5fcoj
JvX0Fi1jP7cB77X+hBPudAH+jGudn8Ei1EFIObgANRxQTxjAUTTeCPEkQ3PNA8GA
ttb33jzkmgwOW4L6zMlHu3w9wjMS6P6vtcXqdilPaY1iNINYxc8tJYVBXcJJFE8J
mOnwUs5as9Mv0Vl3NN5tpFuSUCKDcTPOXuRE92Ox+Ex2QPuAFT1EV4aW4zNI50gL
47eCsNuFBl6n3B1SqOU0Y2lFyJd0aRcJF7KzaXL8SuWYkXTA7VmfpnQsHT5NMet0
cwIDAQAB
-----END PUBLIC KEY-----
`;

/** The POS provider's side: signs answers (private) and is verified by D-Store (public). */
export const posPrivateKey = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCwn1/VK+ljx6po
u4U5U3Iin3Ql/ri+S7drhDcnrNITzXQZz47dZaZESD7bi4SOUMPnwzooWNH2Mk/4
1jgvhUrK0ohydfb8WpWekJyUPGUn8XVmX2NXmUQHdxHYE8G3vWCu4ecD0b1gM9yc
4sRASXOdYDZl1a4pzbZzkgTvVrVnsuE00aCb3LEukvQRSkqL0l1SjNg2joVaWwPe
Cy1k9EjDTdD4RpxzMte0iZ1XhqHaUySzfJsDoXMAXTp98f/9EtdcwfXG4hbspyGA
ILMZGuHe30a2qahA+GLtxyQN6tbRzYEmk44Fw0K1CBLYwQgO3+lmFGLL8i8Zi1fh
erh4RF33AgMBAAECggEAB97qTd0ZlvU4Xldw7eeOkAVsDx9lSzGjmFp5fL6iU/iV
YmsR8kLL4IIZrv3uJ8tol4TnLBIdNSvzzWJ6eX+moBg2tWcVXRSKU1kdaSux1FBZ
y3iXvDkbw3tmY6spuE7rpo9xlIV9u3JENAeU+EptqQc3FV2q17kPluHcb2/9QIQw
uUPqNc1Y8C2t4QAtQRRzrpffdFEypNPqplZVgDvIav5erGLyAYOJqKU79qagWca3
i6QRco5C45bsG1TJH1vkxbTpux0KuiZjxp7xi8eLOoIwzG7DZIm63Ae2lrnSSOAZ
W3bw0PBw0kENqGFaZhxGon1O5gs46xQ9PaC2o5ZZrQKBgQDZLsj9jRr6TJWmbOdV
UkkKxRTpK7l4H2D2v5bpZ+kmXafbF4HdxiqQta2mj0FHvVCyrSbPio7uF9/envw1
i5wPOZtPzaWTm5cGyu1U91DNOUcQUxdku/tM++70dF2tJGqXIzU+qOWTzCcERIKU
RP96JQR7FwFb+vgu6z4biqOsjQKBgQDQMMEGIkyKcFU3qyGWfV1AlEHNRyuSYMBU
4xzBSX+o+A2C+2fWsoHMLFGAXmsLRmvS5beRTVt/cVZsG+QAKe9in2MuMGRd3uFj
2yL2G7u0Tt2nMRNwxHwby30Ojwpg+JsJm46r8DGMIwzOHR5CC/98ut2OcSDGpVUd
fZT9rKGtkwKBgQC6jx3H77YE3FSQqWvuNsjXn4Pe59hh/1JjoyAXT1NPyZOu9/pu
bxORSv7n3JbO8Sio02RLU1KD465CpX8w38Qmr+1iF9zrdvO8ugQ0wF2AbHtG4plt
xqyP7LnO80akvGtzeKL8OEk9NFkvqUoh40MxwSqgMZrRUDxw0VKAhg8i4QKBgGgk
Kzo1SBJsNMSfDzMnTNF0GCJmeo5DZZJQ9V5etMRCKQgfWIcWTkVi2fYbxPIj7OXX
UWcWyjFK8Y8suHW4hG3SCxvcyygFyLtZr/hqUQ/V75yluPLM5sREmy8AMJHnai55
KPorMa3HDq2/9RXWyJuNIi0Ru/KCW7xfyHrIsyuPAoGAb3c/iW3/85EZcgKNncsf
smA51hD3rWfIMz4mOqWXCl7i5K/uQz80GiNpUDYuyuSBBuDxt+BLtTvxwdZu4EgK
mXnZ4JcMtUeZA2GGoRWPca18vd9LGqg2bhHnSBJlxVTau/74LZ+3E0vY5UovZK2s
9tJeYw51ywt6f+RgzRdWn4U=
-----END PRIVATE KEY-----
`;
export const posPublicKey = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsJ9f1SvpY8eqaLuFOVNy
Ip90Jf64vku3a4Q3J6zSE810Gc+O3WWmREg+24uEjlDD58M6KFjR9jJP+NY4L4VK
ytKIcnX2/FqVnpCclDxlJ/F1Zl9jV5lEB3cR2BPBt71gruHnA9G9YDPcnOLEQElz
nWA2ZdWuKc22c5IE71a1Z7LhNNGgm9yxLpL0EUpKi9JdUozYNo6FWlsD3gstZPRI
w03Q+EacczLXtImdV4ah2lMks3ybA6FzAF06ffH//RLXXMH1xuIW7KchgCCzGRrh
3t9GtqmoQPhi7cckDerW0c2BJpOOBcNCtQgS2MEIDt/pZhRiy/IvGYtX4Xq4eERd
9wIDAQAB
-----END PUBLIC KEY-----
`;

/** The four keys as one record (the names order-desk and the contract runner use). */
export const developmentKeys = { dstorePrivateKey, dstorePublicKey, posPrivateKey, posPublicKey } as const;
