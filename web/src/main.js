// The page served by `tacitus serve`: filters (kept in the URL), a map, a timeline with a
// brush, a table of events and the event view. Every view reads the JSON API.

import { api, FILTERS, getJSON, onlyFilters } from './api.js';
import { count, h, plural } from './dom.js';
import { showEvent } from './event-view.js';
import { createMap } from './map.js';
import { CAMEO_ROOTS, MODALITIES, colour } from './palette.js';
import { createTable } from './table.js';
import { createTimeline } from './timeline.js';

const PAGE = 50; // table rows per page
const MAP_LIMIT = 1000; // points on the map: the most-reported events matching the filters

const $ = (id) => document.getElementById(id);
const form = $('filters');

const state = { filters: {}, sort: '', event: null, zoom: false };
let names = {}; // ISO alpha-3 -> country name
let map = null;
let timeline = null;
let table = null;
let timelineStats = null;
let timelineKey = null;
let tableCursor = null;
let generation = 0;
let loads = 0;
let refreshController = null;
let eventController = null;

// --- the URL ------------------------------------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  state.filters = {};
  for (const key of FILTERS) {
    const value = (params.get(key) || '').trim();
    if (value) state.filters[key] = value;
  }
  state.sort = params.get('sort') || '';
  state.event = params.get('event') || null;
  state.zoom = params.get('zoom') === '1';
}

function writeUrl(push) {
  const params = new URLSearchParams(onlyFilters(state.filters));
  if (state.sort) params.set('sort', state.sort);
  if (state.zoom) params.set('zoom', '1');
  if (state.event) params.set('event', state.event);
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : '');
  if (url !== window.location.pathname + window.location.search) {
    window.history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
}

// --- the form -----------------------------------------------------------------------------

function fillSelect(select, options) {
  const any = select.options[0];
  select.replaceChildren(any, ...options.map(([value, label]) => h('option', { value }, label)));
}

function fillOptions(stats) {
  const countries = stats.by_country
    .map((c) => [c.country, `${names[c.country] || c.country} (${count(c.n)})`, names[c.country] || c.country])
    .sort((a, b) => a[2].localeCompare(b[2]));
  fillSelect($('f-country'), countries);
  const types = stats.by_type
    .map((t) => [t.type, `${t.type} (${count(t.n)})`])
    .sort((a, b) => a[0].localeCompare(b[0]));
  fillSelect($('f-type'), types);
  fillSelect($('f-cameo'), CAMEO_ROOTS.map(([code, name]) => [code, `${code} ${name}`]));
  fillSelect($('f-modality'), MODALITIES.map((m) => [m, m]));
}

function syncForm() {
  for (const key of FILTERS) {
    const field = form.elements[key];
    const value = state.filters[key] || '';
    if (field.tagName === 'SELECT' && value && ![...field.options].some((o) => o.value === value)) {
      field.append(h('option', { value }, value));
    }
    field.value = value;
  }
  $('f-sort').value = state.sort;
  $('timeline-zoom').setAttribute('aria-pressed', String(state.zoom));
}

function readForm() {
  const data = new FormData(form);
  const filters = {};
  for (const key of FILTERS) {
    const value = String(data.get(key) || '').trim();
    if (value) filters[key] = key === 'country' || key === 'type' ? value.toUpperCase() : value;
  }
  return filters;
}

function setFilters(filters) {
  state.filters = onlyFilters(filters);
  refresh({ push: true });
}

function toggleFilter(key, value) {
  setFilters({ ...state.filters, [key]: state.filters[key] === value ? '' : value });
}

// --- showing ------------------------------------------------------------------------------

function showError(error) {
  const box = $('error');
  box.hidden = !error;
  box.textContent = error ? `Could not load: ${error.message}` : '';
}

/** "49 ASSAULT events in or involving Canada, dated 2004 to …" */
function describeFilters(total) {
  const f = state.filters;
  const what = [f.modality, f.type, f.cameo ? `CAMEO ${f.cameo}` : ''].filter(Boolean).join(' ');
  const parts = [`${count(total)} ${what ? `${what} ` : ''}${total === 1 ? 'event' : 'events'}`];
  if (f.country) parts.push(`in or involving ${names[f.country] || f.country}`);
  if (f.actor) parts.push(`with an actor “${f.actor}”`);
  if (f.since || f.until) parts.push(`dated ${f.since || '…'} to ${f.until || '…'}`);
  if (f.q) parts.push(`saying “${f.q}”`);
  return `${parts.join(', ')}.`;
}

function showLegend(stats) {
  const legend = $('legend');
  legend.replaceChildren(
    ...stats.by_type.map(({ type, n }) =>
      h('button', {
        type: 'button',
        class: 'legend-item',
        'aria-pressed': String(state.filters.type === type),
        'data-type': type,
        title: state.filters.type === type ? `Show every type` : `Show only ${type}`,
        onclick: () => toggleFilter('type', type),
      },
      h('span', { class: 'swatch', style: `background:${colour(type)}`, 'aria-hidden': 'true' }),
      `${type} ${count(n)}`)),
    h('span', { class: 'note size-key' }, 'point size: number of sources'),
  );
}

function showTableCount(total) {
  const shown = table.rows;
  const el = $('table-count');
  el.dataset.total = String(total);
  el.dataset.shown = String(shown);
  el.textContent = total ? `showing ${count(shown)} of ${plural(total, 'event')}` : '';
}

