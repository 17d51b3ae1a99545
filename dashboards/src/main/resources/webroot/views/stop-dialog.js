// "Stop port": the person types the port number to confirm (a stop cuts a bike's charge, so no one-click stop),
// then the dialog follows the command: the gateway's delivery outcome and the device's own reply, from
// GET /api/commands/{id} (polled) and the live `command` events (which trigger an immediate poll).
import { api, enc } from '../api.js';
import { t, tv, fmtClock } from '../i18n.js';
import { h, clear } from '../dom.js';
import { onLive } from '../live.js';

const POLL_MS = 1000;
const GIVE_UP_S = 120;
// Outcomes after which no reply will come.
const FINAL_OUTCOMES = new Set(['offline', 'expired', 'timeout', 'unknown_device', 'invalid']);

export function openStopDialog(deviceId, port) {
  const previousFocus = document.activeElement;
  const typed = h('input', { id: 'confirm-port', inputmode: 'numeric', autocomplete: 'off', 'data-testid': 'confirm-port' });
  const reason = h('input', { id: 'stop-reason', maxlength: 200, 'data-testid': 'stop-reason' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'stop-error', hidden: true });
  const confirm = h('button', { type: 'submit', class: 'danger', disabled: true, 'data-testid': 'confirm-stop' }, t('stop.confirm'));
  const body = h('div', { class: 'dialog-body' });
  const overlay = h('div', { class: 'overlay', 'data-testid': 'stop-dialog' },
    h('div', { class: 'dialog card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'stop-title' },
      h('h2', { id: 'stop-title' }, t('stop.title')), body));
  let stopTimer = null;
  let offCommand = null;

  function close() {
    clearTimeout(stopTimer);
    offCommand?.();
    document.removeEventListener('keydown', onKey);
    overlay.remove();
    previousFocus?.focus?.();
  }
  const onKey = e => e.key === 'Escape' && close();
  const closeButton = label => h('button', { type: 'button', 'data-testid': 'close-dialog', onclick: close }, label);

  typed.addEventListener('input', () => {
    confirm.disabled = typed.value.trim() !== String(port);
  });

  const form = h('form', {
    onsubmit: async e => {
      e.preventDefault();
      if (typed.value.trim() !== String(port)) return;
      confirm.disabled = true;
      confirm.textContent = t('stop.sending');
      error.hidden = true;
      try {
        const payload = { confirm: `${deviceId}#${typed.value.trim()}` };
        if (reason.value.trim()) payload.reason = reason.value.trim();
        const { commandId } = await api.post(`/api/chargers/${enc(deviceId)}/ports/${enc(port)}/stop`, payload);
        follow(commandId);
      } catch (err) {
        error.textContent = t('common.error', { message: err.message });
        error.hidden = false;
        confirm.disabled = false;
        confirm.textContent = t('stop.confirm');
      }
    },
  },
  h('p', null, t('stop.text', { device: deviceId, port })),
  h('label', { for: 'confirm-port' }, t('stop.typePort', { port })), typed,
  h('label', { for: 'stop-reason' }, t('stop.reason')), reason,
  error,
  h('div', { class: 'buttons' }, confirm, h('button', { type: 'button', 'data-testid': 'cancel-stop', onclick: close }, t('common.cancel'))));
  body.append(form);

  function follow(commandId) {
    const status = h('div', { class: 'command-status', 'data-testid': 'command-status', 'data-command-id': commandId,
      'data-delivery': 'pending', 'data-reply': 'pending', 'aria-live': 'polite' });
    clear(body, h('p', null, t('stop.text', { device: deviceId, port })), status, h('div', { class: 'buttons' }, closeButton(t('common.close'))));
    const started = Date.now();
    let done = false;

    function show(cmd) {
      const delivery = cmd.delivery;
      const reply = cmd.reply;
      status.dataset.delivery = delivery?.outcome ?? 'pending';
      status.dataset.reply = reply?.status ?? 'pending';
      clear(status,
        h('p', null, t('stop.sent', { id: commandId })),
        h('p', { 'data-testid': 'command-delivery' }, delivery
          ? t('stop.delivery', { outcome: tv('outcome', delivery.outcome), time: fmtClock(delivery.at) })
          : t('stop.waitingDelivery')),
        h('p', { 'data-testid': 'command-reply', class: reply ? `reply-${reply.status}` : null }, reply
          ? t('stop.reply', { status: tv('reply', reply.status), time: fmtClock(reply.at), message: reply.message ?? '' })
          : FINAL_OUTCOMES.has(delivery?.outcome) ? '' : t('stop.waitingReply')));
      done = Boolean(reply) || FINAL_OUTCOMES.has(delivery?.outcome);
    }

    async function poll() {
      clearTimeout(stopTimer);
      try {
        show(await api.get(`/api/commands/${enc(commandId)}`));
      } catch (err) {
        // The record may not exist yet right after the 202; keep polling until the give-up time.
        if (err.status !== 404) console.warn('command poll failed', err);
      }
      if (done) return;
      if (Date.now() - started > GIVE_UP_S * 1000) {
        status.dataset.reply = 'none';
        status.append(h('p', { class: 'error' }, t('stop.gaveUp', { s: GIVE_UP_S })));
        return;
      }
      stopTimer = setTimeout(poll, POLL_MS);
    }

    show({});
    offCommand = onLive('command', cmd => cmd.commandId === commandId && !done && poll());
    poll();
  }

  document.addEventListener('keydown', onKey);
  document.body.append(overlay);
  typed.focus();
}
