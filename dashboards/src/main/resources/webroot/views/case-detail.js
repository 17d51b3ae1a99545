// One case: its facts, evidence, audited history and the steps this person may take now (allowedActions from the
// case service). Inputs appear only for the steps that use them; the case service checks everything again. A case
// about a charger port also shows its commands' story (from the history) and offers stop / resume of that port.
import { api, enc } from '../api.js';
import { t, tv, fmtTime } from '../i18n.js';
import { h, clear } from '../dom.js';
import { onLive } from '../live.js';
import { followChanges } from '../changes.js';
import { countdown } from '../countdown.js';
import { levelBadge, errorLine, loading, evidenceList, recommended, caseOfNotice } from '../widgets.js';
import { OPEN_STATES, clockOf, placeNamer, caseBadges } from './cases.js';
import { commandStoryList, mayCommand, mayOverride } from './command-story.js';
import { openStopDialog, openResumeDialog } from './stop-dialog.js';

const NOTE_REQUIRED = new Set(['submit_feedback', 'rework', 'void']);
const USES_DEPARTMENT = new Set(['dispatch', 'coordinate']);
const DEPARTMENT_REQUIRED = new Set(['coordinate']);
const DEPARTMENTS = ['fire', 'property', 'police', 'street_emergency'];

function fact(labelKey, value, testid) {
  if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return [h('dt', null, t(labelKey)), h('dd', { 'data-testid': testid }, value)];
}

function historyItem(e) {
  return h('li', { 'data-testid': `history-${e.seq}`, 'data-kind': e.kind },
    h('span', { class: 'muted' }, fmtTime(e.at)), ' ',
    h('strong', null, e.actor === 'system' ? t('case.system') : e.actor),
    e.actorRole ? h('span', { class: 'muted' }, ` (${tv('role', e.actorRole)})`) : null, ' · ',
    tv('historyKind', e.kind),
    e.fromState || e.toState ? ` · ${e.fromState ? tv('state', e.fromState) : ''} → ${e.toState ? tv('state', e.toState) : ''}` : '',
    e.note ? h('div', { class: 'note' }, e.note) : null,
    e.attachments?.length ? h('div', { class: 'muted' }, e.attachments.join(', ')) : null);
}

function actionForm(detail, onDone) {
  const allowed = detail.allowedActions ?? [];
  if (allowed.length === 0) return h('p', { class: 'muted', 'data-testid': 'no-actions' }, t('case.noActions'));
  const note = h('textarea', { id: 'action-note', rows: 3, maxlength: 4000, 'data-testid': 'action-note' });
  const score = allowed.includes('evaluate') ? h('select', { id: 'action-score', 'data-testid': 'action-score' },
    h('option', { value: '' }, '—'), [1, 2, 3, 4, 5].map(n => h('option', { value: n }, String(n)))) : null;
  const department = allowed.some(a => USES_DEPARTMENT.has(a))
    ? h('input', { id: 'action-department', list: 'departments', maxlength: 64, 'data-testid': 'action-department' }) : null;
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'action-error', hidden: true });
  const done = h('p', { class: 'ok', 'aria-live': 'polite', 'data-testid': 'action-result' });

  const fail = message => {
    error.textContent = message;
    error.hidden = false;
  };
  async function take(action, button) {
    error.hidden = true;
    const label = tv('action', action);
    const body = { action };
    if (note.value.trim()) body.note = note.value.trim();
    else if (NOTE_REQUIRED.has(action)) return fail(t('case.noteRequired', { action: label }));
    if (action === 'evaluate') {
      if (!score.value) return fail(t('case.scoreRequired'));
      body.score = Number(score.value);
    }
    if (USES_DEPARTMENT.has(action) && department.value.trim()) body.department = department.value.trim();
    else if (DEPARTMENT_REQUIRED.has(action)) return fail(t('case.departmentRequired', { action: label }));
    button.disabled = true;
    try {
      await api.post(`/api/cases/${enc(detail.case.id)}/transitions`, body);
      for (const field of [note, score, department]) if (field) field.value = ''; // sent: not kept for the next step
      onDone(t('case.done', { action: label }));
    } catch (err) {
      fail(t('common.error', { message: err.message }));
      button.disabled = false;
    }
    return null;
  }

  const buttons = allowed.map(action => {
    const button = h('button', { type: 'button', class: action === 'void' || action === 'rework' ? 'danger' : 'primary',
      'data-testid': `action-${action}`, 'data-action': action }, tv('action', action));
    button.addEventListener('click', () => take(action, button));
    return button;
  });
  return h('div', { class: 'action-form', 'data-testid': 'case-actions' },
    h('label', { for: 'action-note' }, t('case.note')), note,
    score ? [h('label', { for: 'action-score' }, t('case.scoreLabel')), score] : null,
    department ? [h('label', { for: 'action-department' }, t('case.departmentLabel')), department,
      h('datalist', { id: 'departments' }, DEPARTMENTS.map(d => h('option', { value: d }, tv('department', d))))] : null,
    h('div', { class: 'buttons' }, buttons), error, done);
}

/**
 * The charger commands of the case: what became of each (from the history) and, for its port, stop and resume. A
 * command's delivery and reply are history, not notices: the dialog follows them, and the page reads the story again
 * when a command is sent and when its dialog closes ({@code reload}).
 */
