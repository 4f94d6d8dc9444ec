// `make test-browser`: the page of `tacitus serve` in Debian's chromium, driven by
// playwright-core, against the real server over the bundled sample (docs/web.md).
//
// Builds the sample database (`tacitus ingest examples/`; TACITUS_TEST_DB=FILE reuses one),
// starts `tacitus serve` on a free port of 127.0.0.1, runs the steps below in order (the
// first failure skips the rest), saves screenshots to artifacts/browser/, always stops the
// server, and ends with "N passed, N failed". Exit code 0 only when every step passed.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TACITUS = process.env.TACITUS || join(ROOT, '.venv', 'bin', 'tacitus');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'artifacts', 'browser');
const PAGE_ROWS = 50; // rows per table page (web/src/main.js)
const TIMEOUT = 20_000; // ms for one page update
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// --- small helpers ------------------------------------------------------------------------

class Failure extends Error {}

function check(condition, message) {
  if (!condition) throw new Failure(message);
}

function equal(actual, expected, what) {
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const codePointSlice = (text, start, end) => Array.from(text).slice(start, end).join('');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the server ---------------------------------------------------------------------------

let server = null;
let serverLog = '';
let workDir = null;

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
    killer.unref();
  }
}

function cleanUp() {
  stopServer();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
process.on('exit', stopServer);

function sampleDatabase() {
  if (process.env.TACITUS_TEST_DB) return process.env.TACITUS_TEST_DB;
  check(existsSync(TACITUS), `no ${TACITUS}: run 'make setup' first`);
  workDir = mkdtempSync(join(tmpdir(), 'tacitus-browser-'));
  const db = join(workDir, 'sample.duckdb');
  console.log(`# building the sample database: tacitus ingest examples/ --db ${db}`);
  const run = spawnSync(TACITUS, ['ingest', join(ROOT, 'examples'), '--db', db], { stdio: 'inherit' });
  check(run.status === 0, `tacitus ingest examples/ failed (exit ${run.status})`);
  return db;
}

async function startServer(db) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`# starting tacitus serve --db ${db} --port ${port}`);
  server = spawn(TACITUS, ['serve', '--db', db, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.on('data', (chunk) => {
      serverLog = (serverLog + chunk).slice(-20_000);
    });
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Failure(`tacitus serve exited (${server.exitCode}) before answering:\n${serverLog}`);
    }
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return base;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Failure(`tacitus serve did not answer GET /health within 60 s:\n${serverLog}`);
}

// --- the API, from here -------------------------------------------------------------------

let BASE = '';

async function api(path, params = {}) {
  const url = new URL(path, `${BASE}/`);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  const response = await fetch(url);
  if (!response.ok) {
    throw new Failure(`GET ${url.pathname}${url.search} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

async function checkContract() {
  const missing = [];
  for (const path of ['/', '/static/app.js', '/static/app.css', '/static/countries-110m.json',
    '/stats', '/events?limit=1', '/incidents?limit=1']) {
    const response = await fetch(`${BASE}${path}`);
    if (!response.ok) missing.push(`${path} (${response.status})`);
  }
  check(!missing.length, `the server does not serve what the page needs: ${missing.join(', ')}`);
}

/** An event to open: in a multi-article incident with disagreements if the sample has one,
 * with an actor in its sentence and a located country. */
async function chooseEvent() {
  const incidents = [];
  let cursor = null;
  do {
    const page = await api('incidents', { limit: 1000, cursor });
    incidents.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && incidents.length < 5000);
  const ranked = incidents
    .filter((i) => i.n_articles > 1)
    .sort((a, b) => (b.disagreements.length > 0) - (a.disagreements.length > 0) || b.n_articles - a.n_articles);
  const usable = (e) => {
    const ev = e.evidence;
    const actorInSentence = [...e.actors, ...e.recipients].some((a) => a.start >= ev.start && a.end <= ev.end);
    return actorInSentence && e.location && e.location.country;
  };
  for (const incident of ranked.slice(0, 30)) {
    const view = await api(`incidents/${encodeURIComponent(incident.id)}`);
    const event = view.events.find(usable);
    if (event) return { event, incident: view };
  }
  // No usable multi-article incident: any usable event of the top country.
  const stats = await api('stats');
  const country = stats.by_country[0].country;
  const page = await api('events', { country, limit: 1000 });
  const event = page.items.find(usable);
  check(event, `no event with an actor and a place in ${country}`);
  return { event, incident: event.incident_id ? await api(`incidents/${encodeURIComponent(event.incident_id)}`) : null };
}

// --- the page -----------------------------------------------------------------------------

let browser = null;
let page = null;
const pageErrors = [];
const outside = [];
let shots = 0;

async function shot(name, target = page) {
  if (!target) return;
  if (target === page) await page.evaluate(() => window.scrollTo(0, 0));
  const file = join(ARTIFACTS, `${String(++shots).padStart(2, '0')}-${name}.png`);
  await target.screenshot({ path: file });
  console.log(`# screenshot ${file}`);
}

const loads = () => page.evaluate(() => Number(document.body.dataset.loads || 0));

/** Wait for the page to finish the update that started after `before` loads. */
async function settled(before) {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.loads || 0) > n && !document.body.hasAttribute('aria-busy'),
    before,
    { timeout: TIMEOUT },
  );
  const error = page.locator('#error');
  if (await error.isVisible()) throw new Failure(`the page shows an error: ${await error.textContent()}`);
}

