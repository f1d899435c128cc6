// The actor page: every spelling seen, the documents naming the actor,
// first and last seen, the incidents whose reports name it as perpetrator
// or as target, the claims it made and the claims about it, and the
// labels each outlet uses for it. Everything is as reported.
import { $, el, getJSON, typeIcon, typeName, dateText, placeText, rangeText, pager, ready } from './util.js';
import { href, incidentLink } from './route.js';

const PAGE = 10;
let generation = 0;

export function reset() { $('#view-actor').replaceChildren(); }

export async function show(r) {
  const id = r.id;
  const box = $('#view-actor');
  const gen = ++generation;
  box.setAttribute('aria-busy', 'true');
  box.replaceChildren(el('p', { role: 'status' }, 'Loading the actor…'));
  let a;
  try {
    a = await getJSON('/api/actors/' + encodeURIComponent(id));
  } catch (e) {
    if (gen === generation) box.replaceChildren(el('p', { class: 'error' }, e.status === 404 ? `No actor ${id} in the corpus.` : 'The actor could not be read: ' + e.message));
    box.setAttribute('aria-busy', 'false');
    return;
  }
  if (gen !== generation) return;
  const act = a.actor;
  const section = (title, id) => el('section', { class: 'actor-part', id }, el('h3', {}, title));
  const count = (n) => (n || 0).toLocaleString('en');
  const perp = section(`Incidents whose reports name it as perpetrator (${count(a.incidents.perpetrator)})`, 'actor-perpetrator');
  const target = section(`Incidents whose reports name it as target (${count(a.incidents.target)})`, 'actor-target');
  const made = section(`Claims it made (${count(a.claims.made)})`, 'actor-made');
  const about = section(`Claims that name it as subject or object (${count(a.claims.about)})`, 'actor-about');
  const docs = section(`Documents naming it (${count(a.documents)})`, 'actor-documents');
  box.replaceChildren(
    el('h2', {}, act.name || act.id),
    el('p', { class: 'meta' }, `${act.type ? act.type.replace('_', ' ') : 'type not known'}${act.country ? ' · ' + act.country : ''} · id ${act.id} · `,
      el('a', { href: href('network', '', new URLSearchParams({ focus: act.id })) }, 'its network'), ' · ',
      el('a', { href: href('map', '', new URLSearchParams({ actor: act.id })) }, 'its incidents on the map')),
    el('p', {}, `Named in ${count(a.documents)} document(s); mentioned ${act.mentions || 0} time(s)` +
      (act.first_seen ? `; first seen ${act.first_seen}, last seen ${act.last_seen}` : '') + '.'),
    el('p', {}, 'Spellings seen: ', [...new Set([act.name, ...(act.aliases || [])].filter(Boolean))].join(' · ') || '—'),
    framing(a.framing),
    perp, target, made, about, docs);
  await Promise.all([
    incidents(perp, { perpetrator: act.id }, 0),
    incidents(target, { target: act.id }, 0),
    claims(made, act.id, 'made', 0),
    claims(about, act.id, 'about', 0),
    documents(docs, act.id, 0).catch(() => listIn(docs)[0].replaceChildren(el('li', {}, 'None recorded.'))),
  ]);
  if (gen !== generation) return;
  box.setAttribute('aria-busy', 'false');
  ready('actor');
}

// framing: how each outlet labels the actor, in how many documents.
function framing(counts) {
  const part = el('section', { class: 'actor-part' }, el('h3', {}, 'Labels by outlet'));
  if (!counts.length) { part.append(el('p', {}, 'No outlet used one of the tracked labels for it.')); return part; }
  const bySource = new Map();
  for (const c of counts) {
    if (!bySource.has(c.source)) bySource.set(c.source, []);
    bySource.get(c.source).push(c);
  }
  const t = el('table', { class: 'framing' }, el('caption', { class: 'sr-only' }, 'Labels each outlet uses for the actor'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Outlet'), el('th', { scope: 'col' }, 'Labels (documents using it)'))));
  const tb = el('tbody');
  for (const [src, cs] of [...bySource].sort((a, b) => b[1].reduce((x, c) => x + c.documents, 0) - a[1].reduce((x, c) => x + c.documents, 0))) {
    tb.append(el('tr', {}, el('td', {}, src), el('td', {}, cs.sort((a, b) => b.documents - a.documents).map((c) => `${c.label} (${c.documents})`).join(', '))));
  }
  t.append(tb);
  part.append(t);
  return part;
}

function listIn(part) {
  let list = part.querySelector('.list');
  if (!list) { list = el('ul', { class: 'list' }); part.append(list, el('nav', { class: 'pager', 'aria-label': 'pages' })); }
  return [list, part.querySelector('.pager')];
}

async function incidents(part, role, offset) {
  const data = await getJSON('/api/incidents?' + new URLSearchParams({ ...role, limit: PAGE, offset }));
  const [list, nav] = listIn(part);
  list.replaceChildren(...data.incidents.map((i) => el('li', {}, typeIcon(i.type), ' ',
    el('a', { href: incidentLink(i.id) }, `${typeName(i.type)} · ${dateText(i.date)} · ${placeText(i.place)}`),
    ` · killed ${rangeText(i.killed)} · ${i.reports} report(s)`)));
  if (!data.incidents.length) list.append(el('li', {}, 'None.'));
  pager(nav, data.total, PAGE, offset, (o) => incidents(part, role, o));
}

async function claims(part, id, role, offset) {
  const data = await getJSON(`/api/actors/${encodeURIComponent(id)}/claims?` + new URLSearchParams({ role, limit: PAGE, offset }));
  const [list, nav] = listIn(part);
  list.replaceChildren(...data.claims.map((c) => {
    const r = c.claim.relation;
    return el('li', {}, el('strong', {}, c.claim.speaker.name || 'the outlet (no named speaker)'), ` (“${c.claim.cue}”; ${c.outlet || 'unknown outlet'}, ${c.published || 'undated'})`,
      r ? `: ${r.subject.name || r.subject.id} ${r.type.replace('_', ' ')} ${r.object.name || r.object.id}` : '', ' — ',
      el('mark', {}, c.claim.text), ' · ', el('a', { href: href('doc', c.doc_id) }, 'the document'));
  }));
  if (!data.claims.length) list.append(el('li', {}, 'None.'));
  pager(nav, data.total, PAGE, offset, (o) => claims(part, id, role, o));
}

async function documents(part, id, offset) {
  const data = await getJSON(`/api/actors/${encodeURIComponent(id)}/documents?` + new URLSearchParams({ limit: PAGE, offset }));
  const [list, nav] = listIn(part);
  list.replaceChildren(...data.documents.map((d) => el('li', {}, el('a', { href: href('doc', d.id) }, d.title || d.id), ` · ${d.outlet || 'unknown outlet'} · ${d.published || 'undated'}`)));
  if (!data.documents.length) list.append(el('li', {}, 'None.'));
  pager(nav, data.total, PAGE, offset, (o) => documents(part, id, o));
}
