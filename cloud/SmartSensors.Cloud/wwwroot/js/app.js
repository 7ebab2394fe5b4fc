// The dashboard shell: sign-in, navigation and the hash router (#/sites, #/sites/{site}, #/alerts, #/round).

import { api, onUnauthorised } from './api.js';
import { clearCredentials, credentials, saveCredentials, takeCredentialsFromFragment } from './auth.js';
import { h, replace } from './dom.js';
import { live } from './live.js';
import { forgetThresholds } from './thresholds.js';
import { renderAlerts } from './views/alerts.js';
import { renderRound } from './views/round.js';
import { renderSite } from './views/site.js';
import { renderSites } from './views/sites.js';

const view = document.getElementById('view');
const signInPanel = document.getElementById('sign-in');
const signInForm = document.getElementById('sign-in-form');
const signInMessage = document.getElementById('sign-in-message');
const secretInput = document.getElementById('secret');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const whoName = document.getElementById('who-name');
const main = document.getElementById('main');

let me = null;
let cleanup = null;
let routeSerial = 0;

function defaultRoute() {
  const roles = me?.roles ?? [];
  return roles.length > 0 && roles.every(r => r === 'operative') ? '#/round' : '#/sites';
}

function parseRoute() {
  const hash = window.location.hash || '';
  const [path, search] = hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(p => { try { return decodeURIComponent(p); } catch { return p; } }), params: new URLSearchParams(search ?? '') };
}

function setCurrentNav(name) {
  for (const link of nav.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

async function route() {
  if (!me) return;
  const serial = ++routeSerial;
  if (cleanup) { try { cleanup(); } catch { /* the old view is gone anyway */ } cleanup = null; }
  const { parts, params } = parseRoute();
  let done;
  let title;
  switch (parts[0]) {
    case 'sites':
      if (parts[1]) {
        setCurrentNav('sites');
        title = `${parts[1]} – SmartSensors`;
        done = renderSite(view, parts[1]);
      } else {
        setCurrentNav('sites');
        title = 'Sites – SmartSensors';
        done = renderSites(view);
      }
      break;
    case 'alerts':
      setCurrentNav('alerts');
      title = 'Alerts – SmartSensors';
      done = renderAlerts(view, params);
      break;
    case 'round':
      setCurrentNav('round');
      title = 'Watering round – SmartSensors';
      done = renderRound(view, params);
      break;
    default:
      history.replaceState(null, '', `${window.location.pathname}${window.location.search}${defaultRoute()}`);
      return route();
  }
  document.title = title;
  const dispose = await done.catch(e => {
    replace(view, h('div', { class: 'message', role: 'alert' }, `This page could not be shown. ${e?.message ?? ''}`));
    return null;
  });
  if (serial !== routeSerial) { dispose?.(); return; }
  cleanup = dispose;
}

function showSignIn(message) {
  me = null;
  live.stop();
  forgetThresholds();
  if (cleanup) { cleanup(); cleanup = null; }
  replace(view);
  nav.hidden = true;
  who.hidden = true;
  signInPanel.hidden = false;
  document.title = 'Sign in – SmartSensors';
  signInMessage.hidden = !message;
  signInMessage.textContent = message ?? '';
  secretInput.value = '';
  secretInput.focus();
}

async function signedIn() {
  try {
    me = await api('/api/v1/me');
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      clearCredentials();
      showSignIn(e.status === 401 ? 'That key or sign-in token was not accepted. Check it and try again.' : 'Your account has no access to the dashboard. Ask your system administrator for a role.');
    } else {
      showSignIn(`Could not sign in. ${e.message}`);
    }
    return;
  }
  signInPanel.hidden = true;
  signInMessage.hidden = true;
  nav.hidden = false;
  who.hidden = false;
  whoName.textContent = `Signed in as ${me?.name ?? 'unknown'}`;
  live.start();
  await route();
}

onUnauthorised(message => {
  clearCredentials();
  showSignIn(message);
});

signInForm.addEventListener('submit', async event => {
  event.preventDefault();
  const secret = secretInput.value.trim();
  if (!secret) {
    signInMessage.hidden = false;
    signInMessage.textContent = 'Enter your API key or sign-in token.';
    secretInput.focus();
    return;
  }
  const kind = signInForm.querySelector('input[name="kind"]:checked')?.value === 'token' ? 'token' : 'key';
  saveCredentials(kind, secret);
  secretInput.value = '';
  await signedIn();
  if (me) main.focus();
});

document.getElementById('sign-out').addEventListener('click', () => {
  clearCredentials();
  showSignIn('You have signed out.');
});

// The skip link moves focus without touching the hash (the hash is the router's).
document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => {
  if (takeCredentialsFromFragment()) { signedIn(); return; }
  route().then(() => { if (me) main.focus({ preventScroll: false }); });
});

takeCredentialsFromFragment();
if (credentials()) {
  signedIn();
} else {
  showSignIn();
}