function commandsCard(detail, role, reload) {
  const c = detail.case;
  const story = commandStoryList(detail.history);
  const aboutAPort = c.deviceId && c.port != null;
  if (!story && !aboutAPort) return null;
  const target = { caseId: c.id, deviceId: c.deviceId, port: c.port, onSent: reload, onClosed: reload };
  const buttons = aboutAPort && mayCommand(role) ? h('div', { class: 'buttons' },
    h('button', { type: 'button', class: 'danger small', 'data-testid': 'case-stop', onclick: () => openStopDialog(target) },
      t('chargers.stopPort', { port: c.port })),
    h('button', { type: 'button', class: 'primary small', 'data-testid': 'case-resume',
      onclick: () => openResumeDialog({ ...target, canOverride: mayOverride(role) }) },
    t('resume.button', { port: c.port }))) : null;
  return h('section', { class: 'card', 'data-testid': 'case-commands' }, h('h2', null, t('command.title')),
    aboutAPort ? h('p', { class: 'muted' }, t('command.target', { device: c.deviceId, port: c.port })) : null,
    buttons, story ?? h('p', { class: 'muted', 'data-testid': 'no-commands' }, t('command.none')));
}

export function mount(root, { params, session }) {
  const id = params.id;
  const box = h('section', { class: 'view case-detail', 'data-testid': 'case-detail', 'data-case-id': id }, loading());
  root.append(box);
  let namer = placeNamer(null);
  let lastDone = null; // kept when a notice of our own step reloads the page right after it

  // What the person has typed or chosen in the step form, and where the cursor was: a live re-render keeps them.
  const INPUTS = ['action-note', 'action-score', 'action-department'];
  function typedInput() {
    const values = INPUTS.map(id => [id, box.querySelector(`#${id}`)?.value]).filter(([, v]) => v);
    return { values, focused: INPUTS.includes(document.activeElement?.id) ? document.activeElement.id : null };
  }
  function restoreInput({ values, focused }) {
    for (const [id, value] of values) {
      const field = box.querySelector(`#${id}`);
      if (field) field.value = value;
    }
    if (focused) box.querySelector(`#${focused}`)?.focus();
  }

  function render(detail) {
    const typed = typedInput();
    const c = detail.case;
    const { due, label } = clockOf(c);
    const form = actionForm(detail, message => reads.load(message));
    if (lastDone) form.querySelector('[data-testid="action-result"]')?.append(lastDone);
    clear(box,
      h('a', { href: '#/cases', class: 'back', 'data-testid': 'back-to-cases' }, t('cases.back')),
      h('h1', null, levelBadge(c.severity, 'case-severity'), ' ', c.title),
      h('div', { class: 'case-line' }, h('span', { class: 'muted' }, c.caseNo), ' ',
        h('span', { class: 'state-label', 'data-testid': 'case-state', 'data-state': c.state }, tv('state', c.state)), ' ',
        caseBadges(c), ' ',
        OPEN_STATES.includes(c.state) && due ? [h('span', { class: 'muted', 'data-testid': 'case-clock', 'data-clock': label },
          t(label)), ' ', countdown(due, 'case-countdown')] : null),
      h('div', { class: 'columns' },
        h('div', null,
          h('section', { class: 'card' }, h('h2', null, t('case.actions')), form),
          commandsCard(detail, session?.role, () => reads.load()),
          h('section', { class: 'card' }, h('dl', { class: 'facts' },
            fact('case.category', c.categoryCode),
            fact('case.department', tv('department', c.department)),
            fact('case.coordinating', (c.coordinatingDepartments ?? []).map(d => tv('department', d)).join(', ')),
            fact('case.origin', tv('origin', c.origin)),
            fact('case.place', namer.place(c.location) || c.sourceId),
            fact('case.assigned', `${tv('orgLevel', c.assignedLevel)} ${namer.name(c.assignedUnit) ?? ''}`),
            fact('case.assignee', c.assignee),
            fact('case.created', fmtTime(c.createdAt)),
            fact('case.dispatched', c.dispatchedAt ? fmtTime(c.dispatchedAt) : null),
            fact('cases.deadline', c.deadlineAt ? fmtTime(c.deadlineAt) : null),
            fact('case.alert', c.alertType ? `${tv('alertType', c.alertType)}${c.alertStatus ? ` (${tv('alertStatus', c.alertStatus)})` : ''}` : null),
            fact('case.recommended', recommended(c.recommendedAction)),
            fact('case.description', c.description),
            fact('case.score', c.evaluationScore),
            fact('case.voidReason', c.voidReason))),
          c.evidence?.length ? h('section', { class: 'card' }, h('h2', null, t('case.evidence')),
            evidenceList(c.evidence, c.deviceId)) : null),
        h('section', { class: 'card' }, h('h2', null, t('case.history')),
          h('ol', { class: 'history', 'data-testid': 'case-history' }, (detail.history ?? []).map(historyItem)))));
    restoreInput(typed);
  }

  async function load(doneMessage) {
    try {
      const [detail, places] = await Promise.all([api.get(`/api/cases/${enc(id)}`),
        api.get('/api/places').catch(() => null)]);
      namer = placeNamer(places);
      if (doneMessage) lastDone = doneMessage;
      render(detail);
    } catch (err) {
      clear(box, h('a', { href: '#/cases', class: 'back' }, t('cases.back')), errorLine(err));
    }
  }
  const reads = followChanges(load);

  // Someone else moved the case (or the system did): show it, unless this person is typing. A notice that comes while
  // the page reads the case (its own step's read among them) is shown by one more read: the one under way may have
  // read the case just before the change.
  const offs = [
    onLive('case', notice => String(caseOfNotice(notice)?.id) === String(id)
      && !box.querySelector('textarea:focus, input:focus') && reads.changed()),
    onLive('resync', () => reads.changed()),
  ];
  reads.load();
  return () => offs.forEach(off => off());
}
