// The numbers: the three rates and SLA compliance per team, grid and week; each team's time bank; who is
// behind on their visits. Every section reads the API with the member's own rights and exports its figures.
import { api, ApiError } from './api.js';
import { h, show, downloadCsv } from './dom.js';
import { t } from './i18n.js';
import { groupedBars, percent, hours } from './charts.js';
import { teams, nameOf, isStaff } from './lookups.js';

const DAY = 86_400_000;
const ZONE_OFFSET = 8 * 3_600_000; // the community's zone, Asia/Shanghai, has no daylight saving
const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate', 'slaCompliance'];

/** The Monday (community time) of the week holding {@code time}, as a Date at that day's 00:00 UTC. */
function mondayOf(time) {
  const local = new Date(time + ZONE_OFFSET);
  const day = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day));
}

const iso = date => date.toISOString().slice(0, 10);

function isoWeek(monday) {
  const thursday = new Date(monday.getTime() + 3 * DAY);
  const yearStart = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((thursday - yearStart) / DAY + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The weeks of a period, oldest first: [{ from, to, week }]. */
export function weeksOf(period, now = Date.now()) {
  const thisMonday = mondayOf(now);
  const count = { thisWeek: 1, lastWeek: 1, last4: 4, last12: 12 }[period];
  const lastMonday = period === 'lastWeek' ? new Date(thisMonday.getTime() - 7 * DAY) : thisMonday;
  return Array.from({ length: count }, (_, index) => {
    const monday = new Date(lastMonday.getTime() - (count - 1 - index) * 7 * DAY);
    return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * DAY)), week: isoWeek(monday) };
  });
}

export async function numbers(section, session) {
  const staff = isStaff(session);
  const picker = h('select', { id: 'period' }, ['thisWeek', 'lastWeek', 'last4', 'last12']
    .map(period => h('option', { value: period }, t('period.' + period))));
  picker.value = 'last4';
  const body = h('div', { id: 'numbers' });
  section.append(h('div', { class: 'toolbar' }, h('div', {}, h('label', { for: 'period' }, t('period')), picker)), body);
  const draw = () => drawNumbers(body, weeksOf(picker.value), session, staff);
  picker.addEventListener('change', draw);
  await draw();
}

async function drawNumbers(body, weeks, session, staff) {
  const from = weeks[0].from;
  const to = weeks.at(-1).to;
  show(body, h('p', { class: 'muted' }, t('loading')));
  const leads = staff || session.roles.includes('TEAM_LEADER');
  const [teamList, leadership] = await Promise.all([teams().catch(() => []),
    leads ? api('/v1/teams/leaders').catch(() => ({})) : Promise.resolve({})]);
  const sections = [];
  if (staff) {
    sections.push(rates('by-team', t('numbers.byTeam'), `/v1/requests/kpis?from=${from}&to=${to}&groupBy=TEAM`,
      key => nameOf(teamList.find(team => team.key === key)) || key));
    sections.push(rates('by-grid', t('numbers.byGrid'), `/v1/requests/kpis?from=${from}&to=${to}&groupBy=GRID`,
      key => key));
    sections.push(weekly(weeks));
  }
  const myTeams = teamList.filter(team => Object.hasOwn(leadership, team.key));
  if (myTeams.length) sections.push(timeBank(myTeams, from, to));
  if (staff || session.roles.includes('GRID_WORKER')) sections.push(visits(weeks.at(-1).week));
  const panels = await Promise.all(sections);
  show(body, h('p', { class: 'muted' }, t('numbers.period', { from, to })), h('div', { class: 'charts' }, panels));
}

function panel(id, title, content, csv) {
  return h('section', { class: 'panel', 'aria-labelledby': id + '-heading', id: id + '-panel' },
    h('h3', { id: id + '-heading' }, title),
    content,
    csv ? h('button', { type: 'button', class: 'quiet', onclick: () => downloadCsv(id + '.csv', csv) }, t('numbers.csv')) : null);
}

