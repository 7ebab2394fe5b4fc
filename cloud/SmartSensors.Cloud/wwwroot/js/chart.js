// Line charts drawn as inline SVG: the mean per window as a line, the min–max range as a shaded band, and
// thresholds as labelled dashed lines (labels in words, so colour is never the only signal). Each chart also
// offers its numbers as a table.

import { h, s } from './dom.js';
import { formatNumber, unitLabel } from './format.js';

const W = 560;
const H = 240;
const M = { top: 16, right: 16, bottom: 30, left: 52 };

function niceTicks(min, max, count = 5) {
  const span = max - min || Math.abs(max) || 1;
  const step0 = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(m => m >= step0) ?? step0;
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  // Enough decimals to tell the ticks apart (step 0.25 → 2, step 5 → 0).
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9) decimals++;
  return { ticks, decimals };
}

function timeLabel(ms, spanMs) {
  const d = new Date(ms);
  if (spanMs > 2 * 86400_000) return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  if (spanMs < 10 * 60_000) return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * @param {object} o
 * @param {string} o.title caption
 * @param {string} o.unit SenML unit
 * @param {number} o.decimals
 * @param {{time:string, mean:number, min?:number, max?:number, count?:number}[]} o.points
 * @param {{value:number, label:string, colour:string, dash?:string}[]} [o.thresholds]
 */
export function lineChart({ title, unit, decimals = 1, points, thresholds = [], testId, from, to }) {
  const u = unitLabel(unit);
  const data = (points ?? [])
    .map(p => ({ t: Date.parse(p.time), mean: p.mean, min: p.min ?? p.mean, max: p.max ?? p.mean, count: p.count }))
    .filter(p => Number.isFinite(p.t) && typeof p.mean === 'number' && Number.isFinite(p.mean))
    .sort((a, b) => a.t - b.t);

  const figure = h('figure', { class: 'chart', 'data-testid': testId });
  figure.append(h('figcaption', null, title));
  if (data.length === 0) {
    figure.append(h('p', { class: 'muted' }, 'No readings in this period.'));
    return figure;
  }

  const values = data.flatMap(p => [p.min, p.max]).concat(thresholds.map(t => t.value));
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.08;
  lo -= pad; hi += pad;
  // The time axis is the period asked for (so gaps show as gaps), or the data's own span.
  const t0 = Math.min(Number.isFinite(from) ? from : data[0].t, data[0].t);
  const t1 = Math.max(Number.isFinite(to) ? to : data[data.length - 1].t, data[data.length - 1].t, t0 + 60_000);
  const x = t => M.left + ((t - t0) / (t1 - t0 || 1)) * (W - M.left - M.right);
  const y = v => H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);

  const latest = data[data.length - 1];
  const lowest = Math.min(...data.map(p => p.min));
  const highest = Math.max(...data.map(p => p.max));
  const summary = `${title}. ${data.length} points from ${new Date(t0).toLocaleString('en-GB')} to ${new Date(t1).toLocaleString('en-GB')}. `
    + `Lowest ${formatNumber(lowest, decimals)} ${u}, highest ${formatNumber(highest, decimals)} ${u}, latest average ${formatNumber(latest.mean, decimals)} ${u}.`
    + thresholds.map(t => ` ${t.label}: ${formatNumber(t.value, decimals)} ${u}.`).join('');

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary });
  const yTicks = niceTicks(lo, hi);
  for (const v of yTicks.ticks) {
    svg.append(s('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }));
    svg.append(s('text', { class: 'tick', x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, formatNumber(v, yTicks.decimals)));
  }
  svg.append(s('line', { class: 'axis', x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }));
  svg.append(s('line', { class: 'axis', x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
  const span = t1 - t0;
  for (let i = 0; i <= 4; i++) {
    const t = t0 + (span * i) / 4;
    svg.append(s('text', { class: 'tick', x: x(t), y: H - 10, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle' }, timeLabel(t, span)));
  }
  if (u) svg.append(s('text', { class: 'tick', x: 4, y: M.top - 4 }, u));

  if (data.length > 1) {
    const upper = data.map(p => `${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}`);
    const lower = data.slice().reverse().map(p => `${x(p.t).toFixed(1)},${y(p.min).toFixed(1)}`);
    svg.append(s('polygon', { class: 'band', points: upper.concat(lower).join(' ') }));
    svg.append(s('polyline', { class: 'line', points: data.map(p => `${x(p.t).toFixed(1)},${y(p.mean).toFixed(1)}`).join(' ') }));
  }
  svg.append(s('circle', { cx: x(latest.t), cy: y(latest.mean), r: 4, fill: '#1d70b8', stroke: '#0b0c0c' }));

  for (const t of thresholds) {
    svg.append(s('line', { x1: M.left, x2: W - M.right, y1: y(t.value), y2: y(t.value), stroke: t.colour, 'stroke-width': 2, 'stroke-dasharray': t.dash ?? '6 4' }));
    svg.append(s('text', {
      class: 'threshold-label', x: W - M.right - 4, y: y(t.value) - 4, 'text-anchor': 'end', fill: t.textColour ?? t.colour,
      'paint-order': 'stroke', stroke: '#ffffff', 'stroke-width': 3,
    }, `${t.label} ${formatNumber(t.value, decimals)} ${u}`));
  }
  figure.append(svg);

  const table = h('table', null,
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col', class: 'num' }, `Average ${u}`),
      h('th', { scope: 'col', class: 'num' }, 'Lowest'), h('th', { scope: 'col', class: 'num' }, 'Highest'))),
    h('tbody', null, data.slice(-48).reverse().map(p => h('tr', null,
      h('td', null, new Date(p.t).toLocaleString('en-GB')),
      h('td', { class: 'num' }, formatNumber(p.mean, decimals)),
      h('td', { class: 'num' }, formatNumber(p.min, decimals)),
      h('td', { class: 'num' }, formatNumber(p.max, decimals))))));
  figure.append(h('details', null, h('summary', null, 'Show the numbers as a table'), table));
  return figure;
}
