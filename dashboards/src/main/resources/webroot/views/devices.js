// Devices the signed-in person may read (through the case proxy: a district operator every device, a vendor their
// own), filtered by type and text. Each row opens the device's page (device-detail.js). The list can be thousands
// long: at most SHOWN rows are drawn, the filter narrows them.
import { api } from '../api.js';
import { t, tv } from '../i18n.js';
import { h, clear } from '../dom.js';
import { dataTable, errorLine, loading, yesNo } from '../widgets.js';

export const TYPES = ['charger', 'crowd', 'gate', 'camera'];
const SHOWN = 200;
let typeFilter = ''; // kept across remounts (a language switch remounts the view)
let textFilter = '';

/** Where a device is: its compound, or a crowd counter's zone, by name where the case service gave one, else by id. */
export function placeOf(device) {
  return device.places?.compound ?? device.places?.zone ?? device.location?.compoundId ?? device.location?.zoneId ?? '';
}

/** Whether a device matches the filters: its type, and the text in its id, place (name or id), vendor or model (any case). */
export function matches(device, type, text) {
  if (type && device.type !== type) return false;
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  const i = device.installation ?? {};
  const at = device.location ?? {};
  return [device.id, placeOf(device), at.compoundId, at.zoneId, i.vendor, i.model, i.firmware]
    .some(v => v?.toLowerCase().includes(needle));
}

function row(d) {
  const i = d.installation ?? {};
  return h('tr', { 'data-testid': `device-${d.id}`, onclick: () => { location.hash = `#/devices/${encodeURIComponent(d.id)}`; } },
    h('td', null, h('a', { href: `#/devices/${encodeURIComponent(d.id)}` }, d.id)),
    h('td', null, tv('deviceType', d.type)),
    h('td', null, placeOf(d)),
    h('td', null, i.vendor ?? '—'), h('td', null, i.model ?? '—'), h('td', null, i.firmware ?? '—'),
    h('td', { 'data-testid': `device-enabled-${d.id}` }, yesNo(d.enabled)));
}

export function mount(root) {
  const box = h('div', { 'data-testid': 'device-list' }, loading());
  const type = h('select', { id: 'device-type', 'data-testid': 'device-type-filter',
    onchange: () => { typeFilter = type.value; render(); } },
  h('option', { value: '' }, t('devices.allTypes')), TYPES.map(x => h('option', { value: x }, tv('deviceType', x))));
  type.value = typeFilter;
  const text = h('input', { id: 'device-search', type: 'search', maxlength: 64, value: textFilter,
    placeholder: t('devices.searchHint'), 'data-testid': 'device-search',
    oninput: () => { textFilter = text.value; render(); } });
  root.append(h('section', { class: 'view devices' }, h('h1', null, t('devices.title')),
    h('div', { class: 'toolbar' }, h('label', { for: 'device-type' }, t('devices.type')), type,
      h('label', { for: 'device-search' }, t('devices.search')), text),
    box));
  let devices = null;

  function render() {
    if (!devices) return;
    const found = devices.filter(d => matches(d, typeFilter, textFilter));
    if (!devices.length) {
      clear(box, h('p', { class: 'muted', 'data-testid': 'no-devices' }, t('devices.none')));
      return;
    }
    clear(box,
      h('p', { class: 'muted', 'data-testid': 'device-count' }, found.length > SHOWN
        ? t('devices.countShown', { shown: SHOWN, count: found.length }) : t('devices.count', { count: found.length })),
      h('div', { class: 'card scroll' }, dataTable('device-table', ['devices.id', 'devices.type', 'devices.place',
        'devices.vendor', 'devices.model', 'devices.firmware', 'devices.enabled'], found.slice(0, SHOWN).map(row))));
  }

  api.get('/api/devices').then(list => {
    devices = (list ?? []).slice().sort((a, b) => a.id.localeCompare(b.id));
    render();
  }).catch(err => clear(box, errorLine(err)));
  return null;
}
