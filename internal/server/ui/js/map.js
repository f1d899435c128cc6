// The map, the incident table and the timeline: one view, one set of
// filters (the URL's), three ways to read the same incidents.
import { $, el, getJSON, TYPES, COLOURS, SHAPES, typeName, typeIcon, ready } from './util.js';
import { current, withParams, go, filterParams, incidentLink } from './route.js';
import * as table from './table.js';
import * as timeline from './timeline.js';

let map = null;
let mapReady = null; // resolves when the library, the base map and the layers exist
let lastQuery = null;
let fitted = false;
let atWritten = null; // the position the map last put in the URL

// maplibre is read when the map is first shown, not with the page.
let library = null;
function loadLibrary() {
  library ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'vendor/maplibre-gl-csp.js';
    s.onload = resolve;
    s.onerror = () => reject(new Error('the map library could not be read'));
    document.head.append(s);
  });
  return library;
}

export function show(r) {
  if (!mapReady) mapReady = loadLibrary().then(init);
  mapReady.then(() => {
    map.resize();
    // A link to another position moves the map there; the position the
    // map wrote itself is where it is already.
    const now = current().params.get('at');
    const at = (now || '').split(',').map(Number);
    if (now && now !== atWritten && at.length === 3 && at.every(Number.isFinite)) map.jumpTo({ center: [at[1], at[0]], zoom: at[2] });
  });
  const q = filterParams(r).toString();
  if (q !== lastQuery) {
    lastQuery = q;
    loadPoints(r);
  }
  setMode(r.params.get('mode') || 'incidents');
  table.show(r);
  timeline.show(r);
}

export function hide() {}

export function reset() {
  lastQuery = null;
  fitted = false;
  table.reset();
  timeline.reset();
}

// changed: the corpus changed; read everything again, keeping the view.
export function changed(r) {
  lastQuery = null;
  timeline.changed(r);
  table.changed(r);
  show(r);
}

legend();
for (const input of document.querySelectorAll('#map-tools [name=mapmode]')) {
  input.addEventListener('change', () => go(withParams({ mode: input.value === 'incidents' ? null : input.value })));
}

// ---- icons: each type's shape, filled, or hollow and dashed when the
// incident is placed only at a province's or a country's centre ----
const ICON = 22; // css px
function iconImage(type, approx) {
  const ratio = 2, size = ICON * ratio;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const ctx = c.getContext('2d');
  ctx.scale(size / 22, size / 22);
  ctx.translate(1, 1);
  const p = new Path2D(SHAPES[type]);
  if (approx) {
    ctx.fillStyle = 'rgba(255,255,255,0.9)'; ctx.fill(p);
    ctx.setLineDash([3, 2]); ctx.lineWidth = 2.2; ctx.strokeStyle = COLOURS[type]; ctx.stroke(p);
  } else {
    ctx.fillStyle = COLOURS[type]; ctx.fill(p);
    ctx.lineWidth = 1.2; ctx.strokeStyle = '#fff'; ctx.stroke(p);
  }
  return { image: ctx.getImageData(0, 0, size, size), ratio };
}

// A cluster's icon is a ring cut in proportion to its types; its id says
// the proportions in twelfths ("mix:3,0,9,…"), so that clusters of the
// same mix share one image, drawn when first needed. A place that is only
// a province's or a country's centre ("mixa:…") has its ring pale and
// dashed, as its incidents' shapes are hollow and dashed.
function clusterImage(id) {
  const approx = id.startsWith('mixa:');
  const parts = id.slice(id.indexOf(':') + 1).split(',').map(Number);
  const sum = parts.reduce((a, b) => a + b, 0) || 1;
  const ratio = 2, size = 48 * ratio, r = size / 2;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const ctx = c.getContext('2d');
  let a = -Math.PI / 2;
  parts.forEach((n, i) => {
    if (!n) return;
    const b = a + 2 * Math.PI * n / sum;
    ctx.beginPath(); ctx.moveTo(r, r); ctx.arc(r, r, r - 2, a, b); ctx.closePath();
    ctx.fillStyle = COLOURS[TYPES[i]]; ctx.fill();
    a = b;
  });
  ctx.beginPath(); ctx.arc(r, r, r - 2, 0, 2 * Math.PI); ctx.lineWidth = 3; ctx.strokeStyle = '#fff'; ctx.stroke();
  if (approx) {
    ctx.beginPath(); ctx.arc(r, r, r - 2, 0, 2 * Math.PI); ctx.fillStyle = 'rgba(255,255,255,0.55)'; ctx.fill();
    ctx.setLineDash([8, 6]); ctx.lineWidth = 3; ctx.strokeStyle = '#4a5560'; ctx.stroke();
  }
  ctx.beginPath(); ctx.arc(r, r, r * 0.62, 0, 2 * Math.PI); ctx.fillStyle = '#fff'; ctx.fill();
  return { image: ctx.getImageData(0, 0, size, size), ratio };
}

