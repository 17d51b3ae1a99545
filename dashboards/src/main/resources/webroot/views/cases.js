// Case queues: tabs by state (plus overdue and finished), each case with severity, place, a ticking deadline and
// overdue / escalated badges, live from `case` notices; operators also get the KPI table.
import { api, query, enc } from '../api.js';
import { t, tv, fmtNumber, fmtPercent } from '../i18n.js';
import { h, clear, throttle } from '../dom.js';
import { onLive } from '../live.js';
import { countdown } from '../countdown.js';
import { levelBadge, rank, errorLine, loading, caseOfNotice } from '../widgets.js';

// Watch items (no deadline, see docs/cases.md "Response levels") are open too, in a tab after the cases' steps.
export const OPEN_STATES = ['collected', 'verified', 'analysed', 'dispatched', 'in_handling', 'coordinating',
  'feedback_submitted', 'watching'];
const BEFORE_DISPATCH = new Set(['collected', 'verified', 'analysed']);
const OPERATORS = new Set(['district_operator', 'sub_district_operator', 'community_operator']);
const PERIODS = { p24h: 1, p7d: 7, p30d: 30 }; // days
let activeTab = 'all';
let kpiGroup = 'grid';
let kpiPeriod = 'p7d';

/**
 * The clock that bites next and its label: until someone acknowledges a collected case, the acknowledge limit; then,
 * before dispatch, the dispatch limit; from dispatch on, the handling deadline.
 */
export function clockOf(c) {
  if (c.state === 'collected' && c.acknowledgeDueAt && !c.acknowledgedAt) {
    return { due: c.acknowledgeDueAt, label: 'cases.ackDue' };
  }
  return BEFORE_DISPATCH.has(c.state) ? { due: c.dispatchDueAt, label: 'cases.dispatchDue' }
    : { due: c.deadlineAt, label: 'cases.deadline' };
}

export function dueOf(c) {
  return clockOf(c).due;
}

/** Names for the ids in a case's location chain, from /api/places (ids are shown when a place is out of view). */
export function placeNamer(places) {
  const names = new Map();
  (places?.zones ?? []).forEach(z => names.set(z.id, z.name));
  (places?.compounds ?? []).forEach(c => names.set(c.id, c.name));
  (places?.communities ?? []).forEach(c => names.set(c.id, c.name));
  (places?.subDistricts ?? []).forEach(sd => names.set(sd.id, sd.name));
  return {
    name: id => names.get(id) ?? id,
    place: loc => [loc?.compoundId ?? loc?.zoneId, loc?.gridId].filter(Boolean)
      .map(id => names.get(id) ?? id).join(' · '),
  };
}

export function caseBadges(c) {
  return [
    c.overdue ? h('span', { class: 'badge bad', 'data-testid': 'badge-overdue' }, t('cases.overdue')) : null,
    c.assignedLevel && c.assignedLevel !== 'grid'
      ? h('span', { class: 'badge warn', 'data-testid': 'badge-escalated', 'data-level': c.assignedLevel },
        t('cases.escalated', { level: tv('orgLevel', c.assignedLevel) })) : null,
  ];
}

function caseRow(c, namer) {
  const { due, label } = clockOf(c);
  const open = OPEN_STATES.includes(c.state);
  return h('li', null, h('a', { href: `#/cases/${enc(c.id)}`, class: `case-row sev-${c.severity}`, 'data-testid': `case-${c.id}`,
    'data-state': c.state, 'data-severity': c.severity, 'data-overdue': String(Boolean(c.overdue)) },
  h('div', { class: 'case-line' }, levelBadge(c.severity), ' ', h('span', { class: 'muted' }, c.caseNo), ' ',
    h('span', { class: 'state-label' }, tv('state', c.state)), ' ', caseBadges(c)),
  h('div', { class: 'case-title' }, c.title),
  h('div', { class: 'case-line muted' }, namer.place(c.location),
    open && due ? [' · ', h('span', { 'data-testid': `clock-${c.id}`, 'data-clock': label }, t(label)), ' ', countdown(due)] : null)));
}

function pct(v) {
  return v == null ? '—' : fmtPercent(v);
}