async function act(action) {
  const before = await loads();
  await action();
  await settled(before);
}

const params = () => new URL(page.url()).searchParams;
const tableTotal = async () => Number(await page.locator('#table-count').getAttribute('data-total'));
const rowCount = () => page.locator('#table tbody tr').count();

async function eventShown(eventId) {
  await page.waitForSelector(`#event-view[data-loaded="${eventId}"]`, { timeout: TIMEOUT });
  const error = page.locator('#event-view .error');
  if (await error.count()) throw new Failure(`the event view shows an error: ${await error.textContent()}`);
}

async function checkEvidence(event, text) {
  const evidence = page.locator('#event-view blockquote.evidence');
  equal(await evidence.textContent(), codePointSlice(text, event.evidence.start, event.evidence.end),
    'evidence sentence (code points evidence.start..end of the article text)');
  const triggers = page.locator('#event-view blockquote.evidence mark.trigger');
  equal(await triggers.count(), 1, 'trigger highlights');
  equal(await triggers.textContent(), event.evidence.trigger.text, 'highlighted trigger');
  const actors = await page.locator('#event-view blockquote.evidence mark.actor').allTextContents();
  const expected = [...event.actors, ...event.recipients]
    .filter((a) => a.start >= event.evidence.start && a.end <= event.evidence.end)
    .map((a) => a.text);
  check(actors.length > 0, 'no actor highlight (mark.actor) in the evidence');
  for (const actor of actors) {
    check(expected.includes(actor), `highlighted actor ${JSON.stringify(actor)} is none of ${JSON.stringify(expected)}`);
  }
}

// --- the steps ----------------------------------------------------------------------------

const context = {};

