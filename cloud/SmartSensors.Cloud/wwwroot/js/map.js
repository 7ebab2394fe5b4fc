// A simple map-like view: each site placed from its latitude and longitude (equirectangular, scaled by the cosine
// of the mean latitude so distances look right locally). No tiles, no third-party requests.

import { s } from './dom.js';
import { siteName, statusLabel } from './format.js';

const WIDTH = 640;
const HEIGHT = 420;
const PAD = 60;

const STYLE = {
  ok: { fill: '#00703c', shape: 'circle' },
  attention: { fill: '#f47738', shape: 'triangle' },
  offline: { fill: '#505a5f', shape: 'square' },
};

export function marker(status, x, y, size = 11) {
  const style = STYLE[status] ?? { fill: '#ffffff', shape: 'diamond' };
  const common = { fill: style.fill, stroke: '#0b0c0c', 'stroke-width': 2, class: 'marker-focus' };
  switch (style.shape) {
    case 'circle':
      return s('circle', { cx: x, cy: y, r: size, ...common });
    case 'triangle':
      return s('polygon', { points: `${x},${y - size * 1.2} ${x + size * 1.15},${y + size * 0.85} ${x - size * 1.15},${y + size * 0.85}`, ...common });
    case 'square':
      return s('rect', { x: x - size * 0.9, y: y - size * 0.9, width: size * 1.8, height: size * 1.8, ...common });
    default:
      return s('polygon', { points: `${x},${y - size} ${x + size},${y} ${x},${y + size} ${x - size},${y}`, ...common });
  }
}

/** A legend symbol (small standalone SVG). */
export function legendSymbol(status) {
  return s('svg', { width: 22, height: 22, viewBox: '0 0 22 22', 'aria-hidden': 'true', focusable: 'false' }, marker(status, 11, 11, 7));
}

/** Projects sites with coordinates to x/y inside the view box. */
export function project(sites) {
  const placed = sites.filter(x => Number.isFinite(x.latitude) && Number.isFinite(x.longitude));
  if (placed.length === 0) return [];
  const lats = placed.map(x => x.latitude);
  const lons = placed.map(x => x.longitude);
  const meanLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = lons.map(lon => lon * k);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...lats);
  const maxY = Math.max(...lats);
  const spanX = Math.max(maxX - minX, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return placed.map((site, i) => ({
    site,
    x: placed.length === 1 ? WIDTH / 2 : offsetX + (xs[i] - minX) * scale,
    y: placed.length === 1 ? HEIGHT / 2 : HEIGHT - (offsetY + (site.latitude - minY) * scale),
  }));
}

/** The map as an SVG element; each site is a link to its page. */
export function siteMap(sites) {
  const points = project(sites);
  const svg = s('svg', {
    class: 'map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group',
    'aria-label': `Map of ${points.length} site${points.length === 1 ? '' : 's'} placed by their coordinates. The same sites are listed in the table.`,
  });
  svg.append(s('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#eef3f8' }));
  // A light grid so the view reads as a map.
  for (let x = 80; x < WIDTH; x += 80) svg.append(s('line', { x1: x, y1: 0, x2: x, y2: HEIGHT, stroke: '#d5e0ea', 'stroke-width': 1 }));
  for (let y = 70; y < HEIGHT; y += 70) svg.append(s('line', { x1: 0, y1: y, x2: WIDTH, y2: y, stroke: '#d5e0ea', 'stroke-width': 1 }));
  svg.append(s('text', { x: WIDTH - 12, y: 22, 'text-anchor': 'end', 'aria-hidden': 'true' }, 'N ↑'));

  for (const { site, x, y } of points) {
    const name = siteName(site.site);
    const status = statusLabel(site.status);
    const label = `${name}: ${status}`;
    const textX = x > WIDTH - 180 ? x - 16 : x + 16;
    const anchor = x > WIDTH - 180 ? 'end' : 'start';
    const link = s('a', { href: `#/sites/${encodeURIComponent(site.site)}`, 'aria-label': `${label}. Open site.`, 'data-site': site.site },
      s('title', null, label),
      marker(site.status, x, y),
      s('text', { x: textX, y: y - 2, 'text-anchor': anchor, 'font-weight': 700, 'paint-order': 'stroke', stroke: '#ffffff', 'stroke-width': 4 }, name),
      s('text', { x: textX, y: y + 14, 'text-anchor': anchor, 'paint-order': 'stroke', stroke: '#ffffff', 'stroke-width': 4 }, status));
    svg.append(link);
  }
  return svg;
}
