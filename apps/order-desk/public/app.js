// order-desk UI: thin over the JSON API, which returns result cards already mapped from the
// provider packages (status names, units, code meanings). Dates arrive as ISO strings and are shown
// in the browser's local time zone.
const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};

function formatValue(v) {
  if (v instanceof Node) return v;
  if (v && typeof v === 'object' && 'date' in v) {
    const d = new Date(v.date);
    return el('time', { dateTime: v.date, title: v.date }, d.toLocaleString());
  }
  if (v && typeof v === 'object' && 'amount' in v) return `${v.amount} ${v.currency}`;
  return String(v ?? '—');
}

function renderCard(card) {
  const dl = el('dl');
  const add = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, formatValue(v)));
  add('Result', card.code ? `${card.code.value} — ${card.code.meaning}` : '—');
  for (const [k, v] of card.fields ?? []) add(k, v);
  add('Latency', `${card.latencyMs} ms`);
  add(
    'Ran against',
    el(
      'span',
      { className: `badge ${card.mode}` },
      card.mode === 'live' ? 'live service' : card.mode === 'local' ? 'our own endpoint' : 'mock',
    ),
  );
  const parts = [el('h2', {}, card.title), dl];
  if (card.table) {
    const head = el(
      'tr',
      {},
      card.table.columns.map((c) => el('th', { scope: 'col' }, c)),
    );
    const rows = card.table.rows.map((r) =>
      el(
        'tr',
        {},
        r.map((c) => el('td', {}, formatValue(c))),
      ),
    );
    parts.push(el('table', {}, el('thead', {}, head), el('tbody', {}, rows)));
  }
  parts.push(
    el(
      'details',
      {},
      el('summary', {}, 'Raw response'),
      el('pre', {}, el('code', {}, JSON.stringify(card.raw, null, 2))),
    ),
  );
  return el('article', { className: `card ${card.outcome}` }, parts);
}

function show(cards) {
  $('#result').replaceChildren(...cards.map(renderCard));
}

async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}: the server sent no JSON` }));
  if (!res.ok && !data.cards) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

function showError(message) {
  show([
    {
      title: 'Request not sent',
      outcome: 'fail',
      code: null,
      fields: [['Problem', message]],
      latencyMs: 0,
      mode: 'mock',
      raw: null,
    },
  ]);
}

async function busy(form, work) {
  const button = form.querySelector('button');
  button.disabled = true;
  $('#result').setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (error) {
    showError(error.message);
  } finally {
    button.disabled = false;
    $('#result').removeAttribute('aria-busy');
  }
}

$('#form-wechat').addEventListener('submit', (e) => {
  e.preventDefault();
  const orderIds = e.target.orderIds.value.split(/[\s,]+/).filter(Boolean);
  void busy(e.target, async () => show((await postJson('/api/wechat/orders', { orderIds })).cards));
});

$('#form-dstore').addEventListener('submit', (e) => {
  e.preventDefault();
  const body = { endpoint: e.target.endpoint.value, requestOrderId: e.target.requestOrderId.value };
  void busy(e.target, async () => show((await postJson('/api/dstore/inquire', body)).cards));
});

$('#form-ovopark').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target;
  const body = { depId: Number(form.depId.value), from: form.from.value, to: form.to.value };
  const bar = $('#ovopark-progress');
  const text = $('#ovopark-progress-text');
  void busy(form, async () => {
    bar.hidden = false;
    bar.value = 0;
    const res = await fetch('/api/ovopark/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.body) throw new Error(`HTTP ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.trim()) continue;
        const event = JSON.parse(line);
        if (event.type === 'progress') {
          bar.max = Math.max(1, event.windowsTotal);
          bar.value = event.windowsDone;
          text.textContent = `window ${event.windowsDone}/${event.windowsTotal}, ${event.pages} pages, ${event.tickets} tickets, ${event.calls} calls`;
        } else if (event.type === 'cards') show(event.cards);
      }
    }
    bar.hidden = true;
  });
});

for (const radio of document.querySelectorAll('input[name=provider]')) {
  radio.addEventListener('change', () => {
    for (const form of document.querySelectorAll('form.lookup')) form.hidden = form.dataset.provider !== radio.value;
    $('#result').replaceChildren();
  });
}

const meta = await fetch('/api/meta').then((r) => r.json());
$('#modes').replaceChildren(
  ...Object.entries(meta.providers).flatMap(([, p]) => [
    `${p.name}: `,
    el(
      'span',
      { className: `badge ${p.mode}` },
      p.mode === 'live' ? 'live' : p.mode === 'local' ? 'our endpoint' : 'mock',
    ),
    '  ',
  ]),
);
$('#docs').replaceChildren('Contracts: ', ...meta.docs.map((d) => el('a', { href: d.url }, d.name)));
$('#dstore-endpoint').value = meta.providers.dstore.endpoint;
