// One site: live readings per sensor, the DAQI tiles, river levels against their thresholds, charts per sensor
// and the site's open alerts.

import { api, query } from '../api.js';
import { lineChart } from '../chart.js';
import { daqiTile } from '../daqi.js';
import { h, replace } from '../dom.js';
import { decimalsFor, formatTime, formatValue, quantityLabel, siteName, statusClass, statusLabel } from '../format.js';
import { describeLiveState, live } from '../live.js';
import { loadThresholds, moistureStatus, riverStatus, thresholdLines } from '../thresholds.js';
import { alertCard, updateAlertCard } from './alert-card.js';

const CHART_HOURS = 24;
const CHART_WINDOW = '15m';
const MAX_CHARTS = 24;
const CHART_REFRESH_MS = 60_000;
const ANNOUNCE_EVERY_MS = 5_000;
const AIR = new Set(['pm1', 'pm2_5', 'pm10', 'no2', 'o3', 'so2', 'co2']);

function keyOf(r) {
  return `${r.gateway}/${r.sensor}/${r.quantity}`;
}

function judge(thresholds, r) {
  if (r.quantity === 'level') return riverStatus(thresholds, r.site, r.gateway, r.sensor, r.value);
  if (r.quantity === 'moisture') return moistureStatus(thresholds, r.site, r.gateway, r.sensor, r.value);
  return null;
}

/** Runs tasks with at most `limit` at a time (so one page does not flood the API). */
async function limited(tasks, limit) {
  const queue = tasks.slice();
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  });
  await Promise.all(workers);
}

