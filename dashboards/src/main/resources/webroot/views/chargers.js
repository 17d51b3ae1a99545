// Chargers of a compound: each station as a card (ports with state, power against the limit, temperature), live
// from `charger` events; the compound's active alarms with evidence, "acknowledge" (the verify step of the alarm's
// case) and "stop port" (stop-dialog.js). A stop is a command for a case: a station's ports can be stopped from here
// while one of its alarms has a case (the case service records the command there); otherwise from a case's page.
import { activeAlerts, api, enc } from '../api.js';
import { t, tv, fmtNumber, fmtTime } from '../i18n.js';
import { h, clear, throttle } from '../dom.js';
import { onLive } from '../live.js';
import { levelBadge, rank, caseLink, errorLine, loading, evidenceList, alertSummary, caseOfNotice, newer } from '../widgets.js';
import { openStopDialog } from './stop-dialog.js';
import { mayCommand } from './command-story.js';

const HOT_C = 65; // the firmware's over-temperature stop (domain.md): shown as hot from here
const LEAKAGE_FAULT_MA = 30; // residual-current fault above 30 mA (domain.md)
let selectedCompound = null; // kept across remounts
const acknowledged = new Set(); // alert ids verified from this page, so a refetch does not offer it again
const caseOfStation = new Map(); // deviceId → the case of an open alarm of that station (stops are sent for it)
let commanding = false; // the signed-in role may send charger commands

function bar(value, limit, testid) {
  const share = limit > 0 && value != null ? Math.min(1, value / limit) : 0;
  const over = limit > 0 && value > limit;
  return h('div', { class: `bar${over ? ' over' : ''}`, 'data-testid': testid, role: 'meter', 'aria-valuemin': 0,
    'aria-valuemax': limit ?? 0, 'aria-valuenow': value ?? 0 },
  h('div', { class: 'fill', style: { width: `${(share * 100).toFixed(1)}%` } }),
  h('span', { class: 'bar-text' }, `${fmtNumber(value)} / ${fmtNumber(limit)} W`));
}

function portTile(station, p) {
  const hot = p.tempC != null && p.tempC >= HOT_C;
  const caseId = caseOfStation.get(station.deviceId);
  return h('li', { class: `port state-${p.state}${hot ? ' hot' : ''}`, 'data-testid': `port-${station.deviceId}-${p.port}`,
    'data-state': p.state },
  h('div', { class: 'port-head' }, h('strong', null, t('chargers.port', { port: p.port })), ' ',
    h('span', { class: `state-label state-${p.state}` }, tv('portState', p.state))),
  bar(p.powerW, p.limitW, `power-${station.deviceId}-${p.port}`),
  h('div', { class: hot ? 'hot-text' : 'muted' }, `${fmtNumber(p.tempC, 1)} °C`),
  !commanding ? null : h('button', { type: 'button', class: 'danger small', 'data-testid': `stop-${station.deviceId}-${p.port}`,
    disabled: caseId == null, title: caseId == null ? t('chargers.stopNeedsCase') : null,
    onclick: () => openStopDialog({ caseId, deviceId: station.deviceId, port: p.port }) }, t('chargers.stop')));
}

function stationCard(station) {
  const leakFault = station.leakageMa != null && station.leakageMa > LEAKAGE_FAULT_MA;
  return h('article', { class: `card station${station.online ? '' : ' offline'}`, 'data-testid': `station-${station.deviceId}`,
    'data-online': String(Boolean(station.online)) },
  h('header', { class: 'station-head' }, h('h3', null, station.deviceId),
    h('span', { class: `badge ${station.online ? 'ok' : 'bad'}` }, station.online ? t('chargers.online') : t('chargers.offline')),
    h('span', { class: 'muted' }, t('common.updated', { time: fmtTime(station.updatedAt) }))),
  h('div', { class: 'station-facts' },
    h('div', null, h('span', { class: 'muted' }, t('chargers.totalPower')),
      bar(station.totalPowerW, station.stationLimitW, `total-power-${station.deviceId}`)),
    h('div', { class: leakFault ? 'hot-text' : null }, h('span', { class: 'muted' }, `${t('chargers.leakage')}: `),
      `${fmtNumber(station.leakageMa, 1)} mA`),
    h('div', { class: station.smoke ? 'hot-text' : null, 'data-testid': `smoke-${station.deviceId}` },
      h('span', { class: 'muted' }, `${t('chargers.smoke')}: `), station.smoke ? t('chargers.smokeYes') : t('chargers.smokeNo'))),
  h('ul', { class: 'ports' }, (station.ports ?? []).slice().sort((a, b) => a.port - b.port).map(p => portTile(station, p))));
}

