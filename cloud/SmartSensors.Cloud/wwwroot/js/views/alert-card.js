// One alert as a card, with an Acknowledge button that updates the card in place.

import { api, ApiError } from '../api.js';
import { announce, h, replace } from '../dom.js';
import { categoryLabel, formatTime, severityLabel, siteName, stateLabel } from '../format.js';

function sevClass(severity) {
  return ['minor', 'moderate', 'severe', 'extreme'].includes(severity) ? severity : 'minor';
}

/** Fills (or refills) the card element for alert a. */
function fill(card, a, { focusState = false } = {}) {
  card.className = `alert-card sev-border-${sevClass(a.severity)}`;
  card.dataset.alertId = a.id;
  card.dataset.state = a.state;
  const titleId = `alert-title-${a.id}`;
  const stateLine = h('p', { class: 'alert-state', tabindex: '-1', 'data-testid': 'alert-state' },
    `Status: ${stateLabel(a.state)}`,
    a.state === 'acknowledged' && a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : '',
    a.state === 'resolved' && a.resolvedBy ? ` by ${a.resolvedBy}` : '');
  const error = h('p', { class: 'inline-error', role: 'alert', hidden: true });
  const children = [
    h('h3', { id: titleId }, a.title || `${categoryLabel(a.category)} alert`),
    h('div', { class: 'alert-meta' },
      h('span', { class: `sev sev-${sevClass(a.severity)}` }, severityLabel(a.severity)),
      h('span', null, categoryLabel(a.category)),
      h('span', null, 'Site: ', h('a', { href: `#/sites/${encodeURIComponent(a.site)}` }, siteName(a.site))),
      h('span', null, `Sensor: ${a.sensor}`),
      h('span', null, `Raised ${formatTime(a.raisedAt)}`),
      a.updatedAt && a.updatedAt !== a.raisedAt ? h('span', null, `Updated ${formatTime(a.updatedAt)}`) : null),
    a.message ? h('p', null, a.message) : null,
    stateLine,
  ];
  if (a.state === 'raised') {
    const button = h('button', {
      type: 'button', class: 'button-primary', 'data-testid': 'acknowledge',
      'aria-label': `Acknowledge: ${a.title || 'this alert'}`,
    }, 'Acknowledge');
    button.addEventListener('click', () => acknowledge(card, a, button, error));
    children.push(h('div', { class: 'alert-actions' }, button));
  }
  children.push(error);
  replace(card, ...children);
  if (focusState) stateLine.focus();
}

async function acknowledge(card, a, button, error) {
  button.disabled = true;
  button.textContent = 'Acknowledging…';
  error.hidden = true;
  try {
    let updated = await api(`/api/v1/alerts/${encodeURIComponent(a.id)}/acknowledge`, { method: 'POST' });
    if (!updated || typeof updated.id !== 'string') {
      const fetched = await api(`/api/v1/alerts/${encodeURIComponent(a.id)}`);
      updated = fetched?.alert ?? fetched;
    }
    fill(card, updated?.id ? updated : { ...a, state: 'acknowledged' }, { focusState: true });
    announce(`Alert acknowledged: ${a.title}`);
  } catch (e) {
    button.disabled = false;
    button.textContent = 'Acknowledge';
    error.hidden = false;
    error.textContent = e instanceof ApiError ? `Could not acknowledge this alert. ${e.message}` : 'Could not acknowledge this alert. Please try again.';
  }
}

export function alertCard(a) {
  const card = h('li', { class: 'alert-card' });
  fill(card, a);
  return card;
}

/** Updates an existing card with newer data (from the live stream), keeping focus where it was. */
export function updateAlertCard(card, a) {
  const hadFocus = card.contains(document.activeElement);
  fill(card, a, { focusState: hadFocus });
}
