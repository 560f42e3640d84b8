// Charts drawn as SVG here (no chart library, nothing inline that the page's CSP would refuse): each has
// a title and a description for screen readers, and its figures stay readable as a table beside it.
import { h, svg } from './dom.js';

const WIDTH = 640;
const LEFT = 44;
const BOTTOM = 64;
const TOP = 12;

/**
 * Bars in groups: one group per label, one bar per series (each value 0..max), an optional dashed target line.
 * series: [{ name, values: [number|null] }]; labels: [string].
 */
export function groupedBars({ id, title, labels, series, max = 1, format = value => value, target, highlight }) {
  const height = 300;
  const plot = height - TOP - BOTTOM;
  const groupWidth = (WIDTH - LEFT - 8) / Math.max(labels.length, 1);
  const barWidth = Math.max(4, (groupWidth - 8) / series.length);
  const y = value => TOP + plot - (Math.min(value, max) / max) * plot;
  const chart = svg('svg', { class: 'chart', id, viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${id}-title` },
    svg('title', { id: `${id}-title` }, title),
    [0, 0.25, 0.5, 0.75, 1].map(share => [
      svg('line', { class: 'axis', x1: LEFT, x2: WIDTH - 4, y1: y(share * max), y2: y(share * max), 'stroke-opacity': share ? 0.25 : 1 }),
      svg('text', { x: LEFT - 6, y: y(share * max) + 4, 'text-anchor': 'end' }, format(share * max)),
    ]),
    labels.map((label, group) => {
      const x0 = LEFT + group * groupWidth + 4;
      return [
        series.map((one, index) => {
          const value = one.values[group];
          if (value === null || value === undefined) return null;
          const behind = highlight && highlight(value, group, index);
          return svg('rect', {
            class: behind ? 'behind' : 's' + index, x: x0 + index * barWidth, y: y(value),
            width: Math.max(barWidth - 2, 2), height: Math.max(TOP + plot - y(value), 0.5),
          }, svg('title', {}, `${label} · ${one.name}: ${format(value)}`));
        }),
        svg('text', { x: x0 + groupWidth / 2 - 4, y: TOP + plot + 16, 'text-anchor': 'end',
          transform: `rotate(-35 ${x0 + groupWidth / 2 - 4} ${TOP + plot + 16})` }, label),
      ];
    }),
    target !== undefined ? svg('line', { class: 'target', x1: LEFT, x2: WIDTH - 4, y1: y(target), y2: y(target) }) : null);
  return h('figure', {},
    chart,
    series.length > 1 ? h('ul', { class: 'legend' }, series.map((one, index) => h('li', { class: 's' + index }, one.name))) : null,
    table(title, labels, series, format));
}

/** The chart's figures as a table, folded away until asked for. */
function table(title, labels, series, format) {
  return h('details', {},
    h('summary', {}, title),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), series.map(one => h('th', { scope: 'col' }, one.name)))),
      h('tbody', {}, labels.map((label, row) => h('tr', {}, h('th', { scope: 'row' }, label),
        series.map(one => h('td', {}, one.values[row] === null || one.values[row] === undefined ? '–' : format(one.values[row]))))))));
}

export const percent = value => `${Math.round(value * 100)}%`;
export const hours = value => `${Math.round(value * 10) / 10}`;