function init() {
  maplibregl.setWorkerUrl('vendor/maplibre-gl-csp-worker.js');
  // Two workers: the base map's sources and the incidents' clusters are
  // cut into tiles side by side.
  maplibregl.setWorkerCount(2);
  const at = (current().params.get('at') || '').split(',').map(Number);
  const view = at.length === 3 && at.every(Number.isFinite) ? { center: [at[1], at[0]], zoom: at[2] } : { center: [66, 29], zoom: 3 };
  // A position in the URL is kept; without one, the first points loaded
  // set it.
  fitted = view.zoom !== 3 || at.length === 3;
  // Every frame costs: labels are placed at once rather than faded in,
  // and the sea is the container's colour (app.css), not a layer.
  map = new maplibregl.Map({
    container: 'map', ...view, attributionControl: false, maxZoom: 14, fadeDuration: 0,
    style: { version: 8, sources: {}, glyphs: location.origin + '/basemap/glyphs/{fontstack}/{range}.pbf', layers: [] },
  });
  // For the browser test and the console: the map itself.
  window.sitrepMap = map;
  map.addControl(new maplibregl.AttributionControl({ compact: false, customAttribution: 'Base map: Natural Earth (public domain), boundaries as Natural Earth draws them' }));
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.addControl(new maplibregl.ScaleControl({}), 'bottom-right');
  map.on('styleimagemissing', (e) => {
    if ((e.id.startsWith('mix:') || e.id.startsWith('mixa:')) && !map.hasImage(e.id)) {
      const { image, ratio } = clusterImage(e.id);
      map.addImage(e.id, image, { pixelRatio: ratio });
    }
  });
  // The map's position goes into the URL, so that a shared link opens here.
  map.on('moveend', () => {
    const c = map.getCenter().wrap();
    atWritten = `${c.lat.toFixed(3)},${c.lng.toFixed(3)},${map.getZoom().toFixed(2)}`;
    if (current().view === 'map') go(withParams({ at: atWritten }), { replace: true });
  });
  return new Promise((resolve) => map.on('load', async () => {
    for (const t of TYPES) {
      for (const approx of [false, true]) {
        const { image, ratio } = iconImage(t, approx);
        map.addImage(`${t}${approx ? '-approx' : ''}`, image, { pixelRatio: ratio });
      }
    }
    await addBaseMap();
    addIncidentLayers();
    performance.mark('layers-added');
    resolve();
  }));
}

// The base map: the whole world, coarse, below zoom CELL_ZOOM; above it,
// cells of the world drawn finely (with the province boundaries), read as
// the map shows them, so that the first view costs little. Lines come as
// flat lists of grid points, the first whole, the rest as differences.
const CELL_ZOOM = 5;
let cells = null; // {size, ids: Set, loaded: Set}

function decode(flat, grid) {
  const out = new Array(flat.length / 2);
  let x = 0, y = 0;
  for (let i = 0; i < flat.length; i += 2) {
    x += flat[i]; y += flat[i + 1];
    out[i / 2] = [x * grid - 180, y * grid - 90];
  }
  return out;
}

