// Rules and people, for staff: the dispatch rules and who each would be offered to now, the teams and their
// leaders, the member register with roles. Read with the member's own rights; changes stay in Swagger UI.
import { api, ApiError } from './api.js';
import { h, show } from './dom.js';
import { t } from './i18n.js';
import { teams, grids, categoryName, personName, nameOf, reasons } from './lookups.js';

const ROLES = ['RESIDENT', 'VOLUNTEER', 'TEAM_LEADER', 'GRID_WORKER', 'STAFF', 'ADMIN'];
const URGENCIES = ['EMERGENCY', 'URGENT', 'NORMAL', 'COMPLEX'];

export async function people(section) {
  const [rules, teamList, leadership, gridList, compounds] = await Promise.all([
    api('/v1/dispatch-rules').catch(() => []), teams().catch(() => []), api('/v1/teams/leaders').catch(() => ({})),
    grids().catch(() => []), api('/v1/places/compounds').catch(() => []),
  ]);
  const names = await Promise.all(rules.map(rule => categoryName(rule.categoryCode)));
  section.append(
    rulesPanel(rules, names, teamList),
    previewPanel(rules, names, gridList, compounds),
    teamsPanel(teamList, leadership),
    registerPanel());
}

function rulesPanel(rules, names, teamList) {
  const teamName = key => nameOf(teamList.find(team => team.key === key)) || key;
  return h('section', { class: 'panel', 'aria-labelledby': 'rules-title' },
    h('h3', { id: 'rules-title' }, t('people.rules')),
    h('table', { id: 'rules' },
      h('thead', {}, h('tr', {}, [t('people.category'), t('people.teams'), t('people.skills'), t('people.mode'), t('people.maxOffers'), t('people.version')]
        .map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rules.map((rule, index) => h('tr', {},
        h('th', { scope: 'row' }, names[index]),
        h('td', {}, rule.teams.map(teamName).join('、')),
        h('td', {}, Object.entries(rule.requiredSkills || {}).map(([skill, level]) => `${skill} ≥ ${level}`).join(', ') || '–'),
        h('td', {}, rule.mode), h('td', {}, String(rule.maxOffers)), h('td', {}, String(rule.version)))))));
}

function previewPanel(rules, names, gridList, compounds) {
  const result = h('div', { id: 'rule-preview', role: 'status' });
  const select = (id, label, options) => [h('label', { for: id }, label),
    h('select', { id, name: id, required: true }, options.map(([value, text]) => h('option', { value }, text)))];
  const form = h('form', { class: 'toolbar', onsubmit: async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target).entries());
    try {
      const ranked = await api('/v1/dispatch-rules/preview', { method: 'POST', body: {
        categoryCode: data['preview-category'], urgency: data['preview-urgency'],
        compoundCode: data['preview-compound'], gridCode: data['preview-grid'], limit: 10 } });
      show(result, ranked.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['#', t('request.volunteer'), t('request.team'), t('request.score'), t('request.whyOffered')].map(text => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, ranked.map((candidate, index) => {
          const name = h('td', {}, candidate.volunteerId.slice(0, 8));
          personName(candidate.volunteerId).then(found => { name.textContent = found; });
          return h('tr', {}, h('td', {}, String(index + 1)), name, h('td', {}, candidate.teamKey),
            h('td', {}, Number(candidate.score).toFixed(2)),
            h('td', {}, reasons(candidate)));
        }))) : h('p', { class: 'muted' }, t('request.nobody')));
    } catch (error) {
      show(result, h('p', { class: 'error' }, error instanceof ApiError ? error.message : t('failed')));
    }
  } },
  h('div', {}, select('preview-category', t('people.category'), rules.map((rule, index) => [rule.categoryCode, names[index]]))),
  h('div', {}, select('preview-urgency', t('request.urgency'), URGENCIES.map(urgency => [urgency, t('urgency.' + urgency)]))),
  h('div', {}, select('preview-compound', t('map.compound'), compounds.map(compound => [compound.code, `${compound.code} ${nameOf(compound)}`]))),
  h('div', {}, select('preview-grid', t('board.grid'), gridList.map(found => [found.code, `${found.code} ${nameOf(found)}`]))),
  h('div', {}, h('button', { type: 'submit' }, t('people.preview'))));
  return h('section', { class: 'panel', 'aria-labelledby': 'preview-title' },
    h('h3', { id: 'preview-title' }, t('people.previewTitle')), form, result);
}

function teamsPanel(teamList, leadership) {
  return h('section', { class: 'panel', 'aria-labelledby': 'teams-title' },
    h('h3', { id: 'teams-title' }, t('people.teamsAndLeaders')),
    h('table', { id: 'teams' },
      h('thead', {}, h('tr', {}, [t('request.team'), t('people.station'), t('people.leaders')].map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, teamList.map(team => {
        const leaders = h('td', {}, (leadership[team.key] || []).length ? '' : '–');
        Promise.all((leadership[team.key] || []).map(personName)).then(found => { if (found.length) leaders.textContent = found.join('、'); });
        return h('tr', {}, h('th', { scope: 'row' }, nameOf(team)), h('td', {}, team.station || ''), leaders);
      }))));
}

function registerPanel() {
  const rows = h('tbody', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  let page = 0;
  const previous = h('button', { type: 'button', class: 'quiet', onclick: () => { page--; load(); } }, t('people.previous'));
  const next = h('button', { type: 'button', class: 'quiet', onclick: () => { page++; load(); } }, t('people.next'));
  const role = h('select', { id: 'register-role' }, h('option', { value: '' }, t('people.anyRole')),
    ROLES.map(name => h('option', { value: name }, t('role.' + name))));
  const name = h('input', { id: 'register-name', type: 'search', autocomplete: 'off' });
  async function load() {
    const query = new URLSearchParams({ page, size: 20 });
    if (role.value) query.set('role', role.value);
    if (name.value.trim()) query.set('name', name.value.trim());
    try {
      const found = await api('/v1/members?' + query);
      show(rows, found.items.map(member => h('tr', {},
        h('th', { scope: 'row' }, member.name), h('td', {}, member.roles.map(one => t('role.' + one)).join('、')),
        h('td', {}, [member.home?.gridCode, member.home?.compoundCode, member.home?.buildingCode].filter(Boolean).join(' · ')),
        h('td', {}, member.active ? t('people.active') : t('people.inactive')))));
      summary.textContent = t('people.registerCount', { total: found.total, page: page + 1 });
      previous.disabled = page === 0;
      next.disabled = (page + 1) * found.size >= found.total;
    } catch (error) {
      summary.textContent = error instanceof ApiError ? error.message : t('failed');
    }
  }
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'register-title' },
    h('h3', { id: 'register-title' }, t('people.register')),
    h('form', { class: 'toolbar', onsubmit: event => { event.preventDefault(); page = 0; load(); } },
      h('div', {}, h('label', { for: 'register-role' }, t('people.role')), role),
      h('div', {}, h('label', { for: 'register-name' }, t('people.name')), name),
      h('div', {}, h('button', { type: 'submit' }, t('people.find')))),
    h('table', { id: 'register' },
      h('thead', {}, h('tr', {}, [t('people.name'), t('people.roles'), t('people.home'), t('people.state')].map(text => h('th', { scope: 'col' }, text)))),
      rows),
    summary, h('div', { class: 'actions' }, previous, next));
  load();
  return panel;
}
