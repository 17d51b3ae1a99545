// One device: its registry record, its last known state (the case service's twin: connection, last seen, firmware,
// signal, a charger's ports, the last event and error, open alerts) and its diagnostics (connection history, the last
// rejected payloads with the rule each broke, command history). Read through the case proxy, which answers only
// for devices the person may see; the page reads again every REFRESH_MS. A device with no twin yet shows "no state
// yet"; a part the case service cannot answer shows its error alone, the rest of the page stays.
import { api, enc } from '../api.js';
import { t, tv, fmtNumber, fmtTime } from '../i18n.js';
import { h, clear } from '../dom.js';
import { dataTable, levelBadge, errorLine, loading, yesNo } from '../widgets.js';
import { placeOf } from './devices.js';

const REFRESH_MS = 10000;

function fact(labelKey, value, testid) {
  return value == null || value === '' ? null : [h('dt', null, t(labelKey)), h('dd', { 'data-testid': testid }, value)];
}

function table(testid, headKeys, rows, emptyKey) {
  if (!rows?.length) return h('p', { class: 'muted', 'data-testid': `${testid}-empty` }, t(emptyKey));
  return h('div', { class: 'scroll' }, dataTable(testid, headKeys, rows));
}

function payloadText(payload) {
  return payload == null ? null : h('code', { class: 'payload' }, JSON.stringify(payload));
}

function recordCard(d) {
  const i = d.installation ?? {};
  return h('section', { class: 'card', 'data-testid': 'device-record' }, h('h2', null, t('device.record')),
    h('dl', { class: 'facts' },
      fact('devices.type', tv('deviceType', d.type), 'device-type'),
      fact('device.place', placeText(d), 'device-place'),
      fact('devices.vendor', i.vendor, 'device-vendor'),
      fact('devices.model', i.model, 'device-model'),
      fact('devices.firmware', i.firmware, 'device-firmware'),
      fact('device.installedOn', i.installedOn, 'device-installed-on'),
      fact('device.propertyCompany', i.propertyCompany, 'device-property-company'),
      fact('devices.enabled', yesNo(d.enabled), 'device-enabled'),
      d.charger ? fact('device.ports', t('device.portsSpec', { ports: d.charger.ports, limit: fmtNumber(d.charger.portLimitW) }),
        'device-ports-spec') : null));
}

function portRows(ports) {
  return (ports ?? []).slice().sort((a, b) => a.no - b.no).map(p => h('tr', { 'data-testid': `twin-port-${p.no}`,
    'data-state': p.state },
  h('td', { class: 'num' }, p.no), h('td', { class: `state-label state-${p.state}` }, tv('portState', p.state)),
  h('td', { class: 'num' }, fmtNumber(p.voltageV, 1)), h('td', { class: 'num' }, fmtNumber(p.currentA, 2)),
  h('td', { class: 'num' }, fmtNumber(p.powerW, 1)), h('td', { class: 'num' }, fmtNumber(p.energyWh, 0)),
  h('td', { class: 'num' }, fmtNumber(p.tempC, 1)), h('td', null, fmtTime(p.receivedAt))));
}

// An open case as the twin lists it (cases' OpenAlert: caseId, caseNo, alertType, severity, state, port).
function alertItem(c, canOpenCases) {
  const id = c.caseId;
  const label = [c.caseNo ?? `#${id}`, tv('alertType', c.alertType), c.port != null ? `P${c.port}` : null]
    .filter(Boolean).join(' ');
  return h('li', { 'data-testid': `twin-alert-${id}` }, levelBadge(c.severity), ' ',
    canOpenCases && id != null ? h('a', { href: `#/cases/${enc(id)}` }, label) : label,
    c.state ? h('span', { class: 'muted' }, ` · ${tv('state', c.state)}`) : null);
}

// The place as people name it (the case service adds the registry's names), each id where there is no name.
function placeText(d) {
  const at = d.location ?? {};
  const names = d.places ?? {};
  return [placeOf(d), at.gridId, names.community ?? at.communityId, names.subDistrict ?? at.subDistrictId]
    .filter(Boolean).join(' · ');
}

function stateCard(content) {
  return h('section', { class: 'card', 'data-testid': 'device-state' }, h('h2', null, t('device.state')), content);
}

function stateOf(twin, canOpenCases) {
  if (twin === null) return h('p', { class: 'muted', 'data-testid': 'device-no-state' }, t('device.noState'));
  const c = twin.connection;
  const s = twin.status;
  const e = twin.lastError;
  return [h('dl', { class: 'facts' },
    fact('device.connection', c ? [tv('connection', c.state), ` · ${t('device.since', { time: fmtTime(c.since) })}`,
      c.protocol ? ` · MQTT ${c.protocol}` : '', c.node ? ` · ${c.node}` : '', c.code ? ` · ${c.code}` : ''].join('')
      : t('device.neverConnected'), 'device-connection'),
    fact('device.lastSeen', twin.lastSeenAt != null ? fmtTime(twin.lastSeenAt) : t('device.neverSeen'), 'device-last-seen'),
    fact('device.status', s ? `${tv('connection', s.state)} · ${fmtTime(s.receivedAt)}` : null, 'device-status'),
    fact('device.reportedFirmware', s?.firmware, 'device-reported-firmware'),
    fact('device.rssi', s?.rssi != null ? `${s.rssi} dBm` : null, 'device-rssi'),
    fact('device.lastEvent', twin.lastEvent ? [fmtTime(twin.lastEvent.receivedAt), ' ', payloadText(twin.lastEvent.payload)]
      : null, 'device-last-event'),
    fact('device.lastError', e ? `${fmtTime(e.at)} · ${tv('diagKind', e.kind)} · ${e.code}${e.reason ? ` · ${e.reason}` : ''}`
      : null, 'device-last-error'),
    twin.type !== 'charger' && twin.telemetry ? fact('device.telemetry', [fmtTime(twin.telemetry.receivedAt), ' ',
      payloadText(twin.telemetry.payload)], 'device-telemetry') : null),
  twin.ports?.length ? [h('h3', null, t('device.portsNow')), table('device-port-table', ['device.port', 'device.portState',
    'device.voltage', 'device.current', 'device.power', 'device.energy', 'device.temp', 'device.at'], portRows(twin.ports),
  'device.noPorts')] : null,
  h('h3', null, t('device.openAlerts')),
  twin.openAlerts?.length ? h('ul', { class: 'plain', 'data-testid': 'device-open-alerts' },
    twin.openAlerts.map(a => alertItem(a, canOpenCases)))
    : h('p', { class: 'muted', 'data-testid': 'device-no-alerts' }, t('device.noAlerts'))];
}