function baseFeatures(layer) {
  const g = layer.grid, fs = [];
  for (const r of layer.land) fs.push({ type: 'Feature', properties: { k: 'land' }, geometry: { type: 'Polygon', coordinates: [decode(r, g)] } });
  for (const [k, lines] of Object.entries(layer.lines)) {
    if (lines.length) fs.push({ type: 'Feature', properties: { k }, geometry: { type: 'MultiLineString', coordinates: lines.map((l) => decode(l, g)) } });
  }
  return { type: 'FeatureCollection', features: fs };
}

const LINE = {
  admin1: { 'line-color': '#8c8477', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 9, 1.4], 'line-dasharray': [4, 2] },
  coast: { 'line-color': '#8ea9bb', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.8, 9, 1.4] },
  border: { 'line-color': '#6b6456', 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.7, 9, 2] },
};

async function addBaseMap() {
  const [world, labels] = await Promise.all([getJSON('basemap/world.json'), getJSON('basemap/labels.json')]);
  performance.mark('basemap-read');
  cells = { size: world.cells.size, ids: new Set(world.cells.ids), loaded: new Set() };
  map.addSource('world', { type: 'geojson', data: baseFeatures(world), maxzoom: 6 });
  map.addLayer({ id: 'land', type: 'fill', source: 'world', maxzoom: CELL_ZOOM, filter: ['==', ['get', 'k'], 'land'], paint: { 'fill-color': '#f5f3ed', 'fill-antialias': false } });
  map.addLayer({ id: 'borders', type: 'line', source: 'world', maxzoom: CELL_ZOOM, filter: ['==', ['get', 'k'], 'border'], paint: LINE.border });
  // The cells' land goes below this mark, their lines above it; the mark
  // itself is never drawn.
  map.addLayer({ id: 'cell-land-top', type: 'background', layout: { visibility: 'none' } });
  // Labels in bands of Natural Earth's zoom ranks, each band a source and
  // layers not laid out below its zoom: the world view cuts into tiles
  // the hundred places it shows, not all seven thousand.
  const places = labels.places.map(([n, lon, lat, z], i) => point(n, lon, lat, { z, rank: i }));
  for (const [a, b] of [[0, 4], [4, 5.5], [5.5, 6.5], [6.5, 99]]) {
    const source = `places-${a}`;
    map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: places.filter((f) => f.properties.z >= a && f.properties.z < b) } });
    const filter = ['<=', ['get', 'z'], ['zoom']];
    map.addLayer({ id: `place-dots-${a}`, type: 'circle', source, minzoom: a, filter,
      paint: { 'circle-radius': 2.2, 'circle-color': '#4a5560', 'circle-stroke-color': '#fff', 'circle-stroke-width': 0.8 } });
    map.addLayer({ id: `place-labels-${a}`, type: 'symbol', source, minzoom: a, filter,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans'], 'text-size': ['interpolate', ['linear'], ['zoom'], 3, 11, 8, 13],
        'text-anchor': 'left', 'text-offset': [0.5, 0], 'symbol-sort-key': ['get', 'rank'], 'text-padding': 3 },
      paint: { 'text-color': '#1d2329', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } });
  }
  map.addSource('provinces', { type: 'geojson', data: { type: 'FeatureCollection', features: labels.provinces.map(([n, lon, lat]) => point(n, lon, lat)) } });
  map.addLayer({ id: 'province-labels', type: 'symbol', source: 'provinces', minzoom: CELL_ZOOM,
    layout: { 'text-field': ['get', 'name'], 'text-font': ['sans'], 'text-size': 11, 'text-letter-spacing': 0.12, 'text-transform': 'uppercase', 'text-max-width': 8, 'text-padding': 4 },
    paint: { 'text-color': '#6b6456', 'text-halo-color': '#f5f3ed', 'text-halo-width': 1.5 } }, 'place-dots-0');
  map.on('moveend', loadCells);
  loadCells();
}

const point = (name, lon, lat, props) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name, ...props } });

