// The board: a grid's requests and a team's dispatch moves, live; a card opens the request, its
// dispatch preview and the office's actions on it.
import { api, follow, ApiError } from './api.js';
import { h, show, announce } from './dom.js';
import { t, when } from './i18n.js';
import { grids, teams, nameOf, categoryName, OPEN, isStaff } from './lookups.js';
import { openRequest } from './request-dialog.js';

const WAITING = ['SUBMITTED', 'DISPATCHING', 'REOPENED'];
const REQUEST_NEWS = ['submitted', 'moved', 'updated', 'deliberation', 'evaluated', 'reset'];
const BOARD_NEWS = ['offered', 'accepted', 'declined', 'expired', 'started', 'completed', 'released', 'withdrawn', 'unassignable', 'reset'];

export async function board(section, session) {
  const staff = isStaff(session);
  const [gridList, teamList, leadership] = await Promise.all([
    grids().catch(() => []),
    teams().catch(() => []),
    staff || session.roles.includes('TEAM_LEADER') ? api('/v1/teams/leaders').catch(() => ({})) : Promise.resolve({}),
  ]);
  const myGrids = staff ? gridList : gridList.filter(grid => session.grids.includes(grid.code));
  const myTeams = teamList.filter(team => Object.hasOwn(leadership, team.key));
  const requestsPanel = h('section', { class: 'panel', 'aria-labelledby': 'requests-title' });
  const teamPanel = h('section', { class: 'panel', 'aria-labelledby': 'team-title' });
  const toolbar = h('div', { class: 'toolbar' });
  section.append(toolbar, h('div', { class: 'columns' }, myGrids.length ? requestsPanel : null, myTeams.length ? teamPanel : null));
  if (!myGrids.length && !myTeams.length) section.append(h('p', { class: 'panel' }, t('board.nothing')));

  let stopGrid = () => {};
  let stopTeam = () => {};
  if (myGrids.length) {
    const picker = h('select', { id: 'grid' }, myGrids.map(grid => h('option', { value: grid.code }, `${grid.code} ${nameOf(grid)}`)));
    picker.value = sessionStorage.getItem('console.grid') || myGrids[0].code;
    if (!picker.value) picker.value = myGrids[0].code;
    picker.addEventListener('change', () => { sessionStorage.setItem('console.grid', picker.value); stopGrid(); stopGrid = gridBoard(requestsPanel, picker.value, session); });
    toolbar.append(h('div', {}, h('label', { for: 'grid' }, t('board.grid')), picker));
    stopGrid = gridBoard(requestsPanel, picker.value, session);
  }
  if (myTeams.length) {
    const picker = h('select', { id: 'team' }, myTeams.map(team => h('option', { value: team.key }, nameOf(team))));
    picker.value = sessionStorage.getItem('console.team') || myTeams[0].key;
    if (!picker.value) picker.value = myTeams[0].key;
    picker.addEventListener('change', () => { sessionStorage.setItem('console.team', picker.value); stopTeam(); stopTeam = teamBoard(teamPanel, picker.value, session); });
    toolbar.append(h('div', {}, h('label', { for: 'team' }, t('board.team')), picker));
    stopTeam = teamBoard(teamPanel, picker.value, session);
  }
  return () => { stopGrid(); stopTeam(); };
}

