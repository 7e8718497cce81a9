/** WeChat getOrder through the mock: a named example (Prism answers it) and a generated order. */
import { MOCK_CREDENTIALS } from '@orderkit/wechat';
import { type BenchCase, type Call, type ProviderBench, status200 } from '../types.js';

export const bench: ProviderBench = {
  async cases(mockUrl) {
    const { appId, appSecret } = MOCK_CREDENTIALS;
    const answer = await fetch(
      `${mockUrl}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
    );
    const { access_token: token } = (await answer.json()) as { access_token: string };
    const getOrder = (id: string, ok: Call['ok']): Call => ({
      method: 'GET',
      path: `/wxa/charge/service-provider/order/get?orderId=${id}&access_token=${token}`,
      ok,
    });
    const order = (id: string) => (status: number, body: string) =>
      status === 200 && body.startsWith('{"errcode":0') && body.includes(`"orderId":"${id}"`);
    return [
      ['WeChat getOrder, named example', 'DD2981741311549200000'],
      ['WeChat getOrder, generated order', 'BENCH-ORDER-1'],
    ].map(
      ([what, id]): BenchCase => ({
        what: what as string,
        mock: getOrder(id as string, order(id as string)),
        prism: getOrder(id as string, status200),
      }),
    );
  },
};
