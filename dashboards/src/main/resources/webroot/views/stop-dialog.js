// "Stop port" and "resume port" for a case: commands go to the case service (POST /api/cases/{id}/commands), which
// checks who may send them, guards a resume, puts them on Kafka and records them in the case. A stop needs the port
// typed to confirm (it cuts a bike's charge, so no one-click stop). The dialog then follows the command in the case's
// history (polled) until both the gateway's delivery outcome and the device's own reply are in; closing it tells the
// page (onClosed), which shows the story as the dialog last saw it.
import { api, enc } from '../api.js';
import { t, tv, fmtClock } from '../i18n.js';
import { h, clear } from '../dom.js';
import { storyOf, commandSettled, FINAL_DELIVERY } from './command-story.js';

const POLL_MS = 1000;
const GIVE_UP_S = 120;

/**
 * The refusal of a command: the case service words it in the UI's language (the dashboards send it), a refused resume
 * naming each guard; anything else (the service unreachable) as an error.
 */
export function refusalText(err) {
  return err.code ? err.message : t('common.error', { message: err.message });
}

function dialog(testid, title) {
  const previousFocus = document.activeElement;
  const body = h('div', { class: 'dialog-body' });
  const overlay = h('div', { class: 'overlay', 'data-testid': testid },
    h('div', { class: 'dialog card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${testid}-title` },
      h('h2', { id: `${testid}-title` }, title), body));
  const cleanups = [];
  function close() {
    cleanups.forEach(fn => fn());
    document.removeEventListener('keydown', onKey);
    overlay.remove();
    previousFocus?.focus?.();
  }
  const onKey = e => e.key === 'Escape' && close();
  document.addEventListener('keydown', onKey);
  document.body.append(overlay);
  return { body, close, onClose: fn => cleanups.push(fn) };
}

/** Shows the command's delivery and its device's reply as the case's history tells them, until both are in. */
function follow(d, caseId, deviceId, commandId, intro) {
  const status = h('div', { class: 'command-status', 'data-testid': 'command-status', 'data-command-id': commandId,
    'data-delivery': 'pending', 'data-reply': 'pending', 'aria-live': 'polite' });
  clear(d.body, h('p', null, intro), status,
    h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-testid': 'close-dialog', onclick: d.close }, t('common.close'))));
  const started = Date.now();
  let timer = null;
  d.onClose(() => clearTimeout(timer));

  function show(cmd) {
    const { delivery, reply } = cmd;
    status.dataset.delivery = delivery?.outcome ?? 'pending';
    status.dataset.reply = reply?.status ?? 'pending';
    clear(status,
      h('p', null, t('stop.sent', { id: commandId })),
      h('p', { 'data-testid': 'command-delivery' }, delivery
        ? t('stop.delivery', { outcome: tv('outcome', delivery.outcome), time: fmtClock(delivery.at) })
        : t('stop.waitingDelivery')),
      h('p', { 'data-testid': 'command-reply', class: reply ? `reply-${reply.status}` : null }, reply
        ? t('stop.reply', { status: tv('reply', reply.status), time: fmtClock(reply.at), message: reply.message ?? '' })
        : FINAL_DELIVERY.has(delivery?.outcome) ? '' : t('stop.waitingReply')));
    return commandSettled(cmd);
  }

  async function poll() {
    let done = false;
    try {
      const detail = await api.get(`/api/cases/${enc(caseId)}`);
      done = show(storyOf(detail.history, deviceId, commandId) ?? {});
    } catch (err) {
      console.warn('command poll failed', err);
    }
    if (done || !status.isConnected) return;
    if (Date.now() - started > GIVE_UP_S * 1000) {
      if (status.dataset.reply === 'pending') status.dataset.reply = 'none';
      status.append(h('p', { class: 'error' }, t('stop.gaveUp', { s: GIVE_UP_S })));
      return;
    }
    timer = setTimeout(poll, POLL_MS);
  }
  show({});
  poll();
}

async function send(caseId, body) {
  return api.post(`/api/cases/${enc(caseId)}/commands`, body);
}

/**
 * Stop a port of the case's charger; {@code onSent} runs once the case service took the command, {@code onClosed} when
 * the dialog closes.
 */
export function openStopDialog({ caseId, deviceId, port, onSent, onClosed }) {
  const d = dialog('stop-dialog', t('stop.title'));
  if (onClosed) d.onClose(onClosed);
  const typed = h('input', { id: 'confirm-port', inputmode: 'numeric', autocomplete: 'off', 'data-testid': 'confirm-port' });
  const reason = h('input', { id: 'stop-reason', maxlength: 200, 'data-testid': 'stop-reason' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'stop-error', hidden: true });
  const confirm = h('button', { type: 'submit', class: 'danger', disabled: true, 'data-testid': 'confirm-stop' }, t('stop.confirm'));
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
        const payload = { action: 'stop_port', deviceId, port: Number(port) };
        if (reason.value.trim()) payload.reason = reason.value.trim();
        const { commandId } = await send(caseId, payload);
        follow(d, caseId, deviceId, commandId, t('stop.text', { device: deviceId, port }));
        onSent?.();
      } catch (err) {
        error.textContent = refusalText(err);
        error.hidden = false;
        confirm.disabled = false;
        confirm.textContent = t('stop.confirm');
      }
    },
  },
  h('p', null, t('stop.text', { device: deviceId, port })),
  h('p', { class: 'muted' }, t('command.forCase', { id: caseId })),
  h('label', { for: 'confirm-port' }, t('stop.typePort', { port })), typed,
  h('label', { for: 'stop-reason' }, t('stop.reason')), reason,
  error,
  h('div', { class: 'buttons' }, confirm, h('button', { type: 'button', 'data-testid': 'cancel-stop', onclick: d.close }, t('common.cancel'))));
  d.body.append(form);
  typed.focus();
}