// loadCells reads the cells the map shows, at the zooms that draw them.
async function loadCells() {
  const body = document.body;
  // Not complete until the map is idle at the new position, even when it
  // needs no new cell.
  body.dataset.basemap = 'loading';
  if (map.getZoom() < CELL_ZOOM - 0.5) { map.once('idle', () => { body.dataset.basemap = 'complete'; }); return; }
  const b = map.getBounds(), size = cells.size;
  const want = [];
  for (let x = Math.floor((Math.max(-180, b.getWest()) + 180) / size); x <= Math.floor((Math.min(179.99, b.getEast()) + 180) / size); x++) {
    for (let y = Math.floor((Math.max(-90, b.getSouth()) + 90) / size); y <= Math.floor((Math.min(89.99, b.getNorth()) + 90) / size); y++) {
      const id = `${x}_${y}`;
      if (cells.ids.has(id) && !cells.loaded.has(id)) want.push(id);
    }
  }
  if (!want.length) { map.once('idle', () => { body.dataset.basemap = 'complete'; }); return; }
  for (const id of want) cells.loaded.add(id);
  await Promise.all(want.map(async (id) => {
    const c = await getJSON(`basemap/cells/${id}.json`);
    map.addSource('cell-' + id, { type: 'geojson', data: baseFeatures(c), maxzoom: 10 });
    map.addLayer({ id: `land-${id}`, type: 'fill', source: 'cell-' + id, minzoom: CELL_ZOOM, filter: ['==', ['get', 'k'], 'land'],
      paint: { 'fill-color': '#f5f3ed', 'fill-antialias': false } }, 'cell-land-top');
    for (const k of ['admin1', 'coast', 'border']) {
      map.addLayer({ id: `${k}-${id}`, type: 'line', source: 'cell-' + id, minzoom: CELL_ZOOM, filter: ['==', ['get', 'k'], k], paint: LINE[k] }, 'province-labels');
    }
  }));
  body.dataset.cells = String(cells.loaded.size);
  map.once('idle', () => { body.dataset.basemap = 'complete'; performance.mark('basemap-complete'); });
}

