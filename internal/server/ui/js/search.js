// Search: documents ranked, with the total and pages; each hit leads to
// its document, and lists the events read from it with their incidents.
import { $, el, getJSON, typeName, dateText, placeText, marked, pager, busy, ready } from './util.js';
import { href, withParams, go, incidentLink } from './route.js';

const PAGE = 20;
let lastQuery = null;
let generation = 0;

export function reset() { lastQuery = null; $('#hits').replaceChildren(); $('#search-total').textContent = ''; $('#search-pager').replaceChildren(); }

$('#search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  go(href('search', '', new URLSearchParams({ q: new FormData(ev.target).get('q') })));
});

export async function show(r) {
  const q = r.params.get('q') || '';
  $('#search-form [name=q]').value = q;
  const offset = Number(r.params.get('offset')) || 0;
  const key = `${q}|${offset}`;
  if (key === lastQuery) return;
  lastQuery = key;
  if (!q) { reset(); ready('search'); return; }
  const gen = ++generation;
  const done = busy($('#view-search'), null);
  try {
    const data = await getJSON('/api/search?' + new URLSearchParams({ q, limit: PAGE, offset }));
    if (gen !== generation) return;
    $('#search-total').textContent = `${data.total.toLocaleString('en')} document${data.total === 1 ? '' : 's'} match “${q}”`;
    const ol = $('#hits');
    ol.replaceChildren();
    ol.setAttribute('start', String(offset + 1));
    for (const h of data.hits) {
      const events = el('ul', { class: 'hit-events' });
      for (const e of h.events) {
        events.append(el('li', {}, `${typeName(e.type)} · ${dateText(e.date)} · ${placeText(e.place)} · `,
          e.incident ? el('a', { href: incidentLink(e.incident) }, `incident ${e.incident}`) : 'in no incident (rejected, or a copy of another report)'));
      }
      ol.append(el('li', {},
        el('a', { href: href('doc', h.doc_id), class: 'hit-title' }, h.title || h.doc_id),
        ` · ${h.outlet || 'unknown outlet'} · ${h.published || 'undated'}`,
        el('p', {}, marked(h.snippet)),
        h.events.length ? events : el('p', { class: 'meta' }, 'No event was read from this document.')));
    }
    if (!data.hits.length) ol.append(el('li', {}, 'No documents match.'));
    pager($('#search-pager'), data.total, PAGE, offset, (o) => go(withParams({ offset: o || null })));
  } catch (e) {
    if (gen === generation) $('#search-total').textContent = 'The search failed: ' + e.message;
  } finally {
    if (gen === generation) { done(); ready('search'); }
  }
}
