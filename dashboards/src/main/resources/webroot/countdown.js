// Deadline countdowns that tick every second. Views render h('span', countdownProps(dueIso)) and one timer updates
// every such element on the page, so no view has to keep its own interval.
import { t } from './i18n.js';

export function formatDuration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = n => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

function render(el, now) {
  const left = Date.parse(el.dataset.due) - now;
  if (Number.isNaN(left)) return;
  const late = left < 0;
  el.textContent = late ? t('cases.overdueBy', { time: formatDuration(left) }) : t('cases.left', { time: formatDuration(left) });
  el.classList.toggle('late', late);
}

export function countdown(dueIso, testid = 'countdown') {
  const el = document.createElement('span');
  el.className = 'countdown';
  el.dataset.due = dueIso;
  el.dataset.testid = testid;
  render(el, Date.now());
  return el;
}

export function startTicking() {
  setInterval(() => {
    const now = Date.now();
    document.querySelectorAll('.countdown[data-due]').forEach(el => render(el, now));
  }, 1000);
}