/** A grid's open requests, newest first, kept current by the grid's live stream. */
function gridBoard(panel, gridCode, session) {
  const cards = new Map();
  const list = h('ul', { class: 'cards', id: 'requests', 'aria-live': 'off' });
  const state = h('p', { class: 'muted', id: 'requests-state' }, t('loading'));
  show(panel, h('h3', { id: 'requests-title' }, t('board.requests', { grid: gridCode })), state, list);

  const place = (request, why, fresh) => {
    const existing = cards.get(request.id);
    if (!OPEN.includes(request.status)) {
      if (existing) existing.element.remove();
      cards.delete(request.id);
      return;
    }
    const entry = { request, why: why ?? existing?.why ?? null };
    entry.element = card(entry, fresh, () => openRequest(request.id, session, reload));
    if (existing) existing.element.replaceWith(entry.element);
    cards.set(request.id, entry);
    // Newest first: appending moves each card to its place.
    list.append(...[...cards.values()].sort((a, b) => b.request.submittedAt.localeCompare(a.request.submittedAt))
      .map(other => other.element));
    state.textContent = cards.size ? t('board.count', { count: cards.size }) : t('board.empty');
  };
  const reload = id => api('/v1/requests/' + id).then(request => place(request, null, false), () => {});

  const load = api(`/v1/requests?grid=${encodeURIComponent(gridCode)}&size=100`).then(page => {
    for (const request of page.items) place(request, null, false);
    state.textContent = cards.size ? t('board.count', { count: cards.size }) : t('board.empty');
    for (const entry of [...cards.values()].filter(entry => entry.request.status === 'ESCALATED')) {
      api(`/v1/requests/${entry.request.id}/timeline`).then(timeline => {
        const last = timeline.filter(step => step.to === 'ESCALATED').at(-1);
        if (last) place(entry.request, last.reason, false);
      }, () => {});
    }
  }, error => { state.textContent = error instanceof ApiError ? error.message : t('failed'); });

  return follow(`/v1/requests/board/stream?grid=${encodeURIComponent(gridCode)}`, REQUEST_NEWS, (name, news) => {
    if (name === 'reset') {
      load.then(() => api(`/v1/requests?grid=${encodeURIComponent(gridCode)}&size=100`))
        .then(page => page.items.forEach(request => place(request, null, false)), () => {});
      return;
    }
    api('/v1/requests/' + news.requestId).then(request => {
      place(request, news.status === 'ESCALATED' ? news.detail : null, name === 'submitted');
      if (name === 'submitted') categoryName(request.categoryCode).then(category => announce(t('board.arrived', { category })));
    }, () => {});
  });
}

function card(entry, fresh, open) {
  const { request, why } = entry;
  const overdue = WAITING.includes(request.status) && request.dispatchBy && new Date(request.dispatchBy) < new Date();
  const attention = request.status === 'ESCALATED' || overdue;
  const title = h('strong', {}, request.categoryCode);
  categoryName(request.categoryCode).then(name => { title.textContent = name; });
  const button = h('button', {
    type: 'button', class: ['card', attention ? 'attention' : '', fresh ? 'fresh' : ''].join(' ').trim(),
    'data-request': request.id, 'data-status': request.status, 'data-grid': request.gridCode, onclick: open,
  },
  h('span', { class: 'line' }, title, h('span', { class: 'badge' }, t('status.' + request.status)),
    h('span', { class: 'badge' }, t('urgency.' + request.urgency))),
  h('span', { class: 'line muted' }, [request.compoundCode, request.details?.location?.buildingCode].filter(Boolean).join(' · '),
    ' · ', when(request.submittedAt)),
  request.status === 'ESCALATED' ? h('span', { class: 'why' }, t('board.escalated'), why ? ': ' + why : '') : null,
  overdue ? h('span', { class: 'why' }, t('board.overdue', { at: when(request.dispatchBy) })) : null,
  request.details?.description ? h('span', {}, request.details.description.slice(0, 140)) : null);
  return h('li', {}, button);
}

/** A team's dispatch moves as they happen: offers, acceptances, declines, nobody to take it. */
function teamBoard(panel, teamKey, session) {
  const feed = h('ol', { class: 'feed', id: 'team-feed', reversed: true });
  const state = h('p', { class: 'muted' }, t('board.teamWaiting'));
  show(panel, h('h3', { id: 'team-title' }, t('board.teamMoves')), state, feed);
  return follow(`/v1/teams/${encodeURIComponent(teamKey)}/board/stream`, BOARD_NEWS, (name, news) => {
    if (name === 'reset') return;
    state.hidden = true;
    const item = h('li', { class: name === 'unassignable' ? 'why' : '' },
      h('span', {}, h('strong', {}, t('change.' + name)), ' · ', when(news.at)),
      news.reason ? h('span', {}, news.reason) : null,
      news.requestId ? h('button', { type: 'button', class: 'quiet', onclick: () => openRequest(news.requestId, session, () => {}) },
        t('board.openRequest')) : null);
    feed.prepend(item);
    while (feed.children.length > 50) feed.lastChild.remove();
  });
}
