// D-Store's inquiry: a signed inquireOrderDetail, as D-Store sends it, to our own endpoint (the
// default, from /api/meta) or an allowed one; the server verifies the answer's signature.
import { busy, el, lookupForm, postJson, show } from '/ui.js';

export function form(meta) {
  const node = lookupForm(
    'dstore',
    el('label', { htmlFor: 'dstore-endpoint' }, 'POS endpoint URL'),
    el('input', { id: 'dstore-endpoint', name: 'endpoint', type: 'url', required: true, value: meta.endpoint }),
    el('label', { htmlFor: 'dstore-id' }, 'requestOrderId'),
    el('input', { id: 'dstore-id', name: 'requestOrderId', maxLength: 1000, value: 'pds_demo_1', required: true }),
    el('button', { type: 'submit' }, 'Inquire (signed, as D-Store)'),
  );
  node.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { endpoint: node.endpoint.value, requestOrderId: node.requestOrderId.value };
    void busy(node, async () => show((await postJson('/api/dstore/inquire', body)).cards));
  });
  return node;
}
