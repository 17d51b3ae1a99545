// Beiyuanmen street: the zone schematic coloured by warning level (live `zone` events), per-zone figures with the
// forecast, the inflow at the entrances, a zone's last 3 hours (InfluxDB through /api/crowd/history) and the active
// crowd warnings with their cases.
import { activeAlerts, api, enc } from '../api.js';
import { t, tv, fmtNumber, fmtPercent, fmtTime, fmtClockSeconds } from '../i18n.js';
import { h, s, clear, throttle } from '../dom.js';
import { onLive } from '../live.js';
import { lineChart } from '../chart.js';
import { LEVELS, levelBadge, rank, caseLink, errorLine, loading, evidenceList, alertSummary, caseOfNotice, newer } from '../widgets.js';

let selectedZone = null; // kept across remounts (a language switch remounts the view)

export function mount(root) {
  const zones = new Map(); // id → Zone from /api/places
  const live = new Map(); // id → live state from /api/crowd/zones and `zone` events
  let alerts = [];

  const mapBox = h('div', { class: 'card map-card' });
  const tableBox = h('div', { class: 'card' });
  const inflowBox = h('div', { class: 'card' });
  const historyBox = h('div', { class: 'card', 'data-testid': 'zone-history' }, h('p', { class: 'muted' }, t('crowd.historyHint')));
  const alertsBox = h('div', { class: 'card', 'data-testid': 'crowd-alerts' });
  root.append(h('section', { class: 'view crowd' },
    h('h1', null, t('crowd.title')), mapBox,
    h('div', { class: 'columns' }, h('div', null, tableBox, inflowBox), h('div', null, alertsBox, historyBox))));
  mapBox.append(loading());

  const ordered = () => [...zones.values()];
  const stateOf = id => live.get(id) ?? { zoneId: id, level: 'none' };
  // A silent counter's figures are frozen at its last reading: say so instead of drawing them as live.
  const staleText = z => (!z.stale ? null
    : z.updatedAt ? t('crowd.staleSince', { time: fmtClockSeconds(z.updatedAt) }) : t('crowd.noData'));
  const forecastText = z => (z.forecastMin != null && z.nextLevel
    ? t('crowd.forecastText', { min: fmtNumber(z.forecastMin), level: tv('level', z.nextLevel) }) : '—');

  function renderMap() {
    const legend = h('ul', { class: 'legend', 'aria-label': t('crowd.legend') },
      h('li', { class: 'muted' }, t('crowd.legend')),
      LEVELS.map(level => h('li', null, levelBadge(level))));
    const svg = s('svg', { viewBox: '0 0 1000 400', class: 'zone-map', role: 'group', 'aria-label': t('crowd.map'),
      'data-testid': 'crowd-map' },
    ordered().map(zone => {
      const state = stateOf(zone.id);
      const level = state.level ?? 'none';
      const stale = staleText(state);
      const size = Math.max(10, Math.min(18, zone.w / 8));
      const select = () => selectZone(zone.id);
      const label = t('crowd.zoneLabel', { zone: zone.name, level: tv('level', level), occupancy: state.occupancy ?? '—' });
      return s('g', {
        class: `zone level-${level}${stale ? ' stale' : ''}${selectedZone === zone.id ? ' selected' : ''}`,
        'data-testid': `zone-${zone.id}`, 'data-level': level, 'data-stale': stale ? 'true' : 'false', tabindex: 0,
        role: 'button', 'aria-label': stale ? `${label} · ${stale}` : label,
        onclick: select, onkeydown: e => (e.key === 'Enter' || e.key === ' ') && select(),
      },
      s('rect', { x: zone.x, y: zone.y, width: zone.w, height: zone.h, rx: 6 }),
      s('text', { x: zone.x + 6, y: zone.y + size + 4, 'font-size': size, class: 'zone-name' }, zone.name),
      s('text', { x: zone.x + 6, y: zone.y + 2 * size + 10, 'font-size': size, class: 'zone-level' },
        `${tv('level', level)} · ${state.occupancy ?? '—'}`),
      stale ? s('text', { x: zone.x + 6, y: zone.y + 3 * size + 16, 'font-size': size, class: 'zone-stale',
        'data-testid': `zone-stale-${zone.id}` }, stale) : null,
      zone.entrance ? s('text', { x: zone.x + zone.w - 6, y: zone.y + zone.h - 6, 'font-size': size, 'text-anchor': 'end',
        class: 'zone-entrance' }, `⇢ ${t('crowd.entrance')}`) : null);
    }));
    clear(mapBox, legend, svg);
  }

  function renderTable() {
    const rows = ordered().map(zone => {
      const z = stateOf(zone.id);
      const stale = staleText(z);
      return h('tr', { 'data-testid': `zone-row-${zone.id}`, 'data-level': z.level ?? 'none',
        'data-stale': stale ? 'true' : 'false',
        class: [selectedZone === zone.id ? 'selected' : null, stale ? 'stale' : null].filter(Boolean).join(' ') || null,
        onclick: () => selectZone(zone.id) },
      h('td', null, zone.name, zone.entrance ? h('span', { class: 'muted' }, ` (${t('crowd.entrance')})`) : null,
        stale ? h('div', { class: 'stale-note', 'data-testid': `zone-row-stale-${zone.id}` }, stale) : null),
      h('td', null, levelBadge(z.level)),
      h('td', { class: 'num' }, fmtNumber(z.occupancy)),
      h('td', { class: 'num' }, fmtNumber(z.density, 2)),
      h('td', { class: 'num' }, fmtPercent(z.share)),
      h('td', { class: 'num' }, `${fmtNumber(z.inPerMin)} / ${fmtNumber(z.outPerMin)}`),
      h('td', { 'data-testid': `forecast-${zone.id}` }, forecastText(z)));
    });
    clear(tableBox, h('div', { class: 'scroll' }, h('table', { class: 'data', 'data-testid': 'zone-table' },
      h('thead', null, h('tr', null, ['crowd.zone', 'crowd.level', 'crowd.occupancy', 'crowd.density', 'crowd.share',
        'crowd.inOut', 'crowd.forecast'].map(key => h('th', null,
        key === 'crowd.density' ? `${t(key)} (${t('unit.density')})` : t(key))))),
      h('tbody', null, rows))));
  }

  // Inflow matters as well as density (domain.md): entrances listed by how many people come in per minute.
  function renderInflow() {
    const entrances = ordered().filter(z => z.entrance)
      .map(zone => ({ zone, state: stateOf(zone.id) }))
      .sort((a, b) => (b.state.inPerMin ?? 0) - (a.state.inPerMin ?? 0));
    clear(inflowBox, h('h2', null, t('crowd.inflowTitle')),
      h('ul', { class: 'plain', 'data-testid': 'entrance-inflow' }, entrances.map(({ zone, state }) =>
        h('li', { 'data-testid': `inflow-${zone.id}` }, levelBadge(state.level), ' ', zone.name, ': ',
          h('strong', null, fmtNumber(state.inPerMin)), ` ${t('unit.perMin')}`))));
  }

  function renderAlerts() {
    const items = [...alerts].sort((a, b) => rank(b.severity) - rank(a.severity));
    clear(alertsBox, h('h2', null, t('crowd.alerts')),
      items.length === 0 ? h('p', { class: 'muted' }, t('crowd.noAlerts')) : h('ul', { class: 'alerts' }, items.map(a =>
        h('li', { 'data-testid': `alert-${a.id}`, 'data-type': a.type, 'data-severity': a.severity,
          'data-zone': a.location?.zoneId ?? a.sourceId },
        h('div', null, levelBadge(a.severity), ' ', h('strong', null, tv('alertType', a.type)), ' · ',
          zones.get(a.location?.zoneId)?.name ?? a.sourceId),
        alertSummary(a),
        h('div', { class: 'muted' }, t('alert.at', { time: fmtTime(a.lastEventTs) }), ' · ', caseLink(a.caseId)),
        evidenceList(a.evidence)))));
  }

  async function selectZone(id) {
    selectedZone = id;
    renderMap();
    renderTable();
    const zone = zones.get(id);
    clear(historyBox, h('h2', null, t('crowd.historyTitle', { zone: zone?.name ?? id })), loading());
    try {
      const history = await api.get(`/api/crowd/history?zone=${enc(id)}&hours=3`);
      if (selectedZone !== id) return; // another zone was clicked meanwhile
      const points = history.points ?? [];
      clear(historyBox, h('h2', null, t('crowd.historyTitle', { zone: zone?.name ?? id })),
        points.length === 0 ? h('p', { class: 'muted', 'data-testid': 'history-empty' }, t('crowd.noHistory')) : [
          lineChart(points, { key: 'occupancy', label: t('crowd.occupancy'), testid: 'history-occupancy', cssClass: 'series-a' }),
          lineChart(points, { key: 'density', label: `${t('crowd.density')} (${t('unit.density')})`, digits: 2,
            testid: 'history-density', cssClass: 'series-b' })]);
    } catch (err) {
      if (selectedZone !== id) return;
      clear(historyBox, h('h2', null, t('crowd.historyTitle', { zone: zone?.name ?? id })),
        err.status === 503 ? h('p', { class: 'muted', 'data-testid': 'history-unavailable' }, t('crowd.historyUnavailable'))
          : errorLine(err));
    }
  }

  const renderLive = throttle(() => {
    renderMap();
    renderTable();
    renderInflow();
  }, 200);

  async function loadAlerts() {
    try {
      alerts = await activeAlerts('crowd');
      renderAlerts();
    } catch (err) {
      clear(alertsBox, h('h2', null, t('crowd.alerts')), errorLine(err));
    }
  }
  const reloadAlerts = throttle(loadAlerts, 500);

  async function load() {
    try {
      const [places, states] = await Promise.all([api.get('/api/places'), api.get('/api/crowd/zones')]);
      zones.clear();
      (places.zones ?? []).forEach(zone => zones.set(zone.id, zone));
      // A `zone` event that arrived while the request was out is newer than the answer: keep it.
      states.forEach(z => live.set(z.zoneId, newer(live.get(z.zoneId), z)));
      if (zones.size === 0) {
        clear(mapBox, h('p', { class: 'muted', 'data-testid': 'no-zones' }, t('crowd.noZones')));
        return;
      }
      renderMap();
      renderTable();
      renderInflow();
      if (selectedZone && zones.has(selectedZone)) selectZone(selectedZone);
    } catch (err) {
      clear(mapBox, errorLine(err));
    }
  }

  const offs = [
    onLive('zone', z => {
      live.set(z.zoneId, newer(live.get(z.zoneId), z));
      if (zones.has(z.zoneId)) renderLive();
    }),
    // a counter's device_offline is listed here too (AlertKind.CROWD)
    onLive('alert', a => (a.type?.startsWith('crowd') || a.type === 'device_offline') && reloadAlerts()),
    // A case opened for an alert gives it a caseId; the notice is the cue to refetch the links.
    onLive('case', notice => (caseOfNotice(notice)?.categoryCode ?? '03').startsWith('03') && reloadAlerts()),
    onLive('resync', () => {
      load();
      loadAlerts();
    }),
  ];
  load();
  loadAlerts();
  return () => {
    offs.forEach(off => off());
    renderLive.cancel();
    reloadAlerts.cancel();
  };
}
