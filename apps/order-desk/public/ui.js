// What the UI shell and every provider script (public/providers/<id>.js) share: building elements,
// rendering result cards (already mapped by the server: status names, units, code meanings), and
// calling the JSON API. Dates arrive as ISO strings and are shown ISO-style with their offset
// (`2023-11-14 22:13:20 +08:00`): in the browser's time zone, or in the zone the card names (a
// provider whose times are its own zone's wall-clock times). src/cards.ts formats the same way.
export const $ = (sel) => document.querySelector(sel);
export const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};

/** `2023-11-14 22:13:20 +08:00`, in `zone` (IANA) or the browser's own. */
export function formatDate(iso, zone) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      ...(zone ? { timeZone: zone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

function formatValue(v) {
  if (v instanceof Node) return v;
  if (v && typeof v === 'object' && 'date' in v) {
    return el(
      'time',
      { dateTime: v.date, title: v.zone ? `${v.date} (${v.zone})` : v.date },
      formatDate(v.date, v.zone),
    );
  }
  if (v && typeof v === 'object' && 'amount' in v) return `${v.amount} ${v.currency}`;
  return String(v ?? '—');
}

export const modeLabel = (mode, local = 'our own endpoint', live = 'live service') =>
  mode === 'live' ? live : mode === 'local' ? local : 'mock';

/** The badge: what the call ran against, and `— no answer` / `— not sent` when nothing answered. */
const ranAgainst = (card) =>
  el(
    'span',
    { className: `badge ${card.reply === 'answered' ? card.mode : 'none'}` },
    card.reply === 'answered' ? modeLabel(card.mode) : `${modeLabel(card.mode)} — ${card.reply}`,
  );

/** Each provider's rendered contract (from /api/meta), linked from its cards. */
const docsPages = new Map();
export function setDocs(docs) {
  for (const d of docs) docsPages.set(d.id, d);
}

/**
 * One result card. `resume(input)`: what a stopped search's "Continue from …" button runs (the
 * provider script's search, adding its cards below this one).
 */
export function renderCard(card, resume) {
  const dl = el('dl');
  const add = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, formatValue(v)));
  add('Result', card.code ? `${card.code.value} — ${card.code.meaning}` : '—');
  // A stopped search's reason is also a field (for the CLI); here the note above says it.
  for (const [k, v] of card.fields ?? []) if (!card.stopped || v !== card.stopped.reason) add(k, v);
  if (card.mode) {
    add('Latency', `${card.latencyMs} ms`);
    add('Ran against', ranAgainst(card));
  }
  const docs = docsPages.get(card.provider);
  const head = el('header', {}, el('h2', {}, card.title));
  if (docs) head.append(el('a', { href: docs.url, className: 'docs-link' }, `${docs.name} docs`));
  const parts = [head];
  if (card.stopped) parts.push(stoppedNote(card.stopped, resume));
  parts.push(dl);
  if (card.table) {
    const columns = el(
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
    // Wide tables scroll inside the card, never the page.
    parts.push(el('div', { className: 'table' }, el('table', {}, el('thead', {}, columns), el('tbody', {}, rows))));
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

/** Why a search stopped, and the button that continues it from where its results are complete. */
function stoppedNote(stopped, resume) {
  const note = el('p', { className: 'stopped' }, `${stopped.reason[0].toUpperCase()}${stopped.reason.slice(1)}.`);
  if (stopped.resume && resume) {
    const button = el('button', { type: 'button', className: 'continue' }, stopped.resume.label);
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = `${stopped.resume.label}: continued below`;
      resume(stopped.resume.input);
    });
    note.append(' ', button);
  }
  return note;
}

/** Shows `cards`, replacing what was there (or below it with `append`). */
export function show(cards, { append = false, resume } = {}) {
  const nodes = cards.map((c) => renderCard(c, resume));
  if (append) $('#result').append(...nodes);
  else $('#result').replaceChildren(...nodes);
}

export const clearResult = () => $('#result').replaceChildren();

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

/** Input the browser refuses to send, or the server refused (HTTP 400): a card with no "ran against". */
export function showError(message, options) {
  show(
    [
      {
        title: 'Request not sent',
        outcome: 'fail',
        code: null,
        fields: [['Problem', message]],
        raw: null,
      },
    ],
    options,
  );
}

/**
 * Runs `work` with the form's button disabled and the result area marked busy; errors become a
 * card. A new lookup first clears the previous result; `append` (continuing a search) keeps it.
 */
export async function busy(form, work, { append = false } = {}) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  if (!append) clearResult();
  $('#result').setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (error) {
    showError(error.message, { append });
  } finally {
    button.disabled = false;
    $('#result').removeAttribute('aria-busy');
  }
}

/** A lookup form for one provider: `form-<id>`, shown while its provider is selected. */
export const lookupForm = (id, ...children) =>
  el('form', { id: `form-${id}`, className: 'lookup', hidden: true }, ...children);