const STEPS = [
  ['the page loads: map with countries and points, timeline, table', async () => {
    const all = await api('events', { limit: 1 });
    context.total = all.total;
    await page.goto(`${BASE}/`);
    await settled(0);
    const countries = await page.locator('#map path.country').count();
    check(countries > 100, `the map has ${countries} country outlines, expected over 100`);
    const points = await page.locator('#map circle.point').count();
    check(points > 0, 'the map has no event points');
    check(await page.locator('#timeline .bars rect').count() > 0, 'the timeline has no bars');
    equal(await tableTotal(), all.total, 'table total (GET /events total)');
    equal(await rowCount(), Math.min(PAGE_ROWS, all.total), 'table rows');
    const legend = await page.locator('#legend .legend-item').count();
    equal(legend, (await api('stats')).by_type.length, 'legend entries (GET /stats by_type)');
    await shot('overview');
  }],
  ['"More" adds the next page of the API', async () => {
    const first = await api('events', { limit: PAGE_ROWS });
    check(first.next_cursor, 'the sample has a single page of events');
    const second = await api('events', { limit: PAGE_ROWS, cursor: first.next_cursor });
    await page.locator('#table button.more').click();
    const want = first.items.length + second.items.length;
    await page.waitForFunction((n) => document.querySelectorAll('#table tbody tr').length === n, want, { timeout: TIMEOUT });
    const ids = await page.locator('#table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.eventId));
    equal(ids.join(' '), [...first.items, ...second.items].map((e) => e.id).join(' '), 'row ids after More');
  }],
  ['the timeline brush sets since/until', async () => {
    await page.locator('#timeline svg').scrollIntoViewIfNeeded();
    const box = await page.locator('#timeline svg').boundingBox();
    const y = box.y + box.height * 0.4;
    await act(async () => {
      await page.mouse.move(box.x + box.width * 0.55, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.8, y, { steps: 6 });
      await page.mouse.move(box.x + box.width * 0.97, y, { steps: 6 });
      await page.mouse.up();
    });
    const since = params().get('since');
    const until = params().get('until');
    check(since && until, `the URL has no since/until after brushing: ${page.url()}`);
    equal(await page.inputValue('#f-since'), since, 'the From field');
    equal(await page.inputValue('#f-until'), until, 'the To field');
    const expected = await api('events', { since, until, limit: 1 });
    equal(await tableTotal(), expected.total, `table total for since=${since}&until=${until}`);
    check(expected.total < context.total, 'the brushed range did not narrow the events');
    await shot('brushed');
    await page.locator('#timeline-zoom').click();
    equal(params().get('zoom'), '1', 'zoom in the URL');
    equal(await page.locator('#timeline-zoom').getAttribute('aria-pressed'), 'true', 'zoom button pressed');
    check(await page.locator('#timeline .bars rect').count() > 0, 'no bars in the zoomed timeline');
    await page.locator('#timeline-zoom').click();
    check(!params().get('zoom'), 'zoom still in the URL after unzooming');
    await act(() => page.locator('#timeline-clear').click());
    check(!params().get('since') && !params().get('until'), 'All dates did not clear since/until');
    equal(await tableTotal(), context.total, 'table total after All dates');
  }],
  ['filtering by a country and a type narrows the map and the table to the API\'s total', async () => {
    const { event, incident } = await chooseEvent();
    context.event = event;
    context.incident = incident;
    const country = event.location.country;
    const type = event.plover.type;
    const stats = await api('stats');
    check(stats.by_country.some((c) => c.country === country), `${country} is not in GET /stats by_country`);
    check((await api('stats', { country })).by_type.some((t) => t.type === type), `${type} not in GET /stats?country=${country}`);
    await act(() => page.selectOption('#f-country', country));
    await act(() => page.selectOption('#f-type', type));
    equal(params().get('country'), country, 'country in the URL');
    equal(params().get('type'), type, 'type in the URL');
    const expected = await api('events', { country, type, limit: 1 });
    console.log(`# filtered: country=${country} type=${type}: ${expected.total} of ${context.total} events`);
    check(expected.total < context.total, 'the filter did not narrow the events');
    equal(await tableTotal(), expected.total, `table total for country=${country}&type=${type}`);
    equal(await rowCount(), Math.min(PAGE_ROWS, expected.total), 'table rows');
    const types = await page.locator('#table tbody tr td:nth-child(2)').allTextContents();
    check(types.every((t) => t.trim() === type), `rows of another type: ${[...new Set(types)].join(', ')}`);
    const pointTypes = await page.locator('#map circle.point').evaluateAll((dots) => dots.map((d) => d.dataset.type));
    check(pointTypes.length > 0, 'no point on the map after filtering');
    check(pointTypes.every((t) => t === type), 'points of another type on the map');
    check(await page.locator(`#map path.country.chosen[data-iso3="${country}"]`).count() === 1,
      `${country} is not marked on the map`);
    await shot('filtered');
  }],
  ['a table row opens the event: evidence with the trigger and actor highlighted', async () => {
    const { event } = context;
    const row = page.locator(`#table tbody tr[data-event-id="${event.id}"]`);
    for (let i = 0; i < 40 && !(await row.count()); i++) {
      const more = page.locator('#table button.more');
      check(await more.isVisible(), `event ${event.id} is not in the table`);
      const rows = await rowCount();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('#table tbody tr').length > n, rows, { timeout: TIMEOUT });
    }
    await row.click();
    await eventShown(event.id);
    equal(params().get('event'), event.id, 'event in the URL');
    const article = await api(`articles/${encodeURIComponent(event.article_id)}`);
    await checkEvidence(event, article.text);
    check(await page.locator(`#table tbody tr[data-event-id="${event.id}"][aria-current="true"]`).count() === 1,
      'the row is not marked as the open event');
    await shot('event');
  }],
  ['the incident lists every source that reported it and the disagreements', async () => {
    const { incident } = context;
    if (!incident) {
      console.log('# (the chosen event has no incident)');
      return;
    }
    const details = page.locator('#event-view details.sources');
    await details.locator('summary').click();
    check(await details.evaluate((d) => d.open), 'the sources list did not open');
    equal(await details.locator('li').count(), incident.articles.length, 'sources listed (GET /incidents/{id} articles)');
    for (const article of incident.articles) {
      const item = details.locator(`li[data-article-id="${article.id}"]`);
      equal(await item.count(), 1, `source ${article.id} listed`);
      if (article.title) check((await item.textContent()).includes(article.title), `title of ${article.id} not shown`);
    }
    const values = incident.incident.disagreements.reduce((n, d) => n + d.values.length, 0);
    equal(await page.locator('#event-view table.disagreements tbody tr').count(), values, 'disagreement rows (one per value)');
    await shot('incident', page.locator('#event-view'));
    if (values) await shot('disagreements', page.locator('#event-view table.disagreements'));
  }],
  ['the URL restores the view (filters and the open event)', async () => {
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await settled(0);
    await eventShown(context.event.id);
    equal(await page.inputValue('#f-country'), context.event.location.country, 'country field');
    equal(await page.inputValue('#f-type'), context.event.plover.type, 'type field');
    equal(await page.locator('#event-view blockquote.evidence mark.trigger').textContent(), context.event.evidence.trigger.text, 'trigger after reload');
  }],
  ['a map point opens its event', async () => {
    await act(() => page.locator('#f-reset').click());
    const dot = page.locator('#map circle.point').last();
    const eventId = await dot.getAttribute('data-event-id');
    await dot.click();
    await eventShown(eventId);
    equal(params().get('event'), eventId, 'event in the URL');
    check(await page.locator(`#map circle.point.selected[data-event-id="${eventId}"]`).count() === 1, 'the point is not marked');
    const event = await api(`events/${encodeURIComponent(eventId)}`);
    equal(await page.locator('#event-view blockquote.evidence mark.trigger').textContent(), event.evidence.trigger.text, 'trigger');
  }],
  ['offsets are code points: astral characters highlight correctly; text is not HTML', async () => {
    const text = '🗞️ Update. 👮🏽 Police 𝒜 in 𝔓aris arrested 12 protesters on Monday 🎉 <img src=x onerror="document.title=1">. More later.';
    const at = (part, from = 0) => {
      const points = Array.from(text);
      for (let i = from; i <= points.length; i++) {
        if (points.slice(i, i + Array.from(part).length).join('') === part) return { text: part, start: i, end: i + Array.from(part).length };
      }
      throw new Error(`no ${part}`);
    };
    const sentence = at('👮🏽 Police 𝒜 in 𝔓aris arrested 12 protesters on Monday 🎉 <img src=x onerror="document.title=1">.');
    const event = {
      id: 'ev:browser-test-astral', article_id: 'browser-test-astral',
      plover: { type: 'COERCE', mode: 'arrest', context: [] },
      cameo: { code: '173', root: '17', quad_class: 4, goldstein: -5 },
      actors: [{ ...at('Police 𝒜'), name: 'Police', code: 'COP', country: null, sector: 'COP', kind: 'organization' }],
      recipients: [{ ...at('protesters'), name: 'protesters', code: null, country: null, sector: null, kind: 'group' }],
      modality: 'asserted',
      date: { value: '2016-07-11', precision: 'day', basis: 'relative', ...at('Monday'), time_precision: 1, historical: false, deadline: false },
      location: { ...at('𝔓aris'), name: 'Paris', geonameid: 2988507, country: 'FRA', admin1: null, lat: 48.85, lon: 2.35, precision: 'place', geo_precision: 1, offset: null, basis: 'parse' },
      quantities: [{ ...at('12'), value: 12, low: null, high: null, approx: false, category: 'arrested', unit: 'protesters', conflicting: false }],
      evidence: { sentence: 1, start: sentence.start, end: sentence.end, trigger: at('arrested') },
      confidence: 0.9, acled_type: null, acled_sub_type: null, attribution: null,
      incident_id: null, n_articles: 1, n_sources: 1,
    };
    const record = { id: event.article_id, url: null, source: '<i>test</i>', title: '<b>Astral</b> test', published: '2016-07-12', text, removed: [], events: [event], quotes: [], places: [], actors: [], quantities: [] };
    const path = (want) => (url) => decodeURIComponent(url.pathname) === want;
    await page.route(path(`/events/${event.id}`), (route) => route.fulfill({ json: event }));
    await page.route(path(`/articles/${event.article_id}`), (route) => route.fulfill({ json: record }));
    await page.goto(`${BASE}/?event=${encodeURIComponent(event.id)}`);
    await settled(0);
    await eventShown(event.id);
    await checkEvidence(event, text);
    const marked = async (cls) => page.locator(`#event-view blockquote.evidence mark.${cls}`).allTextContents();
    equal((await marked('place')).join('|'), '𝔓aris', 'place highlight');
    equal((await marked('date')).join('|'), 'Monday', 'date highlight');
    equal((await marked('quantity')).join('|'), '12', 'quantity highlight');
    equal((await marked('recipient')).join('|'), 'protesters', 'recipient highlight');
    equal(await page.locator('#event-view img, #event-view b, #event-view i').count(), 0, 'elements made from API text');
    check((await page.locator('#event-view .article-line').textContent()).includes('<b>Astral</b> test'), 'the title is not shown as written');
    await shot('astral', page.locator('#event-view'));
    await page.unrouteAll();
  }],
  ['no script errors, and no request left 127.0.0.1', async () => {
    check(!pageErrors.length, `errors in the page:\n  ${pageErrors.join('\n  ')}`);
    check(!outside.length, `requests to other hosts:\n  ${[...new Set(outside)].join('\n  ')}`);
  }],
];

// --- main ---------------------------------------------------------------------------------

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of readdirSync(ARTIFACTS)) if (file.endsWith('.png')) rmSync(join(ARTIFACTS, file));
  check(existsSync(CHROMIUM), `no ${CHROMIUM}: run tools/install-chromium.sh (as root)`);
  const db = sampleDatabase();
  BASE = await startServer(db);
  await checkContract();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const host = new URL(BASE).host;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && url.host !== host) outside.push(request.url());
  });
}

let passed = 0;
let failed = 0;
try {
  try {
    await main();
  } catch (error) {
    failed += 1;
    console.log(`not ok - set-up\n  ${error.message}`);
  }
  for (const [name, run] of STEPS) {
    if (failed) {
      console.log(`skip - ${name}`);
      continue;
    }
    try {
      await run();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${error instanceof Failure ? error.message : error.stack}`);
      try {
        await shot('failed');
      } catch {
        // no screenshot: the page is gone
      }
    }
  }
} finally {
  await browser?.close().catch(() => {});
  cleanUp();
}
if (failed && serverLog) console.log(`# server log (last lines):\n${serverLog.split('\n').slice(-30).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
