// What the UI shell and every provider script (public/providers/<id>.js) share: building elements,
// rendering result cards (already mapped by the server: status names, units, code meanings), and
// calling the JSON API. Dates arrive as ISO strings and are shown in the browser's local time zone.
export const $ = (sel) => document.querySelector(sel);
export const el = (tag, props = {}, ...children) => {
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

export const modeLabel = (mode, local = 'our own endpoint', live = 'live service') =>
  mode === 'live' ? live : mode === 'local' ? local : 'mock';

export function renderCard(card) {
  const dl = el('dl');
  const add = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, formatValue(v)));
  add('Result', card.code ? `${card.code.value} — ${card.code.meaning}` : '—');
  for (const [k, v] of card.fields ?? []) add(k, v);
  add('Latency', `${card.latencyMs} ms`);
  add('Ran against', el('span', { className: `badge ${card.mode}` }, modeLabel(card.mode)));
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

export function show(cards) {
  $('#result').replaceChildren(...cards.map(renderCard));
}

export async function postJson(url, body) {
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

/** Runs `work` with the form's button disabled and the result area marked busy; errors become a card. */
export async function busy(form, work) {
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

/** A lookup form for one provider: `form-<id>`, shown while its provider is selected. */
export const lookupForm = (id, ...children) =>
  el('form', { id: `form-${id}`, className: 'lookup', hidden: true }, ...children);
