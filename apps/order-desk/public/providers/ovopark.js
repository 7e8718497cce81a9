// Ovopark's search: a store's tickets in a time range, with progress as the windows are fetched
// (the server streams NDJSON: {type:'progress'} lines, then {type:'cards'}).
import { busy, el, lookupForm, show } from '/ui.js';

const input = (id, name, value, extra = {}) => el('input', { id, name, value, required: true, ...extra });

export function form() {
  const bar = el('progress', { id: 'ovopark-progress', max: 1, value: 0, hidden: true });
  const text = el('p', { id: 'ovopark-progress-text' });
  text.setAttribute('aria-live', 'polite');
  const node = lookupForm(
    'ovopark',
    el('label', { htmlFor: 'ovopark-dep' }, 'Store (depId)'),
    input('ovopark-dep', 'depId', '1001', { inputMode: 'numeric', pattern: '[0-9]+' }),
    el('label', { htmlFor: 'ovopark-from' }, 'From ', el('small', {}, '(yyyy-MM-dd HH:mm:ss, Asia/Shanghai)')),
    input('ovopark-from', 'from', '2024-01-01 10:00:00'),
    el('label', { htmlFor: 'ovopark-to' }, 'To'),
    input('ovopark-to', 'to', '2024-01-01 12:00:00'),
    el('button', { type: 'submit' }, 'Search'),
    bar,
    text,
  );
  node.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { depId: Number(node.depId.value), from: node.from.value, to: node.to.value };
    void busy(node, async () => {
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
  return node;
}
