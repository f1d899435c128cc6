// Shared helpers of the web interface. Every string from the corpus is
// inserted as text (textContent or text nodes), never as HTML.

export const TYPES = ['bombing', 'armed_attack', 'assassination', 'clash', 'abduction', 'mass_grave', 'arrest', 'torture', 'protest', 'visit'];

// Colours (each at least 4:1 against the land and white) and shapes:
// a type is told by both, and by its name in every list.
export const COLOURS = {
  bombing: '#c4420b', armed_attack: '#b01e2f', assassination: '#7b2d8e', clash: '#9a5600', abduction: '#1a5fb4',
  mass_grave: '#3d3d3d', arrest: '#0e7a82', torture: '#5b3fc4', protest: '#2f7d32', visit: '#66707a',
};

// SVG paths in a 20×20 box; the map draws the same paths on a canvas.
const poly = (pts) => 'M' + pts.map(([x, y]) => `${x.toFixed(2)} ${y.toFixed(2)}`).join('L') + 'Z';
const regular = (n, r, rot = -Math.PI / 2) => poly([...Array(n)].map((_, i) => [10 + r * Math.cos(rot + 2 * Math.PI * i / n), 10 + r * Math.sin(rot + 2 * Math.PI * i / n)]));
const star = (n, r1, r2) => poly([...Array(2 * n)].map((_, i) => {
  const r = i % 2 ? r2 : r1, a = -Math.PI / 2 + Math.PI * i / n;
  return [10 + r * Math.cos(a), 10 + r * Math.sin(a)];
}));
export const SHAPES = {
  bombing: star(8, 9.5, 4.5), // a burst
  armed_attack: poly([[10, 1], [19, 18], [1, 18]]), // triangle
  assassination: poly([[10, 0.5], [19.5, 10], [10, 19.5], [0.5, 10]]), // diamond
  clash: poly([[3, 1], [10, 7.5], [17, 1], [19, 3], [12.5, 10], [19, 17], [17, 19], [10, 12.5], [3, 19], [1, 17], [7.5, 10], [1, 3]]), // ×
  abduction: poly([[2, 2], [18, 2], [18, 18], [2, 18]]), // square
  mass_grave: poly([[1, 2], [19, 2], [10, 19]]), // triangle pointing down
  arrest: regular(5, 9.5), // pentagon
  torture: regular(6, 9.5, 0), // hexagon
  protest: 'M10 1A9 9 0 1 1 9.99 1Z', // circle
  visit: poly([[7, 1], [13, 1], [13, 7], [19, 7], [19, 13], [13, 13], [13, 19], [7, 19], [7, 13], [1, 13], [1, 7], [7, 7]]), // +
};

export const typeName = (t) => (t || 'unknown type').replace('_', ' ');

const SVG = 'http://www.w3.org/2000/svg';

// typeIcon is the type's shape as inline SVG, hidden from screen readers
// (the type's name always stands beside it).
export function typeIcon(t, { approx = false, size = 14 } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '-1 -1 22 22');
  svg.setAttribute('width', size); svg.setAttribute('height', size);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'type-icon');
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', SHAPES[t] || SHAPES.protest);
  const c = COLOURS[t] || '#555';
  if (approx) {
    p.setAttribute('fill', '#fff'); p.setAttribute('stroke', c); p.setAttribute('stroke-width', '2.5'); p.setAttribute('stroke-dasharray', '3 2');
  } else {
    p.setAttribute('fill', c); p.setAttribute('stroke', '#fff'); p.setAttribute('stroke-width', '1');
  }
  svg.append(p);
  return svg;
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

export const $ = (sel, root = document) => root.querySelector(sel);

// session holds who is logged in and their CSRF token.
export const session = { me: null, onLogout: () => {} };

// ApiError carries the status and, for 412/428, the current version.
export class ApiError extends Error {
  constructor(msg, status, body) { super(msg); this.status = status; this.body = body; }
}

// api calls the JSON API. opts.version, when set, goes out as If-Match:
// every change of an event or an incident names the version the page
// showed, and the server refuses a stale one (412).
export async function api(path, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  const init = { method: opts.method || 'GET', headers, credentials: 'same-origin', signal: opts.signal };
  if (init.method !== 'GET' && session.me) headers['X-CSRF-Token'] = session.me.csrf;
  if (opts.version) headers['If-Match'] = `"${opts.version}"`;
  if (opts.json !== undefined) { headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(opts.json); } else if (opts.body) init.body = opts.body;
  const res = await fetch(path, init);
  if (res.status === 401 && path !== '/api/login') { session.onLogout(); throw new ApiError('log in first', 401); }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(body?.error || res.statusText, res.status, body);
  }
  return res;
}
export const getJSON = async (path, opts) => (await api(path, opts)).json();

export const qs = (params) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  return p.toString();
};

