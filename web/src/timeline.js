// The timeline: events per day from GET /stats, binned by day, week, month, year or decade so
// the bars stay a few pixels wide, with a brush that sets the since/until filter.

import { utcDay, utcMonth, utcWeek, utcYear } from 'd3-time';
import { createBrush } from './brush.js';
import { bounds, day, ymd } from './dates.js';
import { count, s } from './dom.js';

const WIDTH = 960;
const HEIGHT = 120;
const M = { top: 8, right: 12, bottom: 22, left: 40 };
const BINS = [
  ['day', utcDay],
  ['week', utcWeek],
  ['month', utcMonth],
  ['year', utcYear],
  ['decade', utcYear.every(10)],
];
// Axis ticks: the first of these giving at most MAX_TICKS ticks, with its label.
const MAX_TICKS = 9;
const MIN_DAYS = 31; // the shortest range drawn
const TICKS = [
  [utcDay, ymd],
  [utcDay.every(2), ymd],
  [utcWeek, ymd],
  [utcMonth, (d) => ymd(d).slice(0, 7)],
  [utcMonth.every(3), (d) => ymd(d).slice(0, 7)],
  [utcMonth.every(6), (d) => ymd(d).slice(0, 7)],
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 500].map((n) => [utcYear.every(n), (d) => ymd(d).slice(0, 4)]),
];

/** The finest interval whose bins are at least `minPx` wide over [from, to). */
function binInterval(from, to, minPx) {
  const width = WIDTH - M.left - M.right;
  return BINS.find(([, interval]) => interval.count(from, to) <= width / minPx) || BINS.at(-1);
}

function ticksFor(from, to) {
  for (const [interval, label] of TICKS) {
    const ticks = interval.range(from, utcDay.offset(to, 1));
    if (ticks.length <= MAX_TICKS) return ticks.map((t) => [t, label(t)]);
  }
  return [];
}

export function createTimeline(container, { onRange }) {
  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': 'timeline-desc',
    class: 'timeline-svg',
  });
  const desc = s('desc', { id: 'timeline-desc' }, 'Events per day');
  const bars = s('g', { class: 'bars' });
  const axis = s('g', { class: 'axis' });
  const brushLayer = s('g', { class: 'brush' });
  svg.append(desc, bars, axis, brushLayer);
  container.replaceChildren(svg);

  // The scale of the current drawing: days <-> pixels.
  let scale = null;
  let interval = utcDay;
  const brush = createBrush(brushLayer, {
    x0: M.left, x1: WIDTH - M.right, y0: M.top, y1: HEIGHT - M.bottom,
    onEnd(range) {
      if (!scale) return;
      if (!range) {
        onRange(null, null);
        return;
      }
      // Whole bins, from the first the selection touches to the last.
      const first = interval.floor(scale.invert(range[0]));
      let last = interval.ceil(scale.invert(range[1]));
      if (+last <= +first) last = interval.offset(first, 1);
      brush.set([scale.x(first), scale.x(last)]);
      onRange(ymd(first), ymd(utcDay.offset(last, -1)));
    },
  });

  return {
    /**
     * byDay: [{date, n}]; since/until: the current filter; zoom: show only the filtered
     * dates (else every date the other filters leave).
     */
    update(byDay, { since, until, zoom }) {
      const days = byDay.map((d) => [day(d.date), d.n]);
      const sinceB = bounds(since);
      const untilB = bounds(until);
      let from = days.length ? days[0][0] : null;
      let to = days.length ? utcDay.offset(days.at(-1)[0], 1) : null;
      if (zoom && (sinceB || untilB)) {
        from = sinceB ? sinceB[0] : from;
        to = untilB ? untilB[1] : to;
      }
      if (!from || !to || +to <= +from) {
        bars.replaceChildren();
        axis.replaceChildren();
        scale = null;
        brush.set(null);
        desc.textContent = 'No dated events';
        return;
      }
      // A few days only: widen to a month, so that one day is a bar, not the whole chart.
      const days0 = utcDay.count(from, to);
      if (days0 < MIN_DAYS) {
        from = utcDay.offset(from, -Math.floor((MIN_DAYS - days0) / 2));
        to = utcDay.offset(from, MIN_DAYS);
      }
      let name;
      [name, interval] = binInterval(from, to, 4);
      from = interval.floor(from);
      to = interval.ceil(to);
      const span = +to - +from;
      const px = WIDTH - M.left - M.right;
      scale = {
        x: (date) => M.left + ((+date - +from) / span) * px,
        invert: (x) => new Date(+from + ((x - M.left) / px) * span),
      };

      const bins = new Map();
      for (const [date, n] of days) {
        if (date < from || date >= to) continue;
        const key = +interval.floor(date);
        bins.set(key, (bins.get(key) || 0) + n);
      }
      const peak = Math.max(1, ...bins.values());
      const base = HEIGHT - M.bottom;
      const y = (n) => base - (n / peak) * (base - M.top);
      bars.replaceChildren(
        ...[...bins].map(([key, n]) => {
          const start = new Date(key);
          const x0 = scale.x(start);
          const x1 = scale.x(interval.offset(start, 1));
          return s('rect', {
            x: x0.toFixed(1),
            y: y(n).toFixed(1),
            width: Math.max(1, x1 - x0 - 0.5).toFixed(1),
            height: (base - y(n)).toFixed(1),
          }, s('title', {}, `${name} of ${ymd(start)}: ${count(n)}`));
        }),
      );
      axis.replaceChildren(
        s('line', { x1: M.left, x2: WIDTH - M.right, y1: base, y2: base }),
        s('line', { x1: M.left, x2: M.left, y1: M.top, y2: base }),
        s('text', { x: M.left - 4, y: M.top + 8, 'text-anchor': 'end' }, count(peak)),
        s('text', { x: M.left - 4, y: base, 'text-anchor': 'end' }, '0'),
        ...ticksFor(from, to).map(([t, label]) => {
          const x = scale.x(t);
          // Labels at the edges stay inside the chart.
          const anchor = x > WIDTH - M.right - 30 ? 'end' : x < M.left + 30 ? 'start' : 'middle';
          return s('g', { transform: `translate(${x.toFixed(1)},${base})` },
            s('line', { y2: 4 }),
            s('text', { y: 16, 'text-anchor': anchor }, label));
        }),
      );
      const total = days.reduce((sum, [, n]) => sum + n, 0);
      desc.textContent =
        `Histogram of ${count(total)} dated events by ${name}, from ${ymd(from)} to ` +
        `${ymd(utcDay.offset(to, -1))}. Drag across it to choose a date range.`;

      if (sinceB || untilB) {
        const a = scale.x(sinceB ? sinceB[0] : from);
        const b = scale.x(untilB ? untilB[1] : to);
        brush.set(b > a ? [a, b] : null);
      } else {
        brush.set(null);
      }
    },
  };
}
