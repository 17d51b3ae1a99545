// Operations: the platform's own metrics as the dashboards service scrapes them (/api/ops), refreshed by `ops`
// events, or every 5 s when none arrive (a stream that is down must not freeze the page).
import { api } from '../api.js';
import { t, fmtNumber, fmtPercent, fmtTime } from '../i18n.js';
import { h, clear } from '../dom.js';
import { onLive } from '../live.js';
import { errorLine, loading } from '../widgets.js';

const REFRESH_MS = 5000;

function upBadge(up, testid) {
  return h('span', { class: `badge ${up ? 'ok' : 'bad'}`, 'data-testid': testid, 'data-up': String(Boolean(up)) },
    up ? t('ops.up') : t('ops.down'));
}

function metric(labelKey, value, testid, warn = false) {
  return [h('dt', null, t(labelKey)), h('dd', { 'data-testid': testid, class: warn ? 'hot-text' : null }, value)];
}

function render(box, ops) {
  const g = ops.gateway ?? {};
  const j = ops.jobs ?? {};
  const c = ops.cases ?? {};
  const running = Object.entries(j.running ?? {});
  clear(box,
    h('p', { class: 'muted' }, t('ops.at', { time: fmtTime(ops.at) })),
    h('div', { class: 'tiles' },
      h('section', { class: 'card', 'data-testid': 'ops-gateway' }, h('h2', null, t('ops.gateway'), ' ', upBadge(g.up, 'ops-gateway-up')),
        h('dl', { class: 'facts' },
          metric('ops.connections', fmtNumber(g.connections), 'ops-connections'),
          metric('ops.messagesPerSec', fmtNumber(g.messagesPerSec, 1), 'ops-messages'),
          metric('ops.errorsPerSec', fmtNumber(g.errorsPerSec, 2), 'ops-errors', g.errorsPerSec > 0),
          metric('ops.quarantinedPerSec', fmtNumber(g.quarantinedPerSec, 2), 'ops-quarantined', g.quarantinedPerSec > 0),
          metric('ops.kafkaBufferFill', fmtPercent(g.kafkaBufferFill), 'ops-kafka-buffer', g.kafkaBufferFill > 0.8))),
      h('section', { class: 'card', 'data-testid': 'ops-jobs' }, h('h2', null, t('ops.jobs'), ' ', upBadge(j.up, 'ops-jobs-up')),
        h('dl', { class: 'facts' },
          metric('ops.lagRecords', fmtNumber(j.lagRecords), 'ops-lag'),
          running.length ? metric('ops.running', h('ul', { class: 'plain' }, running.map(([name, state]) =>
            h('li', { 'data-testid': `ops-job-${name}` }, `${name}: ${typeof state === 'object' ? JSON.stringify(state) : state}`))),
          'ops-running') : null)),
      h('section', { class: 'card', 'data-testid': 'ops-cases' }, h('h2', null, t('ops.cases'), ' ', upBadge(c.up, 'ops-cases-up')),
        h('dl', { class: 'facts' },
          metric('ops.intakeLag', fmtNumber(c.intakeLag), 'ops-intake-lag'),
          metric('ops.alertsAppliedPerSec', fmtNumber(c.alertsAppliedPerSec, 2), 'ops-alerts-applied'),
          metric('ops.notifyFailed', fmtNumber(c.notifyFailed), 'ops-notify-failed', c.notifyFailed > 0)))));
}

export function mount(root) {
  const box = h('div', { 'data-testid': 'ops' }, loading());
  root.append(h('section', { class: 'view ops' }, h('h1', null, t('ops.title')), box));
  let timer = null;
  let stopped = false;

  async function refresh() {
    clearTimeout(timer);
    try {
      render(box, await api.get('/api/ops'));
    } catch (err) {
      clear(box, errorLine(err));
    }
    if (stopped) return; // unmounted while the request was out
    timer = setTimeout(refresh, REFRESH_MS);
  }

  const off = onLive('ops', ops => {
    render(box, ops);
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS); // the fallback poll only when events stop
  });
  refresh();
  return () => {
    stopped = true;
    off();
    clearTimeout(timer);
  };
}