function failed(id, title, error) {
  return panel(id, title, h('p', { class: 'error' }, error instanceof ApiError ? error.message : t('failed')));
}

const rateNames = () => RATES.map(rate => t('rate.' + rate));

async function rates(id, title, path, labelOf) {
  try {
    const report = await api(path);
    const figures = report.figures.filter(figure => figure.key !== null && figure.key !== undefined);
    if (!figures.length) return panel(id, title, h('p', { class: 'muted' }, t('numbers.none')));
    const labels = figures.map(figure => labelOf(figure.key));
    const series = RATES.map((rate, index) => ({ name: rateNames()[index], values: figures.map(figure => figure[rate]) }));
    return panel(id, title, groupedBars({ id: id + '-chart', title, labels, series, format: percent }),
      [['key', 'requests', ...RATES], ...figures.map(figure => [figure.key, figure.requests, ...RATES.map(rate => figure[rate])])]);
  } catch (error) {
    return failed(id, title, error);
  }
}

async function weekly(weeks) {
  const id = 'by-week';
  const title = t('numbers.byWeek');
  try {
    const reports = await Promise.all(weeks.map(week => api(`/v1/requests/kpis?from=${week.from}&to=${week.to}`)));
    const overall = reports.map(report => report.figures[0] || {});
    const series = RATES.map((rate, index) => ({ name: rateNames()[index], values: overall.map(figure => figure[rate] ?? null) }));
    return panel(id, title, groupedBars({ id: id + '-chart', title, labels: weeks.map(week => week.week), series, format: percent }),
      [['week', 'requests', ...RATES], ...weeks.map((week, index) => [week.week, overall[index].requests ?? 0,
        ...RATES.map(rate => overall[index][rate] ?? '')])]);
  } catch (error) {
    return failed(id, title, error);
  }
}

async function timeBank(teamList, from, to) {
  const id = 'time-bank';
  const title = t('numbers.timeBank');
  try {
    const totals = await Promise.all(teamList.map(team => api(`/v1/teams/${team.key}/hours?from=${from}&to=${to}`)));
    const labels = teamList.map(nameOf);
    const series = [
      { name: t('numbers.serviceHours'), values: totals.map(total => total.serviceHours) },
      { name: t('numbers.honourHours'), values: totals.map(total => total.honourHours) },
    ];
    const max = Math.max(1, ...totals.map(total => Math.max(total.serviceHours, total.honourHours)));
    return panel(id, title, groupedBars({ id: id + '-chart', title, labels, series, max: Math.ceil(max), format: hours }),
      [['team', 'serviceHours', 'honourHours', 'points', 'volunteers'],
        ...totals.map((total, index) => [teamList[index].key, total.serviceHours, total.honourHours, total.points, total.volunteers.length])]);
  } catch (error) {
    return failed(id, title, error);
  }
}

async function visits(week) {
  const id = 'visits';
  const title = t('numbers.visits', { week });
  try {
    const report = await api('/v1/visits/compliance?week=' + week);
    const people = report.grids.flatMap(grid => grid.members.map(member => ({ ...member, grid: grid.gridCode })));
    if (!people.length) return panel(id, title, h('p', { class: 'muted' }, t('numbers.none')));
    const behind = people.filter(person => person.behind).length;
    const max = Math.max(1, ...people.map(person => Math.max(person.households, person.target)));
    const series = [
      { name: t('numbers.households'), values: people.map(person => person.households) },
      { name: t('numbers.target'), values: people.map(person => person.target) },
    ];
    return panel(id, title, [
      h('p', { class: behind ? 'error' : 'ok' }, t('numbers.behind', { behind, count: people.length })),
      groupedBars({ id: id + '-chart', title, labels: people.map(person => `${person.grid} ${person.name}`), series, max,
        highlight: (value, row, index) => index === 0 && people[row].behind }),
    ], [['grid', 'name', 'duty', 'households', 'target', 'behind'],
      ...people.map(person => [person.grid, person.name, person.duty, person.households, person.target, person.behind])]);
  } catch (error) {
    return failed(id, title, error);
  }
}
