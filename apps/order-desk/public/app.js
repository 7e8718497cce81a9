// order-desk UI shell: asks the server for its providers (/api/meta), loads one script per
// provider (public/providers/<id>.js: its form and what it does on submit), and offers them as
// radio buttons, one form at a time. Every script is a same-origin module (the UI's CSP).
import { $, el, modeLabel, setDocs } from '/ui.js';

const meta = await fetch('/api/meta').then((r) => r.json());
setDocs(meta.docs);
const entries = Object.entries(meta.providers).sort(([, a], [, b]) => a.uiRank - b.uiRank);
const scripts = await Promise.all(entries.map(([id]) => import(`/providers/${id}.js`)));

const choices = $('#providers');
const forms = $('#forms');
entries.forEach(([id, p], i) => {
  const form = scripts[i].form(p);
  form.dataset.provider = id;
  form.hidden = i !== 0;
  forms.append(form);
  const radio = el('input', { type: 'radio', name: 'provider', value: id, checked: i === 0 });
  radio.addEventListener('change', () => {
    for (const f of forms.querySelectorAll('form.lookup')) f.hidden = f.dataset.provider !== id;
    $('#result').replaceChildren();
  });
  choices.append(el('label', {}, radio, ` ${p.name} `, el('small', {}, p.operation)));
});

$('#modes').replaceChildren(
  ...Object.values(meta.providers).flatMap((p) => [
    `${p.name}: `,
    el('span', { className: `badge ${p.mode}` }, modeLabel(p.mode, 'our endpoint', 'live')),
    '  ',
  ]),
);
$('#docs').replaceChildren('Contracts: ', ...meta.docs.map((d) => el('a', { href: d.url }, d.name)));
