// The incident table beside the map: the same filters, sortable by its
// column buttons, a page at a time; sort and page live in the URL.
import { $, el, getJSON, typeIcon, typeName, dateText, placeText, rangeText, actorLinks, pager, busy, ready, isApprox } from './util.js';
import { withParams, go, filterParams, incidentLink } from './route.js';

export const PAGE = 25;
const COLUMNS = [
  { key: 'date', label: 'Date' }, { key: 'type', label: 'Type' }, { key: 'place', label: 'Place (precision)' },
  { key: 'killed', label: 'Killed: best (low–high)' }, { label: 'Perpetrator, as reported' }, { label: 'Target, as reported' },
  { key: 'reports', label: 'Reports' }, { key: 'outlets', label: 'Outlets' }, { key: 'review', label: 'Review' },
];
let lastQuery = null;
let generation = 0;

export function reset() { lastQuery = null; $('#incidents tbody').replaceChildren(); }
export function changed() { lastQuery = null; }

export async function show(r) {
  const sort = r.params.get('sort') || '-date';
  const offset = Number(r.params.get('offset')) || 0;
  const q = filterParams(r, { sort, limit: PAGE, offset });
  for (const f of ['csv', 'geojson', 'jsonl']) {
    const e = filterParams(r, { sort, format: f });
    $('#export-' + f).href = '/api/export/incidents?' + e;
  }
  if (q.toString() === lastQuery) return;
  lastQuery = q.toString();
  const gen = ++generation;
  const wrap = $('#table-wrap');
  const done = busy(wrap, $('#table-controls'));
  try {
    const data = await getJSON('/api/incidents?' + q);
    if (gen !== generation) return;
    head(sort);
    body(data.incidents);
    pager($('#table-pager'), data.total, PAGE, offset, (o) => go(withParams({ offset: o || null })), data.total_capped);
    wrap.dataset.total = String(data.total);
    wrap.dataset.offset = String(offset);
  } catch (e) {
    if (gen === generation) $('#incidents tbody').replaceChildren(el('tr', {}, el('td', { colspan: COLUMNS.length, class: 'error' }, 'The incidents could not be read: ' + e.message)));
  } finally {
    if (gen === generation) { done(); ready('table'); }
  }
}

function head(sort) {
  const tr = el('tr');
  for (const c of COLUMNS) {
    if (!c.key) { tr.append(el('th', { scope: 'col' }, c.label)); continue; }
    const active = sort.replace('-', '') === c.key;
    const desc = sort.startsWith('-');
    // Click: sort by this column, or reverse it when it is already sorted.
    const next = active ? (desc ? c.key : '-' + c.key) : (c.key === 'date' || c.key === 'killed' || c.key === 'reports' || c.key === 'outlets' ? '-' : '') + c.key;
    tr.append(el('th', { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      el('button', { type: 'button', class: 'sort', 'data-sort': c.key, onclick: () => go(withParams({ sort: next === '-date' ? null : next, offset: null })) },
        c.label, active ? (desc ? ' ▼' : ' ▲') : '')));
  }
  $('#incidents thead').replaceChildren(tr);
}

function body(rows) {
  const tb = $('#incidents tbody');
  tb.replaceChildren();
  if (!rows.length) { tb.append(el('tr', {}, el('td', { colspan: COLUMNS.length }, 'No incident matches these filters.'))); return; }
  for (const i of rows) {
    tb.append(el('tr', { 'data-id': i.id },
      el('td', {}, el('a', { href: incidentLink(i.id) }, dateText(i.date))),
      el('td', { class: 'nowrap' }, typeIcon(i.type), ' ', typeName(i.type)),
      el('td', {}, isApprox(i.place) ? typeIcon(i.type, { approx: true, size: 12 }) : '', isApprox(i.place) ? ' ' : '', placeText(i.place)),
      el('td', { class: 'num' }, rangeText(i.killed)),
      el('td', {}, ...actorLinks(i.perpetrators)),
      el('td', {}, ...actorLinks(i.targets)),
      el('td', { class: 'num' }, String(i.reports)),
      el('td', { class: 'num' }, String(i.outlets)),
      el('td', {}, i.review)));
  }
}
