// Thresholds for drawing: river alert/warning/severe levels per station and soil-moisture bands, from the
// dashboard's own /dashboard/thresholds endpoint (read from the alert rules' configuration).

import { api } from './api.js';

let cached = null;

export async function loadThresholds(signal) {
  if (cached) return cached;
  try {
    const t = await api('/dashboard/thresholds', { signal });
    cached = {
      watering: { threshold: 25, overWateredThreshold: 70, overrides: [], ...(t?.watering ?? {}) },
      flood: Array.isArray(t?.flood) ? t.flood : [],
    };
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    // Wrexham pilot defaults (below 25 % needs water, above 70 % over-watered); no river levels known.
    cached = { watering: { threshold: 25, overWateredThreshold: 70, overrides: [] }, flood: [], unavailable: true };
  }
  return cached;
}

export function forgetThresholds() {
  cached = null;
}

function mostSpecific(entries, site, gateway, sensor) {
  let best = null;
  let bestScore = -1;
  for (const e of entries) {
    if (e.site !== site || (e.gateway && e.gateway !== gateway) || (e.sensor && e.sensor !== sensor)) continue;
    const score = (e.gateway ? 1 : 0) + (e.sensor ? 2 : 0);
    if (score > bestScore) { best = e; bestScore = score; }
  }
  return best;
}

/** Threshold lines for a chart of (site, gateway, sensor, quantity). */
export function thresholdLines(thresholds, site, gateway, sensor, quantity) {
  if (quantity === 'level') {
    const station = mostSpecific(thresholds.flood, site, gateway, sensor);
    if (!station) return [];
    return [
      { value: station.alertLevel, label: 'Flood alert level', colour: '#b35100', dash: '8 4' },
      { value: station.warningLevel, label: 'Flood warning level', colour: '#d4351c', dash: '4 3' },
      { value: station.severeLevel, label: 'Severe flood warning level', colour: '#6f0000', dash: '2 2' },
    ].filter(l => typeof l.value === 'number');
  }
  if (quantity === 'moisture') {
    const o = mostSpecific(thresholds.watering.overrides ?? [], site, gateway, sensor) ?? {};
    const dry = o.threshold ?? thresholds.watering.threshold;
    const wet = o.overWateredThreshold ?? thresholds.watering.overWateredThreshold;
    return [
      { value: dry, label: 'Needs water below', colour: '#d4351c', dash: '6 4' },
      { value: wet, label: 'Over-watered above', colour: '#8a6d00', dash: '2 3' },
    ].filter(l => typeof l.value === 'number');
  }
  return [];
}

/** Where a river level stands against its station's levels, in words. */
export function riverStatus(thresholds, site, gateway, sensor, level) {
  const station = mostSpecific(thresholds.flood, site, gateway, sensor);
  if (!station || typeof level !== 'number') return null;
  if (level >= station.severeLevel) return { text: 'At or above the severe flood warning level (danger to life)', cls: 'sev-extreme' };
  if (level >= station.warningLevel) return { text: 'At or above the flood warning level (flooding expected)', cls: 'sev-severe' };
  if (level >= station.alertLevel) return { text: 'At or above the flood alert level (flooding possible)', cls: 'sev-moderate' };
  return { text: 'Below the flood alert level', cls: 'status-ok' };
}

/** Soil moisture in words, from the Wrexham colour bands. */
export function moistureStatus(thresholds, site, gateway, sensor, value) {
  const [dry, wet] = thresholdLines(thresholds, site, gateway, sensor, 'moisture').map(l => l.value);
  if (typeof value !== 'number') return null;
  if (value < dry) return { text: 'Needs watering', cls: 'sev-severe' };
  if (value > wet) return { text: 'Over-watered', cls: 'sev-moderate' };
  return { text: 'Moisture fine', cls: 'status-ok' };
}
