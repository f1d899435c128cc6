// sitrep's web interface: plain ES module, no build step. Every string
// from the corpus is inserted as text (textContent), never as HTML.
import cytoscape from './vendor/cytoscape.esm.min.js';

const TYPES = ['bombing', 'armed_attack', 'assassination', 'clash', 'abduction', 'mass_grave', 'arrest', 'torture', 'protest', 'visit'];
const COLOURS = {
  bombing: '#d9480f', armed_attack: '#c92a2a', assassination: '#862e9c', clash: '#e67700', abduction: '#1864ab',
  mass_grave: '#343a40', arrest: '#0b7285', torture: '#5f3dc4', protest: '#2b8a3e', visit: '#868e96',
};
const $ = (sel) => document.querySelector(sel);
let me = null;
let map = null;
let net = null;
let timelineWeeks = [];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
}

async function api(path, opts = {}) {
  const headers = opts.headers || {};
  if (opts.method && opts.method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrf;
  if (opts.json !== undefined) { headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(opts.json); }
  const res = await fetch(path, { ...opts, headers, credentials: 'same-origin' });
  if (res.status === 401 && path !== '/api/login') { showLogin(); throw new Error('log in first'); }
  if (!res.ok) { let m = res.statusText; try { m = (await res.json()).error; } catch { /* not JSON */ } throw new Error(m); }
  return res;
}
const getJSON = async (path) => (await api(path)).json();

// ---- login ----
// showLogin also forgets what the previous user was looking at, so that
// the next user starts on the map with nothing of theirs on screen.
function showLogin() {
  me = null; // also stops refresh() from asking the API again
  $('#app').classList.add('hidden');
  $('#login').classList.remove('hidden');
  $('#dossier').classList.add('hidden');
  $('#dossier').replaceChildren();
  $('#filters').reset();
  $('#hits').replaceChildren();
  $('#audit').replaceChildren();
  $('#upload-status').textContent = '';
  $('#edge-evidence').replaceChildren();
  $('#tabs [data-tab=map]').click();
  if (location.hash) history.replaceState(null, '', location.pathname);
}
async function start() {
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin' });
    if (res.status !== 200) { showLogin(); return; }
    me = await res.json();
  } catch { showLogin(); return; }
  $('#login').classList.add('hidden');
  $('#app').classList.remove('hidden');
  $('#whoami').textContent = `${me.user} (${me.role})`;
  document.querySelectorAll('.editor-only').forEach((b) => b.classList.toggle('hidden', me.role === 'viewer'));
  document.querySelectorAll('.admin-only').forEach((b) => b.classList.toggle('hidden', me.role !== 'admin'));
  if (!map) initMap();
  refresh();
}
$('#login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    const res = await api('/api/login', { method: 'POST', json: { user: f.get('user'), password: f.get('password') } });
    me = await res.json();
    $('#login-error').textContent = '';
    ev.target.reset();
    await start();
    followHash();
  } catch (e) { $('#login-error').textContent = e.message; }
});
$('#logout').addEventListener('click', async () => {
  await api('/api/logout', { method: 'POST' }).catch(() => {});
  me = null;
  showLogin();
});

// ---- tabs ----
document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => {
  document.querySelectorAll('#tabs button').forEach((x) => x.classList.toggle('active', x === b));
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('hidden', t.id !== 'tab-' + b.dataset.tab));
  if (b.dataset.tab !== 'map') $('#dossier').classList.add('hidden');
  $('#filters').classList.toggle('hidden', b.dataset.tab !== 'map'); // the filters apply to the map and timeline
  if (b.dataset.tab === 'map' && map) map.resize();
  if (b.dataset.tab === 'network') loadNetwork();
  if (b.dataset.tab === 'audit') loadAudit();
}));

