// Plain-words labels and number/time formatting.

const QUANTITIES = {
  pm1: 'PM1 particles',
  pm2_5: 'PM2.5 fine particles',
  pm10: 'PM10 particles',
  no2: 'Nitrogen dioxide',
  o3: 'Ozone',
  so2: 'Sulphur dioxide',
  co2: 'Carbon dioxide',
  temperature: 'Air temperature',
  humidity: 'Humidity',
  pressure: 'Air pressure',
  moisture: 'Soil moisture',
  level: 'River level',
  distance: 'Distance to water',
  count: 'People counted',
  in: 'People in',
  out: 'People out',
  outbox_depth: 'Readings waiting to send',
  oldest_unsent_age: 'Oldest unsent reading',
  evicted: 'Readings dropped',
  sensor_errors: 'Sensor errors',
  cpu_temperature: 'Gateway temperature',
};

const UNITS = {
  Cel: '°C',
  '%RH': '%',
  '%': '%',
  m: 'm',
  s: 's',
  count: '',
  Pa: 'Pa',
  'ug/m3': 'µg/m³',
  ppm: 'ppm',
  hPa: 'hPa',
  mm: 'mm',
};

export function quantityLabel(quantity) {
  return QUANTITIES[quantity] ?? quantity;
}

export function unitLabel(unit) {
  if (unit === undefined || unit === null) return '';
  return Object.hasOwn(UNITS, unit) ? UNITS[unit] : unit;
}

export function decimalsFor(quantity) {
  switch (quantity) {
    case 'level':
    case 'distance':
      return 2;
    case 'count':
    case 'in':
    case 'out':
    case 'outbox_depth':
    case 'evicted':
    case 'sensor_errors':
    case 'co2':
    case 'pressure':
      return 0;
    default:
      return 1;
  }
}

export function formatNumber(value, decimals = 1) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatValue(value, unit, quantity) {
  const u = unitLabel(unit);
  const n = formatNumber(value, decimalsFor(quantity));
  return u ? `${n} ${u}` : n;
}

export function formatTime(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'unknown time';
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return sameDay ? `today ${time}` : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

export function formatAgo(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

const STATUS = {
  ok: 'Working normally',
  attention: 'Needs attention',
  offline: 'Offline',
};

export function statusLabel(status) {
  return STATUS[status] ?? 'Status unknown';
}

export function statusClass(status) {
  return Object.hasOwn(STATUS, status) ? `status-${status}` : 'status-unknown';
}

const CATEGORIES = {
  watering: 'Watering',
  'air-quality': 'Air quality',
  flood: 'Flooding',
  'device-health': 'Sensor or gateway fault',
};

export function categoryLabel(category) {
  return CATEGORIES[category] ?? category;
}

export const CATEGORY_NAMES = Object.keys(CATEGORIES);

const SEVERITIES = {
  minor: 'Minor',
  moderate: 'Moderate',
  severe: 'Severe',
  extreme: 'Extreme (danger to life)',
};

export function severityLabel(severity) {
  return SEVERITIES[severity] ?? severity;
}

export const SEVERITY_NAMES = Object.keys(SEVERITIES);

const STATES = {
  raised: 'New – not yet acknowledged',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export function stateLabel(state) {
  return STATES[state] ?? state;
}

export const STATE_NAMES = Object.keys(STATES);

/** Site ids are lower-case with hyphens: "queens-square" → "Queens Square". */
export function siteName(site) {
  return String(site ?? '').split('-').filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join(' ');
}
