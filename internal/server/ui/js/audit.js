// The audit view: review decisions from the store (the command line's
// too) and the server's access log, filtered, a page at a time, each
// decision linked to the incident it concerns now.
import { $, el, getJSON, pager, busy, ready } from './util.js';
import { href, withParams, go, incidentLink } from './route.js';

const PAGE = 50;
const FIELDS = ['user', 'action', 'object', 'since', 'until'];
let generation = 0;

export function reset() { $('#audit tbody').replaceChildren(); }

$('#audit-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const p = new URLSearchParams();
  for (const k of FIELDS) { const v = ev.target.elements[k].value.trim(); if (v) p.set(k, v); }
  go(href('audit', '', p));
});

export async function show(r) {
  const f = $('#audit-form');
  for (const k of FIELDS) f.elements[k].value = r.params.get(k) || '';
  const offset = Number(r.params.get('offset')) || 0;
  const p = new URLSearchParams();
  for (const k of FIELDS) if (r.params.get(k)) p.set(k, r.params.get(k));
  p.set('limit', PAGE); p.set('offset', offset);
  const gen = ++generation;
  const done = busy($('#view-audit'), null);
  try {
    const data = await getJSON('/api/audit?' + p);
    if (gen !== generation) return;
    $('#audit-total').textContent = `${data.total.toLocaleString('en')} entries`;
    $('#audit thead').replaceChildren(el('tr', {}, ...['When (UTC)', 'User', 'Action', 'Object', 'Detail', 'Incident now', 'Address', 'Recorded by'].map((h) => el('th', { scope: 'col' }, h))));
    const tb = $('#audit tbody');
    tb.replaceChildren();
    for (const a of data.audit) {
      tb.append(el('tr', {},
        el('td', { class: 'nowrap' }, a.at.replace('T', ' ').slice(0, 19)), el('td', {}, a.user), el('td', {}, a.action),
        el('td', { class: 'break' }, a.object || ''), el('td', {}, a.detail || ''),
        el('td', {}, a.incident ? el('a', { href: incidentLink(a.incident) }, a.incident) : ''),
        el('td', {}, a.ip || ''), el('td', {}, a.source === 'store' ? 'custody log' : 'server')));
    }
    if (!data.audit.length) tb.append(el('tr', {}, el('td', { colspan: 8 }, 'No entries match.')));
    pager($('#audit-pager'), data.total, PAGE, offset, (o) => go(withParams({ offset: o || null })));
  } catch (e) {
    if (gen === generation) $('#audit-total').textContent = 'The audit log could not be read: ' + e.message;
  } finally {
    if (gen === generation) { done(); ready('audit'); }
  }
}
