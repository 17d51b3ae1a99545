// The live stream (GET /api/live, server-sent events). Views subscribe per event kind and unsubscribe when they
// unmount. The browser retries a dropped stream by itself, but gives up for good when the server answers with an
// error status (e.g. 401 after the session expired); then we retry with back-off and let the app check the session.
// After any reconnect, events may have been missed: subscribers of 'resync' reload what they show.
// The stream speaks the UI's language (?lang=): the case service words its relayed case notices (titles, history
// notes) in it. A language change reopens the stream in the new language, followed by a 'resync'.
import { lang, onLangChange } from './i18n.js';

const KINDS = ['zone', 'charger', 'alert', 'case', 'ops'];
const MAX_RETRY_MS = 30000;

const handlers = new Map();
const statusListeners = new Set();
let source = null;
let retryMs = 1000;
let retryTimer = null;
let everOpened = false;
let onClosed = () => {};

function emit(kind, payload) {
  (handlers.get(kind) ?? []).forEach(fn => {
    try {
      fn(payload);
    } catch (e) {
      console.error(`live ${kind} handler failed`, e);
    }
  });
}

function setStatus(status) {
  statusListeners.forEach(fn => fn(status));
}

function open() {
  retryTimer = null;
  source = new EventSource(`/api/live?lang=${encodeURIComponent(lang())}`);
  source.onopen = () => {
    retryMs = 1000;
    setStatus('live');
    if (everOpened) emit('resync', null);
    everOpened = true;
  };
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED) {
      setStatus('reconnecting');
      return;
    }
    source = null;
    setStatus('down');
    onClosed();
    retryTimer = setTimeout(open, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };
  for (const kind of KINDS) {
    source.addEventListener(kind, e => {
      let data;
      try {
        data = JSON.parse(e.data);
      } catch {
        console.warn(`live ${kind}: not JSON`, e.data);
        return;
      }
      emit(kind, data);
    });
  }
}

export function connectLive(closedHook) {
  onClosed = closedHook ?? (() => {});
  if (!source && !retryTimer) open();
}

export function disconnectLive() {
  clearTimeout(retryTimer);
  retryTimer = null;
  source?.close();
  source = null;
  everOpened = false;
  setStatus('down');
}

onLangChange(() => {
  if (!source) return; // signed out, or waiting to retry: the next open asks for the new language
  source.close();
  open();
});

/** onLive('zone', z => ...) → a function that unsubscribes. Kinds: zone charger alert case ops resync. */
export function onLive(kind, fn) {
  if (!handlers.has(kind)) handlers.set(kind, new Set());
  handlers.get(kind).add(fn);
  return () => handlers.get(kind).delete(fn);
}

export function onLiveStatus(fn) {
  statusListeners.add(fn);
  return () => statusListeners.delete(fn);
}
