// The incident dossier: every report of one incident, with its evidence,
// and the review controls. A decision is bound to what the analyst saw:
// the dossier is emptied and its controls disabled the moment another
// incident is asked for, it is drawn only once all of the new incident's
// reports have arrived, and every change sends the version (ETag) of the
// report or incident as displayed, so that the server refuses it if that
// is no longer what it holds. Reports come a page at a time: an incident
// of a hundred reports would otherwise be read and drawn whole.
import { $, el, api, getJSON, session, typeIcon, typeName, dateText, placeText, rangeText, actorLinks, highlighted, pager, ready, ApiError } from './util.js';
import { current, withParams, go, incidentLink } from './route.js';

const PAGE = 10; // reports drawn at once
const box = () => $('#dossier');
let shownID = null;
let shownOffset = 0;
let shown = null; // the incident as displayed: {id, version, ...}
let generation = 0;

export function close() {
  generation++;
  shownID = null;
  shown = null;
  const b = box();
  b.classList.add('hidden');
  b.replaceChildren();
  delete b.dataset.id;
}

// changed: the corpus changed while the dossier is open; say so if this
// incident is not as displayed any more, without redrawing under the
// analyst's hands.
export async function changed() {
  if (!shown) return;
  const id = shown.id, seen = shown.version;
  try {
    const res = await api('/api/incidents/' + encodeURIComponent(id));
    const now = (res.headers.get('ETag') || '').replaceAll('"', '');
    if (shown && shown.id === id && now !== seen) notice('This incident has changed since it was displayed. ', el('button', { type: 'button', onclick: () => open(id, { force: true }) }, 'Show it as it is now'));
  } catch (e) {
    if (e.status === 404 && shown && shown.id === id) notice('This incident is no longer in the corpus (merged, split or rejected). ');
  }
}

function notice(...parts) {
  const n = box().querySelector('.notice') || el('p', { class: 'notice', role: 'alert' });
  n.replaceChildren(...parts);
  box().prepend(n);
}

export async function open(id, { force = false, offset = Number(current().params.get('reports')) || 0 } = {}) {
  if (id === shownID && offset === shownOffset && !force) return;
  const gen = ++generation;
  shownID = id;
  shownOffset = offset;
  shown = null;
  const b = box();
  b.classList.remove('hidden');
  b.dataset.id = id;
  b.setAttribute('aria-busy', 'true');
  // Nothing of the previous incident stays on screen while this one loads.
  b.replaceChildren(el('p', { role: 'status' }, 'Loading the incident…'));
  try {
    const res = await api('/api/incidents/' + encodeURIComponent(id));
    const inc = await res.json();
    if (gen !== generation) return;
    // A page past the end (after a split, say) shows the last one.
    offset = Math.max(0, Math.min(offset, Math.floor((inc.events.length - 1) / PAGE) * PAGE));
    const reports = await Promise.all(inc.events.slice(offset, offset + PAGE).map(async (ref) => {
      const r = await api('/api/events/' + encodeURIComponent(ref.key));
      return { ref, data: await r.json() };
    }));
    if (gen !== generation) return;
    shown = inc;
    render(inc, reports, offset);
    b.setAttribute('aria-busy', 'false');
    ready('dossier');
  } catch (e) {
    if (gen !== generation) return;
    b.replaceChildren(closeButton(), el('p', { class: 'error', role: 'alert' }, e.status === 404 ? `There is no incident ${id} (it may have been merged into another, split or rejected).` : 'The incident could not be read: ' + e.message));
    b.setAttribute('aria-busy', 'false');
  }
}

const closeButton = () => el('button', { type: 'button', class: 'close', onclick: () => go(withParams({ incident: null })) }, 'Close');

