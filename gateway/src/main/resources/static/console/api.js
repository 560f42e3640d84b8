// The API as the console reaches it: through the gateway's session relay, never with a token in the page.
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onSignedOut = () => {};

/** What to do when the session has ended (the console shows its sign-in again). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/** A random id for Idempotency-Key: a retry of the same action is answered as the first was. */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Calls {@code /console} + path (the session's own) or {@code /console/api} + path (the API). */
export async function call(path, { method = 'GET', body, key } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': language };
  if (method !== 'GET') headers['X-Console-Request'] = '1';
  // A change is said once however often the network repeats it; sign-in and codes are never replayed.
  if (method === 'POST' && path.startsWith('/console/api/') && !path.includes('/auth/')) {
    headers['Idempotency-Key'] = key || newKey();
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== '/console/session') onSignedOut();
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 || response.status === 202 ? null : response.json();
}

export const api = (path, options) => call('/console/api' + path, options);

/**
 * Follows a live stream: each event (by its name) goes to onEvent. The browser reconnects by itself, resuming
 * after the last event; when the relay refuses (the session ended), the console signs in again.
 */
export function follow(path, names, onEvent, onOpen = () => {}) {
  let source;
  let closed = false;
  const open = () => {
    source = new EventSource('/console/api' + path);
    source.addEventListener('open', onOpen);
    for (const name of names) {
      source.addEventListener(name, event => onEvent(name, JSON.parse(event.data)));
    }
    source.addEventListener('error', () => {
      if (closed || source.readyState !== EventSource.CLOSED) return;
      call('/console/session').then(who => {
        if (!who.signedIn) onSignedOut();
        else setTimeout(() => { if (!closed) open(); }, 2000);
      }, () => setTimeout(() => { if (!closed) open(); }, 5000));
    });
  };
  open();
  return () => { closed = true; source.close(); };
}
