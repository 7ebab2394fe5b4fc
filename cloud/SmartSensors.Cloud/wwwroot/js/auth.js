// Who is signed in: an API key or a bearer token, kept in sessionStorage (this tab only, gone when it closes).

const STORAGE_KEY = 'smartsensors.credentials';

export function credentials() {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw);
    if ((parsed.kind === 'key' || parsed.kind === 'token') && typeof parsed.secret === 'string' && parsed.secret) {
      return parsed;
    }
  } catch {
    // Unreadable storage: treat as signed out.
  }
  return null;
}

export function saveCredentials(kind, secret) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ kind, secret }));
}

export function clearCredentials() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The header that proves who we are: X-Api-Key for keys, Authorization: Bearer for tokens. */
export function authHeaders() {
  const c = credentials();
  if (!c) return {};
  return c.kind === 'key' ? { 'X-Api-Key': c.secret } : { Authorization: `Bearer ${c.secret}` };
}

/**
 * A link such as https://host/#key=ssk_... signs in once: the key is stored and the fragment is removed from the
 * address bar (and from history) straight away, so it is not left on screen or in the back button.
 * Returns true when the fragment carried a key or token.
 */
export function takeCredentialsFromFragment() {
  const hash = window.location.hash;
  const match = /^#(key|token)=([^&]+)/.exec(hash);
  if (!match) return false;
  let secret;
  try {
    secret = decodeURIComponent(match[2]).trim();
  } catch {
    secret = '';
  }
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  if (!secret) return false;
  saveCredentials(match[1], secret);
  return true;
}
