// The alert list with filters.

import { api } from '../api.js';
import { announce, h, replace } from '../dom.js';
import { CATEGORY_NAMES, SEVERITY_NAMES, categoryLabel, severityLabel, siteName } from '../format.js';
import { live } from '../live.js';
import { alertCard, updateAlertCard } from './alert-card.js';

const STATE_OPTIONS = [
  ['', 'Open (new and acknowledged)'],
  ['raised', 'New – not yet acknowledged'],
  ['acknowledged', 'Acknowledged'],
  ['resolved', 'Resolved'],
];

function select(id, label, options, value) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name: id }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function matches(a, filters) {
  if (filters.state ? a.state !== filters.state : a.state === 'resolved') return false;
  if (filters.category && a.category !== filters.category) return false;
  if (filters.site && a.site !== filters.site) return false;
  if (filters.severity && a.severity !== filters.severity) return false;
  return true;
}

export async function renderAlerts(view, params) {
  const filters = {
    state: params.get('state') ?? '',
    category: params.get('category') ?? '',
    site: params.get('site') ?? '',
    severity: params.get('severity') ?? '',
  };
  const controller = new AbortController();
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading alerts…');
  const list = h('ul', { class: 'alerts-list', 'aria-label': 'Alerts', 'data-testid': 'alerts-list' });
  const siteField = select('filter-site', 'Site', [['', 'All sites']], filters.site);
  const form = h('form', { class: 'toolbar', 'aria-label': 'Filter alerts' },
    select('filter-state', 'Status', STATE_OPTIONS, filters.state),
    select('filter-category', 'Type', [['', 'All types'], ...CATEGORY_NAMES.map(c => [c, categoryLabel(c)])], filters.category),
    siteField,
    select('filter-severity', 'Severity', [['', 'All severities'], ...SEVERITY_NAMES.map(v => [v, severityLabel(v)])], filters.severity),
    h('button', { type: 'submit', class: 'button-secondary' }, 'Show alerts'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const [key, id] of [['state', 'filter-state'], ['category', 'filter-category'], ['site', 'filter-site'], ['severity', 'filter-severity']]) {
      const v = form.querySelector(`#${id}`).value;
      if (v) q.set(key, v);
    }
    const text = q.toString();
    window.location.hash = `#/alerts${text ? `?${text}` : ''}`;
  });

  replace(view, h('h1', null, 'Alerts'),
    h('p', null, 'Alerts raised by the sensors. Acknowledge an alert to tell colleagues that someone is dealing with it.'),
    form, status, list);

  // Fill the site list (not essential: the page works without it).
  api('/api/v1/sites', { signal: controller.signal }).then(sites => {
    if (!Array.isArray(sites)) return;
    const selectEl = siteField.querySelector('select');
    for (const site of sites) {
      if (site.site !== filters.site) selectEl.append(h('option', { value: site.site }, siteName(site.site)));
    }
  }).catch(() => {});
  if (filters.site) siteField.querySelector('select').append(h('option', { value: filters.site, selected: true }, siteName(filters.site)));

  const cards = new Map();
  const load = async () => {
    const q = new URLSearchParams();
    for (const key of ['state', 'category', 'site', 'severity']) if (filters[key]) q.set(key, filters[key]);
    const alerts = await api(`/api/v1/alerts${q.toString() ? `?${q}` : ''}`, { signal: controller.signal });
    const shown = (Array.isArray(alerts) ? alerts : []).filter(a => matches(a, filters));
    cards.clear();
    replace(list, shown.map(a => {
      const card = alertCard(a);
      cards.set(a.id, card);
      return card;
    }));
    status.textContent = shown.length === 0 ? 'No alerts match these filters.' : `${shown.length} alert${shown.length === 1 ? '' : 's'} shown.`;
  };
  try {
    await load();
  } catch (e) {
    if (e.name === 'AbortError') return () => {};
    status.className = 'message';
    status.textContent = `Could not load the alerts. ${e.message}`;
  }

  const unsubscribe = live.onAlert(a => {
    const card = cards.get(a.id);
    if (card) {
      if (matches(a, filters) || card.contains(document.activeElement)) updateAlertCard(card, a);
      else { card.remove(); cards.delete(a.id); }
    } else if (matches(a, filters)) {
      const fresh = alertCard(a);
      cards.set(a.id, fresh);
      list.prepend(fresh);
      status.textContent = `${cards.size} alert${cards.size === 1 ? '' : 's'} shown.`;
      announce(`New alert: ${a.title}`);
    }
  });

  return () => {
    controller.abort();
    unsubscribe();
  };
}
