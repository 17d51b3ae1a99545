// The shell: session, header, role-based navigation and a hash router (#/login, #/crowd, #/chargers, #/cases,
// #/cases/<id>, #/ops, #/devices, #/devices/<id>). Each view module exports mount(root, ctx) and returns a function that unmounts it.
import { api, setUnauthorizedHandler } from './api.js';
import { t, tv, lang, setLang, onLangChange } from './i18n.js';
import { h, clear } from './dom.js';
import { connectLive, disconnectLive, onLiveStatus } from './live.js';
import { startTicking } from './countdown.js';
import * as login from './views/login.js';
import * as crowd from './views/crowd.js';
import * as chargers from './views/chargers.js';
import * as cases from './views/cases.js';
import * as caseDetail from './views/case-detail.js';
import * as ops from './views/ops.js';
import * as devices from './views/devices.js';
import * as deviceDetail from './views/device-detail.js';

// What each role works with (issue 5, section 1); the server enforces the same scope on every API call. Devices are
// read by those the case service lets read them (district operators, and vendors their own: issue 14); a vendor has
// no case and no place in scope, so the device page is all they get.
const OPERATOR_VIEWS = ['crowd', 'chargers', 'cases', 'ops'];
const ROLE_VIEWS = {
  district_operator: [...OPERATOR_VIEWS, 'devices'],
  sub_district_operator: OPERATOR_VIEWS,
  community_operator: OPERATOR_VIEWS,
  emergency_manager: ['crowd', 'cases'],
  property_manager: ['chargers', 'cases'],
  grid_worker: ['cases', 'chargers'],
  department_responder: ['cases'],
  vendor: ['devices'],
};
const VIEWS = { crowd, chargers, cases, ops, devices };
const DETAIL_VIEWS = { cases: caseDetail, devices: deviceDetail };
const RETURN_KEY = 'anju.returnTo';

const header = document.getElementById('app-header');
const main = document.getElementById('app-main');
let session = null;
let unmount = null;
let liveStatus = 'down';

function viewsOf(role) {
  return ROLE_VIEWS[role] ?? [];
}

function parseHash() {
  const [view = '', id] = location.hash.replace(/^#\/?/, '').split('/');
  return { view, id: id ? decodeURIComponent(id) : undefined };
}

function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function renderHeader(route) {
  const langToggle = h('button', {
    type: 'button', class: 'link', 'data-testid': 'lang-toggle',
    onclick: () => setLang(lang() === 'zh-CN' ? 'en' : 'zh-CN'),
  }, t('lang.other'));
  if (!session) {
    clear(header, h('span', { class: 'brand' }, t('app.title')), h('span', { class: 'spacer' }), langToggle);
    return;
  }
  const nav = h('nav', { class: 'nav', 'aria-label': 'main' },
    viewsOf(session.role).map(view => h('a', {
      href: `#/${view}`, 'data-testid': `nav-${view}`,
      class: route.view === view ? 'active' : null, 'aria-current': route.view === view ? 'page' : null,
    }, t(`nav.${view}`))));
  clear(header,
    h('span', { class: 'brand' }, t('app.title')),
    nav,
    h('span', { class: 'spacer' }),
    h('span', { class: `live-dot ${liveStatus}`, 'data-testid': 'live-status', 'data-status': liveStatus,
      title: t(`live.${liveStatus}`) }, t(`live.${liveStatus}`)),
    h('span', { class: 'who', 'data-testid': 'current-user' },
      h('strong', null, session.displayName || session.name), ' ',
      h('span', { class: 'role', 'data-testid': 'current-role', 'data-role': session.role }, tv('role', session.role))),
    langToggle,
    h('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', onclick: signOut }, t('header.signOut')));
}

function render() {
  const route = parseHash();
  if (unmount) {
    unmount();
    unmount = null;
  }
  if (!session && route.view !== 'login') {
    if (route.view) sessionStorage.setItem(RETURN_KEY, location.hash);
    navigate('#/login');
    return;
  }
  const allowed = session ? viewsOf(session.role) : [];
  if (session && (route.view === 'login' || route.view === '')) {
    navigate(`#/${allowed[0] ?? 'cases'}`);
    return;
  }
  renderHeader(route);
  main.replaceChildren();
  const ctx = { session, params: route, navigate, canOpenCases: allowed.includes('cases') };
  if (route.view === 'login') {
    unmount = login.mount(main, { ...ctx, onSignedIn: signedIn });
  } else if (!VIEWS[route.view]) {
    main.append(h('p', { class: 'notice', 'data-testid': 'view-not-found' }, t('common.notFound')));
  } else if (!allowed.includes(route.view)) {
    main.append(h('p', { class: 'notice', 'data-testid': 'view-forbidden' }, t('common.forbidden')));
  } else {
    const view = route.id && DETAIL_VIEWS[route.view] ? DETAIL_VIEWS[route.view] : VIEWS[route.view];
    unmount = view.mount(main, ctx) ?? null;
  }
}

function signedIn(who) {
  session = who;
  connectLive(checkSession);
  // Back to the page that asked for sign-in, when this role may open it.
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  const backView = back?.replace(/^#\/?/, '').split('/')[0];
  navigate(back && viewsOf(who.role).includes(backView) ? back : `#/${viewsOf(who.role)[0]}`);
}

function signedOut() {
  if (!session) return;
  session = null;
  disconnectLive();
  navigate('#/login');
}

async function signOut() {
  try {
    await api.del('/api/session');
  } catch (e) {
    console.warn('sign-out failed; dropping the session locally anyway', e);
  }
  sessionStorage.removeItem(RETURN_KEY);
  signedOut();
}

// The live stream closed for good: if the session is gone, the user must sign in again.
async function checkSession() {
  try {
    session = await api.get('/api/session');
  } catch (e) {
    if (e.status === 401) signedOut();
  }
}

async function start() {
  setUnauthorizedHandler(signedOut);
  onLangChange(render);
  onLiveStatus(status => {
    liveStatus = status;
    const dot = header.querySelector('[data-testid="live-status"]');
    if (dot) {
      dot.className = `live-dot ${status}`;
      dot.dataset.status = status;
      dot.textContent = t(`live.${status}`);
    }
  });
  startTicking();
  try {
    session = await api.get('/api/session');
    connectLive(checkSession);
  } catch (e) {
    session = null;
    if (e.status !== 401) console.warn('session check failed', e);
  }
  window.addEventListener('hashchange', render);
  render();
}

start();
