// node --test: the command story read from a case's history (views/command-story.js), without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// i18n.js reads the remembered language and sets the page's at import.
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
globalThis.document = { documentElement: {} };
const { commandStory, commandSettled, storyOf } = await import('../../main/resources/webroot/views/command-story.js');

const ID = 'c0ffee00-0000-4000-8000-000000000001';
const CHARGER = 'chg-0001-1';
const OTHER = 'chg-0002-1';
const issued = { seq: 1, kind: 'command', actor: 'property', at: '2026-12-07T01:43:01.520Z',
  data: { commandId: ID, action: 'resume_port', port: 1, deviceId: CHARGER, source: 'request', outcome: 'issued' } };
const reply = { seq: 2, kind: 'command', actor: 'system', at: '2026-12-07T01:43:01.629Z',
  data: { commandId: ID, source: 'reply', outcome: 'ok', detail: 'port 1 resumed', deviceId: CHARGER, at: 1796607781520 } };
const held = { seq: 2, kind: 'command', actor: 'system', at: '2026-12-07T01:43:01.600Z',
  data: { commandId: ID, source: 'delivery', outcome: 'held', deviceId: CHARGER, at: 1796607781600 } };
const delivered = { seq: 3, kind: 'command', actor: 'system', at: '2026-12-07T01:43:01.642Z',
  data: { commandId: ID, source: 'delivery', outcome: 'delivered', deviceId: CHARGER, at: 1796607781527 } };
/** Another charger answering with the command's id: filed in the case before the gateway refused such replies. */
const otherDevicesReply = { seq: 4, kind: 'command', actor: 'system', at: '2026-12-07T01:43:01.611Z',
  data: { commandId: ID, source: 'reply', outcome: 'failed', detail: 'not mine', deviceId: OTHER, at: 1796607781511 } };
const timedOut = { ...delivered, data: { ...delivered.data, outcome: 'timeout' } };

const story = (...history) => storyOf(history, CHARGER, ID);

test('a command just issued is not settled', () => {
  assert.equal(commandSettled(story(issued)), false);
  assert.equal(commandSettled(undefined), false);
});

test('the reply alone does not settle it: the delivery report is often filed after it', () => {
  const s = story(issued, reply);
  assert.equal(s.reply.status, 'ok');
  assert.equal(s.delivery, undefined);
  assert.equal(commandSettled(s), false);
});

test('the reply and the delivery report settle it, in either order', () => {
  assert.equal(commandSettled(story(issued, reply, delivered)), true);
  assert.equal(commandSettled(story(issued, delivered, reply)), true);
  assert.equal(story(issued, reply, delivered).delivery.outcome, 'delivered');
});

test('held for an offline device, the command waits for its delivery even once the reply is in', () => {
  assert.equal(commandSettled(story(issued, held)), false);
  assert.equal(commandSettled(story(issued, held, reply)), false);
  assert.equal(commandSettled(story(issued, held, reply, delivered)), true);
});

test('a delivery after which no reply comes settles it without one', () => {
  assert.equal(commandSettled(story(issued, timedOut)), true);
});

test("another device's reply with the command's id neither settles the command nor becomes its reply", () => {
  for (const history of [[issued, delivered, otherDevicesReply], [issued, otherDevicesReply, delivered]]) {
    const s = story(...history);
    assert.equal(s.reply, undefined);
    assert.equal(s.delivery.outcome, 'delivered');
    assert.equal(commandSettled(s), false);
  }
  const s = story(issued, otherDevicesReply, delivered, reply);
  assert.equal(s.reply.status, 'ok', "the command's own device's reply counts");
  assert.equal(commandSettled(s), true);
});

test("another device's reply shows as an item of its own, under a key of its own", () => {
  const items = commandStory([issued, otherDevicesReply, delivered]);
  assert.deepEqual(items.map(c => [c.deviceId, c.key]), [[CHARGER, ID], [OTHER, `${ID}-${OTHER}`]]);
  assert.equal(storyOf([issued, otherDevicesReply], OTHER, ID).reply.status, 'failed');
  assert.equal(storyOf([issued], OTHER, ID), undefined);
});
