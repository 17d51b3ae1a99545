// A small SVG line chart for one series over time (the crowd history). Enough for a glance: y axis from 0 to a
// rounded maximum, the start, middle and end times, and the latest value; no library for a few hundred points.
import { s } from './dom.js';
import { fmtClock, fmtNumber } from './i18n.js';

const W = 600;
const H = 170;
const PAD = { left: 46, right: 12, top: 12, bottom: 24 };

function niceMax(value) {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find(m => m * magnitude >= value);
  return step * magnitude;
}

/**
 * points: [{t, <key>}]; key: the field to draw; label and digits for the axis; testid for tests.
 * Points whose value is missing break the line instead of being drawn as zero.
 */
export function lineChart(points, { key, label, digits = 0, testid, cssClass = 'series' }) {
  const values = points.map(p => ({ x: Date.parse(p.t), y: p[key] })).filter(p => !Number.isNaN(p.x));
  const present = values.filter(p => p.y != null);
  const x0 = Math.min(...values.map(p => p.x));
  const x1 = Math.max(...values.map(p => p.x), x0 + 1);
  const yMax = niceMax(Math.max(0, ...present.map(p => p.y)));
  const px = x => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = y => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);

  let d = '';
  let pen = 'M';
  for (const p of values) {
    if (p.y == null) {
      pen = 'M';
      continue;
    }
    d += `${pen}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)} `;
    pen = 'L';
  }
  const last = present[present.length - 1];
  const grid = [0, 0.5, 1].map(f => s('g', null,
    s('line', { x1: PAD.left, x2: W - PAD.right, y1: py(yMax * f), y2: py(yMax * f), class: 'gridline' }),
    s('text', { x: PAD.left - 6, y: py(yMax * f) + 4, 'text-anchor': 'end', class: 'axis' }, fmtNumber(yMax * f, digits))));
  const times = [x0, (x0 + x1) / 2, x1].map((x, i) => s('text', {
    x: px(x), y: H - 6, class: 'axis', 'text-anchor': ['start', 'middle', 'end'][i],
  }, fmtClock(x)));

  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label, 'data-testid': testid },
    s('title', null, label),
    grid, times,
    s('path', { d: d.trim(), class: cssClass, fill: 'none' }),
    last ? s('circle', { cx: px(last.x), cy: py(last.y), r: 3.5, class: cssClass }) : null,
    s('text', { x: PAD.left + 4, y: PAD.top + 10, class: 'chart-label' },
      `${label}${last ? `: ${fmtNumber(last.y, digits)}` : ''}`));
}