/**
 * Resume a stopped port. The case service refuses while the case's alert is open or the port is hot (or its
 * temperature unknown), saying why; a command-centre operator ({@code canOverride}) may resume anyway with a reason.
 * {@code onSent} and {@code onClosed} as for a stop.
 */
export function openResumeDialog({ caseId, deviceId, port, canOverride, onSent, onClosed }) {
  const d = dialog('resume-dialog', t('resume.title'));
  if (onClosed) d.onClose(onClosed);
  const reason = h('input', { id: 'resume-reason', maxlength: 200, 'data-testid': 'resume-reason' });
  const override = canOverride ? h('input', { type: 'checkbox', id: 'resume-override', 'data-testid': 'resume-override' }) : null;
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'resume-error', hidden: true });
  const confirm = h('button', { type: 'submit', class: 'primary', 'data-testid': 'confirm-resume' }, t('resume.confirm'));
  const form = h('form', {
    onsubmit: async e => {
      e.preventDefault();
      confirm.disabled = true;
      error.hidden = true;
      delete error.dataset.code;
      try {
        const payload = { action: 'resume_port', deviceId, port: Number(port) };
        if (reason.value.trim()) payload.reason = reason.value.trim();
        if (override?.checked) payload.override = true;
        const { commandId } = await send(caseId, payload);
        follow(d, caseId, deviceId, commandId, t('resume.text', { device: deviceId, port }));
        onSent?.();
      } catch (err) {
        error.textContent = refusalText(err);
        error.dataset.code = err.code ?? err.error ?? 'error';
        error.hidden = false;
        confirm.disabled = false;
        onSent?.(); // a refusal is on the case's record too
      }
    },
  },
  h('p', null, t('resume.text', { device: deviceId, port })),
  h('p', { class: 'muted' }, t('command.forCase', { id: caseId })),
  h('label', { for: 'resume-reason' }, canOverride ? t('resume.reasonOverride') : t('stop.reason')), reason,
  override ? h('label', { class: 'check' }, override, ' ', t('resume.override')) : null,
  error,
  h('div', { class: 'buttons' }, confirm, h('button', { type: 'button', 'data-testid': 'cancel-resume', onclick: d.close }, t('common.cancel'))));
  d.body.append(form);
  confirm.focus();
}
