// The review queue: unreviewed incidents under the map's filters, the
// most people reported killed and the most reports first. Keys move and
// decide; selected incidents are confirmed or rejected together, each
// with the version the queue showed, so that an incident someone changed
// since is refused and shown again rather than decided blind.
import { $, el, api, getJSON, typeIcon, typeName, dateText, placeText, rangeText, actorsText, pager, busy, ready } from './util.js';
import { current, withParams, go, filterParams, incidentLink } from './route.js';

const PAGE = 25;
let rows = [];
let cursor = 0;
let selected = new Set();
let lastQuery = null;
let generation = 0;

export function reset() { lastQuery = null; rows = []; selected.clear(); $('#queue tbody').replaceChildren(); }
export function hide() {}

// changed: the corpus changed; the queue is not reordered under the
// reviewer's keys, it offers to reload.
export function changed() {
  const s = $('#review-status');
  s.replaceChildren('The corpus changed. ', el('button', { type: 'button', onclick: () => { lastQuery = null; show(current()); } }, 'Reload the queue'));
}

export async function show(r) {
  const offset = Number(r.params.get('offset')) || 0;
  const p = filterParams(r, { sort: '-weight', limit: PAGE, offset });
  p.set('review', 'unreviewed');
  if (p.toString() === lastQuery) return;
  lastQuery = p.toString();
  await load(p, offset);
}

async function load(p, offset) {
  const gen = ++generation;
  const done = busy($('#view-review'), $('#review-controls'));
  try {
    const data = await getJSON('/api/incidents?' + p);
    if (gen !== generation) return;
    rows = data.incidents;
    selected = new Set();
    cursor = Math.min(cursor, Math.max(0, rows.length - 1));
    draw();
    pager($('#review-pager'), data.total, PAGE, offset, (o) => go(withParams({ offset: o || null })));
    $('#view-review').dataset.total = String(data.total);
  } catch (e) {
    if (gen === generation) $('#review-status').textContent = 'The queue could not be read: ' + e.message;
  } finally {
    if (gen === generation) { done(); ready('review'); }
  }
}

function draw() {
  $('#queue thead').replaceChildren(el('tr', {}, ...['', 'Date', 'Type', 'Place (precision)', 'Killed: best (low–high)', 'Reports', 'Outlets', 'Perpetrator, as reported', 'Target, as reported']
    .map((h, i) => el('th', { scope: 'col' }, i === 0 ? el('span', { class: 'sr-only' }, 'selected') : h))));
  const tb = $('#queue tbody');
  tb.replaceChildren();
  rows.forEach((i, n) => {
    const box = el('input', { type: 'checkbox', 'aria-label': `select ${typeName(i.type)} of ${dateText(i.date)}`, checked: selected.has(i.id), onchange: (e) => { toggle(i.id, e.target.checked); } });
    tb.append(el('tr', { 'data-id': i.id, class: n === cursor ? 'cursor' : '', tabindex: n === cursor ? '0' : '-1',
      onclick: (e) => { if (e.target.tagName !== 'INPUT' && e.target.tagName !== 'A') move(n); },
      onfocusin: () => { if (cursor !== n) move(n, false); } },
      el('td', {}, box),
      el('td', {}, el('a', { href: incidentLink(i.id) }, dateText(i.date))),
      el('td', { class: 'nowrap' }, typeIcon(i.type), ' ', typeName(i.type)),
      el('td', {}, placeText(i.place)),
      el('td', { class: 'num' }, rangeText(i.killed)),
      el('td', { class: 'num' }, String(i.reports)),
      el('td', { class: 'num' }, String(i.outlets)),
      el('td', {}, actorsText(i.perpetrators) || '—'),
      el('td', {}, actorsText(i.targets) || '—')));
  });
  if (!rows.length) tb.append(el('tr', {}, el('td', { colspan: 9 }, 'Nothing left to review under these filters.')));
}

function toggle(id, on) {
  if (on) selected.add(id); else selected.delete(id);
  const tr = $(`#queue tr[data-id="${CSS.escape(id)}"] input`);
  if (tr) tr.checked = on;
  $('#review-status').textContent = `${selected.size} selected`;
}

// move puts the cursor (the row the keys act on) on row n; focus, unless
// told otherwise, follows it.
function move(n, focus = true) {
  if (!rows.length) return;
  cursor = Math.max(0, Math.min(rows.length - 1, n));
  document.querySelectorAll('#queue tbody tr').forEach((tr, i) => {
    tr.classList.toggle('cursor', i === cursor);
    tr.tabIndex = i === cursor ? 0 : -1;
  });
  if (focus) document.querySelectorAll('#queue tbody tr')[cursor]?.focus();
}

// decide confirms or rejects incidents, one request each with the
// version the queue showed; it then reads the queue again.
async function decide(status, ids) {
  if (!ids.length) { $('#review-status').textContent = 'Select incidents first (x, or the boxes).'; return; }
  const note = $('#review-controls [name=note]').value;
  const fs = $('#review-controls');
  fs.disabled = true;
  let done = 0;
  const refused = [];
  for (const id of ids) {
    const row = rows.find((x) => x.id === id);
    try {
      await api(`/api/incidents/${encodeURIComponent(id)}/review`, { method: 'POST', json: { status, note }, version: row.version });
      done++;
    } catch (e) {
      refused.push(`${typeName(row.type)} of ${dateText(row.date)}: ${e.status === 412 ? 'changed since the queue was read' : e.message}`);
    }
  }
  fs.disabled = false;
  lastQuery = null;
  await show(current());
  $('#review-status').textContent = `${done} ${status === 'confirm' ? 'confirmed' : 'rejected'}` + (refused.length ? `; not decided, shown again for a fresh look: ${refused.join('; ')}` : '');
}


$('#review-controls').addEventListener('click', (e) => {
  const act = e.target.closest('button')?.dataset.act;
  if (act) decide(act, [...selected]);
});

document.addEventListener('keydown', (e) => {
  if (document.body.dataset.view !== 'review' || !$('#dossier').classList.contains('hidden')) return;
  if (e.target.matches('input[type=text], input:not([type]), textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return;
  if ($('#review-controls').disabled) return;
  const row = rows[cursor];
  const keys = {
    j: () => move(cursor + 1), ArrowDown: () => move(cursor + 1),
    k: () => move(cursor - 1), ArrowUp: () => move(cursor - 1),
    x: () => row && toggle(row.id, !selected.has(row.id)),
    a: () => rows.forEach((r) => toggle(r.id, true)),
    c: () => row && decide('confirm', [row.id]),
    r: () => row && decide('reject', [row.id]),
    C: () => decide('confirm', [...selected]),
    R: () => decide('reject', [...selected]),
    o: () => row && go(incidentLink(row.id)), Enter: () => row && go(incidentLink(row.id)),
  };
  if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
});