function diagnosticsCards(diag, canOpenCases) {
  const connections = (diag.connections ?? []).map((x, i) => h('tr', { 'data-testid': `connection-${i}`, 'data-kind': x.kind },
    h('td', null, fmtTime(x.ts)), h('td', null, tv('diagKind', x.kind)), h('td', null, x.code ?? ''),
    h('td', null, x.reason ?? ''), h('td', null, x.protocol ?? ''), h('td', null, x.remote ?? ''), h('td', null, x.node ?? '')));
  const rejections = (diag.rejections ?? []).map((x, i) => h('tr', { 'data-testid': `rejection-${i}`, 'data-code': x.code },
    h('td', null, fmtTime(x.ts)), h('td', null, tv('diagKind', x.kind)), h('td', null, h('strong', null, x.code ?? '')),
    h('td', { class: 'wrap' }, x.reason ?? ''), h('td', null, x.topic ?? ''),
    h('td', { class: 'wrap' }, x.excerpt != null ? h('code', { class: 'payload' }, x.excerpt) : ''),
    h('td', { class: 'num' }, x.payloadBytes != null ? fmtNumber(x.payloadBytes) : '')));
  const commands = (diag.commands ?? []).map((x, i) => h('tr', { 'data-testid': `command-${i}`, 'data-kind': x.kind },
    h('td', null, fmtTime(x.at)), h('td', null, tv('commandKind', x.kind)),
    h('td', null, x.action ? tv('commandAction', x.action) : ''), h('td', { class: 'num' }, x.port ?? ''),
    h('td', null, x.outcome ?? ''), h('td', { class: 'wrap' }, x.detail ?? ''),
    h('td', null, x.caseId == null ? '' : canOpenCases ? h('a', { href: `#/cases/${enc(x.caseId)}` }, `#${x.caseId}`)
      : `#${x.caseId}`)));
  return [
    h('section', { class: 'card', 'data-testid': 'device-connections' }, h('h2', null, t('device.connections')),
      table('connection-table', ['device.at', 'device.kind', 'device.code', 'device.reason', 'device.protocol',
        'device.remote', 'device.node'], connections, 'device.noConnections')),
    h('section', { class: 'card', 'data-testid': 'device-rejections' }, h('h2', null, t('device.rejections')),
      table('rejection-table', ['device.at', 'device.kind', 'device.rule', 'device.reason', 'device.topic',
        'device.excerpt', 'device.bytes'], rejections, 'device.noRejections')),
    h('section', { class: 'card', 'data-testid': 'device-commands' }, h('h2', null, t('device.commands')),
      table('command-table', ['device.at', 'device.kind', 'device.action', 'device.port', 'device.outcome',
        'device.detail', 'device.case'], commands, 'device.noCommands'))];
}

/** What a read answered: its value, null for "not found" when that is allowed, or the error to show in its place. */
async function read(path, notFoundIsNull = false) {
  try {
    return { value: await api.get(path) };
  } catch (err) {
    return notFoundIsNull && err.status === 404 ? { value: null } : { error: err };
  }
}

export function mount(root, { params, canOpenCases }) {
  const id = params.id;
  const box = h('section', { class: 'view device-detail', 'data-testid': 'device-detail', 'data-device-id': id }, loading());
  root.append(box);
  const back = () => h('a', { href: '#/devices', class: 'back', 'data-testid': 'back-to-devices' }, t('devices.back'));
  let timer = null;
  let stopped = false;

  async function load() {
    clearTimeout(timer);
    const base = `/api/devices/${enc(id)}`;
    const [device, twin, diag] = await Promise.all([read(base), read(`${base}/twin`, true),
      read(`${base}/diagnostics`)]);
    if (stopped) return;
    if (device.error?.status === 404) {
      clear(box, back(), h('p', { class: 'notice', 'data-testid': 'device-not-found' }, t('device.notFound', { id })));
      return; // nothing to follow
    }
    if (device.error) {
      clear(box, back(), errorLine(device.error));
    } else {
      clear(box, back(), h('h1', null, id),
        h('p', { class: 'muted' }, t('common.updated', { time: fmtTime(Date.now()) })),
        h('div', { class: 'columns' },
          h('div', null, recordCard(device.value),
            stateCard(twin.error ? errorLine(twin.error) : stateOf(twin.value, canOpenCases))),
          h('div', null, diag.error ? h('section', { class: 'card' }, h('h2', null, t('device.diagnostics')),
            errorLine(diag.error)) : diagnosticsCards(diag.value, canOpenCases))));
    }
    timer = setTimeout(load, REFRESH_MS);
  }

  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
