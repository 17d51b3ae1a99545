// The story of a case's charger commands, read from the case's audited history (the case service files every step:
// issued or refused by a person, an operator's override, the gateway's delivery, the device's reply, and the readings'
// confirmation of a stop, automatic or a person's). Nothing here is remembered by the dashboards.
import { t, tv, fmtTime, fmtNumber } from '../i18n.js';
import { h } from '../dom.js';

const COMMAND_KINDS = new Set(['command', 'command_override']);
/** Delivery outcomes after which no reply will come. */
export const FINAL_DELIVERY = new Set(['offline', 'expired', 'timeout', 'unknown_device', 'invalid']);
const CENTRE_ROLES = new Set(['district_operator', 'sub_district_operator', 'community_operator']);

/** Who may switch a charger's port (the case service decides again): centre operators and the compound's manager. */
export const mayCommand = role => CENTRE_ROLES.has(role) || role === 'property_manager';
/** Who may resume despite the guards: centre operators. */
export const mayOverride = role => CENTRE_ROLES.has(role);

/**
 * Whether the story of a command ({@link commandStory}'s item) has nothing more to come from the gateway and the device:
 * the gateway said no reply will come, or the device replied and the gateway's delivery report is in. The reply is
 * often filed first — a device answers a command before it acknowledges it — so a reply alone does not settle it.
 */
export function commandSettled(item) {
  const outcome = item?.delivery?.outcome;
  return FINAL_DELIVERY.has(outcome) || (Boolean(item?.reply) && outcome === 'delivered');
}

const iso = ms => (ms == null ? null : new Date(ms).toISOString());
/** A command is its id for its device: the pair, as one map key. */
const commandKey = (deviceId, commandId) => JSON.stringify([deviceId ?? null, commandId]);

/**
 * The commands of a case, oldest first: one item per command — its id for the device it was for — and one per refused
 * request. An entry counts for a command only when it names the same device: a reply that some other device sent with
 * the command's id (the gateway quarantines those, but history outlives gateways) neither settles nor colours it, and
 * shows as an item of its own.
 */
export function commandStory(history) {
  const byCommand = new Map();
  const keysTaken = new Set();
  const items = [];
  for (const e of history ?? []) {
    if (!COMMAND_KINDS.has(e.kind)) continue;
    const d = e.data ?? {};
    if (!d.commandId) {
      items.push({ refused: true, key: `refused-${e.seq}`, action: d.action, port: d.port, by: e.actor, at: e.at,
        code: d.code, guards: d.guards ?? [] });
      continue;
    }
    const which = commandKey(d.deviceId, d.commandId);
    let c = byCommand.get(which);
    if (!c) {
      const key = keysTaken.has(d.commandId) ? `${d.commandId}-${d.deviceId ?? 'unknown'}` : d.commandId;
      keysTaken.add(key);
      c = { commandId: d.commandId, key, action: d.action, port: d.port, deviceId: d.deviceId };
      byCommand.set(which, c);
      items.push(c);
    }
    c.action ??= d.action;
    c.port ??= d.port;
    if (e.kind === 'command_override') {
      c.override = { by: e.actor, reason: d.reason, guards: d.guards ?? [] };
      continue;
    }
    switch (d.source) {
      case 'request':
        c.issuedBy = e.actor;
        c.issuedAt = e.at;
        c.reason = d.reason;
        break;
      case 'delivery':
        // With several gateway nodes each reports; `delivered` is the one that counts.
        if (c.delivery?.outcome !== 'delivered') c.delivery = { outcome: d.outcome, at: iso(d.at) ?? e.at };
        break;
      case 'reply':
        c.reply ??= { status: d.outcome, message: d.detail, at: e.at };
        break;
      case 'confirmation':
        c.confirmation = { outcome: d.outcome, attempt: d.attempt, powerW: d.powerW, at: iso(d.at) ?? e.at };
        break;
      default:
        break;
    }
  }
  return items;
}

/** The story of command {@code commandId} sent to {@code deviceId}, or undefined while the history has none of it. */
export function storyOf(history, deviceId, commandId) {
  return commandStory(history).find(c => !c.refused && c.commandId === commandId && c.deviceId === deviceId);
}

/** One guard of a refused or overridden resume, in the reader's language. */
export function guardText(g) {
  switch (g.code) {
    case 'alert_open': return t('guard.alert_open', { alertId: g.alertId });
    case 'temperature_high': return t('guard.temperature_high', { temp: fmtNumber(g.tempC, 1), limit: fmtNumber(g.limitC, 0) });
    case 'temperature_unknown': return t('guard.temperature_unknown');
    default: return g.message ?? g.code;
  }
}

function what(item) {
  return t('command.what', { action: tv('commandAction', item.action), port: item.port ?? '?' });
}

function storyItem(item) {
  if (item.refused) {
    return h('li', { class: 'command refused', 'data-testid': `command-${item.key}`, 'data-action': item.action,
      'data-refused': item.code ?? 'refused' },
    h('strong', null, what(item)), ' · ', h('span', { class: 'error' }, t('command.refused', { who: item.by })),
    h('span', { class: 'muted' }, ` ${fmtTime(item.at)}`),
    h('ul', { class: 'guards' }, item.guards.map(g => h('li', null, guardText(g)))));
  }
  const c = item.confirmation;
  return h('li', { class: 'command', 'data-testid': `command-${item.key}`, 'data-action': item.action ?? '',
    'data-delivery': item.delivery?.outcome ?? 'pending', 'data-reply': item.reply?.status ?? 'pending',
    'data-confirmation': c?.outcome ?? 'none' },
  h('strong', null, what(item)), ' · ',
  item.issuedBy ? t('command.issuedBy', { who: item.issuedBy, time: fmtTime(item.issuedAt) }) : t('command.automatic'),
  item.reason ? h('div', { class: 'muted' }, t('command.reason', { reason: item.reason })) : null,
  item.override ? h('div', { class: 'warn', 'data-testid': `command-override-${item.key}` },
    t('command.overridden', { who: item.override.by, reason: item.override.reason ?? '' }),
    h('ul', { class: 'guards' }, item.override.guards.map(g => h('li', null, guardText(g))))) : null,
  h('div', null, item.delivery
    ? t('command.delivery', { outcome: tv('outcome', item.delivery.outcome), time: fmtTime(item.delivery.at) })
    : t('command.waitingDelivery')),
  item.reply ? h('div', { class: item.reply.status === 'ok' ? null : 'error' },
    t('command.reply', { status: tv('reply', item.reply.status), message: item.reply.message ?? '' })) : null,
  c ? h('div', { class: c.outcome === 'confirmed' ? 'ok' : 'error', 'data-testid': `command-confirmation-${item.key}` },
    t(`command.${c.outcome}`, { power: fmtNumber(c.powerW, 0), attempt: c.attempt ?? 1, time: fmtTime(c.at) })) : null);
}

/** The list of a case's commands, newest first; null when the case has none. */
export function commandStoryList(history) {
  const items = commandStory(history);
  if (items.length === 0) return null;
  return h('ol', { class: 'commands', 'data-testid': 'command-story' }, items.slice().reverse().map(storyItem));
}
