// `npm run build`: writes the page into src/tacitus/api/static/ (committed, so that installing
// the Python package needs no npm): index.html, app.css, app.js (the bundled modules) and
// countries-110m.json (world-atlas's TopoJSON with ISO alpha-3 codes and English names) and
// LICENSES.txt (the licences of the bundled packages).
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// `node build.mjs --check`: build into a temporary folder and fail when the committed files
// differ (web/src changed without `make web`).
const STATIC = here('../src/tacitus/api/static/');
const CHECK = process.argv.includes('--check');
const OUT = CHECK ? `${await mkdtemp(join(tmpdir(), 'tacitus-web-'))}/` : STATIC;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const versions = Object.fromEntries(
  ['d3-array', 'd3-geo', 'd3-time', 'topojson-client', 'world-atlas', 'i18n-iso-countries']
    .map((name) => [name, readJson(here(`node_modules/${name}/package.json`)).version]),
);
const BUNDLED = ['d3-array', 'd3-geo', 'd3-time', 'topojson-client']; // d3-array: d3-geo's
const BANNER = `/* Tacitus events page (MIT). Built by web/build.mjs from web/src; do not edit by hand.
 * Bundles ${BUNDLED.map((n) => `${n} ${versions[n]}`).join(', ')} (ISC): see LICENSES.txt. */`;

// The licence of every package whose code or data the static files carry.
async function licences() {
  const parts = ['Third-party code and data in these files (app.js, countries-110m.json).\n'];
  for (const name of [...BUNDLED, 'world-atlas', 'i18n-iso-countries']) {
    const meta = readJson(here(`node_modules/${name}/package.json`));
    const text = await readFile(here(`node_modules/${name}/LICENSE`), 'utf8');
    parts.push(`${'='.repeat(78)}\n${name} ${meta.version} (${meta.license})\n\n${text.trim()}\n`);
  }
  parts.push(`${'='.repeat(78)}\nNatural Earth (the data of world-atlas): public domain, https://www.naturalearthdata.com/\n`);
  await writeFile(`${OUT}LICENSES.txt`, parts.join('\n'));
}

async function countries() {
  const isoCountries = require('i18n-iso-countries');
  isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  const topology = JSON.parse(await readFile(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
  for (const geometry of topology.objects.countries.geometries) {
    const iso3 = geometry.id ? isoCountries.numericToAlpha3(geometry.id) : undefined;
    if (iso3) geometry.properties.iso3 = iso3;
  }
  const names = {};
  for (const [alpha2, name] of Object.entries(isoCountries.getNames('en', { select: 'alias' }))) {
    names[isoCountries.alpha2ToAlpha3(alpha2)] = name;
  }
  topology.names = Object.fromEntries(Object.entries(names).sort());
  topology.source =
    `world-atlas ${versions['world-atlas']} countries-110m (ISC; Natural Earth data, public domain); ` +
    'iso3 and names from i18n-iso-countries (MIT)';
  await writeFile(`${OUT}countries-110m.json`, JSON.stringify(topology));
}

await mkdir(OUT, { recursive: true });
await build({
  absWorkingDir: here('.'), // the comments naming each module stay the same from any folder
  entryPoints: [here('src/main.js')],
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  outfile: `${OUT}app.js`,
  minify: false,
  legalComments: 'none',
  banner: { js: BANNER },
  charset: 'utf8',
  logLevel: 'warning',
});
await copyFile(here('src/index.html'), `${OUT}index.html`);
await copyFile(here('src/app.css'), `${OUT}app.css`);
await countries();
await licences();

if (CHECK) {
  const built = (await readdir(OUT)).sort();
  const committed = (await readdir(STATIC).catch(() => [])).sort();
  const stale = [];
  for (const name of new Set([...built, ...committed])) {
    const a = await readFile(join(OUT, name)).catch(() => null);
    const b = await readFile(join(STATIC, name)).catch(() => null);
    if (!a || !b || !a.equals(b)) stale.push(name);
  }
  await rm(OUT, { recursive: true, force: true });
  if (stale.length) {
    console.error(`src/tacitus/api/static/ is not the build of web/src (${stale.join(', ')} differ):` +
      ' run `make web` and commit the result');
    process.exit(1);
  }
  console.log('src/tacitus/api/static/ is up to date with web/src');
} else {
  console.log(`built ${OUT}: ${(await readdir(OUT)).sort().join(', ')}`);
}