// Every feature of the incidents' source counts incidents: an incident
// (id, t its type index) counts one; a place the server grouped counts
// its n incidents. Both carry n, t0…t9 (incidents of each type), killed
// and approx (incidents placed only at a province's or country's centre),
// so that a cluster sums them whatever it holds: every incident once.
function addIncidentLayers() {
  const props = { n: ['+', ['get', 'n']], killed: ['+', ['get', 'killed']], approx: ['+', ['get', 'approx']] };
  TYPES.forEach((t, i) => { props['t' + i] = ['+', ['get', 't' + i]]; });
  map.addSource('incidents', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, cluster: true, clusterRadius: 48, clusterMaxZoom: 11, clusterProperties: props });
  map.addSource('heat', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'heat', type: 'heatmap', source: 'heat', layout: { visibility: 'none' },
    paint: {
      // a place weighs as its n incidents of its average toll
      'heatmap-weight': ['*', ['get', 'n'], ['interpolate', ['linear'], ['ln', ['+', 1, ['/', ['get', 'killed'], ['get', 'n']]]], 0, 0, 5, 1]],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 9, 2],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 2, 10, 9, 30],
      'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(255,255,255,0)', 0.15, '#fde0c5', 0.4, '#f59e6b', 0.7, '#c4420b', 1, '#6b1d04'],
      'heatmap-opacity': 0.85,
    } });
  // share of type i in twelfths, as text
  const share = (i) => ['to-string', ['round', ['*', 12, ['/', ['get', 't' + i], ['get', 'n']]]]];
  const shares = [];
  TYPES.forEach((_, i) => { shares.push(share(i)); if (i < TYPES.length - 1) shares.push(','); });
  // a place (no cluster) whose incidents are all at a province's or a
  // country's centre: the pale, dashed ring
  const mix = ['concat', ['case', ['all', ['!', ['has', 'point_count']], ['>', ['get', 'approx'], 0]], 'mixa:', 'mix:'], ...shares];
  const n = ['get', 'n'];
  const abbreviated = ['case', ['>=', n, 1e6], ['concat', ['to-string', ['/', ['round', ['/', n, 1e5]], 10]], 'M'],
    ['>=', n, 1e4], ['concat', ['to-string', ['round', ['/', n, 1e3]]], 'k'],
    ['>=', n, 1e3], ['concat', ['to-string', ['/', ['round', ['/', n, 100]], 10]], 'k'], ['to-string', n]];
  // Rings: clusters, and the places the server grouped.
  map.addLayer({ id: 'clusters', type: 'symbol', source: 'incidents', filter: ['any', ['has', 'point_count'], ['!', ['has', 'id']]],
    layout: {
      'icon-image': mix, 'icon-size': ['interpolate', ['linear'], n, 1, 0.5, 100, 0.8, 1000, 1, 10000, 1.25],
      'icon-allow-overlap': true, 'icon-ignore-placement': true,
      'text-field': abbreviated, 'text-font': ['sans'], 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true,
    },
    paint: { 'text-color': '#1d2329' } });
  const icon = ['concat', ['at', ['get', 't'], ['literal', TYPES]], ['case', ['==', ['get', 'approx'], 1], '-approx', '']];
  map.addLayer({ id: 'points', type: 'symbol', source: 'incidents', filter: ['all', ['!', ['has', 'point_count']], ['has', 'id']],
    layout: {
      'icon-image': icon, 'icon-size': ['interpolate', ['linear'], ['get', 'killed'], 0, 0.6, 10, 0.85, 100, 1.3],
      'icon-allow-overlap': true, 'icon-ignore-placement': true, 'symbol-sort-key': ['get', 'killed'],
    } });
  map.on('click', 'points', (e) => go(incidentLink(e.features[0].properties.id)));
  map.on('click', 'clusters', async (e) => {
    const f = e.features[0];
    if (f.properties.cluster_id === undefined) {
      // A place: zoom in until its incidents are shown one by one; at
      // the closest zoom, keep only the incidents there.
      const [lon, lat] = f.geometry.coordinates;
      if (map.getZoom() >= 12) go(withParams({ near: `${lat.toFixed(4)},${lon.toFixed(4)},1`, offset: null }));
      else map.easeTo({ center: f.geometry.coordinates, zoom: Math.max(map.getZoom() + 3, DETAIL_ZOOM) });
      return;
    }
    const zoom = await map.getSource('incidents').getClusterExpansionZoom(f.properties.cluster_id);
    map.easeTo({ center: f.geometry.coordinates, zoom: Math.min(zoom, 14) });
  });
  // Hover text, set with setText (never HTML): what a cluster or a place
  // holds, in words, and what a point is.
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, maxWidth: '320px' });
  const hover = {
    clusters: (p) => {
      const parts = TYPES.map((t, i) => [t, p['t' + i]]).filter(([, k]) => k > 0).sort((a, b) => b[1] - a[1]).map(([t, k]) => `${k.toLocaleString('en')} ${typeName(t)}`);
      const what = p.cluster_id === undefined ? `${p.n.toLocaleString('en')} incidents at this place` : `${p.n.toLocaleString('en')} incidents`;
      return `${what}: ${parts.join(', ')}; ${p.killed.toLocaleString('en')} people reported killed (best figures)` +
        (p.approx ? `; ${p.approx.toLocaleString('en')} placed only at a province's or country's centre` : '') + '. Click to zoom in.';
    },
    points: (p) => `${typeName(TYPES[p.t])}; ${p.killed} reported killed (best figure)` + (p.approx ? "; placed only at a province's or country's centre" : '') + '. Click for the dossier.',
  };
  for (const l of ['points', 'clusters']) {
    map.on('mousemove', l, (e) => {
      map.getCanvas().style.cursor = 'pointer';
      popup.setLngLat(e.lngLat).setText(hover[l](e.features[0].properties)).addTo(map);
    });
    map.on('mouseleave', l, () => { map.getCanvas().style.cursor = ''; popup.remove(); });
  }
  map.on('moveend', () => loadDetail());
}