function kpiSection(names) {
  const box = h('section', { class: 'card', 'data-testid': 'kpis' });
  const group = h('select', { id: 'kpi-group', 'data-testid': 'kpi-group' },
    ['grid', 'community', 'sub_district'].map(g => h('option', { value: g }, tv('orgLevel', g))));
  const period = h('select', { id: 'kpi-period', 'data-testid': 'kpi-period' },
    Object.keys(PERIODS).map(p => h('option', { value: p }, t(`kpi.${p}`))));
  group.value = kpiGroup;
  period.value = kpiPeriod;
  const tableBox = h('div', { class: 'scroll' }, loading());
  const cols = ['unit', 'filed', 'dispatched', 'onTimeDispatch', 'closed', 'onTimeClosure', 'voided', 'accurateFiling',
    'meanHandling', 'p90Handling', 'overdueOpen'];

  async function load() {
    const to = new Date();
    const from = new Date(to.getTime() - PERIODS[kpiPeriod] * 86400000);
    try {
      const rows = await api.get(`/api/kpis${query({ groupBy: kpiGroup, from: from.toISOString(), to: to.toISOString() })}`);
      clear(tableBox, h('table', { class: 'data', 'data-testid': 'kpi-table', 'data-group': kpiGroup },
        h('thead', null, h('tr', null, cols.map(col => h('th', null, t(`kpi.${col}`))))),
        h('tbody', null, rows.length === 0 ? h('tr', null, h('td', { colspan: cols.length, class: 'muted' }, t('kpi.empty')))
          : rows.map(r => h('tr', { 'data-testid': `kpi-row-${r.unit}` },
            h('td', null, names().name(r.unit)), h('td', { class: 'num' }, r.filed), h('td', { class: 'num' }, r.dispatched),
            h('td', { class: 'num' }, pct(r.onTimeDispatchRate)), h('td', { class: 'num' }, r.closed),
            h('td', { class: 'num' }, pct(r.onTimeClosureRate)), h('td', { class: 'num' }, r.voided),
            h('td', { class: 'num' }, pct(r.accurateFilingRate)), h('td', { class: 'num' }, fmtNumber(r.meanHandlingMinutes, 1)),
            h('td', { class: 'num' }, fmtNumber(r.p90HandlingMinutes, 1)), h('td', { class: 'num' }, r.overdueOpen))))));
    } catch (err) {
      clear(tableBox, errorLine(err));
    }
  }
  group.addEventListener('change', () => { kpiGroup = group.value; load(); });
  period.addEventListener('change', () => { kpiPeriod = period.value; load(); });
  box.append(h('h2', null, t('kpi.title')),
    h('div', { class: 'toolbar' }, h('label', { for: 'kpi-group' }, t('kpi.groupBy')), group,
      h('label', { for: 'kpi-period' }, t('kpi.period')), period),
    tableBox);
  return { box, load };
}

export function mount(root, { session }) {
  let openCases = new Map(); // id → case
  let finished = null; // loaded when the tab is opened
  let namer = placeNamer(null);
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('cases.queues') });
  const list = h('div', { 'data-testid': 'case-list' }, loading());
  const kpis = OPERATORS.has(session.role) ? kpiSection(() => namer) : null;
  let loaded = false;
  root.append(h('section', { class: 'view cases' }, h('h1', null, t('cases.title')), tabs, list, kpis?.box));

  function inTab(c) {
    if (activeTab === 'all') return true;
    if (activeTab === 'overdue') return c.overdue;
    return c.state === activeTab;
  }

  function render() {
    const all = [...openCases.values()];
    const count = key => (key === 'all' ? all.length : key === 'overdue' ? all.filter(c => c.overdue).length
      : all.filter(c => c.state === key).length);
    const tab = (key, label, n) => h('button', { type: 'button', role: 'tab', 'data-testid': `tab-${key}`,
      'aria-selected': String(activeTab === key), class: activeTab === key ? 'active' : null,
      onclick: () => {
        activeTab = key;
        render();
        if (key === 'finished') loadFinished();
      } },
    label, n != null ? h('span', { class: 'count' }, n) : null);
    clear(tabs, tab('all', t('cases.tabAll'), count('all')),
      OPEN_STATES.map(state => tab(state, tv('state', state), count(state))),
      tab('overdue', t('cases.tabOverdue'), count('overdue')),
      tab('finished', t('cases.tabFinished')));

    if (!loaded || (activeTab === 'finished' && finished == null)) {
      clear(list, loading());
      return;
    }
    // The queue order: the earliest clock first (overdue ones lead), then the most severe.
    const shown = (activeTab === 'finished' ? finished : all.filter(inTab)).slice().sort((a, b) => {
      const da = Date.parse(dueOf(a) ?? '') || Infinity;
      const db = Date.parse(dueOf(b) ?? '') || Infinity;
      return activeTab === 'finished' ? Date.parse(b.updatedAt) - Date.parse(a.updatedAt)
        : (da - db) || (rank(b.severity) - rank(a.severity));
    });
    clear(list, shown.length === 0 ? h('p', { class: 'muted', 'data-testid': 'no-cases' }, t('cases.empty'))
      : h('ul', { class: 'case-list' }, shown.map(c => caseRow(c, namer))));
  }

  async function loadOpen() {
    try {
      const [places, page] = await Promise.all([api.get('/api/places').catch(() => null),
        api.get('/api/cases?open=true&limit=500')]);
      namer = placeNamer(places);
      openCases = new Map(page.items.map(c => [c.id, c]));
      loaded = true;
      render();
      kpis?.load(); // after the places, so the units show by name
    } catch (err) {
      clear(list, errorLine(err));
    }
  }

  async function loadFinished() {
    try {
      finished = (await api.get('/api/cases?open=false&limit=100')).items;
      render();
    } catch (err) {
      clear(list, errorLine(err));
    }
  }
  const reloadFinished = throttle(loadFinished, 1000);

  const offs = [
    onLive('case', notice => {
      const c = caseOfNotice(notice);
      if (!c) {
        loadOpen();
        return;
      }
      if (OPEN_STATES.includes(c.state)) openCases.set(c.id, c);
      else openCases.delete(c.id);
      if (activeTab === 'finished') reloadFinished();
      render();
    }),
    onLive('resync', () => {
      loadOpen();
      if (finished) loadFinished();
    }),
  ];
  render();
  loadOpen();
  if (activeTab === 'finished') loadFinished();
  return () => {
    offs.forEach(off => off());
    reloadFinished.cancel();
  };
}
