// Ovopark's search: a store's tickets in a time range, with progress as the windows are fetched
// (the server streams NDJSON: {type:'progress'} lines, then {type:'cards'}). A search that stops
// part-way shows what it found and a "Continue from …" button, which searches the rest and adds
// its card below; a new search starts from a clear page.
import { busy, clearResult, el, lookupForm, show, showError } from '/ui.js';

const input = (id, name, value, extra = {}) => el('input', { id, name, value, required: true, ...extra });

export function form() {
  const bar = el('progress', { id: 'ovopark-progress', max: 1, value: 0, hidden: true });
  const text = el('p', { id: 'ovopark-progress-text' });
  text.setAttribute('aria-live', 'polite');
  const node = lookupForm(
    'ovopark',
    el('label', { htmlFor: 'ovopark-dep' }, 'Store (depId)'),
    input('ovopark-dep', 'depId', '1001', { inputMode: 'numeric', pattern: '[0-9]+' }),
    el('label', { htmlFor: 'ovopark-from' }, 'From ', el('small', {}, '(yyyy-MM-dd HH:mm:ss, China time)')),
    input('ovopark-from', 'from', '2024-01-01 10:00:00'),
    el('label', { htmlFor: 'ovopark-to' }, 'To'),
    input('ovopark-to', 'to', '2024-01-01 12:00:00'),
    el('button', { type: 'submit' }, 'Search'),
    bar,
    text,
  );

  /** Runs one search; `append`: a continuation, shown below the cards already there. */
  function search(body, append) {
    // Nothing of an earlier search stays: neither its progress line nor (unless continuing) its result.
    text.textContent = '';
    bar.value = 0;
    if (!append) clearResult();
    void busy(
      node,
      async () => {
        bar.hidden = false;
        try {
          const res = await fetch('/api/ovopark/search', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (!res.ok || !res.body) {
            const data = await res.json().catch(() => ({}));
            text.textContent = '';
            throw new Error(data.error ?? `HTTP ${res.status}`);
          }
          await readEvents(res.body, (event) => {
            if (event.type === 'progress') {
              bar.max = Math.max(1, event.windowsTotal);
              bar.value = event.windowsDone;
              text.textContent = `window ${event.windowsDone}/${event.windowsTotal}, ${event.pages} page${event.pages === 1 ? '' : 's'}, ${event.tickets} tickets, ${event.calls} calls`;
            } else if (event.type === 'cards') show(event.cards, { append, resume: (next) => search(next, true) });
          });
        } finally {
          bar.hidden = true;
        }
      },
      { append },
    );
  }

  node.addEventListener('submit', (e) => {
    e.preventDefault();
    const depId = Number(node.depId.value);
    if (!Number.isInteger(depId) || depId < 1) {
      text.textContent = '';
      showError('Enter the store id (depId) as a whole number, e.g. 1001.');
      return;
    }
    search({ depId, from: node.from.value.trim(), to: node.to.value.trim() }, false);
  });
  return node;
}

/** Reads an NDJSON body, one event per line. */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.trim()) onEvent(JSON.parse(line));
    }
  }
}