function render(inc, reports, offset) {
  const b = box();
  const editor = session.me && session.me.role !== 'viewer';
  // Every control is inside this fieldset: disabling it while a decision
  // is sent, or the next incident loads, disables them all.
  const fs = el('fieldset', { class: 'dossier-controls' });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const act = async (what, fn) => {
    fs.disabled = true;
    status.textContent = what + '…';
    const gen = generation;
    try {
      await fn();
    } catch (e) {
      if (gen !== generation) return;
      if (e instanceof ApiError && (e.status === 412 || e.status === 428)) {
        await open(inc.id, { force: true });
        notice('Not saved: this changed since it was displayed (someone else decided, or the report moved). It is shown again as it is now: check it and decide again.');
      } else {
        status.textContent = 'Not saved: ' + e.message;
        fs.disabled = false;
      }
    }
  };
  const reportsWord = `${inc.events.length} report${inc.events.length === 1 ? '' : 's'} in ${inc.documents.length} document${inc.documents.length === 1 ? '' : 's'} from ${new Set(Object.values(inc.outlets)).size} outlet(s)`;
  fs.append(
    el('legend', { class: 'sr-only' }, 'Incident ' + inc.id),
    el('h2', { tabindex: '-1' }, typeIcon(inc.type, { size: 18 }), ' ', `${typeName(inc.type)} · ${dateText(inc.date)} · ${placeText(inc.place, { long: true })}`),
    el('p', { class: 'meta' }, `incident ${inc.id} · review: ${inc.review} · version ${inc.version}`),
    el('p', {}, `Killed: ${rangeText(inc.killed)}. Injured: ${rangeText(inc.injured)}. ${reportsWord}.`),
    el('p', {}, 'Perpetrator (as reported): ', ...actorLinks(inc.perpetrators)),
    el('p', {}, 'Target (as reported): ', ...actorLinks(inc.targets)),
    el('p', {}, 'Responsibility claimed by (as reported): ', ...actorLinks(inc.claimed_by)),
    status);
  if (editor) {
    const other = el('input', { name: 'merge', placeholder: 'id of an incident to merge into this one', size: 32 });
    fs.append(el('div', { class: 'review incident-review' },
      el('button', { type: 'button', onclick: () => act('Confirming every report', () => review(inc, 'confirm')) }, 'Confirm every report'),
      el('button', { type: 'button', onclick: () => act('Rejecting every report', () => review(inc, 'reject')) }, 'Reject every report'),
      el('label', {}, 'Merge ', other),
      el('button', { type: 'button', onclick: () => act('Merging', async () => {
        const res = await api(`/api/incidents/${encodeURIComponent(inc.id)}/merge`, { method: 'POST', json: { other: other.value.trim() }, version: inc.version });
        const merged = await res.json();
        goTo(merged.id);
      }) }, 'Merge')));
  }
  if (inc.events.length > PAGE) {
    const nav = el('nav', { class: 'pager', 'aria-label': 'Pages of reports' });
    pager(nav, inc.events.length, PAGE, offset, (o) => go(withParams({ reports: o || null })));
    fs.append(el('h3', { class: 'reports-page' }, `Reports ${offset + 1}–${Math.min(inc.events.length, offset + PAGE)} of ${inc.events.length}`), nav);
  }
  for (const { ref, data } of reports) fs.append(reportBox(inc, ref, data, editor, act));
  b.replaceChildren(closeButton(), fs);
  b.dataset.version = inc.version;
  // Keyboard and screen-reader users land on what opened.
  b.querySelector('h2').focus();
}

// Escape closes the dossier.
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !box().classList.contains('hidden') && !e.target.matches('input, select, textarea')) go(withParams({ incident: null }));
});

// goTo shows an incident after a decision, reading it again even when its
// id is the one displayed.
function goTo(id) {
  if (id === shownID) open(id, { force: true });
  else go(incidentLink(id));
}

async function review(inc, status) {
  const res = await api(`/api/incidents/${encodeURIComponent(inc.id)}/review`, { method: 'POST', json: { status }, version: inc.version });
  const after = await res.json();
  if (after.rejected) {
    go(withParams({ incident: null }));
    return;
  }
  goTo(after.id);
}

