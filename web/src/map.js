// The map: country outlines from the bundled world-atlas file (Natural Earth 1:110m) in the
// Equal Earth projection (equal-area), and one point per located event, coloured by its
// PLOVER type and sized by the number of sources that reported it.

import { geoEqualEarth, geoGraticule10, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import { s } from './dom.js';
import { colour } from './palette.js';

const WIDTH = 960;
const HEIGHT = 468;

/** Radius of an event's point: area grows with its sources. */
export function radius(nSources) {
  return Math.min(14, 3.2 * Math.sqrt(Math.max(1, nSources || 1)));
}

export function createMap(container, topology, { onEvent, onCountry, names }) {
  const countries = feature(topology, topology.objects.countries).features;
  const projection = geoEqualEarth().fitExtent(
    [[4, 4], [WIDTH - 4, HEIGHT - 4]],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);

  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': 'map-desc',
    class: 'map-svg',
  });
  const desc = s('desc', { id: 'map-desc' }, 'World map of the events');
  const land = s('g', { class: 'countries' });
  const points = s('g', { class: 'points' });
  svg.append(
    desc,
    s('path', { class: 'sphere', d: path({ type: 'Sphere' }) }),
    s('path', { class: 'graticule', d: path(geoGraticule10()) }),
    land,
    points,
  );

  const countryPaths = new Map();
  for (const country of countries) {
    const iso3 = country.properties.iso3 || '';
    const name = (iso3 && names[iso3]) || country.properties.name || 'unknown';
    const el = s(
      'path',
      { class: 'country', d: path(country), 'data-iso3': iso3 || null },
      s('title', {}, iso3 ? `${name} (${iso3})` : name),
    );
    if (iso3) {
      el.addEventListener('click', () => onCountry(iso3));
      countryPaths.set(iso3, el);
    }
    land.append(el);
  }
  container.replaceChildren(svg);

  let selected = null;

  return {
    /** Draw these events; returns how many had a point to draw. */
    setEvents(items) {
      const located = [];
      for (const item of items) {
        const loc = item.location;
        if (!loc || loc.lat === null || loc.lon === null || loc.lat === undefined) continue;
        const xy = projection([loc.lon, loc.lat]);
        if (xy) located.push([item, xy]);
      }
      // Big points first, so the small ones on top of them can still be clicked.
      located.sort((a, b) => (b[0].n_sources || 1) - (a[0].n_sources || 1));
      points.replaceChildren(
        ...located.map(([item, [x, y]]) => {
          const place = item.location.name || item.location.text;
          const date = item.date ? item.date.value : 'undated';
          const label =
            `${item.plover.type}: ${item.evidence.trigger.text}, ${place}, ${date}` +
            `, ${item.n_sources} source${item.n_sources === 1 ? '' : 's'}` +
            (item.n_articles > 1 ? `, ${item.n_articles} articles` : '');
          const dot = s(
            'circle',
            {
              class: item.id === selected ? 'point selected' : 'point',
              cx: x.toFixed(1),
              cy: y.toFixed(1),
              r: radius(item.n_sources).toFixed(1),
              fill: colour(item.plover.type),
              'data-event-id': item.id,
              'data-type': item.plover.type,
            },
            s('title', {}, label),
          );
          dot.addEventListener('click', () => onEvent(item));
          return dot;
        }),
      );
      desc.textContent = `World map with ${located.length} located events`;
      return located.length;
    },
    setCountry(iso3) {
      for (const [code, el] of countryPaths) el.classList.toggle('chosen', code === iso3);
    },
    select(eventId) {
      selected = eventId;
      for (const dot of points.querySelectorAll('circle.selected')) dot.classList.remove('selected');
      const dot = eventId ? points.querySelector(`circle[data-event-id="${CSS.escape(eventId)}"]`) : null;
      if (dot) {
        dot.classList.add('selected');
        points.append(dot); // on top
      }
    },
  };
}
