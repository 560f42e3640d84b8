// The map: the compounds as outlines drawn from their buildings' stored coordinates (no tile server), the
// open requests where they are, and where volunteers live, counted per building. Drawn as SVG.
import { api } from './api.js';
import { h, svg } from './dom.js';
import { t } from './i18n.js';
import { grids, grid, nameOf, OPEN, isStaff } from './lookups.js';

const WIDTH = 900;
const HEIGHT = 640;
const MARGIN = 40;

export async function map(section, session) {
  const staff = isStaff(session);
  const status = h('p', { class: 'muted' }, t('loading'));
  section.append(status);
  const gridList = (await grids()).filter(found => staff || session.grids.includes(found.code));
  const [details, compounds, requests, volunteers] = await Promise.all([
    Promise.all(gridList.map(found => grid(found.code))),
    api('/v1/places/compounds').catch(() => []),
    Promise.all(gridList.map(found => api(`/v1/requests?grid=${found.code}&size=100`).then(page => page.items, () => []))),
    staff ? volunteerHomes() : Promise.resolve([]),
  ]);
  const buildings = details.flatMap(detail => detail.buildings).filter(building => building.latitude !== null && building.longitude !== null);
  if (!buildings.length) {
    status.textContent = t('map.noPlaces');
    return;
  }
  const project = projection(buildings);
  const where = new Map(buildings.map(building => [`${building.compound}/${building.code}`, building]));
  const byCompound = Map.groupBy(buildings, building => building.compound);
  const middleOf = code => {
    const members = byCompound.get(code) || [];
    return members.length ? {
      latitude: members.reduce((sum, building) => sum + building.latitude, 0) / members.length,
      longitude: members.reduce((sum, building) => sum + building.longitude, 0) / members.length,
    } : undefined;
  };
  // A request is drawn where it says, else at its building, else in the middle of its compound.
  const open = requests.flat().filter(request => OPEN.includes(request.status)).map(request => {
    const location = request.details?.location || {};
    const compound = location.compoundCode || request.compoundCode;
    const place = location.latitude !== undefined && location.latitude !== null ? location
      : where.get(`${compound}/${location.buildingCode}`) || middleOf(compound);
    return place ? { request, latitude: place.latitude, longitude: place.longitude } : null;
  }).filter(Boolean);
  const homes = new Map();
  for (const home of volunteers) {
    const key = `${home.latitude.toFixed(5)},${home.longitude.toFixed(5)}`;
    homes.set(key, { ...home, count: (homes.get(key)?.count || 0) + 1 });
  }
  const compoundName = code => nameOf(compounds.find(compound => compound.code === code)) || code;

  const drawing = svg('svg', { class: 'map', id: 'community-map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'map-title map-summary' },
    svg('title', { id: 'map-title' }, t('map.title')),
    svg('desc', { id: 'map-summary' }, t('map.summary', { compounds: byCompound.size, buildings: buildings.length, requests: open.length })),
    [...byCompound].map(([code, members]) => {
      const outline = hull(members.map(building => project(building.latitude, building.longitude)), 14);
      const centre = outline.reduce((sum, point) => [sum[0] + point[0] / outline.length, sum[1] + point[1] / outline.length], [0, 0]);
      return svg('g', {},
        svg('polygon', { class: 'compound', points: outline.map(point => point.join(',')).join(' ') },
          svg('title', {}, `${code} ${compoundName(code)}`)),
        svg('text', { x: centre[0], y: Math.min(...outline.map(point => point[1])) - 4, 'text-anchor': 'middle' }, `${code} ${compoundName(code)}`));
    }),
    buildings.map(building => {
      const [x, y] = project(building.latitude, building.longitude);
      return svg('rect', { class: 'building', x: x - 3, y: y - 3, width: 6, height: 6 },
        svg('title', {}, `${building.compound} · ${building.code}`));
    }),
    [...homes.values()].map(home => {
      const [x, y] = project(home.latitude, home.longitude);
      return svg('circle', { class: 'volunteer', cx: x + 5, cy: y + 5, r: 3 + Math.min(home.count, 6) },
        svg('title', {}, t('map.volunteersHere', { count: home.count })));
    }),
    open.map(({ request, latitude, longitude }) => {
      const [x, y] = project(latitude, longitude);
      return svg('circle', { class: 'request', cx: x - 4, cy: y - 4, r: 6, 'data-request': request.id },
        svg('title', {}, `${t('status.' + request.status)} · ${request.categoryCode} · ${request.compoundCode}`));
    }));
  status.replaceWith(
    h('div', { class: 'panel' }, drawing,
      h('ul', { class: 'legend map-legend' },
        h('li', { class: 's0' }, t('map.buildings', { count: buildings.length })),
        h('li', { class: 's1' }, t('map.requests', { count: open.length })),
        staff ? h('li', { class: 's2' }, t('map.volunteers', { count: volunteers.length })) : null)),
    h('section', { class: 'panel', 'aria-labelledby': 'map-table-title' },
      h('h3', { id: 'map-table-title' }, t('map.byCompound')),
      h('table', {},
        h('thead', {}, h('tr', {}, [t('map.compound'), t('map.buildingCount'), t('map.openRequests')].map(text => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, [...byCompound].map(([code, members]) => h('tr', {},
          h('th', { scope: 'row' }, `${code} ${compoundName(code)}`), h('td', {}, String(members.length)),
          h('td', {}, String(open.filter(found => found.request.compoundCode === code).length))))))));
}

/** Where the volunteers live, for those whose home is on the map (staff read the register). */
async function volunteerHomes() {
  const homes = [];
  for (let page = 0; page < 20; page++) {
    const found = await api(`/v1/members?role=VOLUNTEER&active=true&size=100&page=${page}`).catch(() => null);
    if (!found) break;
    homes.push(...found.items.map(member => member.home).filter(home => home && home.latitude !== null && home.longitude !== null));
    if ((page + 1) * found.size >= found.total) break;
  }
  return homes;
}

/** Latitude/longitude to the drawing's x/y: equirectangular around the buildings' middle, north up, scale kept. */
function projection(buildings) {
  const latitudes = buildings.map(building => building.latitude);
  const longitudes = buildings.map(building => building.longitude);
  const [south, north] = [Math.min(...latitudes), Math.max(...latitudes)];
  const [west, east] = [Math.min(...longitudes), Math.max(...longitudes)];
  const squeeze = Math.cos(((south + north) / 2) * Math.PI / 180);
  const spanX = Math.max((east - west) * squeeze, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
  return (latitude, longitude) => [
    MARGIN + (longitude - west) * squeeze * scale + (WIDTH - 2 * MARGIN - spanX * scale) / 2,
    MARGIN + (north - latitude) * scale + (HEIGHT - 2 * MARGIN - spanY * scale) / 2,
  ];
}

/** The convex hull of the points, pushed out by {@code pad} from its middle: a compound's outline. */
function hull(points, pad) {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = list => list.reduce((kept, point) => {
    while (kept.length >= 2 && cross(kept.at(-2), kept.at(-1), point) <= 0) kept.pop();
    kept.push(point);
    return kept;
  }, []);
  const lower = half(sorted);
  const upper = half([...sorted].reverse());
  let outline = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  if (outline.length < 3) {
    const [x, y] = sorted[0];
    const [x2, y2] = sorted.at(-1);
    outline = [[x - 1, y - 1], [x2 + 1, y - 1], [x2 + 1, y2 + 1], [x - 1, y2 + 1]];
  }
  const middle = outline.reduce((sum, point) => [sum[0] + point[0] / outline.length, sum[1] + point[1] / outline.length], [0, 0]);
  return outline.map(([x, y]) => {
    const dx = x - middle[0];
    const dy = y - middle[1];
    const length = Math.hypot(dx, dy) || 1;
    return [Math.round((x + dx / length * pad) * 10) / 10, Math.round((y + dy / length * pad) * 10) / 10];
  });
}
