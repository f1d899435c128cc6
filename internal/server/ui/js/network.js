// The actor network: the actors named most under the map's filters
// (or one actor's own network), sized by the incidents and claims that
// name them; edges are relations alleged in claims, labelled with who
// alleges them, and violence as reported (perpetrator → target). Every
// edge leads to its evidence; the edge list pages through all of them.
import { $, el, getJSON, typeName, pager, busy, ready, dateText, placeText } from './util.js';
import { current, withParams, go, filterParams, incidentLink } from './route.js';

const RELATIONS = ['violence', 'supports', 'responsible_for', 'attacks', 'condemns', 'demands', 'linked_to', 'claims_responsibility', 'denies'];
const RELATION_NAMES = { violence: 'violence as reported', responsible_for: 'responsible for', linked_to: 'linked to', claims_responsibility: 'claims responsibility' };
const relName = (r) => RELATION_NAMES[r] || r;
const PAGE = 20;
let cy = null;
let lastQuery = null;
let generation = 0;

export function reset() { lastQuery = null; cy?.destroy(); cy = null; $('#edge-list').replaceChildren(); }
export function changed() { lastQuery = null; }
export function hide() {}

(function controls() {
  const box = $('#relations');
  box.append(el('span', { class: 'meta' }, 'Edges: '));
  for (const r of RELATIONS) {
    box.append(el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'relation', value: r, onchange: applyRelations }), ' ', relName(r)));
  }
  $('#network-controls [name=nodes]').addEventListener('change', (e) => go(withParams({ nodes: e.target.value === '40' ? null : e.target.value, eoffset: null })));
})();

function applyRelations() {
  const on = [...document.querySelectorAll('#relations input:checked')].map((i) => i.value);
  go(withParams({ relation: on.length && on.length < RELATIONS.length ? on.join(',') : null, eoffset: null }));
}

