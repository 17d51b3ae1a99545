// node --test: every label the scripts name is in both languages (i18n.js), so no screen shows a bare key or
// falls back to Chinese in the English UI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

globalThis.localStorage = { getItem: () => null, setItem: () => {} };
globalThis.document = { documentElement: {} };
const WEBROOT = new URL('../../main/resources/webroot/', import.meta.url);
const { DICTIONARIES } = await import(new URL('i18n.js', WEBROOT));
const zh = DICTIONARIES['zh-CN'];
const en = DICTIONARIES.en;

function scripts() {
  const files = readdirSync(WEBROOT).filter(f => f.endsWith('.js') && f !== 'i18n.js');
  const views = readdirSync(new URL('views/', WEBROOT)).filter(f => f.endsWith('.js')).map(f => `views/${f}`);
  return [...files, ...views].map(name => ({ name, text: readFileSync(new URL(name, WEBROOT), 'utf8') }));
}

test('both languages have the same labels', () => {
  assert.deepEqual(Object.keys(en).filter(k => !(k in zh)), []);
  assert.deepEqual(Object.keys(zh).filter(k => !(k in en)), []);
});

test('every label a script names as a literal is in both languages', () => {
  const prefixes = new Set(Object.keys(zh).map(k => k.split('.')[0]));
  const missing = [];
  for (const { name, text } of scripts()) {
    for (const [, key] of text.matchAll(/'([a-z][A-Za-z]*\.[A-Za-z0-9_]+)'/g)) {
      if (prefixes.has(key.split('.')[0]) && !(key in zh && key in en)) missing.push(`${name}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});
