// The watering round for street operatives: the beds that need water now, driest first, made for a phone.

import { api, ApiError, query } from '../api.js';
import { announce, h, replace } from '../dom.js';
import { formatAgo, formatNumber, formatTime, siteName } from '../format.js';
import { live } from '../live.js';

function bedItem(site, bed, alert, position) {
  const moisture = typeof bed.moisture === 'number' ? bed.moisture : null;
  const threshold = typeof bed.threshold === 'number' && bed.threshold > 0 ? bed.threshold : null;
  const fill = h('span');
  fill.style.width = `${Math.max(0, Math.min(100, moisture ?? 0))}%`;
  const status = h('p', { class: 'round-detail', tabindex: '-1', 'data-testid': 'bed-status' });
  const error = h('p', { class: 'inline-error', role: 'alert', hidden: true });
  const actions = h('div', { class: 'round-actions' });
  const item = h('li', { class: 'round-bed', 'data-testid': 'round-bed', 'data-sensor': bed.sensor, 'data-site': site },
    h('h3', null, h('span', { class: 'visually-hidden' }, `Bed ${position}: `), bed.sensor),
    h('p', { class: 'round-detail' },
      h('strong', null, `Soil moisture ${moisture === null ? 'unknown' : `${formatNumber(moisture, 0)} %`}`),
      threshold ? ` – needs water below ${formatNumber(threshold, 0)} %` : ' – needs water'),
    h('div', { class: 'moisture-bar', 'aria-hidden': 'true' }, fill),
    h('p', { class: 'round-detail muted' },
      bed.needsWaterSince ? `Dry since ${formatTime(bed.needsWaterSince)} (${formatAgo(bed.needsWaterSince)}). ` : '',
      `Last reading ${formatTime(bed.readAt)}. Gateway ${bed.gateway}.`),
    status,
    actions,
    error);

  const showState = a => {
    if (!a) { status.textContent = ''; return; }
    status.textContent = a.state === 'acknowledged' ? `Taken on${a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ''}.` : 'Nobody has taken this bed on yet.';
  };
  showState(alert);
  if (alert && alert.state === 'raised') {
    const button = h('button', { type: 'button', class: 'button-primary', 'data-testid': 'take-bed' }, `I'll water ${bed.sensor}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      error.hidden = true;
      try {
        const updated = await api(`/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`, { method: 'POST' });
        button.remove();
        showState(updated?.id ? updated : { ...alert, state: 'acknowledged' });
        status.focus();
        announce(`${bed.sensor} is on your round.`);
      } catch (e) {
        button.disabled = false;
        error.hidden = false;
        error.textContent = e instanceof ApiError ? `Could not update this bed. ${e.message}` : 'Could not update this bed. Please try again.';
      }
    });
    actions.append(button);
  }
  return item;
}

export async function renderRound(view, params) {
  const controller = new AbortController();
  const siteFilter = params.get('site') ?? '';
  const summary = h('p', { role: 'status', 'data-testid': 'round-summary' }, 'Loading the watering round…');
  const holder = h('div');
  const refresh = h('button', { type: 'button', class: 'button-secondary round-refresh' }, 'Refresh the list');
  replace(view, h('div', { class: 'round' },
    h('h1', null, 'Watering round'),
    h('p', null, 'Beds that need water now, driest first. Tap a bed when you take it on, so colleagues know.'),
    siteFilter ? h('p', null, `Showing ${siteName(siteFilter)} only. `, h('a', { href: '#/round' }, 'Show all sites')) : null,
    summary, refresh, holder));

  const load = async () => {
    refresh.disabled = true;
    try {
      const [round, alerts] = await Promise.all([
        api(`/api/v1/watering-round${query({ site: siteFilter })}`, { signal: controller.signal }),
        api(`/api/v1/alerts${query({ category: 'watering', site: siteFilter })}`, { signal: controller.signal }).catch(() => []),
      ]);
      const open = new Map((Array.isArray(alerts) ? alerts : [])
        .filter(a => a.category === 'watering' && a.state !== 'resolved')
        .map(a => [`${a.site}/${a.gateway}/${a.sensor}`, a]));
      const sites = Array.isArray(round?.sites) ? round.sites : [];
      const count = sites.reduce((n, x) => n + (x.beds?.length ?? 0), 0);
      summary.className = count === 0 ? 'message success' : '';
      summary.textContent = count === 0
        ? `No beds need watering right now (checked ${formatTime(round?.at ?? new Date().toISOString())}).`
        : `${count} bed${count === 1 ? '' : 's'} to water at ${sites.length} site${sites.length === 1 ? '' : 's'} (checked ${formatTime(round?.at ?? new Date().toISOString())}).`;
      let position = 0;
      replace(holder, sites.map(x => h('section', { 'aria-labelledby': `round-${x.site}` },
        h('h2', { id: `round-${x.site}` }, siteName(x.site)),
        h('ol', { class: 'round-list' }, (x.beds ?? []).map(bed => bedItem(x.site, bed, open.get(`${x.site}/${bed.gateway}/${bed.sensor}`), ++position))))));
    } catch (e) {
      if (e.name === 'AbortError') return;
      summary.className = 'message';
      summary.textContent = `Could not load the watering round. ${e.message}`;
    } finally {
      refresh.disabled = false;
    }
  };
  refresh.addEventListener('click', () => load().then(() => announce(summary.textContent)));
  await load();

  // A new or cleared watering alert changes the round: reload (unless the user is in the middle of the list).
  const unsubscribe = live.onAlert(a => {
    if (a.category === 'watering' && (!siteFilter || a.site === siteFilter) && !holder.contains(document.activeElement)) load();
  });
  return () => {
    controller.abort();
    unsubscribe();
  };
}