function reportBox(inc, ref, d, editor, act) {
  const ev = d.dossier.event;
  const src = d.dossier.sources[0];
  const div = el('div', { class: 'report', 'data-key': ref.key, 'data-version': d.version });
  div.append(el('h3', {}, `${src.document.outlet || 'unknown outlet'} · ${src.document.title || ''} · ${src.document.published || ''}`));
  div.append(el('p', { class: 'meta' }, `original ${src.original.hash} · captured ${src.original.captured_at} · ${src.original.source} · `,
    el('a', { href: '/api/originals/' + encodeURIComponent(src.original.hash), download: '' }, 'download the original (as text)'), ' · ',
    el('a', { href: '#/doc/' + encodeURIComponent(src.document.id) }, 'the document and its other events')));
  const fig = (c) => (c && c.best != null) ? (c.text ? `${c.best} (“${c.text}”)` : `${c.best} (set by a reviewer)`) : '—';
  div.append(el('p', {}, `Killed ${fig(ev.event.killed)} · injured ${fig(ev.event.injured)} · modality ${ev.event.modality}` + (ev.review ? ` · review: ${ev.review}` : '')));
  if (ref.reasons && ref.reasons.length) div.append(el('p', { class: 'meta' }, 'Joined because: ' + ref.reasons.join('; ')));
  const copies = d.dossier.sources.slice(1);
  if (copies.length) {
    const ul = el('ul', { class: 'meta' });
    for (const c of copies) {
      ul.append(el('li', {}, `copy (${Math.round((c.similarity || 0) * 100)}% similar): ${c.document.outlet || 'unknown outlet'} · ${c.document.title || ''} · ${c.document.published || ''} · killed ${fig(c.killed)} · original ${c.original.hash} captured ${c.original.captured_at}`));
    }
    div.append(el('p', {}, 'The same text was also published by:'), ul);
  }
  div.append(highlighted(d.text, ev.event.evidence || []));
  if (editor) {
    const post = (what, body) => act(what, async () => {
      await api('/api/events/' + encodeURIComponent(ref.key) + '/edits', { method: 'POST', json: body, version: d.version });
      // The report may now be in another incident, or in none.
      const after = await getJSON('/api/events/' + encodeURIComponent(ref.key));
      goTo(after.incident || inc.id);
    });
    const field = el('select', { name: 'field', 'aria-label': 'field to edit' });
    for (const f of ['killed', 'injured', 'type', 'date', 'place', 'modality']) field.append(el('option', { value: f }, f));
    const value = el('input', { name: 'value', placeholder: 'new value', 'aria-label': 'new value', size: 10 });
    const note = el('input', { name: 'note', placeholder: 'why (kept in the history)', 'aria-label': 'why', size: 22 });
    const row = el('div', { class: 'review' },
      el('button', { type: 'button', onclick: () => post('Confirming the report', { status: 'confirm' }) }, 'Confirm'),
      el('button', { type: 'button', onclick: () => post('Rejecting the report', { status: 'reject' }) }, 'Reject'),
      field, value, note,
      el('button', { type: 'button', onclick: () => post('Saving the edit', { status: 'edit', field: field.value, value: value.value, note: note.value }) }, 'Save edit'));
    if (inc.events.length > 1) {
      row.append(el('button', { type: 'button', onclick: () => act('Splitting', async () => {
        const res = await api(`/api/incidents/${encodeURIComponent(inc.id)}/split`, { method: 'POST', json: { event: ref.key }, version: inc.version });
        const apart = await res.json();
        await open(inc.id, { force: true });
        notice('The report split off is now ', el('a', { href: incidentLink(apart.id) }, `incident ${apart.id}`), '.');
      }) }, 'Split this report off into its own incident'));
    }
    div.append(row);
  }
  const hist = el('ul', { class: 'history' });
  for (const e of d.dossier.edits || []) hist.append(el('li', {}, `${e.at} ${e.who}: ${e.status}${e.field ? ' ' + e.field + ' = ' + e.value : ''}${e.note ? ' (' + e.note + ')' : ''}`));
  if (!(d.dossier.edits || []).length) hist.append(el('li', {}, 'no decisions yet'));
  div.append(el('h4', {}, 'Review history'), hist);
  return div;
}