// ---- filters ----
const typeSelect = $('#filters select[name=type]');
for (const t of TYPES) typeSelect.append(el('option', { value: t }, t.replace('_', ' ')));
function query(extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($('#filters'))) if (v) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
$('#filters').addEventListener('submit', (ev) => { ev.preventDefault(); refresh(); });
$('#filters').addEventListener('reset', () => setTimeout(refresh, 0));

// ---- map ----
function initMap() {
  maplibregl.setWorkerUrl('vendor/maplibre-gl-csp-worker.js');
  map = new maplibregl.Map({
    container: 'map', center: [66, 29], zoom: 3.2, attributionControl: false,
    style: { version: 8, sources: {}, layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#dfe9f0' } }] },
  });
  map.addControl(new maplibregl.AttributionControl({ customAttribution: 'Natural Earth (public domain) via world-atlas' }));
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.on('load', async () => {
    const topo = await getJSON('vendor/countries-110m.json');
    map.addSource('countries', { type: 'geojson', data: topojson.feature(topo, topo.objects.countries) });
    map.addLayer({ id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f8f6f1', 'fill-outline-color': '#b9b4a8' } });
    map.addSource('incidents', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, cluster: true, clusterRadius: 40, clusterMaxZoom: 9 });
    map.addLayer({ id: 'clusters', type: 'circle', source: 'incidents', filter: ['has', 'point_count'],
      paint: { 'circle-color': '#24313d', 'circle-opacity': 0.55, 'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 10, 100, 24, 10000, 40] } });
    const colour = ['match', ['get', 'type']];
    for (const t of TYPES) colour.push(t, COLOURS[t]);
    colour.push('#868e96');
    map.addLayer({ id: 'points', type: 'circle', source: 'incidents', filter: ['!', ['has', 'point_count']],
      paint: { 'circle-color': colour, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1,
        'circle-radius': ['interpolate', ['linear'], ['get', 'killed'], 0, 5, 10, 9, 100, 18] } });
    map.on('click', 'points', (e) => { location.hash = 'incident=' + encodeURIComponent(e.features[0].properties.id); });
    map.on('click', 'clusters', (e) => map.easeTo({ center: e.features[0].geometry.coordinates, zoom: map.getZoom() + 2 }));
    // Hover text, set with setText (never HTML): clusters say how many
    // incidents they hold, as no font is served for labels on the map.
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    const hover = {
      clusters: (p) => `${p.point_count} incidents; click to zoom in`,
      points: (p) => `${p.type.replace('_', ' ')}; killed (best figure): ${p.killed}; click for the dossier`,
    };
    for (const l of ['points', 'clusters']) {
      map.on('mousemove', l, (e) => {
        map.getCanvas().style.cursor = 'pointer';
        popup.setLngLat(e.lngLat).setText(hover[l](e.features[0].properties)).addTo(map);
      });
      map.on('mouseleave', l, () => { map.getCanvas().style.cursor = ''; popup.remove(); });
    }
    refresh();
  });
  const legend = $('#legend');
  for (const t of TYPES) legend.append(el('span', {}, el('span', { class: 'swatch type-' + t }), t.replace('_', ' ')));
}

async function refresh() {
  if (!me) return;
  for (const f of ['csv', 'geojson', 'jsonl']) $('#export-' + f).href = '/api/export?' + query({ format: f });
  loadIncidents();
  loadTimeline();
}

// loadIncidents puts every matching incident on the map; the clusters
// are computed in maplibre's worker, so 100,000 points stay interactive.
// The time from request to the map's next idle frame is kept in
// data-map-ms on <body> for the browser test to read.
async function loadIncidents() {
  const t0 = performance.now();
  const data = await getJSON('/api/map?' + query());
  const features = new Array(data.points.length);
  data.points.forEach(([lon, lat, killed, ti, id], i) => {
    features[i] = { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { id, type: data.types[ti] || 'other', killed } };
  });
  $('#count').textContent = data.truncated
    ? `${features.length} of ${data.total} incidents on the map: only the most recent are sent; narrow the filters to see the rest`
    : `${features.length} of ${data.total} incidents on the map (the others have no coordinates)`;
  const src = map && map.getSource('incidents');
  if (!src) return;
  document.body.dataset.mapState = 'loading';
  src.setData({ type: 'FeatureCollection', features });
  map.once('idle', () => {
    document.body.dataset.mapMs = String(Math.round(performance.now() - t0));
    document.body.dataset.mapPoints = String(features.length);
    document.body.dataset.mapLoads = String(Number(document.body.dataset.mapLoads || 0) + 1);
    document.body.dataset.mapState = 'idle';
  });
}

// ---- timeline: incidents per week by type, drag to pick dates ----
async function loadTimeline() {
  const data = await getJSON('/api/timeline?' + query({ since: '', until: '' }));
  timelineWeeks = data.weeks || [];
  drawTimeline();
}
function drawTimeline() {
  const svg = $('#timeline');
  svg.replaceChildren();
  const w = svg.clientWidth || 800, h = 120, pad = 18;
  const weeks = timelineWeeks;
  if (!weeks.length) return;
  const max = Math.max(...weeks.map((b) => Object.values(b.counts).reduce((a, c) => a + c, 0)));
  const bw = Math.max(1, (w - 2 * pad) / weeks.length);
  const ns = 'http://www.w3.org/2000/svg';
  weeks.forEach((b, i) => {
    let y = h - pad;
    for (const t of TYPES) {
      const n = b.counts[t] || 0;
      if (!n) continue;
      const bh = (n / max) * (h - 2 * pad);
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', pad + i * bw); r.setAttribute('width', Math.max(1, bw - 1));
      r.setAttribute('y', y - bh); r.setAttribute('height', bh); r.setAttribute('fill', COLOURS[t]);
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = `week of ${b.week}: ${n} ${t}`;
      r.append(tip);
      svg.append(r);
      y -= bh;
    }
  });
  for (const i of [0, weeks.length - 1]) {
    const tx = document.createElementNS(ns, 'text');
    tx.setAttribute('x', i ? w - pad - 60 : pad); tx.setAttribute('y', h - 4);
    tx.textContent = weeks[i].week;
    svg.append(tx);
  }
  svg.dataset.pad = pad; svg.dataset.bw = bw;
}
(function brush() {
  const svg = $('#timeline');
  let x0 = null, rect = null;
  const weekAt = (x) => {
    const i = Math.floor((x - Number(svg.dataset.pad)) / Number(svg.dataset.bw));
    return timelineWeeks[Math.min(Math.max(i, 0), timelineWeeks.length - 1)];
  };
  svg.addEventListener('mousedown', (e) => {
    if (!timelineWeeks.length) return;
    x0 = e.offsetX;
    rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('class', 'brush'); rect.setAttribute('y', 0); rect.setAttribute('height', 120);
    rect.setAttribute('x', x0); rect.setAttribute('width', 0);
    svg.append(rect);
  });
  svg.addEventListener('mousemove', (e) => {
    if (x0 === null) return;
    rect.setAttribute('x', Math.min(x0, e.offsetX)); rect.setAttribute('width', Math.abs(e.offsetX - x0));
  });
  window.addEventListener('mouseup', (e) => {
    if (x0 === null) return;
    const a = weekAt(Math.min(x0, e.offsetX)), b = weekAt(Math.max(x0, e.offsetX));
    x0 = null;
    if (!a || !b) return;
    const end = new Date(b.week + 'T00:00:00Z'); end.setUTCDate(end.getUTCDate() + 6);
    $('#filters [name=since]').value = a.week;
    $('#filters [name=until]').value = end.toISOString().slice(0, 10);
    for (const f of ['csv', 'geojson', 'jsonl']) $('#export-' + f).href = '/api/export?' + query({ format: f });
    loadIncidents();
  });
})();
window.addEventListener('resize', drawTimeline);

// ---- dossier ----
async function openIncident(id) {
  const box = $('#dossier');
  box.classList.remove('hidden');
  box.replaceChildren(el('p', {}, 'Loading…'));
  const inc = await getJSON('/api/incidents/' + encodeURIComponent(id));
  const k = inc.killed, j = inc.injured;
  const range = (r) => r.best == null ? 'not reported' : (r.low === r.high ? `${r.best}` : `${r.best} (reports give ${r.low}–${r.high})`);
  box.replaceChildren(
    el('button', { onclick: () => box.classList.add('hidden') }, 'Close'),
    el('h2', {}, `${inc.type.replace('_', ' ')} · ${inc.date.start || 'date unknown'} · ${inc.place ? inc.place.name : 'place unknown'}`),
    el('p', {}, `Killed: ${range(k)}. Injured: ${range(j)}. ${inc.events.length} report(s) in ${inc.documents.length} document(s).`),
    el('p', {}, 'Perpetrator (as reported): ' + ((inc.perpetrators || []).map((p) => `${p.name} (in ${p.reports} report(s))`).join('; ') || 'none named')),
    el('p', {}, 'Target (as reported): ' + ((inc.targets || []).map((p) => `${p.name} (in ${p.reports} report(s))`).join('; ') || 'none named')),
    el('p', {}, 'Responsibility claimed by (as reported): ' + ((inc.claimed_by || []).map((p) => `${p.name} (in ${p.reports} report(s))`).join('; ') || 'none')),
  );
  if (me.role !== 'viewer') box.append(mergeControls(inc.id));
  for (const ref of inc.events) box.append(await reportBox(ref, inc.id, inc.events.length > 1));
}

// mergeControls lets an editor join another incident into this one, when
// the matcher kept apart two reports of one event. The decision is stored
// and holds after re-extraction.
function mergeControls(id) {
  const other = el('input', { name: 'merge', placeholder: 'id of an incident to merge into this one' });
  const status = el('span', { class: 'status', role: 'status' });
  const merge = async () => {
    try {
      const res = await api('/api/incidents/merge', { method: 'POST', json: { a: id, b: other.value.trim() } });
      const inc = await res.json();
      refresh();
      await openIncident(inc.id);
    } catch (e) { status.textContent = 'not merged: ' + e.message; }
  };
  return el('div', { class: 'review incident-review' }, el('span', { class: 'meta' }, `incident ${id} · `), other,
    el('button', { onclick: merge }, 'Merge'), status);
}

// reportBox shows one report of incident incidentID. When the incident
// has other reports (canSplit), an editor may split this one off.
async function reportBox(ref, incidentID, canSplit) {
  const d = await getJSON('/api/events/' + encodeURIComponent(ref.key));
  const ev = d.dossier.event;
  const src = d.dossier.sources[0];
  const div = el('div', { class: 'report', 'data-key': ref.key });
  div.append(el('h3', {}, `${src.document.outlet || 'unknown outlet'} · ${src.document.title || ''} · ${src.document.published || ''}`));
  div.append(el('p', { class: 'meta' }, `original ${src.original.hash} · captured ${src.original.captured_at} · ${src.original.source} · `,
    el('a', { href: '/api/originals/' + encodeURIComponent(src.original.hash), download: '' }, 'download the original (as text)')));
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
  if (me.role !== 'viewer') {
    div.append(reviewControls(ref.key));
    if (canSplit) {
      const status = el('span', { class: 'status', role: 'status' });
      const split = async () => {
        try {
          const res = await api('/api/incidents/' + encodeURIComponent(incidentID) + '/split', { method: 'POST', json: { event: ref.key } });
          const apart = await res.json();
          refresh();
          await openIncident(incidentID);
          $('#dossier').append(el('p', { class: 'meta' }, 'The report split off is now ',
            el('a', { href: '#incident=' + encodeURIComponent(apart.id) }, `incident ${apart.id}`), '.'));
        } catch (e) { status.textContent = 'not split: ' + e.message; }
      };
      div.append(el('div', { class: 'review' }, el('button', { onclick: split }, 'Split this report off into its own incident'), status));
    }
  }
  const hist = el('ul', { class: 'history' });
  for (const e of d.dossier.edits || []) hist.append(el('li', {}, `${e.at} ${e.who}: ${e.status}${e.field ? ' ' + e.field + ' = ' + e.value : ''}${e.note ? ' (' + e.note + ')' : ''}`));
  div.append(el('h4', {}, 'Review history'), hist);
  return div;
}

// highlighted shows the document text with the evidence spans marked;
// offsets are UTF-8 bytes, so the text is walked as bytes.
function highlighted(text, spans) {
  const box = el('div', { class: 'text' });
  if (!text) return box;
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    box.append(dec.decode(bytes.slice(at, s.start)));
    box.append(el('mark', { class: 'evidence' }, dec.decode(bytes.slice(s.start, s.end))));
    at = s.end;
  }
  box.append(dec.decode(bytes.slice(at)));
  return box;
}

// reviewControls confirm, reject or edit one report. The incident the
// report now belongs to is read again after, since its figures and the
// map may change; a rejected report may belong to none, and is shown alone.
function reviewControls(key) {
  const wrap = el('div', { class: 'review' });
  const post = async (body) => {
    try {
      await api('/api/events/' + encodeURIComponent(key) + '/edits', { method: 'POST', json: body });
      refresh();
      const after = await getJSON('/api/events/' + encodeURIComponent(key));
      if (after.incident) await openIncident(after.incident);
      else wrap.closest('.report').replaceWith(await reportBox({ key }, '', false));
    } catch (e) { alert(e.message); }
  };
  wrap.append(el('button', { onclick: () => post({ status: 'confirm' }) }, 'Confirm'));
  wrap.append(el('button', { onclick: () => post({ status: 'reject' }) }, 'Reject'));
  const field = el('select', { name: 'field' });
  for (const f of ['killed', 'injured', 'type', 'date', 'place', 'modality']) field.append(el('option', { value: f }, f));
  const value = el('input', { name: 'value', placeholder: 'new value' });
  const note = el('input', { name: 'note', placeholder: 'why (kept in the history)' });
  wrap.append(field, value, note, el('button', { onclick: () => post({ status: 'edit', field: field.value, value: value.value, note: note.value }) }, 'Save edit'));
  return wrap;
}

// ---- actor network ----
// Nodes are actors; edges are relations alleged in claims (labelled with
// who alleges them) and violence as reported in incidents (perpetrator →
// target). The same edges are listed under the graph as buttons, so they
// can be reached without a pointer.
async function loadNetwork() {
  const [data, inc] = await Promise.all([getJSON('/api/graph'), getJSON('/api/incidents?limit=1000')]);
  const g = data.graph;
  const elements = [];
  const edges = [];
  const seen = new Set();
  // A claim about an incident points at the incident's id: it is named
  // by what, when and where, as the map names it.
  const incidents = new Map(inc.incidents.map((i) => [i.id, i]));
  const incidentName = (i) => `${i.type.replace('_', ' ')} · ${i.date.start || 'undated'}${i.place ? ' · ' + i.place.name : ''}`;
  const node = (id, name) => {
    if (seen.has(id)) return;
    seen.add(id);
    const i = incidents.get(id);
    elements.push({ data: { id, label: i ? incidentName(i) : name || id, kind: i || id.startsWith('inc-') ? 'incident' : 'actor' } });
  };
  (g.edges || []).forEach((e, i) => {
    node(e.subject, e.subject_name); node(e.object, e.object_name);
    const by = (e.speakers || []).map((s) => s.name).join(', ') || 'no named speaker';
    const d = { id: 'e' + i, source: e.subject, target: e.object, kind: 'claim', edge: e,
      label: `${e.relation.replace('_', ' ')}${e.contradicted ? ' · disputed' : ''}\nalleged by ${by}` };
    elements.push({ data: d });
    edges.push(d);
  });
  const violence = new Map();
  for (const i of inc.incidents) {
    for (const p of i.perpetrators || []) for (const t of i.targets || []) {
      const k = `${p.id}|${t.id}|${i.type}`;
      if (!violence.has(k)) violence.set(k, { p, t, type: i.type, incidents: [] });
      violence.get(k).incidents.push(i);
    }
  }
  let n = 0;
  for (const v of violence.values()) {
    node(v.p.id, v.p.name); node(v.t.id, v.t.name);
    const d = { id: 'v' + n++, source: v.p.id, target: v.t.id, kind: 'violence', violence: v,
      label: `${v.type.replace('_', ' ')} ×${v.incidents.length}\nperpetrator as reported` };
    elements.push({ data: d });
    edges.push(d);
  }
  if (net) net.destroy();
  net = cytoscape({
    container: $('#network'), elements,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 13, 'background-color': '#24313d', width: 14, height: 14,
        'text-valign': 'top', 'text-margin-y': -3, 'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } },
      { selector: 'node[kind = "incident"]', style: { shape: 'diamond', 'background-color': '#7a5c00' } },
      { selector: 'edge', style: { label: 'data(label)', 'font-size': 10, color: '#39434d', 'text-wrap': 'wrap', 'text-background-color': '#f5f7f9',
        'text-background-opacity': 0.9, 'text-background-padding': 1, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5,
        'line-color': '#8a99a8', 'target-arrow-color': '#8a99a8' } },
      { selector: 'edge[kind = "violence"]', style: { 'line-color': '#c92a2a', 'target-arrow-color': '#c92a2a', 'line-style': 'dashed' } },
    ],
    // Room for the labels: the layout counts them in each node's size and
    // keeps edges long enough for two lines of edge label.
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 100, nodeRepulsion: () => 30000, componentSpacing: 60, padding: 30, randomize: false },
  });
  net.on('tap', 'edge', (evt) => showEdge(evt.target.data()));
  const list = $('#edge-list');
  list.replaceChildren();
  for (const d of edges) list.append(el('li', {}, el('button', { class: 'link', onclick: () => showEdge(d) }, `${nodeName(d.source)} → ${nodeName(d.target)}: ${d.label.replace('\n', ' (')})`)));
  if (!edges.length) list.append(el('li', {}, 'No relations or attributed incidents yet.'));
}

// nodeName is the name the graph shows for a node (an incident by what,
// when and where), else the name the API gave.
function nodeName(id, fallback) {
  const x = net && net.getElementById(id);
  return x && x.nonempty() ? x.data('label') : fallback || id;
}

async function showEdge(d) {
  const box = $('#edge-evidence');
  if (d.kind === 'violence') {
    const v = d.violence;
    box.replaceChildren(el('h3', {}, `${v.type.replace('_', ' ')}: ${v.p.name} named as perpetrator, ${v.t.name} as target, in ${v.incidents.length} incident(s)`));
    const list = el('ul');
    for (const i of v.incidents) {
      list.append(el('li', {}, el('a', { href: '#incident=' + encodeURIComponent(i.id) }, `${i.date.start || 'undated'} · ${i.place ? i.place.name : 'place unknown'}`),
        ` · ${i.events.length} report(s)`));
    }
    box.append(list);
    return;
  }
  const e = d.edge;
  box.replaceChildren(el('h3', {}, `${nodeName(e.subject, e.subject_name)} ${e.relation.replace('_', ' ')} ${nodeName(e.object, e.object_name)}: ${e.claims} claim(s) in ${e.document_count} document(s), ${e.first_seen || ''} to ${e.last_seen || ''}`));
  const cs = await getJSON('/api/claims?' + new URLSearchParams({ actor: e.subject, relation: e.relation, limit: 1000 }));
  const list = el('ul', { class: 'evidence-list' });
  for (const c of cs.claims) {
    const r = c.claim.relation;
    // A claim about an incident names the event in its own document; the
    // graph names the incident that event belongs to.
    const sameObject = r && (r.object.id === e.object || (e.object.startsWith('inc-') && e.documents.includes(c.doc_id)));
    if (!r || r.subject.id !== e.subject || !sameObject) continue;
    list.append(el('li', {}, 'alleged by ', el('strong', {}, c.claim.speaker.name || 'the outlet (no named speaker)'),
      ` (“${c.claim.cue}”; ${c.outlet || 'unknown outlet'}, ${c.published || 'undated'}): `, el('mark', {}, c.claim.text)));
  }
  box.append(list);
}

// ---- search ----
$('#search-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = new FormData(ev.target).get('q');
  const data = await getJSON('/api/search?' + new URLSearchParams({ q }));
  const ol = $('#hits');
  ol.replaceChildren();
  for (const h of data.hits) {
    const snip = el('p');
    // the store marks matches [like this]; show them as <mark>
    for (const [i, part] of h.snippet.split(/\[|\]/).entries()) snip.append(i % 2 ? el('mark', {}, part) : part);
    ol.append(el('li', {}, el('strong', {}, h.title || h.doc_id), ` · ${h.outlet || ''} · ${h.published || ''}`, snip));
  }
  if (!data.hits.length) ol.append(el('li', {}, 'No documents match.'));
});

// ---- upload ----
$('#upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const status = $('#upload-status'), bar = $('#upload-progress');
  const form = new FormData(ev.target);
  if (!form.get('url') && !(form.get('file') && form.get('file').size)) { status.textContent = 'Choose a file or give an address.'; return; }
  if (form.get('url')) form.delete('file');
  status.textContent = form.get('url') ? 'Capturing…' : 'Uploading…';
  try {
    const res = await api('/api/ingest', { method: 'POST', body: form });
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (msg.progress) {
          const p = msg.progress;
          if (p.total) { bar.max = p.total; bar.value = p.done; }
          status.textContent = `${p.done}${p.total ? ' of ' + p.total : ''} read: ${p.new} new, ${p.duplicate} duplicates, ${p.failed} failed`;
        } else if (msg.summary) {
          const s = msg.summary;
          bar.max = 1; bar.value = 1;
          status.textContent = `Done: ${s.new} new (${s.copies} near copies), ${s.duplicate} duplicates, ${s.failed} failed, ${s.skipped} skipped; ${s.events} events, ${s.claims} claims.` +
            (s.failures || []).map((f) => `\n  failed: ${f.source}: ${f.reason}`).join('') +
            (s.skips || []).map((f) => `\n  skipped: ${f.source}: ${f.reason}`).join('');
          refresh();
        } else if (msg.error) status.textContent = 'Failed: ' + msg.error;
      }
    }
  } catch (e) { status.textContent = 'Failed: ' + e.message; }
});

// ---- audit ----
async function loadAudit() {
  const data = await getJSON('/api/audit?limit=200');
  const t = $('#audit');
  t.replaceChildren(el('tr', {}, ...['when', 'user', 'action', 'object', 'detail', 'address'].map((h) => el('th', {}, h))));
  for (const a of data.audit) t.append(el('tr', {}, ...[a.at, a.user, a.action, a.object, a.detail, a.ip].map((v) => el('td', {}, v || ''))));
}

// Deep links: #incident=ID opens that incident's dossier.
function followHash() {
  const m = /^#incident=(.+)$/.exec(location.hash);
  if (m && me) openIncident(decodeURIComponent(m[1]));
}
window.addEventListener('hashchange', followHash);

start().then(followHash);
