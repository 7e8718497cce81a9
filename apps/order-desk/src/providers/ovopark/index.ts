/** Ovopark (store POS tickets through the open-platform gateway): searchPos over a time range. */
import { defineProvider } from '../registry.js';
import { commands } from './cli.js';
import { MOCK, ovoparkConfig } from './config.js';
import { createOvoparkService } from './service.js';

export const ovopark = defineProvider({
  id: 'ovopark',
  name: 'Ovopark',
  operation: 'searchPos',
  uiRank: 2,
  docsPage: 'ovopark.html',
  mock: MOCK,
  config: ovoparkConfig,
  mode: (c) => c.mode,
  meta: (c) => ({ baseUrl: c.baseUrl }),
  startupLine: (c) => `${c.baseUrl} (${c.mode})`,
  createService: createOvoparkService,
  routes(app, service, { jsonBody, text, badInput }) {
    // Progress and the result as NDJSON: one {type:'progress'} line per window, then {type:'cards'}.
    app.post('/api/ovopark/search', async (c) => {
      const body = await jsonBody(c.req.raw);
      const depId = Number(body.depId);
      if (!Number.isInteger(depId) || depId < 1) throw badInput('depId must be a positive integer (the store id)');
      const from = text(body.from, 'from', 19);
      const to = text(body.to, 'to', 19);
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          const send = (event: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          const cards = await service.search({ depId, from, to }, (p) => send({ type: 'progress', ...p }));
          send({ type: 'cards', cards });
          controller.close();
        },
      });
      return new Response(stream, {
        headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
      });
    });
  },
  commands,
  cliGroups: { ovopark: 'Ovopark open platform: search POS tickets (searchPos), sign gateway requests' },
});
