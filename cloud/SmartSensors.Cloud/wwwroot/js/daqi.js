// The UK Daily Air Quality Index tile. Bands and colours from DEFRA UK-AIR ("Daily Air Quality Index"):
// 1–3 Low, 4–6 Moderate, 7–9 High, 10 Very High. Health advice summarised from DEFRA/UKHSA's published advice
// for the general public and for people at higher risk (adults and children with lung or heart conditions,
// and older people).

import { h } from './dom.js';
import { siteName } from './format.js';

export function bandOf(index) {
  if (index >= 10) return 'Very High';
  if (index >= 7) return 'High';
  if (index >= 4) return 'Moderate';
  return 'Low';
}

const ADVICE = {
  Low: {
    everyone: 'Carry on with your usual outdoor activities.',
    atRisk: 'Carry on with your usual outdoor activities.',
  },
  Moderate: {
    everyone: 'Carry on with your usual outdoor activities.',
    atRisk: 'Adults and children with lung problems, and adults with heart problems, who have symptoms should consider doing less strenuous activity, especially outdoors.',
  },
  High: {
    everyone: 'Anyone with sore eyes, a cough or a sore throat should consider doing less, especially outdoors.',
    atRisk: 'Adults and children with lung problems, adults with heart problems, and older people should do less strenuous activity, especially outdoors and if they have symptoms. People with asthma may need their reliever inhaler more often.',
  },
  'Very High': {
    everyone: 'Everyone should do less physical exertion, especially outdoors and if they have symptoms such as a cough or sore throat.',
    atRisk: 'Adults and children with lung problems, adults with heart problems, and older people should avoid strenuous physical activity. People with asthma may need their reliever inhaler more often.',
  },
};

const POLLUTANTS = {
  No2: 'nitrogen dioxide', no2: 'nitrogen dioxide',
  So2: 'sulphur dioxide', so2: 'sulphur dioxide',
  O3: 'ozone', o3: 'ozone',
  Pm25: 'PM2.5 fine particles', pm2_5: 'PM2.5 fine particles', pm25: 'PM2.5 fine particles',
  Pm10: 'PM10 particles', pm10: 'PM10 particles',
};

export function adviceFor(index) {
  return ADVICE[bandOf(index)];
}

/** Reads one entry of /api/v1/air-quality, tolerating { index } or { daqi: { index } } shapes. */
export function normalise(entry) {
  const inner = entry?.daqi && typeof entry.daqi === 'object' ? { ...entry, ...entry.daqi } : entry ?? {};
  const index = Number.isInteger(inner.index) && inner.index >= 1 && inner.index <= 10 ? inner.index : null;
  return {
    site: inner.site,
    gateway: inner.gateway,
    sensor: inner.sensor,
    index,
    band: index ? bandOf(index) : null,
    pollutant: inner.pollutant ?? null,
  };
}

/** A tile: the index, its band in words, the 1–10 scale with the current value marked, and the advice. */
export function daqiTile(entry) {
  const d = normalise(entry);
  const title = `Air quality at ${d.sensor ?? 'sensor'}${d.site ? `, ${siteName(d.site)}` : ''}`;
  if (!d.index) {
    return h('section', { class: 'daqi', 'aria-label': title, 'data-testid': 'daqi-tile' },
      h('h3', null, title),
      h('div', { class: 'daqi-index' },
        h('span', { class: 'daqi-number d0' }, '?'),
        h('span', null, h('strong', null, 'Not enough data yet.'), ' The index needs most of the averaging period (for example 18 of 24 hours) before it can be given.')));
  }
  const advice = adviceFor(d.index);
  const pollutant = d.pollutant ? POLLUTANTS[d.pollutant] ?? d.pollutant : null;
  const scale = h('div', { class: 'daqi-scale', 'aria-hidden': 'true' },
    Array.from({ length: 10 }, (_, i) => h('span', { class: `d${i + 1}${i + 1 === d.index ? ' current' : ''}` }, String(i + 1))));
  return h('section', { class: 'daqi', 'aria-label': title, 'data-testid': 'daqi-tile', 'data-index': d.index },
    h('h3', null, title),
    h('div', { class: 'daqi-index' },
      h('span', { class: `daqi-number d${d.index}` }, String(d.index)),
      h('span', null, h('strong', null, `${d.band} air pollution`), ` (index ${d.index} out of 10)`,
        pollutant ? h('br') : null, pollutant ? `Set by ${pollutant}.` : null)),
    scale,
    h('p', null, h('strong', null, 'Everyone: '), advice.everyone),
    h('p', null, h('strong', null, 'People at higher risk: '), advice.atRisk));
}
