// node --test: a view's reloads on notices (changes.js), with a load the test finishes by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followChanges } from '../../main/resources/webroot/changes.js';

/** A load that records its arguments and finishes when the test says so. */
function manualLoad() {
  const calls = [];
  const pending = [];
  const load = (...args) => {
    calls.push(args);
    return new Promise(resolve => pending.push(resolve));
  };
  const finishNext = async () => {
    pending.shift()();
    await new Promise(resolve => setImmediate(resolve));
  };
  return { load, calls, finishNext, get running() { return pending.length; } };
}

test('a notice while nothing is read reads at once', () => {
  const l = manualLoad();
  followChanges(l.load).changed();
  assert.equal(l.calls.length, 1);
});

test('a notice during a read is not dropped: one more read follows it, however many notices came', async () => {
  const l = manualLoad();
  const reads = followChanges(l.load);
  reads.load('step done');
  reads.changed();
  reads.changed();
  assert.equal(l.calls.length, 1, 'nothing more while the first read is under way');
  await l.finishNext();
  assert.deepEqual(l.calls, [['step done'], []]);
  await l.finishNext();
  assert.equal(l.calls.length, 2, 'no read without a notice');
  assert.equal(l.running, 0);
});

test('the read after the notices waits for every read under way', async () => {
  const l = manualLoad();
  const reads = followChanges(l.load);
  reads.load();
  reads.load('step done');
  reads.changed();
  await l.finishNext();
  assert.equal(l.calls.length, 2);
  await l.finishNext();
  assert.equal(l.calls.length, 3);
});

test('a failed read still lets the missed notice read again', async () => {
  let first = true;
  const calls = [];
  const reads = followChanges(async () => {
    calls.push(1);
    if (first) {
      first = false;
      await Promise.resolve();
      throw new Error('case service unreachable');
    }
  });
  const failed = reads.load().catch(e => e.message);
  reads.changed();
  assert.equal(await failed, 'case service unreachable');
  await new Promise(resolve => setImmediate(resolve));
  assert.equal(calls.length, 2);
});
