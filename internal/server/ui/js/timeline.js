// The timeline: incidents (or people reported killed) per day, week or
// month of the incidents' first dates, stacked by type, on a continuous
// time axis that zooms (wheel, buttons, + and −) and moves (shift and the
// wheel, arrow keys, buttons). Dragging across it picks whole days, weeks
// or months, and the map and table then show exactly the incidents of the
// bars picked.
import { $, el, getJSON, TYPES, COLOURS, typeName, ready } from './util.js';
import { current, withParams, go, filterParams } from './route.js';

const DAY = 86400000;
const SVGNS = 'http://www.w3.org/2000/svg';
const M = { left: 44, right: 12, top: 10, bottom: 30 };
const H = 160;

let data = null; // {types, days: [[date, n[], k[]]], undated}
let dayTimes = []; // ms of each day
let lastQuery = null;
let domain = null; // [t0, t1] in ms
let core = null; // the dates holding most incidents
let buckets = []; // drawn: {start, end, counts[], total}
let generation = 0;

const svg = () => $('#timeline');
const day = (t) => new Date(t).toISOString().slice(0, 10);
const parse = (d) => Date.parse(d + 'T00:00:00Z');

export function reset() { data = null; lastQuery = null; domain = null; svg().replaceChildren(); }
export function changed() { lastQuery = null; }

export async function show(r) {
  // The timeline shows every date of the other filters: since and until
  // are what it picks.
  const p = filterParams(r);
  p.delete('since'); p.delete('until'); p.delete('dates');
  const q = p.toString();
  if (q !== lastQuery) {
    lastQuery = q;
    const gen = ++generation;
    const d = await getJSON('/api/timeline?' + q);
    if (gen !== generation) return;
    data = d;
    dayTimes = data.days.map((x) => parse(x[0]));
    core = coreRange();
    const tl = (r.params.get('tl') || '').split(',');
    if (tl.length === 2 && tl.every((x) => /^\d{4}-\d\d-\d\d$/.test(x))) domain = [parse(tl[0]), parse(tl[1])];
    if (!domain) domain = core;
  }
  draw(r);
  ready('timeline');
}

// coreRange is the span holding all but the 1% earliest and 1% latest
// incidents, padded: a few reports dated a thousand years off (a
// misread year) do not squeeze the rest into one bar.
function coreRange() {
  if (!dayTimes.length) { const now = Date.now(); return [now - 365 * DAY, now]; }
  const n = data.days.map((x) => x[1].reduce((a, b) => a + b, 0));
  const total = n.reduce((a, b) => a + b, 0);
  let acc = 0, lo = 0, hi = dayTimes.length - 1;
  for (let i = 0; i < n.length; i++) { acc += n[i]; if (acc >= total * 0.01) { lo = i; break; } }
  acc = 0;
  for (let i = n.length - 1; i >= 0; i--) { acc += n[i]; if (acc >= total * 0.01) { hi = i; break; } }
  const a = dayTimes[lo], b = dayTimes[hi] + DAY;
  const pad = Math.max(7 * DAY, (b - a) * 0.04);
  return [a - pad, b + pad];
}

