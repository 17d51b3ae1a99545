// One fetch wrapper for the dashboards API (docs/dashboards-api.md). The session is an HttpOnly cookie, so nothing
// here handles tokens; a 401 anywhere but the sign-in itself means the session ended, and the app goes to login.
export class ApiError extends Error {
  constructor(status, error, message) {
    super(message || error);
    this.status = status;
    this.error = error;
  }
}

let onUnauthorized = () => {};

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
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
    throw new ApiError(res.status, data?.error ?? `http_${res.status}`, data?.message ?? (text || res.statusText));
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
