// WeChat's lookup: getOrder for the ids typed (one per line, or separated by spaces or commas).
import { busy, el, lookupForm, postJson, show, showError } from '/ui.js';

export function form() {
  const node = lookupForm(
    'wechat',
    el(
      'label',
      { htmlFor: 'wechat-ids' },
      'Order ids ',
      el('small', {}, '(one per line or separated by spaces or commas)'),
    ),
    el('textarea', { id: 'wechat-ids', name: 'orderIds', rows: 3, ariaRequired: 'true' }, 'DD2981741311549200000'),
    el('button', { type: 'submit' }, 'Look up'),
  );
  node.addEventListener('submit', (e) => {
    e.preventDefault();
    const orderIds = node.orderIds.value.split(/[\s,]+/).filter(Boolean);
    if (!orderIds.length) {
      showError('Enter at least one order id (one per line, or separated by spaces or commas).');
      node.orderIds.focus();
      return;
    }
    void busy(node, async () => show((await postJson('/api/wechat/orders', { orderIds })).cards));
  });
  return node;
}