function edgeLabel(e) {
  if (e.kind === 'violence') {
    const types = Object.entries(e.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${typeName(t)} ×${n}`).join(', ');
    return `${types}\nperpetrator → target, as reported`;
  }
  const sp = e.speakers.filter((s) => s.name);
  const more = (e.speaker_count || e.speakers.length) - 1;
  const by = sp.length ? sp[0].name + (more > 0 ? ` +${more}` : '') : 'no named speaker';
  return `${relName(e.relation)} ×${e.weight}\nalleged by ${by}`;
}

export async function show(r) {
  const relation = r.params.get('relation') || '';
  const on = relation ? relation.split(',') : RELATIONS;
  for (const i of document.querySelectorAll('#relations input')) i.checked = on.includes(i.value);
  $('#network-controls [name=nodes]').value = r.params.get('nodes') || '40';
  const focus = r.params.get('focus') || '';
  const eoffset = Number(r.params.get('eoffset')) || 0;
  const q = filterParams(r, { relation, focus, nodes: r.params.get('nodes'), limit: PAGE, offset: eoffset });
  if (q.toString() === lastQuery) return;
  const graphChanged = !lastQuery || lastQuery.replace(/&?offset=\d+/, '') !== q.toString().replace(/&?offset=\d+/, '');
  lastQuery = q.toString();
  const gen = ++generation;
  const view = $('#view-network');
  const done = busy(view, $('#network-controls'));
  try {
    const data = await getJSON('/api/network?' + q);
    if (gen !== generation) return;
    $('#network-focus').replaceChildren(...(focus ? [
      `Centred on ${data.nodes.find((n) => n.id === focus)?.name || focus} · `,
      el('a', { href: '#/actor/' + encodeURIComponent(focus) }, 'its page'), ' · ',
      el('a', { href: withParams({ focus: null, eoffset: null }) }, 'back to the actors named most'),
    ] : [`The ${data.nodes.length} actors named in most incidents and claims, of ${data.totals.actors.toLocaleString('en')}; click an actor for its own network`]),
      ...(data.limited?.incidents || data.limited?.claims ? [el('span', { class: 'limited' },
        ` · drawn from the newest ${data.limited.incidents ? 'incidents' : 'claims'} only (the server reads a bounded number); narrow the dates or filters to see all`)] : []),
      ...(data.limited?.edges ? [el('span', { class: 'limited' }, ' · its relations of most claims only (the server reads a bounded number)')] : []),
      ...(data.limited?.drawn ? [el('span', { class: 'limited' },
        ` · the ${data.edges.length.toLocaleString('en')} heaviest of the ${data.limited.drawn.toLocaleString('en')} relations between them drawn; the list beside has them all`)] : []));
    if (graphChanged) await draw(data);
    list(data, eoffset);
  } catch (e) {
    if (gen !== generation) return;
    $('#edge-list').replaceChildren(el('li', { class: 'error' }, e.status === 404 ? e.message : 'The network could not be read: ' + e.message));
    cy?.destroy(); cy = null;
  } finally {
    if (gen === generation) done();
  }
}

// cytoscape is read when the network is first shown, not with the page.
let cytoscape = null;

async function draw(data) {
  cytoscape ??= (await import('../vendor/cytoscape.esm.min.js')).default;
  const maxSize = Math.max(1, ...data.nodes.map((n) => n.incidents + n.claims));
  const elements = data.nodes.map((n) => ({ data: {
    id: n.id, label: n.name || n.id, kind: n.kind,
    size: 18 + 46 * Math.sqrt((n.incidents + n.claims) / maxSize),
  } }));
  for (const e of data.edges) elements.push({ data: { id: 'e' + e.id, source: e.source, target: e.target, kind: e.kind, label: edgeLabel(e), edge: e } });
  cy?.destroy();
  cy = cytoscape({
    container: $('#network'), elements, wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 12, 'background-color': '#24313d', width: 'data(size)', height: 'data(size)', color: '#1d2329',
        'text-valign': 'top', 'text-margin-y': -3, 'text-background-color': '#fff', 'text-background-opacity': 0.9, 'text-background-padding': 2, 'text-wrap': 'ellipsis', 'text-max-width': 160 } },
      { selector: 'node[kind = "incident"]', style: { shape: 'diamond', 'background-color': '#7a5c00' } },
      { selector: 'edge', style: { label: 'data(label)', 'font-size': 10, color: '#39434d', 'text-wrap': 'wrap', 'text-background-color': '#f5f7f9',
        'text-background-opacity': 0.9, 'text-background-padding': 1, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.6,
        'line-color': '#6f7f8e', 'target-arrow-color': '#6f7f8e', 'text-rotation': 'autorotate' } },
      { selector: 'edge[kind = "violence"]', style: { 'line-color': '#b01e2f', 'target-arrow-color': '#b01e2f', 'line-style': 'dashed' } },
      { selector: ':selected', style: { 'border-width': 3, 'border-color': '#1a5fb4', 'line-color': '#1a5fb4', 'target-arrow-color': '#1a5fb4' } },
    ],
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 140, nodeRepulsion: () => 60000, componentSpacing: 80, padding: 30, randomize: false, numIter: 1500 },
  });
  window.sitrepNetwork = cy; // for the browser test and the console
  cy.on('tap', 'edge', (evt) => evidence(evt.target.data('edge')));
  cy.on('tap', 'node', (evt) => go(withParams({ focus: evt.target.id(), eoffset: null })));
  cy.one('render', () => { $('#network').dataset.nodes = String(data.nodes.length); ready('network'); });
  if (!data.nodes.length) ready('network');
}

function list(data, offset) {
  const ol = $('#edge-list');
  ol.replaceChildren();
  ol.setAttribute('start', String(offset + 1));
  $('#edge-total').textContent = `(${data.list.total.toLocaleString('en')})`;
  for (const e of data.list.edges) {
    ol.append(el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => evidence(e) },
      `${e.source_name || e.source} → ${e.target_name || e.target}: ${edgeLabel(e).replace('\n', ' (')}) · ${e.documents} document(s)`)));
  }
  if (!data.list.edges.length) ol.append(el('li', {}, 'No relations or attributed incidents under these filters.'));
  pager($('#edge-pager'), data.list.total, PAGE, offset, (o) => go(withParams({ eoffset: o || null })));
}

async function evidence(e) {
  const box = $('#edge-evidence');
  box.setAttribute('aria-busy', 'true');
  const r = current();
  if (e.kind === 'violence') {
    const q = filterParams(r, { perpetrator: e.source, target: e.target, limit: 50 });
    const data = await getJSON('/api/incidents?' + q);
    box.replaceChildren(el('h3', {}, `${e.source_name} named as perpetrator and ${e.target_name} as target, in ${data.total} incident(s), as reported`));
    const ul = el('ul', { class: 'evidence-list' });
    for (const i of data.incidents) ul.append(el('li', {}, el('a', { href: incidentLink(i.id) }, `${typeName(i.type)} · ${dateText(i.date)} · ${placeText(i.place)}`), ` · ${i.reports} report(s)`));
    box.append(ul, el('p', {}, el('a', { href: `#/map?${filterParams(r, { perpetrator: e.source, target: e.target })}` }, 'All of them on the map and in the table')));
  } else {
    const q = filterParams(r, { subject: e.source, object: e.target, relation: e.relation, limit: 50 });
    const data = await getJSON('/api/network/claims?' + q);
    box.replaceChildren(el('h3', {}, `${e.source_name} ${relName(e.relation)} ${e.target_name}: ${data.total} claim(s) in ${e.documents} document(s), ${e.first_seen || ''} to ${e.last_seen || ''}. Each is an allegation by its speaker.`));
    const ul = el('ul', { class: 'evidence-list' });
    for (const c of data.claims) {
      ul.append(el('li', {}, 'alleged by ', el('strong', {}, c.claim.speaker.name || 'the outlet (no named speaker)'),
        ` (“${c.claim.cue}”; ${c.outlet || 'unknown outlet'}, ${c.published || 'undated'}): `, el('mark', {}, c.claim.text), ' · ',
        el('a', { href: '#/doc/' + encodeURIComponent(c.doc_id) }, 'the document')));
    }
    box.append(ul);
  }
  box.setAttribute('aria-busy', 'false');
}
