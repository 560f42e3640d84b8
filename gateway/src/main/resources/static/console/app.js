// The console's shell: sign-in, the pages a member's roles open, and moving between them.
import { api, call, whenSignedOut, ApiError } from './api.js';
import { h, show } from './dom.js';
import { t, language, chooseLanguage } from './i18n.js';
import { board } from './board.js';
import { numbers } from './numbers.js';
import { map } from './map.js';
import { people } from './people.js';
import { forget } from './lookups.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

/** Each page, who it is for, and what draws it (a draw returns what stops its live parts, if any). */
const PAGES = [
  { id: 'board', roles: ['STAFF', 'ADMIN', 'TEAM_LEADER', 'GRID_WORKER'], draw: board },
  { id: 'numbers', roles: ['STAFF', 'ADMIN', 'TEAM_LEADER', 'GRID_WORKER'], draw: numbers },
  { id: 'map', roles: ['STAFF', 'ADMIN', 'GRID_WORKER'], draw: map },
  { id: 'people', roles: ['STAFF', 'ADMIN'], draw: people },
];

let session = null;
let stop = () => {};

function translateShell() {
  document.documentElement.lang = language;
  document.title = t('title');
  document.getElementById('title').textContent = t('title');
  document.getElementById('skip').textContent = t('skip');
  document.getElementById('language-label').textContent = t('language');
  document.getElementById('sign-out').textContent = t('signOut');
  nav.setAttribute('aria-label', t('pages'));
  const picker = document.getElementById('language');
  picker.value = language;
  picker.addEventListener('change', () => chooseLanguage(picker.value));
}

function pagesFor(roles) {
  return PAGES.filter(page => page.roles.some(role => roles.includes(role)));
}

function signedIn(who) {
  forget();
  session = who;
  const pages = pagesFor(who.roles);
  if (who.roles.length === 0) {
    changePassword();
    return;
  }
  if (pages.length === 0) {
    show(main, h('section', { class: 'panel signin' }, h('h2', {}, t('notForYou')), h('p', {}, t('notForYouDetail'))));
  }
  show(nav, pages.map(page => h('a', { href: '#' + page.id, id: 'nav-' + page.id }, t('page.' + page.id))));
  nav.hidden = false;
  document.getElementById('sign-out').hidden = false;
  api('/v1/members/me').then(me => { document.getElementById('who').textContent = me.name; }, () => {});
  if (pages.length > 0) route();
}

function route() {
  if (!session) return;
  const pages = pagesFor(session.roles);
  const wanted = location.hash.slice(1);
  const page = pages.find(candidate => candidate.id === wanted) || pages[0];
  if (!page) return;
  for (const link of nav.querySelectorAll('a')) {
    if (link.id === 'nav-' + page.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  stop();
  stop = () => {};
  const section = h('section', { class: 'page', 'aria-labelledby': 'page-title' },
    h('h2', { id: 'page-title' }, t('page.' + page.id)));
  show(main, section);
  Promise.resolve(page.draw(section, session)).then(stopper => { stop = stopper || (() => {}); });
}

function signInForm(message) {
  session = null;
  stop();
  nav.hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  let byCode = false;
  const status = h('p', { role: 'status', class: 'error' }, message || '');
  const panel = h('section', { class: 'panel signin', 'aria-labelledby': 'signin-title' });
  const draw = () => {
    const fields = byCode
      ? [h('label', { for: 'phone' }, t('phone')), h('input', { id: 'phone', name: 'phone', inputmode: 'numeric', autocomplete: 'tel', required: true }),
         h('button', { type: 'button', class: 'quiet', id: 'send-code', onclick: sendCode }, t('sendCode')),
         h('label', { for: 'code' }, t('code')), h('input', { id: 'code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true })]
      : [h('label', { for: 'username' }, t('username')), h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true }),
         h('label', { for: 'password' }, t('password')), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })];
    show(panel,
      h('h2', { id: 'signin-title' }, t('signIn')),
      h('div', { class: 'tabs' },
        h('button', { type: 'button', 'aria-pressed': String(!byCode), onclick: () => { byCode = false; draw(); } }, t('byPassword')),
        h('button', { type: 'button', 'aria-pressed': String(byCode), onclick: () => { byCode = true; draw(); } }, t('byCode'))),
      h('form', { onsubmit: submit }, fields, h('button', { type: 'submit', id: 'sign-in' }, t('signIn'))),
      status);
  };
  async function sendCode() {
    try {
      await api('/v1/auth/codes', { method: 'POST', body: { phone: panel.querySelector('#phone').value } });
      status.className = 'ok';
      status.textContent = t('codeSent');
    } catch (error) {
      status.className = 'error';
      status.textContent = error.message;
    }
  }
  async function submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = Object.fromEntries(form.entries());
    try {
      signedIn(await call('/console/session', { method: 'POST', body }));
    } catch (error) {
      status.className = 'error';
      status.textContent = error instanceof ApiError ? error.message : t('failed');
    }
  }
  draw();
  show(main, panel);
  panel.querySelector('input').focus();
}

/** A first admin's generated password (or one an admin set) is changed before anything else; then sign in again. */
function changePassword() {
  const status = h('p', { role: 'status', class: 'error' });
  const panel = h('section', { class: 'panel signin', 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title' }, t('changePassword')),
    h('p', {}, t('changePasswordFirst')),
    h('form', { onsubmit: async event => {
      event.preventDefault();
      const form = event.target;
      try {
        await api('/v1/auth/password', { method: 'POST',
          body: { currentPassword: form.current.value, newPassword: form.next.value } });
        await call('/console/session', { method: 'DELETE' }).catch(() => {});
        signInForm(t('passwordChanged'));
      } catch (error) {
        status.textContent = error.message;
      }
    } },
    h('label', { for: 'current' }, t('currentPassword')),
    h('input', { id: 'current', name: 'current', type: 'password', autocomplete: 'current-password', required: true }),
    h('label', { for: 'next' }, t('newPassword')),
    h('input', { id: 'next', name: 'next', type: 'password', autocomplete: 'new-password', minlength: 12, required: true }),
    h('button', { type: 'submit' }, t('changePassword'))),
    status);
  show(main, panel);
  document.getElementById('sign-out').hidden = false;
  panel.querySelector('input').focus();
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await call('/console/session', { method: 'DELETE' }).catch(() => {});
  // Whoever signs in next on this screen starts on the board, not on the page the last one left open.
  history.replaceState(null, '', location.pathname);
  signInForm(t('signedOut'));
});
window.addEventListener('hashchange', route);
whenSignedOut(() => { if (session) signInForm(t('sessionEnded')); });
translateShell();
call('/console/session').then(who => (who.signedIn ? signedIn(who) : signInForm()), () => signInForm(t('failed')));
