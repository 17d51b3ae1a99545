// node --test: the live stream asks for the UI's language, and a language change reopens it in the new one and then
// tells the views to reload what they show (live.js). The browser's globals are stood in for before it is loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const opened = [];
class FakeEventSource {
  static CLOSED = 2;
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    opened.push(this);
  }
  addEventListener() {}
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}
globalThis.EventSource = FakeEventSource;
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
globalThis.document = { documentElement: {} };
const { setLang } = await import('../../main/resources/webroot/i18n.js');
const { connectLive, onLive } = await import('../../main/resources/webroot/live.js');

test('the stream is opened in the UI language and reopened in the new one on a change, with a resync', () => {
  connectLive();
  assert.equal(opened.length, 1);
  assert.equal(opened[0].url, '/api/live?lang=zh-CN');
  opened[0].onopen();

  let resyncs = 0;
  onLive('resync', () => resyncs++);
  setLang('en');
  assert.equal(opened[0].readyState, FakeEventSource.CLOSED, 'the Chinese stream is closed');
  assert.equal(opened.length, 2);
  assert.equal(opened[1].url, '/api/live?lang=en');
  opened[1].onopen();
  assert.equal(resyncs, 1, 'what was missed while it reopened is read again');
});