const PRECISION = { point: 'exact point', city: 'town', district: 'district', province: "province's centre", country: "country's centre" };
export const isApprox = (p) => p && (p.precision === 'province' || p.precision === 'country');

// placeText names a place with how precisely it is known; long adds the
// province.
export function placeText(p, { long = false } = {}) {
  if (!p || !p.name) return 'place not reported';
  const where = [p.name, long && p.admin1 && p.admin1 !== p.name ? p.admin1 : '', p.country && p.country !== p.name ? p.country : ''].filter(Boolean).join(', ');
  return p.precision ? `${where} (${PRECISION[p.precision] || p.precision})` : where;
}

export function dateText(d) {
  if (!d || !d.start) return 'undated';
  const end = d.end && d.end !== d.start ? d.end : '';
  switch (d.precision) {
    case 'year': return end ? `${d.start.slice(0, 4)} (year)` : d.start;
    case 'month': return `${d.start.slice(0, 7)} (month)`;
    case 'week': return `week of ${d.start}`;
    default: return end ? `${d.start} – ${end}` : d.start;
  }
}

// rangeText shows a figure as reported: the best figure, and the range
// across reports when they differ.
export function rangeText(r) {
  if (!r || r.best == null) return '—';
  if (r.low == null || r.high == null || r.low === r.high) return String(r.best);
  return `${r.best} (${r.low}–${r.high})`;
}

export const actorsText = (list) => (list || []).map((a) => a.name || a.id).join('; ');

// actorLinks lists actors as links to their pages.
export function actorLinks(list) {
  const out = [];
  (list || []).forEach((a, i) => {
    if (i) out.push('; ');
    out.push(el('a', { href: '#/actor/' + encodeURIComponent(a.id) }, a.name || a.id));
  });
  return out.length ? out : ['—'];
}

// pager draws page buttons into nav for total items, limit a page, the
// current offset; go(offset) is called with the new offset.
// capped says that total is one more than what was counted: "more than".
export function pager(nav, total, limit, offset, go, capped = false) {
  nav.replaceChildren();
  if (total <= limit) { nav.append(el('span', { class: 'meta' }, total ? `${total} in all` : '')); return; }
  const pages = Math.ceil(total / limit), cur = Math.floor(offset / limit);
  const btn = (label, p, aria) => el('button', { type: 'button', disabled: p === cur || p < 0 || p >= pages, 'aria-label': aria, 'aria-current': p === cur && label === String(p + 1) ? 'page' : undefined, onclick: () => go(p * limit) }, label);
  nav.append(btn('‹', cur - 1, 'previous page'));
  const show = new Set([0, pages - 1, cur - 1, cur, cur + 1].filter((p) => p >= 0 && p < pages));
  let last = -1;
  for (const p of [...show].sort((a, b) => a - b)) {
    if (p > last + 1) nav.append(el('span', {}, '…'));
    nav.append(btn(String(p + 1), p, `page ${p + 1}`));
    last = p;
  }
  nav.append(btn('›', cur + 1, 'next page'));
  const of = capped ? 'more than ' + (total - 1).toLocaleString('en') : total.toLocaleString('en');
  nav.append(el('span', { class: 'meta' }, ` ${offset + 1}–${Math.min(total, offset + limit)} of ${of}`));
}

// busy marks a view as loading: its fieldset (and so every control in it)
// is disabled until done is called, so that nothing can be decided on
// what is about to be replaced.
export function busy(box, fieldset = box.querySelector('fieldset')) {
  box.setAttribute('aria-busy', 'true');
  if (fieldset) fieldset.disabled = true;
  return () => {
    box.setAttribute('aria-busy', 'false');
    if (fieldset) fieldset.disabled = false;
  };
}

// ready records, once per page load, when a view first became usable
// (milliseconds since navigation), for the browser test's timings.
export function ready(name) {
  const k = 'ready' + name[0].toUpperCase() + name.slice(1);
  if (!document.body.dataset[k]) document.body.dataset[k] = String(Math.round(performance.now()));
}

// snippet shows text marked [like this] with <mark>.
export function marked(text) {
  const p = el('span');
  for (const [i, part] of (text || '').split(/\[|\]/).entries()) p.append(i % 2 ? el('mark', {}, part) : part);
  return p;
}

// highlighted shows a document's text with spans marked; offsets are
// UTF-8 bytes, so the text is walked as bytes.
export function highlighted(text, spans, cls = 'evidence') {
  const box = el('div', { class: 'text' });
  if (!text) return box;
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    box.append(dec.decode(bytes.slice(at, s.start)));
    box.append(el('mark', { class: cls }, dec.decode(bytes.slice(s.start, s.end))));
    at = s.end;
  }
  box.append(dec.decode(bytes.slice(at)));
  return box;
}
