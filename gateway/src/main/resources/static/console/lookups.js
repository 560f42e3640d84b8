// What the pages name by code (categories, grids, teams) and people by id, read once per sign-in.
import { api } from './api.js';
import { language, t } from './i18n.js';

const cache = new Map();

/** A request's statuses while it is still to be done: what the board and the map show. */
export const OPEN = ['SUBMITTED', 'DISPATCHING', 'ASSIGNED', 'IN_PROGRESS', 'ESCALATED', 'REOPENED'];

/** Staff and admins: the office's own (the services decide what each may do; this only chooses what to show). */
export const isStaff = session => session.roles.includes('STAFF') || session.roles.includes('ADMIN');

/** Why dispatch ranks a candidate as it does: the parts of its score, in words. */
export const reasons = candidate => Object.entries(candidate.components || {})
  .map(([part, value]) => `${t('score.' + part)} ${Number(value).toFixed(2)}`).join(', ');

function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch(error => { cache.delete(key); throw error; }));
  return cache.get(key);
}

export const categories = () => once('categories', () => api('/v1/categories'));
export const grids = () => once('grids', () => api('/v1/grids'));
export const teams = () => once('teams', () => api('/v1/teams'));
export const grid = code => once('grid:' + code, () => api('/v1/grids/' + encodeURIComponent(code)));

/** The name in the console's language from a record with nameZh / nameZhHant / nameEn (or name). */
export function nameOf(record) {
  if (!record) return '';
  if (language === 'en') return record.nameEn || record.name || record.nameZh || record.code || record.key;
  if (language === 'zh-Hant') return record.nameZhHant || record.nameZh || record.name || record.code || record.key;
  return record.nameZh || record.name || record.code || record.key;
}

/** A member's name when the caller may read it; otherwise the start of their id. */
export function personName(id) {
  return once('member:' + id, () => api('/v1/members/' + id).then(member => member.name))
    .catch(() => id.slice(0, 8));
}

export async function categoryName(code) {
  const found = (await categories()).find(category => category.code === code);
  return found ? nameOf(found) : code;
}

export function forget() {
  cache.clear();
}
