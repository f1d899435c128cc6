// sitrep's web interface: plain ES modules, no build step. app.js logs in,
// follows the URL (js/route.js) to the view it names, keeps the filter bar
// and the URL in step, and listens for changes to the corpus.
import { $, el, api, session, TYPES, typeName } from './js/util.js';
import { current, go, withParams, FILTERS } from './js/route.js';
import * as mapView from './js/map.js';
import * as network from './js/network.js';
import * as review from './js/review.js';
import * as search from './js/search.js';
import * as actor from './js/actor.js';
import * as doc from './js/doc.js';
import * as upload from './js/upload.js';
import * as audit from './js/audit.js';
import * as dossier from './js/dossier.js';

const views = { map: mapView, network, review, search, actor, doc, upload, audit };
// Views the filter bar applies to.
const filtered = new Set(['map', 'network', 'review']);

// ---- login ----
// showLogin also forgets what the previous user was looking at, so that
// the next user starts with nothing of theirs on screen.
function showLogin() {
  session.me = null;
  live.stop();
  $('#app').classList.add('hidden');
  $('#login').classList.remove('hidden');
  dossier.close();
  for (const v of Object.values(views)) v.reset?.();
  $('#filters').reset();
  filledFrom = null;
  $('#login-form [name=user]').focus();
}
session.onLogout = showLogin;

async function start() {
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin' });
    if (res.status !== 200) { showLogin(); return; }
    session.me = await res.json();
  } catch { showLogin(); return; }
  $('#login').classList.add('hidden');
  $('#app').classList.remove('hidden');
  $('#whoami').textContent = `${session.me.user} (${session.me.role})`;
  document.querySelectorAll('.editor-only').forEach((b) => b.classList.toggle('hidden', session.me.role === 'viewer'));
  document.querySelectorAll('.admin-only').forEach((b) => b.classList.toggle('hidden', session.me.role !== 'admin'));
  live.start();
  route();
}

$('#login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    const res = await api('/api/login', { method: 'POST', json: { user: f.get('user'), password: f.get('password') } });
    session.me = await res.json();
    $('#login-error').textContent = '';
    ev.target.reset();
    await start();
  } catch (e) { $('#login-error').textContent = e.message; }
});
$('#logout').addEventListener('click', async () => {
  await api('/api/logout', { method: 'POST' }).catch(() => {});
  showLogin();
});

// ---- filters: the form shows the URL's filters; applying them writes
// the URL, which every view reads ----
const typeSelect = $('#filters select[name=type]');
for (const t of TYPES) typeSelect.append(el('option', { value: t }, typeName(t)));

// fillFilters sets the filter bar from the URL when the URL's filters
// change. A change of anything else (the map's position, written as the
// map moves; the page; the sort) leaves what the analyst has chosen but
// not yet applied.
let filledFrom = null;
function fillFilters(r) {
  const from = FILTERS.map((k) => r.params.get(k) || '').join('\u0000');
  if (from === filledFrom) return;
  filledFrom = from;
  const f = $('#filters');
  for (const k of FILTERS) {
    const input = f.elements[k];
    if (!input) continue;
    if (input.type === 'checkbox') input.checked = r.params.get(k) === input.value;
    else input.value = r.params.get(k) || '';
  }
}

function applyFilters(values) {
  const changes = { offset: null, eoffset: null, focus: null, incident: null, reports: null };
  for (const k of FILTERS) if (k in values) changes[k] = values[k];
  const r = current();
  go(withParams(changes, filtered.has(r.view) ? r : { view: 'map', id: '', params: r.params }));
}
$('#filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = ev.target, values = {};
  for (const k of FILTERS) {
    const input = f.elements[k];
    if (input) values[k] = input.type === 'checkbox' ? (input.checked ? input.value : '') : input.value.trim();
  }
  applyFilters(values);
});
$('#clear-filters').addEventListener('click', () => applyFilters(Object.fromEntries(FILTERS.map((k) => [k, '']))));

// ---- the router ----
let shown = null;
function route() {
  if (!session.me) return;
  const r = current();
  if (!location.hash.startsWith('#/')) {
    // #incident=ID, the link form of earlier versions, opens that dossier.
    const m = /^#incident=(.+)$/.exec(location.hash);
    go(m ? withParams({ incident: decodeURIComponent(m[1]) }, { view: 'map', id: '', params: new URLSearchParams() }) : '#/map', { replace: true });
    return;
  }
  const view = views[r.view] ? r.view : 'map';
  document.querySelectorAll('.view').forEach((v) => v.classList.toggle('hidden', v.id !== 'view-' + view));
  document.querySelectorAll('#tabs a').forEach((a) => {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    // a tab keeps the filters when it goes to another filtered view
    if (filtered.has(a.dataset.view)) {
      const p = new URLSearchParams();
      for (const k of FILTERS) if (r.params.get(k)) p.set(k, r.params.get(k));
      a.href = `#/${a.dataset.view}${p.toString() ? '?' + p : ''}`;
    }
  });
  $('#filters').classList.toggle('hidden', !filtered.has(view));
  fillFilters(r);
  if (shown && shown !== view) views[shown].hide?.();
  shown = view;
  document.body.dataset.view = view;
  views[view].show(r);
  const inc = r.params.get('incident');
  if (inc) dossier.open(inc, { offset: Number(r.params.get('reports')) || 0 }); else dossier.close();
}
window.addEventListener('hashchange', route);

// ---- live: the corpus's version, streamed; views read again when it
// changes ----
const live = {
  source: null, version: null, timer: null,
  start() {
    if (this.source) return;
    this.source = new EventSource('/api/changes');
    this.source.addEventListener('version', (e) => {
      const v = Number(e.data);
      const changed = this.version !== null && v !== this.version;
      this.version = v;
      document.body.dataset.liveVersion = String(v);
      if (!changed) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        $('#live').textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}: the corpus changed`;
        const r = current();
        views[shown]?.changed?.(r);
        dossier.changed();
      }, 400);
    });
    this.source.onerror = () => {
      if (this.source.readyState === EventSource.CLOSED) { this.source = null; if (session.me) setTimeout(() => this.start(), 5000); }
    };
  },
  stop() { this.source?.close(); this.source = null; this.version = null; },
};

start();