function legend() {
  const box = $('#legend');
  box.replaceChildren(el('p', {}, 'Types, by shape and colour:'));
  const ul = el('ul', { class: 'legend-types' });
  for (const t of TYPES) ul.append(el('li', {}, typeIcon(t), ' ', typeName(t)));
  box.append(ul,
    el('p', {}, typeIcon('bombing', { approx: true }), ' hollow, dashed: placed only at a province\'s or country\'s centre, not where it happened.'),
    el('p', {}, 'Size: people reported killed. Rings: clusters, or the incidents of one place when too many match to draw each (pale and dashed: a province\'s or country\'s centre), cut by type; the number is how many incidents.'));
}

// The heat map's source is filled only when it is shown: it is a second
// index of every point for maplibre's worker to build.
let shownPoints = null, heatPoints = null, heatShown = false;
function fillHeat() {
  if (heatShown && heatPoints !== shownPoints) {
    heatPoints = shownPoints;
    map.getSource('heat').setData(shownPoints);
  }
}

function setMode(mode) {
  for (const input of document.querySelectorAll('#map-tools [name=mapmode]')) input.checked = input.value === mode;
  mapReady?.then(() => {
    const heat = mode === 'killed';
    heatShown = heat;
    fillHeat();
    map.setLayoutProperty('heat', 'visibility', heat ? 'visible' : 'none');
    map.setLayoutProperty('clusters', 'visibility', heat ? 'none' : 'visible');
    map.setLayoutProperty('points', 'visibility', 'visible');
    map.setPaintProperty('points', 'icon-opacity', heat ? ['interpolate', ['linear'], ['zoom'], 6, 0, 8, 1] : 1);
  });
}

// loadPoints puts the matching incidents on the map: each one, clustered
// in maplibre's worker, when the server sends them one by one; else the
// places it grouped them by (too many match to send each), and, zoomed in
// from DETAIL_ZOOM, the incidents in view one by one when few enough lie
// there (loadDetail). The time from request to the map's next idle frame
// is kept in data-map-ms on <body> for the browser test.
const DETAIL_ZOOM = 7;
let grouped = null; // {q, places: features, total, located} while the map shows places
let detailKey = null; // the query and box of the incidents shown one by one

async function loadPoints(r) {
  const t0 = performance.now();
  const body = document.body;
  body.dataset.mapState = 'loading';
  const q = filterParams(r).toString();
  const data = await getJSON('/api/map?' + q);
  performance.mark('points-read');
  if (q !== lastQuery) return; // a newer query is on its way
  grouped = null;
  detailKey = null;
  let features;
  if (data.places) {
    features = data.places.map(placeFeature);
    grouped = { q, places: features, total: data.total, located: data.located };
  } else {
    features = data.points.map(pointFeature);
  }
  const approx = features.reduce((a, f) => a + f.properties.approx, 0);
  const count = $('#count');
  count.textContent = grouped
    ? groupedText(grouped)
    : data.truncated
      ? `${features.length.toLocaleString('en')} of ${data.total.toLocaleString('en')} incidents on the map: only the most recent are sent; narrow the filters to see the rest.`
      : `${features.length.toLocaleString('en')} of ${data.total.toLocaleString('en')} incidents on the map (${approx.toLocaleString('en')} placed only at a province's or country's centre; the others have no coordinates).`;
  await mapReady;
  if (q !== lastQuery) return;
  setFeatures(features);
  if (!fitted && features.length) {
    fitted = true;
    fitTo(features);
  }
  body.dataset.mapGrouped = grouped ? 'places' : 'points';
  body.dataset.mapPlaces = String(grouped ? features.length : 0);
  if (grouped) loadDetail();
  map.once('idle', () => {
    if (q !== lastQuery) return;
    body.dataset.mapMs = String(Math.round(performance.now() - t0));
    body.dataset.mapPoints = String(grouped ? 0 : features.length);
    body.dataset.mapLoads = String(Number(body.dataset.mapLoads || 0) + 1);
    body.dataset.mapState = 'idle';
    ready('map');
  });
}

