// The URL is the state of the interface: the view, the object it shows,
// and the filters, sort, page and map position, so that a view can be
// shared and reloaded. It lives in the fragment (#/view/id?params): the
// server serves one page.

// The filters every incident view reads (the API's own names).
export const FILTERS = ['type', 'since', 'until', 'actor', 'place', 'text', 'approx', 'perpetrator', 'target', 'review'];

export function current() {
  const h = location.hash && location.hash.startsWith('#/') ? location.hash.slice(2) : 'map';
  const [path, query] = h.split('?');
  const parts = path.split('/');
  return { view: parts[0] || 'map', id: parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : '', params: new URLSearchParams(query || '') };
}

export function href(view, id = '', params = new URLSearchParams()) {
  const q = params.toString();
  return `#/${view}${id ? '/' + encodeURIComponent(id) : ''}${q ? '?' + q : ''}`;
}

// withParams is the current route with some parameters set (null or ''
// removes one).
export function withParams(changes, route = current()) {
  const p = new URLSearchParams(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') p.delete(k); else p.set(k, v);
  }
  return href(route.view, route.id, p);
}

export function go(url, { replace = false } = {}) {
  if (url === location.hash) return;
  if (replace) {
    history.replaceState(null, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = url;
}

// incidentLink opens an incident's dossier over the current view, at its
// first page of reports.
export const incidentLink = (id) => withParams({ incident: id, reports: null });

// filterParams are the current filters, for an API query.
export function filterParams(route = current(), extra = {}) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (route.params.get(k)) p.set(k, route.params.get(k));
  // The interface's dates are those an incident begins on, as the
  // timeline counts them.
  if (p.get('since') || p.get('until')) p.set('dates', 'start');
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  return p;
}
