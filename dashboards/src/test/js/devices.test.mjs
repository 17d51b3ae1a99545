// node --test: the device list's filter (views/devices.js), without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.localStorage = { getItem: () => null, setItem: () => {} };
globalThis.document = { documentElement: {} };
const { matches, placeOf } = await import('../../main/resources/webroot/views/devices.js');

const charger = { id: 'chg-0001-1', type: 'charger', enabled: true, location: { compoundId: 'cmp-0001', gridId: 'g-1' },
  installation: { vendor: 'Acme', model: 'EB-10', firmware: '2.1.0' } };
const counter = { id: 'crowd-bym-1', type: 'crowd', enabled: true, location: { zoneId: 'zone-bym-01' } };

test('a device is placed in its compound, a crowd counter in its zone, by name where there is one', () => {
  assert.equal(placeOf(charger), 'cmp-0001');
  assert.equal(placeOf(counter), 'zone-bym-01');
  assert.equal(placeOf({ ...charger, places: { compound: '莲湖花园', community: '北院门社区' } }), '莲湖花园');
  assert.equal(placeOf({ ...counter, places: { zone: '北院门南口' } }), '北院门南口');
});

test('the filter narrows by type and by text in the id, place, vendor, model or firmware, in any case', () => {
  assert.equal(matches(charger, '', ''), true);
  assert.equal(matches(charger, 'crowd', ''), false);
  assert.equal(matches(charger, 'charger', ' acme '), true);
  assert.equal(matches(charger, '', 'eb-1'), true);
  assert.equal(matches(charger, '', 'CMP-0001'), true);
  assert.equal(matches(counter, '', 'acme'), false, 'a device without an installation has no vendor to match');
  assert.equal(matches(counter, '', 'bym-01'), true);
  const named = { ...charger, places: { compound: '莲湖花园' } };
  assert.equal(matches(named, '', '莲湖'), true, 'by the place\'s name');
  assert.equal(matches(named, '', 'cmp-0001'), true, 'and still by its id');
});
