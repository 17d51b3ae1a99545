// Sign-in with the case system's users (the server forwards the check to the case service).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h } from '../dom.js';

export function mount(root, { onSignedIn }) {
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true,
    'data-testid': 'login-name' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, t('login.submit'));
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: true });

  const form = h('form', {
    class: 'card login', onsubmit: async e => {
      e.preventDefault();
      submit.disabled = true;
      error.hidden = true;
      try {
        onSignedIn(await api.post('/api/session', { name: name.value.trim(), password: password.value }));
      } catch (err) {
        error.textContent = t('login.failed', { message: err.message });
        error.hidden = false;
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h1', null, t('login.title')),
  h('label', { for: 'login-name' }, t('login.name')), name,
  h('label', { for: 'login-password' }, t('login.password')), password,
  submit, error);
  root.append(form);
  name.focus();
  return null;
}
