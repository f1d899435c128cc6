// One document: its capture record, the events read from it (each with
// its incident), and its text with their evidence marked.
import { $, el, getJSON, typeName, dateText, placeText, rangeText, highlighted, busy, ready } from './util.js';
import { incidentLink } from './route.js';

let generation = 0;
export function reset() { $('#view-doc').replaceChildren(); }

export async function show(r) {
  const box = $('#view-doc');
  const gen = ++generation;
  const done = busy(box, null);
  box.replaceChildren(el('p', { role: 'status' }, 'Loading the document…'));
  try {
    const [d, evs] = await Promise.all([
      getJSON('/api/documents/' + encodeURIComponent(r.id)),
      getJSON('/api/events?' + new URLSearchParams({ doc: r.id, limit: 1000, order: 'asc', rejected: 'true' })),
    ]);
    if (gen !== generation) return;
    const doc = d.document || d, orig = d.original || {};
    const list = el('ul', { class: 'doc-events' });
    const spans = [];
    for (const e of evs.events) {
      spans.push(...(e.event.evidence || []));
      list.append(el('li', {}, `${typeName(e.event.type)} · ${dateText(e.event.date)} · ${placeText(e.event.place)} · killed ${rangeText(e.event.killed)} · ${e.event.modality}` + (e.review ? ` · review: ${e.review}` : '') + ' · ',
        e.incident ? el('a', { href: incidentLink(e.incident) }, `incident ${e.incident}`) : 'in no incident'));
    }
    if (!evs.events.length) list.append(el('li', {}, 'No event was read from this document.'));
    box.replaceChildren(
      el('h2', {}, doc.title || r.id),
      el('p', { class: 'meta' }, `${doc.outlet || 'unknown outlet'} · published ${doc.published || 'undated'} · ${doc.id} · captured ${orig.captured_at || ''} · `,
        doc.url ? el('a', { href: doc.url, rel: 'noreferrer noopener', target: '_blank' }, doc.url) : 'no URL', ' · ',
        el('a', { href: '/api/originals/' + encodeURIComponent(doc.id), download: '' }, 'download the original (as text)')),
      el('h3', {}, 'Events read from it'), list,
      el('h3', {}, 'Text (the evidence of its events marked)'), highlighted(doc.text, spans));
  } catch (e) {
    if (gen === generation) box.replaceChildren(el('p', { class: 'error' }, 'The document could not be read: ' + e.message));
  } finally {
    if (gen === generation) { done(); ready('doc'); }
  }
}