export async function renderSite(view, site) {
  const controller = new AbortController();
  const signal = controller.signal;
  const name = siteName(site);
  const statusHolder = h('span');
  const connection = h('p', { class: 'connection muted', 'data-testid': 'live-state' });
  const liveText = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'last-update' });
  const readingsBody = h('tbody', { 'data-testid': 'readings' });
  const readingsNote = h('p', { class: 'muted' }, 'Loading readings…');
  const airHolder = h('div', { class: 'tiles' });
  const airSection = h('section', { 'aria-labelledby': 'air-heading', hidden: true }, h('h2', { id: 'air-heading' }, 'Air quality (Daily Air Quality Index)'), airHolder);
  const riverHolder = h('div', { class: 'charts' });
  const riverSection = h('section', { 'aria-labelledby': 'river-heading', hidden: true },
    h('h2', { id: 'river-heading' }, 'River levels'),
    h('p', null, 'Level in metres above the station datum, against the flood alert, flood warning and severe flood warning levels set for this station.'),
    riverHolder);
  const chartHolder = h('div', { class: 'charts' });
  const chartNote = h('p', { class: 'muted' });
  const alertsList = h('ul', { class: 'alerts-list', 'aria-label': `Open alerts at ${name}` });
  const alertsNote = h('p', { class: 'muted' }, 'Loading alerts…');

  replace(view,
    h('p', null, h('a', { href: '#/sites' }, '← All sites')),
    h('h1', null, name, ' ', statusHolder),
    connection,
    h('section', { 'aria-labelledby': 'readings-heading' },
      h('h2', { id: 'readings-heading' }, 'Latest readings'),
      readingsNote,
      h('table', { class: 'responsive' },
        h('caption', { class: 'visually-hidden' }, `Latest reading of each sensor at ${name}`),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Sensor'),
          h('th', { scope: 'col' }, 'Measurement'),
          h('th', { scope: 'col', class: 'num' }, 'Value'),
          h('th', { scope: 'col' }, 'What it means'),
          h('th', { scope: 'col' }, 'Reading time'),
          h('th', { scope: 'col' }, 'Gateway'))),
        readingsBody),
      liveText),
    airSection,
    riverSection,
    h('section', { 'aria-labelledby': 'alerts-heading' },
      h('h2', { id: 'alerts-heading' }, 'Open alerts'),
      alertsNote,
      alertsList,
      h('p', null, h('a', { href: `#/alerts?site=${encodeURIComponent(site)}` }, `All alerts at ${name}`))),
    h('section', { 'aria-labelledby': 'charts-heading' },
      h('h2', { id: 'charts-heading' }, `Last ${CHART_HOURS} hours`),
      chartNote,
      chartHolder));

  const thresholds = await loadThresholds(signal).catch(() => ({ watering: { threshold: 25, overWateredThreshold: 70 }, flood: [] }));
  const rows = new Map();
  let lastAnnounced = 0;

  const showRow = (r, fromLive) => {
    if (r.site !== site || typeof r.value !== 'number') return;
    const key = keyOf(r);
    const verdict = judge(thresholds, r);
    const cells = [
      h('th', { scope: 'row', 'data-label': 'Sensor' }, r.sensor),
      h('td', { 'data-label': 'Measurement' }, quantityLabel(r.quantity)),
      h('td', { class: 'num value', 'data-label': 'Value', 'data-testid': 'reading-value' }, formatValue(r.value, r.unit, r.quantity)),
      h('td', { 'data-label': 'What it means' }, verdict ? h('span', { class: `status ${verdict.cls}` }, verdict.text) : ''),
      h('td', { 'data-label': 'Reading time' }, h('time', { datetime: r.time }, formatTime(r.time))),
      h('td', { 'data-label': 'Gateway' }, r.gateway),
    ];
    let row = rows.get(key);
    if (row) {
      replace(row, ...cells);
      row.classList.remove('updated');
      void row.offsetWidth; // restart the highlight
    } else {
      row = h('tr', { 'data-key': key, 'data-sensor': r.sensor, 'data-quantity': r.quantity }, cells);
      rows.set(key, row);
      const next = [...readingsBody.children].find(x => x.dataset.key > key);
      if (next) readingsBody.insertBefore(row, next); else readingsBody.append(row);
    }
    if (fromLive) {
      row.classList.add('updated');
      const now = Date.now();
      if (now - lastAnnounced > ANNOUNCE_EVERY_MS) {
        lastAnnounced = now;
        liveText.textContent = `Updated: ${r.sensor} ${quantityLabel(r.quantity).toLowerCase()} ${formatValue(r.value, r.unit, r.quantity)} at ${formatTime(r.time)}.`;
      }
    }
    readingsNote.hidden = rows.size > 0;
  };

  const unsubscribeState = live.onState((state, detail) => { connection.textContent = describeLiveState(state, detail); });
  const unsubscribeReading = live.onReading(r => showRow(r, true));

  // Header status from the sites list.
  api('/api/v1/sites', { signal }).then(sites => {
    const me = Array.isArray(sites) ? sites.find(x => x.site === site) : null;
    if (me) replace(statusHolder, h('span', { class: `status ${statusClass(me.status)}` }, statusLabel(me.status)));
  }).catch(() => {});

  let latest = [];
  try {
    latest = await api(`/api/v1/readings/latest${query({ site })}`, { signal });
    latest = Array.isArray(latest) ? latest : [];
    latest.forEach(r => showRow(r, false));
    readingsNote.textContent = 'No readings from this site yet.';
    readingsNote.hidden = rows.size > 0;
  } catch (e) {
    if (e.name === 'AbortError') return () => {};
    readingsNote.className = 'message';
    readingsNote.textContent = `Could not load the latest readings. ${e.message}`;
  }

  // Open alerts at this site.
  const cards = new Map();
  api(`/api/v1/alerts${query({ site })}`, { signal }).then(alerts => {
    const open = (Array.isArray(alerts) ? alerts : []).filter(a => a.state !== 'resolved');
    replace(alertsList, open.map(a => { const c = alertCard(a); cards.set(a.id, c); return c; }));
    alertsNote.textContent = open.length === 0 ? 'No open alerts at this site.' : '';
    alertsNote.hidden = open.length > 0;
  }).catch(e => {
    if (e.name === 'AbortError') return;
    alertsNote.className = 'message';
    alertsNote.textContent = `Could not load the alerts. ${e.message}`;
  });
  const unsubscribeAlert = live.onAlert(a => {
    if (a.site !== site) return;
    const card = cards.get(a.id);
    if (card) {
      if (a.state === 'resolved' && !card.contains(document.activeElement)) { card.remove(); cards.delete(a.id); } else updateAlertCard(card, a);
    } else if (a.state !== 'resolved') {
      const c = alertCard(a);
      cards.set(a.id, c);
      alertsList.prepend(c);
      alertsNote.hidden = true;
    }
  });

  // Air quality tiles, when the site has air sensors.
  if (latest.some(r => AIR.has(r.quantity))) {
    airSection.hidden = false;
    api(`/api/v1/air-quality${query({ site })}`, { signal }).then(entries => {
      const list = Array.isArray(entries) ? entries : [];
      replace(airHolder, list.length ? list.map(daqiTile) : h('p', { class: 'muted' }, 'No air quality index for this site yet.'));
    }).catch(e => {
      if (e.name !== 'AbortError') replace(airHolder, h('p', { class: 'message' }, `Could not load the air quality index. ${e.message}`));
    });
  }

  // Charts: river levels first (against thresholds), then the rest.
  const series = [...new Map(latest.map(r => [keyOf(r), r])).values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const rivers = series.filter(r => r.quantity === 'level');
  const others = series.filter(r => r.quantity !== 'level');
  riverSection.hidden = rivers.length === 0;
  const drawCharts = async () => {
    const to = new Date();
    const from = new Date(to.getTime() - CHART_HOURS * 3600_000);
    const chartFor = r => async () => {
      const title = `${r.sensor}: ${quantityLabel(r.quantity)}`;
      try {
        const data = await api(`/api/v1/readings${query({ site, gateway: r.gateway, sensor: r.sensor, quantity: r.quantity, from: from.toISOString(), to: to.toISOString(), window: CHART_WINDOW })}`, { signal });
        return lineChart({
          title, unit: data?.unit ?? r.unit, decimals: decimalsFor(r.quantity), points: data?.points ?? [],
          thresholds: thresholdLines(thresholds, site, r.gateway, r.sensor, r.quantity), testId: `chart-${r.sensor}-${r.quantity}`,
          from: from.getTime(), to: to.getTime(),
        });
      } catch (e) {
        if (e.name === 'AbortError') throw e;
        return h('figure', { class: 'chart' }, h('figcaption', null, title), h('p', { class: 'message' }, `Could not load this chart. ${e.message}`));
      }
    };
    const build = async (list, holder) => {
      const figures = new Array(list.length);
      await limited(list.map((r, i) => async () => { figures[i] = await chartFor(r)(); }), 3);
      if (!signal.aborted) replace(holder, figures);
    };
    const shown = others.slice(0, MAX_CHARTS);
    chartNote.textContent = others.length > MAX_CHARTS ? `Showing the first ${MAX_CHARTS} of ${others.length} measurements.` : (others.length === 0 ? 'No other measurements at this site.' : 'Average per 15 minutes; the shaded band shows the lowest and highest reading in each 15 minutes.');
    await build(rivers, riverHolder);
    await build(shown, chartHolder);
  };
  drawCharts().catch(() => {});
  const timer = window.setInterval(() => {
    // Do not redraw under someone's keyboard focus (for example in a chart's table).
    if (!chartHolder.contains(document.activeElement) && !riverHolder.contains(document.activeElement)) drawCharts().catch(() => {});
  }, CHART_REFRESH_MS);

  return () => {
    controller.abort();
    window.clearInterval(timer);
    unsubscribeState();
    unsubscribeReading();
    unsubscribeAlert();
  };
}
