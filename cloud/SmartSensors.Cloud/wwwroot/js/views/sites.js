// Sites overview: a map-like view placed from coordinates, and the same sites as a table.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { siteName, statusClass, statusLabel } from '../format.js';
import { legendSymbol, siteMap } from '../map.js';

const REFRESH_MS = 30_000;

function statusBadge(status) {
  return h('span', { class: `status ${statusClass(status)}` }, statusLabel(status));
}

export async function renderSites(view) {
  const controller = new AbortController();
  const mapHolder = h('div', { class: 'map-holder' });
  const tableHolder = h('div');
  const note = h('p', { class: 'muted', role: 'status' }, 'Loading sites…');
  replace(view,
    h('h1', null, 'Sites'),
    h('p', null, 'Every site with sensors, and whether it is working. Choose a site to see its live readings.'),
    note,
    h('div', { class: 'overview' },
      h('section', { 'aria-labelledby': 'map-heading' },
        h('h2', { id: 'map-heading' }, 'Map'),
        mapHolder,
        h('ul', { class: 'legend', 'aria-label': 'Map key' },
          ['ok', 'attention', 'offline'].map(st => h('li', null, legendSymbol(st), ' ', statusLabel(st))))),
      h('section', { 'aria-labelledby': 'list-heading' },
        h('h2', { id: 'list-heading' }, 'All sites'),
        tableHolder)));

  const load = async () => {
    const sites = await api('/api/v1/sites', { signal: controller.signal });
    const list = (Array.isArray(sites) ? sites : []).slice().sort((a, b) => String(a.site).localeCompare(String(b.site)));
    const unplaced = list.filter(x => !Number.isFinite(x.latitude) || !Number.isFinite(x.longitude));
    replace(mapHolder, list.length > unplaced.length ? siteMap(list) : h('p', { class: 'muted' }, 'No site has coordinates yet, so there is nothing to draw on the map.'));
    const attention = list.filter(x => x.status !== 'ok').length;
    note.textContent = list.length === 0
      ? 'No sites have reported yet.'
      : `${list.length} site${list.length === 1 ? '' : 's'}; ${attention === 0 ? 'all working normally' : `${attention} need${attention === 1 ? 's' : ''} attention or ${attention === 1 ? 'is' : 'are'} offline`}.`
        + (unplaced.length > 0 ? ` ${unplaced.length} without coordinates ${unplaced.length === 1 ? 'is' : 'are'} only in the list.` : '');
    replace(tableHolder, h('table', { class: 'responsive', 'data-testid': 'sites-table' },
      h('caption', { class: 'visually-hidden' }, 'Sites and their status'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Site'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'num' }, 'Gateways online'),
        h('th', { scope: 'col', class: 'num' }, 'Open alerts'))),
      h('tbody', null, list.map(x => h('tr', { 'data-site': x.site },
        h('th', { scope: 'row', 'data-label': 'Site' }, h('a', { href: `#/sites/${encodeURIComponent(x.site)}` }, siteName(x.site))),
        h('td', { 'data-label': 'Status' }, statusBadge(x.status)),
        h('td', { class: 'num', 'data-label': 'Gateways online' }, `${x.online ?? '?'} of ${x.gateways ?? '?'}`),
        h('td', { class: 'num', 'data-label': 'Open alerts' },
          x.openAlerts > 0 ? h('a', { href: `#/alerts?site=${encodeURIComponent(x.site)}` }, `${x.openAlerts}`, h('span', { class: 'visually-hidden' }, ` open alerts at ${siteName(x.site)}`)) : '0'))))));
  };

  const refresh = async () => {
    // Do not redraw under someone's keyboard focus: they would lose their place.
    if (mapHolder.contains(document.activeElement) || tableHolder.contains(document.activeElement)) return;
    try {
      await load();
    } catch (e) {
      if (e.name !== 'AbortError') {
        note.className = 'message';
        note.textContent = `Could not load the sites. ${e.message}`;
      }
    }
  };
  await refresh();
  const timer = window.setInterval(refresh, REFRESH_MS);
  return () => {
    window.clearInterval(timer);
    controller.abort();
  };
}
