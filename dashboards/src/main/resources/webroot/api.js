// One fetch wrapper for the dashboards API (docs/dashboards-api.md). The session is an HttpOnly cookie, so nothing
// here handles the session; a 401 anywhere but the sign-in itself means the session ended, and the app goes to login.
// Every change (any method but GET) is JSON and carries the session's CSRF token in X-CSRF-Token, read from the
// anju_csrf cookie that the sign-in set: the server refuses changes without it (403 csrf_token).
// Every request says the UI's language (Accept-Language): the case service renders case titles, its history and
// its error messages in it, as the dashboards word their own; an error's message is shown as received. A request
// that gets no answer at all says so in the UI's words, not the browser's.
import { lang, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, error, message, body = null) {
    super(message || error);
    this.status = status;
    this.error = error;
    this.code = body?.code ?? null; // a refusal's stable reason (e.g. a charger command's alert_open)
    this.body = body;
  }
}

let onUnauthorized = () => {};

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

const CSRF_COOKIE = 'anju_csrf';

/** The session's CSRF token from its cookie, or null before sign-in. */
export function csrfToken(cookies = document.cookie) {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': lang() } };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) init.headers['X-CSRF-Token'] = token;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', t('common.network'), { detail: e.message });
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null; // a proxy's HTML error page: keep the status, show the text below
  }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/session')) onUnauthorized();
    throw new ApiError(res.status, data?.error ?? `http_${res.status}`, data?.message ?? (text || res.statusText), data);
  }
  return data;
}

export const api = {
  get: path => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  del: path => request('DELETE', path),
};

/** Query strings from an object; undefined / null values are left out, arrays repeat the name. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null) continue;
    (Array.isArray(v) ? v : [v]).forEach(item => q.append(k, item));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;

/**
 * Active alerts with the case each one opened. Alerts come from the live stream, which does not know case ids; the
 * case list (in the caller's scope, through the case proxy) does, by the alert's dedup key. Without the case service
 * the alerts are still returned, just without links.
 */
export async function activeAlerts(kind) {
  const alerts = await api.get(`/api/alerts/active${query({ kind })}`);
  if (!alerts.length) return alerts;
  try {
    const page = await api.get('/api/cases?open=true&limit=500');
    const byKey = new Map(page.items.map(c => [c.dedupKey, c.id]));
    alerts.forEach(a => { a.caseId ??= byKey.get(a.dedupKey) ?? null; });
  } catch {
    // the case service is down or refuses: show the alerts without case links
  }
  return alerts;
}
