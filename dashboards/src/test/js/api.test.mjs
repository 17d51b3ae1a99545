// node --test: every change the front end asks for carries the session's CSRF token (api.js, the one place requests
// are made); reads do not need it. The browser's globals are stood in for before api.js is loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const sent = [];
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
globalThis.document = { documentElement: {}, cookie: 'other=1; anju_csrf=tok%2Ben-42; anju_x=2' };
globalThis.fetch = async (path, init) => {
  sent.push({ path, init });
  return { ok: true, status: 200, statusText: 'OK', text: async () => '{}' };
};
const { api, csrfToken } = await import('../../main/resources/webroot/api.js');

test('a change is JSON and carries the token from the anju_csrf cookie', async () => {
  sent.length = 0;
  await api.post('/api/cases/7/transitions', { action: 'verify' });
  await api.del('/api/session');
  assert.equal(sent.length, 2);
  for (const { init } of sent) assert.equal(init.headers['X-CSRF-Token'], 'tok+en-42');
  assert.equal(sent[0].init.headers['Content-Type'], 'application/json');
  assert.equal(sent[0].init.body, '{"action":"verify"}');
});

test('the sign-in, sent before there is a token, goes without one', async () => {
  sent.length = 0;
  const cookie = globalThis.document.cookie;
  globalThis.document.cookie = '';
  await api.post('/api/session', { name: 'a', password: 'b' });
  globalThis.document.cookie = cookie;
  assert.equal(sent[0].init.headers['X-CSRF-Token'], undefined);
  assert.equal(sent[0].init.headers['Content-Type'], 'application/json');
});

test('a read sends no token', async () => {
  sent.length = 0;
  await api.get('/api/places');
  assert.equal(sent[0].init.headers['X-CSRF-Token'], undefined);
});

test('the token is read from among other cookies', () => {
  assert.equal(csrfToken('a=1; anju_csrf=xyz'), 'xyz');
  assert.equal(csrfToken('anju_csrf_other=1'), null);
  assert.equal(csrfToken(''), null);
});

test('a request that gets no answer says so in the UI language, the browser\'s words as the detail', async () => {
  const fetch = globalThis.fetch;
  globalThis.fetch = async () => {
    throw new TypeError('Failed to fetch');
  };
  try {
    await assert.rejects(api.get('/api/places'), e => e.status === 0 && e.error === 'network'
      && e.message === '无法连接服务器，请检查网络' && e.body.detail === 'Failed to fetch');
  } finally {
    globalThis.fetch = fetch;
  }
});