// bucketOf gives the bucket a day falls in: [start, end) in ms.
function bucketOf(t, size) {
  const d = new Date(t);
  if (size === 'day') return [t, t + DAY];
  if (size === 'week') { const s = t - ((d.getUTCDay() + 6) % 7) * DAY; return [s, s + 7 * DAY]; }
  const s = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return [s, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

function bucketSize() {
  const set = $('#timeline-controls [name=bucket]').value;
  const span = (domain[1] - domain[0]) / DAY;
  let size = set === 'auto' ? (span <= 150 ? 'day' : span <= 3 * 365 ? 'week' : 'month') : set;
  // Too many bars to draw or to see: the next size up.
  const per = { day: 1, week: 7, month: 30 };
  while (size !== 'month' && span / per[size] > 1500) size = size === 'day' ? 'week' : 'month';
  return size;
}

function draw(r = current()) {
  const s = svg();
  const W = s.clientWidth || 900;
  s.setAttribute('viewBox', `0 0 ${W} ${H}`);
  s.setAttribute('height', H);
  s.replaceChildren();
  if (!data) return;
  const [t0, t1] = domain;
  const iw = W - M.left - M.right, ih = H - M.top - M.bottom;
  const sx = (t) => M.left + (t - t0) / (t1 - t0) * iw;
  const measure = $('#timeline-controls [name=measure]').value;
  const size = bucketSize();
  // Group the days into buckets.
  const byStart = new Map();
  data.days.forEach(([d, n, k], i) => {
    const t = dayTimes[i];
    const [a, b] = bucketOf(t, size);
    if (b <= t0 || a >= t1) return;
    let bk = byStart.get(a);
    if (!bk) { bk = { start: a, end: b, counts: new Array(TYPES.length).fill(0), total: 0 }; byStart.set(a, bk); }
    const v = measure === 'killed' ? k : n;
    v.forEach((x, j) => { bk.counts[j] += x; bk.total += x; });
  });
  buckets = [...byStart.values()].sort((a, b) => a.start - b.start);
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const sy = (v) => M.top + ih - v / max * ih;
  const g = (tag, attrs) => { const e = document.createElementNS(SVGNS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
  // y axis: 0, half, max
  for (const v of [0, Math.round(max / 2), max]) {
    s.append(g('line', { x1: M.left, x2: W - M.right, y1: sy(v), y2: sy(v), class: 'grid' }));
    const tx = g('text', { x: M.left - 4, y: sy(v) + 3, 'text-anchor': 'end' });
    tx.textContent = v.toLocaleString('en');
    s.append(tx);
  }
  // picked dates
  const since = r.params.get('since'), until = r.params.get('until');
  if (since || until) {
    const a = since ? parse(since) : t0, b = until ? parse(until) + DAY : t1;
    const x0 = Math.max(M.left, sx(a)), x1 = Math.min(W - M.right, sx(b));
    if (x1 > x0) s.append(g('rect', { x: x0, y: M.top, width: x1 - x0, height: ih, class: 'picked' }));
  }
  // bars, stacked by type in the legend's order
  const gap = (sx(buckets[0]?.end || 0) - sx(buckets[0]?.start || 0)) > 4 ? 1 : 0;
  for (const b of buckets) {
    const x = sx(b.start), w = Math.max(1, sx(b.end) - x - gap);
    let y = sy(0);
    const label = bucketLabel(b, size) + ': ' + describe(b, measure);
    b.counts.forEach((n, j) => {
      if (!n) return;
      const h = n / max * ih;
      const rect = g('rect', { x, y: y - h, width: w, height: Math.max(h, 0.5), fill: COLOURS[TYPES[j]], 'data-start': day(b.start) });
      const tip = g('title', {});
      tip.textContent = label;
      rect.append(tip);
      s.append(rect);
      y -= h;
    });
  }
  // x axis
  s.append(g('line', { x1: M.left, x2: W - M.right, y1: sy(0), y2: sy(0), class: 'axis' }));
  for (const t of ticks(t0, t1, Math.max(2, Math.floor(iw / 90)))) {
    const x = sx(t.at);
    if (x < M.left || x > W - M.right) continue;
    s.append(g('line', { x1: x, x2: x, y1: sy(0), y2: sy(0) + 4, class: 'axis' }));
    const tx = g('text', { x, y: H - M.bottom + 16, 'text-anchor': 'middle', class: 'tick' });
    tx.textContent = t.label;
    s.append(tx);
  }
  s.dataset.bucket = size;
  s.dataset.from = day(t0);
  s.dataset.to = day(t1);
  const shown = buckets.reduce((a, b) => a + b.counts.reduce((x, y) => x + y, 0), 0);
  const all = data.days.reduce((a, d) => a + (measure === 'killed' ? d[2] : d[1]).reduce((x, y) => x + y, 0), 0);
  const noun = measure === 'killed' ? 'people reported killed' : 'incidents';
  $('#timeline-note').textContent = `per ${size}; ${shown.toLocaleString('en')} of ${all.toLocaleString('en')} ${noun} dated in the span shown` +
    (data.undated ? `; ${data.undated.toLocaleString('en')} incidents undated` : '') +
    (since || until ? `; picked: ${since || 'the start'} to ${until || 'the end'}` : '');
}

function describe(b, measure) {
  const parts = b.counts.map((n, j) => [n, j]).filter(([n]) => n).sort((x, y) => y[0] - x[0]).map(([n, j]) => `${n} ${typeName(TYPES[j])}`);
  return `${b.total} ${measure === 'killed' ? 'people reported killed' : 'incidents'}` + (parts.length ? ` (${parts.join(', ')})` : '');
}

function bucketLabel(b, size) {
  if (size === 'day') return day(b.start);
  if (size === 'week') return `week of ${day(b.start)}`;
  return day(b.start).slice(0, 7);
}

// ticks chooses round dates: days, weeks, months or years, so that about
// n labels fit.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function ticks(t0, t1, n) {
  const span = (t1 - t0) / DAY;
  const out = [];
  const dayStep = [1, 2, 7, 14].find((s) => span / s <= n);
  if (dayStep) {
    let t = Math.ceil(t0 / DAY) * DAY;
    if (dayStep >= 7) t += ((8 - new Date(t).getUTCDay()) % 7) * DAY; // Mondays
    for (; t <= t1; t += dayStep * DAY) {
      const d = new Date(t);
      out.push({ at: t, label: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${d.getUTCDate() <= dayStep || out.length === 0 ? ' ' + d.getUTCFullYear() : ''}` });
    }
    return out;
  }
  const monthStep = [1, 2, 3, 6].find((s) => span / (30.4 * s) <= n);
  if (monthStep) {
    const d0 = new Date(t0);
    let y = d0.getUTCFullYear(), m = d0.getUTCMonth() + 1;
    m = Math.ceil(m / monthStep) * monthStep;
    for (;;) {
      if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
      const t = Date.UTC(y, m, 1);
      if (t > t1) break;
      out.push({ at: t, label: m === 0 ? String(y) : `${MONTHS[m]} ${out.length === 0 ? y : ''}`.trim() });
      m += monthStep;
    }
    return out;
  }
  const yearStep = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => span / (365.25 * s) <= n) || 1000;
  for (let y = Math.ceil(new Date(t0).getUTCFullYear() / yearStep) * yearStep; ; y += yearStep) {
    const t = Date.UTC(y, 0, 1);
    if (t > t1) break;
    out.push({ at: t, label: String(y) });
  }
  return out;
}

// ---- interaction ----
function setDomain(a, b) {
  const min = 3 * DAY;
  if (b - a < min) { const c = (a + b) / 2; a = c - min / 2; b = c + min / 2; }
  domain = [a, b];
  draw();
  go(withParams({ tl: `${day(a)},${day(b)}` }), { replace: true });
}
function zoom(factor, at = (domain[0] + domain[1]) / 2) {
  setDomain(at - (at - domain[0]) * factor, at + (domain[1] - at) * factor);
}
function pan(frac) {
  const d = (domain[1] - domain[0]) * frac;
  setDomain(domain[0] + d, domain[1] + d);
}
function timeAt(clientX) {
  const s = svg(), box = s.getBoundingClientRect();
  const W = s.clientWidth || 900;
  const x = (clientX - box.left) * W / box.width;
  return domain[0] + (x - M.left) / (W - M.left - M.right) * (domain[1] - domain[0]);
}

// pick sets the filter to whole buckets from time a to time b.
function pick(a, b) {
  const size = svg().dataset.bucket || 'day';
  const [start] = bucketOf(Math.floor(Math.min(a, b) / DAY) * DAY, size);
  const [, end] = bucketOf(Math.floor(Math.max(a, b) / DAY) * DAY, size);
  go(withParams({ since: day(start), until: day(end - DAY), offset: null, incident: null }));
}

(function wire() {
  const s = svg();
  let x0 = null, brush = null;
  s.addEventListener('mousedown', (e) => {
    if (!data || e.button !== 0) return;
    e.preventDefault();
    x0 = e.clientX;
    const box = s.getBoundingClientRect(), W = s.clientWidth || 900;
    brush = document.createElementNS(SVGNS, 'rect');
    brush.setAttribute('class', 'brush'); brush.setAttribute('y', M.top); brush.setAttribute('height', H - M.top - M.bottom);
    brush.setAttribute('x', (x0 - box.left) * W / box.width); brush.setAttribute('width', 0);
    s.append(brush);
  });
  s.addEventListener('mousemove', (e) => {
    if (data) {
      const t = timeAt(e.clientX);
      const b = buckets.find((x) => x.start <= t && t < x.end);
      $('#timeline-readout').textContent = b ? `${bucketLabel(b, s.dataset.bucket)}: ${describe(b, $('#timeline-controls [name=measure]').value)}` : day(t);
    }
    if (x0 === null) return;
    const box = s.getBoundingClientRect(), W = s.clientWidth || 900;
    const a = (Math.min(x0, e.clientX) - box.left) * W / box.width, b = (Math.max(x0, e.clientX) - box.left) * W / box.width;
    brush.setAttribute('x', a); brush.setAttribute('width', b - a);
  });
  window.addEventListener('mouseup', (e) => {
    if (x0 === null) return;
    const a = timeAt(x0), b = timeAt(e.clientX);
    x0 = null;
    brush?.remove();
    pick(a, b); // a click picks the bar under it
  });
  s.addEventListener('wheel', (e) => {
    if (!data) return;
    e.preventDefault();
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan(Math.sign(e.deltaX || e.deltaY) * 0.1);
    else zoom(e.deltaY < 0 ? 0.8 : 1.25, timeAt(e.clientX));
  }, { passive: false });
  s.addEventListener('keydown', (e) => {
    if (!data) return;
    const acts = { ArrowLeft: () => pan(-0.2), ArrowRight: () => pan(0.2), '+': () => zoom(0.8), '=': () => zoom(0.8), '-': () => zoom(1.25), Home: () => setDomain(...core) };
    if (acts[e.key]) { e.preventDefault(); acts[e.key](); }
  });
  $('#timeline-controls').addEventListener('click', (e) => {
    const act = e.target.closest('button')?.dataset.act;
    if (!act || !data) return;
    ({
      in: () => zoom(0.8), out: () => zoom(1.25), left: () => pan(-0.2), right: () => pan(0.2), fit: () => setDomain(...core),
      all: () => { if (dayTimes.length) setDomain(dayTimes[0] - 7 * DAY, dayTimes[dayTimes.length - 1] + 8 * DAY); },
      clear: () => go(withParams({ since: null, until: null, offset: null })),
    })[act]();
  });
  for (const sel of ['measure', 'bucket']) $(`#timeline-controls [name=${sel}]`).addEventListener('change', () => draw());
  window.addEventListener('resize', () => { if (data && current().view === 'map') draw(); });
})();
