// Pieces several views share: level badges (colour and text, so colour-blind users read the level too),
// evidence lists with snapshot thumbnails, and an error line.
import { t, tv, lang, fmtTime, fmtNumber } from './i18n.js';
import { h } from './dom.js';
import { enc } from './api.js';

export const LEVELS = ['none', 'blue', 'yellow', 'orange', 'red'];

export function rank(severity) {
  return LEVELS.indexOf(severity ?? 'none');
}

export function levelBadge(level, testid) {
  const value = level ?? 'none';
  return h('span', { class: `badge level-${value}`, 'data-level': value, 'data-testid': testid }, tv('level', value));
}

export function snapshotUrl(deviceId, snapshotId) {
  return `/api/snapshots/${enc(deviceId)}/${enc(snapshotId)}`;
}

/** The readings behind an alert or case; a snapshot becomes a thumbnail linking to the full image. */
export function evidenceList(evidence, fallbackDeviceId) {
  if (!evidence?.length) return null;
  return h('ul', { class: 'evidence', 'data-testid': 'evidence' }, evidence.map(item => {
    const device = item.deviceId ?? fallbackDeviceId;
    const reading = [item.signal, item.value != null ? fmtNumber(item.value, Number.isInteger(item.value) ? 0 : 1) : null,
      item.unit, item.port != null ? t('chargers.port', { port: item.port }) : null].filter(Boolean).join(' ');
    return h('li', null,
      h('span', { class: 'muted' }, item.ts ? fmtTime(item.ts) : ''), ' ', device ?? '', ' ', reading,
      item.snapshotId && device ? h('a', { href: snapshotUrl(device, item.snapshotId), target: '_blank', rel: 'noopener' },
        h('img', { src: snapshotUrl(device, item.snapshotId), alt: t('chargers.snapshot'), loading: 'lazy',
          class: 'thumb', 'data-testid': `snapshot-${item.snapshotId}`,
          // an image that is gone (blob store pruned) leaves the reading, not a broken icon
          onerror: e => e.target.closest('a')?.replaceWith(` [${t('chargers.snapshot')}: ${item.snapshotId}]`) })) : null);
  }));
}

export function caseLink(caseId) {
  return caseId != null
    ? h('a', { href: `#/cases/${enc(caseId)}`, 'data-testid': `case-link-${caseId}` }, t('alert.openCase', { id: caseId }))
    : h('span', { class: 'muted' }, t('alert.noCase'));
}

/** A data table headed by the texts of {@code headKeys}, with its rows. */
export function dataTable(testid, headKeys, rows) {
  return h('table', { class: 'data', 'data-testid': testid },
    h('thead', null, h('tr', null, headKeys.map(key => h('th', null, t(key))))),
    h('tbody', null, rows));
}

export function yesNo(value) {
  return value ? t('common.yes') : t('common.no');
}

export function errorLine(err) {
  return h('p', { class: 'error', role: 'alert', 'data-testid': 'view-error' }, t('common.error', { message: err.message }));
}

export function loading() {
  return h('p', { class: 'muted', 'data-testid': 'loading' }, t('common.loading'));
}

export function recommended(action) {
  return action ? tv('recommended', action) : null;
}

/**
 * What people read of a live alert: its summary rendered by the service from its facts in the UI's language
 * (`texts`, by language code), which already says what to do; for an alert without facts, the detector's English
 * line and the recommended action beside it. Views re-render on a language change, so this follows the toggle.
 */
export function alertSummary(alert) {
  const text = alert.texts?.[lang()];
  return [h('div', { 'data-testid': `summary-${alert.id}`, lang: text ? lang() : 'en' }, text?.summary ?? alert.summary),
    !text && alert.recommendedAction
      ? h('div', { class: 'muted' }, `${t('case.recommended')}: ${recommended(alert.recommendedAction)}`) : null];
}

/** The case in a relayed case notice ({kind, after, event} from the case service), or null when it has none. */
export function caseOfNotice(notice) {
  const c = notice?.after ?? notice?.case ?? notice;
  return c && c.id != null && c.state ? c : null;
}

/** Of two versions of a live record (zone, station), the later by updatedAt: a slow fetch must not undo an event. */
export function newer(a, b) {
  if (!a) return b;
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt) ? a : b;
}