function alarmItem(alert) {
  const result = h('span', { class: 'muted', 'data-testid': `ack-result-${alert.id}`, 'aria-live': 'polite' });
  const ack = h('button', { type: 'button', class: 'primary small', 'data-testid': `ack-${alert.id}`,
    disabled: alert.caseId == null || acknowledged.has(alert.id), title: alert.caseId == null ? t('chargers.noCaseYet') : null,
    onclick: async () => {
      ack.disabled = true;
      try {
        await api.post(`/api/cases/${enc(alert.caseId)}/transitions`, { action: 'verify' });
        acknowledged.add(alert.id);
        ack.textContent = t('chargers.acked');
        result.textContent = '';
      } catch (err) {
        result.textContent = t('common.error', { message: err.message });
        ack.disabled = false;
      }
    } }, acknowledged.has(alert.id) ? t('chargers.acked') : t('chargers.ack'));
  const stop = commanding && alert.port != null && alert.deviceId ? h('button', { type: 'button', class: 'danger small',
    'data-testid': `alarm-stop-${alert.id}`, disabled: alert.caseId == null,
    title: alert.caseId == null ? t('chargers.stopNeedsCase') : null,
    onclick: () => openStopDialog({ caseId: alert.caseId, deviceId: alert.deviceId, port: alert.port }) },
  t('chargers.stopPort', { port: alert.port })) : null;
  return h('li', { 'data-testid': `alarm-${alert.id}`, 'data-type': alert.type, 'data-severity': alert.severity,
    'data-device': alert.deviceId ?? '', 'data-port': alert.port ?? '' },
  h('div', null, levelBadge(alert.severity), ' ', h('strong', null, tv('alertType', alert.type)), ' · ',
    alert.deviceId ?? alert.sourceId, alert.port != null ? ` · ${t('chargers.port', { port: alert.port })}` : ''),
  alertSummary(alert),
  h('div', { class: 'muted' }, t('alert.at', { time: fmtTime(alert.lastEventTs) }), ' · ', caseLink(alert.caseId)),
  h('details', { open: true }, h('summary', null, t('chargers.evidence')), evidenceList(alert.evidence, alert.deviceId)),
  h('div', { class: 'buttons' }, ack, stop, result));
}

export function mount(root, { session } = {}) {
  commanding = mayCommand(session?.role);
  let compounds = [];
  const stations = new Map(); // deviceId → station of the selected compound
  let alarms = [];
  const picker = h('select', { id: 'compound-picker', 'data-testid': 'compound-picker' });
  const stationsBox = h('div', { class: 'stations', 'data-testid': 'stations' }, loading());
  const alarmsBox = h('div', { class: 'card', 'data-testid': 'charger-alarms' });
  root.append(h('section', { class: 'view chargers' },
    h('h1', null, t('chargers.title')),
    h('div', { class: 'toolbar' }, h('label', { for: 'compound-picker' }, t('chargers.compound')), picker),
    alarmsBox, stationsBox));

  const inCompound = alert => alert.location?.compoundId === selectedCompound || stations.has(alert.deviceId);

  function renderStations() {
    clear(stationsBox, stations.size === 0 ? h('p', { class: 'muted' }, t('chargers.noStations'))
      : [...stations.values()].sort((a, b) => a.deviceId.localeCompare(b.deviceId)).map(stationCard));
  }

  function renderAlarms() {
    const mine = alarms.filter(inCompound).sort((a, b) => rank(b.severity) - rank(a.severity));
    const before = JSON.stringify([...caseOfStation]);
    caseOfStation.clear();
    // The most severe alarm's case first: a station's stop buttons send for it.
    mine.forEach(a => a.deviceId && a.caseId != null && !caseOfStation.has(a.deviceId) && caseOfStation.set(a.deviceId, a.caseId));
    if (JSON.stringify([...caseOfStation]) !== before && stations.size > 0) renderStations();
    clear(alarmsBox, h('h2', null, t('chargers.alarms')),
      mine.length === 0 ? h('p', { class: 'muted' }, t('chargers.noAlarms')) : h('ul', { class: 'alerts' }, mine.map(alarmItem)));
  }

  async function loadStations() {
    if (!selectedCompound) return;
    const compound = selectedCompound;
    try {
      const list = await api.get(`/api/chargers?compound=${enc(compound)}`);
      if (compound !== selectedCompound) return;
      const before = new Map(stations);
      stations.clear();
      list.forEach(st => stations.set(st.deviceId, newer(before.get(st.deviceId), st)));
      renderStations();
      renderAlarms();
    } catch (err) {
      clear(stationsBox, errorLine(err));
    }
  }

  async function loadAlarms() {
    try {
      alarms = await activeAlerts('charger');
      renderAlarms();
    } catch (err) {
      clear(alarmsBox, h('h2', null, t('chargers.alarms')), errorLine(err));
    }
  }
  const reloadAlarms = throttle(loadAlarms, 500);

  picker.addEventListener('change', () => {
    selectedCompound = picker.value;
    clear(stationsBox, loading());
    loadStations();
  });

  async function load() {
    try {
      compounds = ((await api.get('/api/places')).compounds ?? []).slice().sort((a, b) => a.id.localeCompare(b.id));
    } catch (err) {
      clear(stationsBox, errorLine(err));
      return;
    }
    if (compounds.length === 0) {
      picker.disabled = true;
      clear(stationsBox, h('p', { class: 'muted', 'data-testid': 'no-compounds' }, t('chargers.noCompounds')));
      return;
    }
    if (!compounds.some(c => c.id === selectedCompound)) selectedCompound = compounds[0].id;
    clear(picker, compounds.map(c => h('option', { value: c.id, 'data-testid': `compound-${c.id}` }, `${c.name} (${c.id})`)));
    picker.value = selectedCompound;
    loadStations();
  }

  const offs = [
    onLive('charger', station => {
      if (station.compoundId !== selectedCompound) return;
      const old = stationsBox.querySelector(`[data-testid="station-${CSS.escape(station.deviceId)}"]`);
      const latest = newer(stations.get(station.deviceId), station);
      stations.set(station.deviceId, latest);
      if (old) old.replaceWith(stationCard(latest));
      else renderStations();
    }),
    onLive('alert', a => !a.type?.startsWith('crowd') && reloadAlarms()),
    // Opening a case gives its alarm a caseId (needed to acknowledge): refetch on charger-category notices.
    onLive('case', notice => (caseOfNotice(notice)?.categoryCode ?? '01-').match(/^0[12]-/) && reloadAlarms()),
    onLive('resync', () => {
      loadStations();
      loadAlarms();
    }),
  ];
  load();
  loadAlarms();
  return () => {
    offs.forEach(off => off());
    reloadAlarms.cancel();
  };
}