function timelineUpdate() {
  if (!timelineStats) return;
  const { since, until } = state.filters;
  timeline.update(timelineStats.by_day, { since, until, zoom: state.zoom });
  const byDay = timelineStats.by_day.reduce((sum, d) => sum + d.n, 0);
  // Events dated only to a month or a year, and undated ones, have no bar.
  const undated = timelineStats.undated ?? timelineStats.total - byDay;
  const coarse = timelineStats.coarse ?? 0;
  const left = [coarse ? `${count(coarse)} dated more coarsely than a day` : '',
    undated ? `${count(undated)} undated` : ''].filter(Boolean);
  $('timeline-note').textContent =
    `${plural(byDay, 'event')} dated to the day` +
    (left.length ? ` (not shown: ${left.join(', ')})` : '') +
    '. Drag across the bars to filter by date; click outside the selection to clear it.';
}

async function refresh({ push = false } = {}) {
  writeUrl(push);
  syncForm();
  const gen = ++generation;
  refreshController?.abort();
  refreshController = new AbortController();
  const { signal } = refreshController;
  document.body.setAttribute('aria-busy', 'true');
  showError(null);
  const filters = onlyFilters(state.filters);
  const dateless = { ...filters };
  delete dateless.since;
  delete dateless.until;
  const key = new URLSearchParams(dateless).toString();
  try {
    const [stats, forTimeline, page, points] = await Promise.all([
      api.stats(filters, signal),
      key === timelineKey ? timelineStats : api.stats(dateless, signal),
      api.events({ ...filters, sort: state.sort, limit: PAGE }, signal),
      api.events({ ...filters, sort: 'sources', limit: MAP_LIMIT }, signal),
    ]);
    if (gen !== generation) return;
    timelineStats = forTimeline;
    timelineKey = key;
    tableCursor = page.next_cursor;
    table.show(page);
    table.select(state.event);
    showTableCount(page.total);
    showLegend(stats);
    map.setCountry(state.filters.country || null);
    const located = map.setEvents(points.items);
    map.select(state.event);
    const mapped = points.items.length;
    $('map-note').textContent =
      `${plural(located, 'located event')} on the map` +
      (mapped < points.total ? ` (of the ${count(mapped)} most-reported)` : '') +
      (mapped - located ? `; ${count(mapped - located)} without a place` : '') + '.';
    timelineUpdate();
    $('status').textContent = describeFilters(stats.total);
  } catch (error) {
    if (error.name === 'AbortError' || gen !== generation) return;
    showError(error);
  } finally {
    if (gen === generation) {
      document.body.removeAttribute('aria-busy');
      document.body.dataset.loads = String(++loads);
    }
  }
}

async function more() {
  if (!tableCursor) return;
  const gen = generation;
  table.loading();
  try {
    const page = await api.events({
      ...onlyFilters(state.filters), sort: state.sort, limit: PAGE, cursor: tableCursor,
    }, refreshController?.signal);
    if (gen !== generation) return;
    tableCursor = page.next_cursor;
    table.show(page, { append: true });
    table.select(state.event);
    showTableCount(page.total);
  } catch (error) {
    if (error.name !== 'AbortError') showError(error);
  }
}

function placeholder() {
  $('event-view').replaceChildren(
    h('h2', { id: 'event-title', tabindex: '-1' }, 'Event'),
    h('p', { class: 'note' }, 'Choose an event in the table or on the map to read its evidence.'),
  );
}

function openEvent(item, { push = true } = {}) {
  state.event = item.id;
  writeUrl(push);
  table.select(item.id);
  map.select(item.id);
  eventController?.abort();
  eventController = new AbortController();
  const view = $('event-view');
  view.dataset.eventId = item.id;
  showEvent(view, item, {
    onOpenEvent: (other) => openEvent(other),
    onClose: closeEvent,
    signal: eventController.signal,
  }).finally(() => {
    if (view.dataset.eventId === item.id) view.dataset.loaded = item.id;
  });
}

function closeEvent() {
  state.event = null;
  eventController?.abort();
  writeUrl(true);
  table.select(null);
  map.select(null);
  delete $('event-view').dataset.eventId;
  placeholder();
}

async function openEventById(eventId) {
  try {
    openEvent(await api.event(eventId), { push: false });
  } catch (error) {
    showError(error);
  }
}

// --- wiring -------------------------------------------------------------------------------

function wire() {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setFilters(readForm());
  });
  for (const select of form.querySelectorAll('select')) {
    select.addEventListener('change', () => form.requestSubmit());
  }
  $('f-reset').addEventListener('click', () => setFilters({}));
  $('f-sort').addEventListener('change', (event) => {
    state.sort = event.target.value;
    refresh({ push: true });
  });
  $('timeline-zoom').addEventListener('click', () => {
    state.zoom = !state.zoom;
    writeUrl(false);
    syncForm();
    timelineUpdate();
  });
  $('timeline-clear').addEventListener('click', () => {
    state.zoom = false;
    setFilters({ ...state.filters, since: '', until: '' });
  });
  window.addEventListener('popstate', () => {
    const before = state.event;
    readUrl();
    refresh();
    if (state.event && state.event !== before) openEventById(state.event);
    else if (!state.event && before) closeEvent();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.event) closeEvent();
  });
}

async function start() {
  readUrl();
  table = createTable($('table'), { onOpen: (item) => openEvent(item), onMore: more });
  timeline = createTimeline($('timeline'), {
    onRange: (since, until) => setFilters({ ...state.filters, since: since || '', until: until || '' }),
  });
  wire();
  try {
    const [topology, stats] = await Promise.all([
      getJSON('static/countries-110m.json'),
      api.stats({}),
    ]);
    names = topology.names || {};
    map = createMap($('map'), topology, {
      names,
      onEvent: (item) => openEvent(item),
      onCountry: (iso3) => toggleFilter('country', iso3),
    });
    fillOptions(stats);
  } catch (error) {
    showError(error);
    document.body.dataset.loads = String(++loads);
    return;
  }
  await refresh();
  if (state.event) openEventById(state.event);
}

start();
