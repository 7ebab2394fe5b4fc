// Live readings and alerts: the /api/v1/stream event stream read with fetch(), or, if that fails, polling
// /api/v1/readings/latest every 10 seconds (and trying the stream again now and then).

import { api, explain, signalUnauthorised } from './api.js';
import { authHeaders } from './auth.js';
import { SseParser } from './sse.js';

const POLL_INTERVAL_MS = 10_000;
const STREAM_RETRY_MS = 30_000;

function readingKey(r) {
  return `${r.site}/${r.gateway}/${r.sensor}/${r.quantity}`;
}

class LiveFeed {
  constructor() {
    this.readingListeners = new Set();
    this.alertListeners = new Set();
    this.stateListeners = new Set();
    this.state = 'stopped';
    this.detail = '';
    this.controller = null;
    this.pollTimer = null;
    this.retryTimer = null;
    this.lastTimes = new Map();
  }

  onReading(fn) { this.readingListeners.add(fn); return () => this.readingListeners.delete(fn); }
  onAlert(fn) { this.alertListeners.add(fn); return () => this.alertListeners.delete(fn); }
  onState(fn) { this.stateListeners.add(fn); fn(this.state, this.detail); return () => this.stateListeners.delete(fn); }

  setState(state, detail = '') {
    this.state = state;
    this.detail = detail;
    for (const fn of this.stateListeners) fn(state, detail);
  }

  emitReading(reading) {
    if (!reading || typeof reading !== 'object' || typeof reading.value !== 'number') return;
    const key = readingKey(reading);
    const time = Date.parse(reading.time);
    const previous = this.lastTimes.get(key);
    if (previous !== undefined && Number.isFinite(time) && time < previous) return; // older than what we show
    if (Number.isFinite(time)) this.lastTimes.set(key, time);
    for (const fn of this.readingListeners) fn(reading);
  }

  emitAlert(alert) {
    if (!alert || typeof alert !== 'object') return;
    const a = alert.alert && typeof alert.alert === 'object' ? alert.alert : alert;
    if (typeof a.id !== 'string') return;
    for (const fn of this.alertListeners) fn(a);
  }

  start() {
    if (this.controller) return;
    this.controller = new AbortController();
    this.connect(this.controller.signal);
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
    window.clearInterval(this.pollTimer);
    window.clearTimeout(this.retryTimer);
    this.pollTimer = null;
    this.retryTimer = null;
    this.lastTimes.clear();
    this.setState('stopped');
  }

  async connect(signal) {
    this.setState('connecting');
    let failure = '';
    try {
      const response = await fetch('/api/v1/stream', {
        headers: { Accept: 'text/event-stream', ...authHeaders() },
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
      if (response.status === 401) {
        signalUnauthorised('Your sign-in was not accepted or has expired. Please sign in again.');
        return;
      }
      if (!response.ok || !response.body) {
        failure = explain(response.status, '', response.headers.get('Retry-After'));
      } else {
        this.stopPolling();
        this.setState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.push(value)) this.dispatch(event);
        }
        failure = 'The live connection closed.';
      }
    } catch (error) {
      if (signal.aborted) return;
      failure = 'The live connection was interrupted.';
      console.warn('live stream failed', error);
    }
    if (signal.aborted) return;
    this.fallBack(signal, failure);
  }

  dispatch(event) {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // not JSON: not one of ours
    }
    if (event.event === 'reading') this.emitReading(data);
    else if (event.event === 'alert') this.emitAlert(data);
  }

  fallBack(signal, failure) {
    this.setState('polling', failure);
    if (!this.pollTimer) {
      const poll = async () => {
        try {
          const readings = await api('/api/v1/readings/latest', { signal });
          if (Array.isArray(readings)) readings.forEach(r => this.emitReading(r));
        } catch (error) {
          if (!signal.aborted) console.warn('polling failed', error);
        }
      };
      poll();
      this.pollTimer = window.setInterval(poll, POLL_INTERVAL_MS);
    }
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      if (!signal.aborted) this.connect(signal);
    }, STREAM_RETRY_MS);
  }

  stopPolling() {
    window.clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}

export const live = new LiveFeed();

/** A short plain-words description of the live connection, for a status line. */
export function describeLiveState(state, detail) {
  switch (state) {
    case 'live': return 'Live: new readings appear as they arrive.';
    case 'connecting': return 'Connecting to live readings…';
    case 'polling': return `${detail ? `${detail} ` : ''}Checking for new readings every 10 seconds instead.`;
    default: return 'Live readings are off.';
  }
}
