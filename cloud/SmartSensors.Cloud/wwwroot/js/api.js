// Calls to the SmartSensors API with the signed-in identity, and errors explained in plain words.

import { authHeaders } from './auth.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

let unauthorised = () => {};

/** What to do when the service says we are not (or no longer) signed in. */
export function onUnauthorised(handler) {
  unauthorised = handler;
}

export function signalUnauthorised(message) {
  unauthorised(message);
}

async function problemDetail(response) {
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      const body = await response.json();
      return body?.detail || body?.title || body?.error || '';
    }
    const text = (await response.text()).trim();
    return text.length > 0 && text.length < 300 ? text : '';
  } catch {
    return '';
  }
}

/** A sentence a council officer can act on, for a failed response. */
export function explain(status, detail, retryAfter) {
  switch (status) {
    case 400:
      return `The request was not accepted${detail ? `: ${detail}` : '.'}`;
    case 401:
      return 'You are not signed in, or your sign-in has expired. Please sign in again.';
    case 403:
      return 'Your account is not allowed to do this. Ask your system administrator for access.';
    case 404:
      return detail && !/^not found$/i.test(detail) ? `Not found: ${detail}` : 'This was not found. It may have been removed or already closed.';
    case 409:
      return `This has changed since you loaded the page${detail ? `: ${detail}` : '.'} Refresh and try again.`;
    case 429:
      return `Too many requests at once. Wait ${retryAfter ? `${retryAfter} seconds` : 'a moment'} and try again.`;
    default:
      if (status >= 500) return `The SmartSensors service had a problem (error ${status}). Try again in a minute; if it keeps happening, tell the system administrator.`;
      return `Something went wrong (error ${status})${detail ? `: ${detail}` : '.'}`;
  }
}

/**
 * Sends a request and returns the parsed JSON (or null for an empty body). Throws ApiError with a plain-words message.
 * A 401 also sends the user back to the sign-in panel.
 */
export async function api(path, { method = 'GET', signal, body } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      cache: 'no-store',
      credentials: 'omit',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...authHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, 'Cannot reach the SmartSensors service. Check your network connection and try again.');
  }

  if (!response.ok) {
    const detail = await problemDetail(response);
    const message = explain(response.status, detail, response.headers.get('Retry-After'));
    if (response.status === 401) {
      unauthorised('Your sign-in was not accepted or has expired. Please sign in again.');
    }
    throw new ApiError(response.status, message);
  }

  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'The service sent an answer this page cannot read. Try refreshing the page.');
  }
}

/** Builds a query string from the non-empty entries of params. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}