const typeCounts = (counts) => Object.fromEntries(TYPES.map((_, i) => ['t' + i, counts[i] || 0]));

function pointFeature([lon, lat, killed, t, id, a]) {
  const counts = []; counts[t] = 1;
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id, t, killed, approx: a, n: 1, ...typeCounts(counts) } };
}

function placeFeature([lon, lat, a, n, killed, counts]) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { n, killed, approx: a ? n : 0, ...typeCounts(counts) } };
}

function setFeatures(features) {
  const fc = { type: 'FeatureCollection', features };
  map.getSource('incidents').setData(fc);
  shownPoints = fc;
  fillHeat();
  performance.mark('points-set');
}

function groupedText(g, inView) {
  const n = (x) => x.toLocaleString('en');
  let text = `${n(g.total)} incidents match, ${n(g.located)} of them with coordinates, at ${n(g.places.length)} places: ` +
    'too many to draw one by one, so each place is a ring counting its incidents (each incident once, with its toll); clusters add up their places.';
  const incidents = (x) => `${n(x)} incident${x === 1 ? '' : 's'}`;
  if (inView?.points) text += ` In view: ${incidents(inView.located)}, each shown.`;
  else if (inView) text += ` In view: ${incidents(inView.located)}, still grouped by place; zoom in further or narrow the filters.`;
  else text += ' Zoom in or narrow the filters to see each incident.';
  return text;
}

// loadDetail shows the incidents in view one by one, with the other
// places still grouped, when the map shows places and is zoomed in.
let detailTimer = null;
function loadDetail() {
  clearTimeout(detailTimer);
  detailTimer = setTimeout(async () => {
    const g = grouped, body = document.body;
    if (!g || g.q !== lastQuery) return;
    if (map.getZoom() < DETAIL_ZOOM) {
      if (detailKey !== null) {
        detailKey = null;
        setFeatures(g.places);
        $('#count').textContent = groupedText(g);
        body.dataset.mapDetail = '0';
      }
      return;
    }
    const b = map.getBounds();
    const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
    if (b.getEast() - b.getWest() >= 360) return;
    const w = ((b.getWest() + 540) % 360) - 180, e = ((b.getEast() + 540) % 360) - 180;
    const box = [w, clamp(b.getSouth(), -90, 90), e, clamp(b.getNorth(), -90, 90)].map((x) => x.toFixed(4)).join(',');
    const key = g.q + '|' + box;
    if (key === detailKey) return;
    detailKey = key;
    body.dataset.mapDetail = 'loading';
    const data = await getJSON('/api/map?' + new URLSearchParams([...new URLSearchParams(g.q), ['bbox', box]]));
    if (detailKey !== key || grouped !== g) return;
    const [bw, bs, be, bn] = box.split(',').map(Number);
    const inBox = ([lon, lat]) => lat >= bs && lat <= bn && (bw <= be ? lon >= bw && lon <= be : lon >= bw || lon <= be);
    if (data.points) {
      setFeatures(g.places.filter((f) => !inBox(f.geometry.coordinates)).concat(data.points.map(pointFeature)));
      body.dataset.mapDetail = String(data.points.length);
    } else {
      setFeatures(g.places);
      body.dataset.mapDetail = '0';
    }
    $('#count').textContent = groupedText(g, { points: !!data.points, located: data.located });
  }, 150);
}

// fitTo shows where most incidents are: the middle 96% of longitudes and
// latitudes, so that a few far-off points do not zoom the map out.
function fitTo(features) {
  const lons = features.map((f) => f.geometry.coordinates[0]).sort((a, b) => a - b);
  const lats = features.map((f) => f.geometry.coordinates[1]).sort((a, b) => a - b);
  const q = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
  const b = [[q(lons, 0.02), q(lats, 0.02)], [q(lons, 0.98), q(lats, 0.98)]];
  if (b[0][0] === b[1][0] && b[0][1] === b[1][1]) { map.jumpTo({ center: b[0], zoom: 7 }); return; }
  map.fitBounds(b, { padding: 40, maxZoom: 8, animate: false });
}
