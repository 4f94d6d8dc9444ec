// The event view: the evidence sentence with the event's spans highlighted, what was coded,
// the article, and the incident (every source that reported it and where they disagree).

import { api } from './api.js';
import { codePoints, highlight } from './codepoints.js';
import { h, plural, safeUrl } from './dom.js';
import { actorNames, placeName, typeBadge } from './table.js';

const articles = new Map(); // article id -> promise of its record (a few kept)
const KEEP = 20;

function article(articleId) {
  if (!articles.has(articleId)) {
    const promise = api.article(articleId);
    promise.catch(() => articles.delete(articleId));
    articles.set(articleId, promise);
    if (articles.size > KEEP) articles.delete(articles.keys().next().value);
  }
  return articles.get(articleId);
}

function actorLabel(a) {
  return `${a.name || a.text}${a.code ? ` (${a.code})` : ''}`;
}

/** The spans of an event to highlight, each with its class and rank (lower wins overlaps). */
export function eventSpans(item) {
  const spans = [];
  const add = (span, className, rank, title) => {
    if (!span || !Number.isInteger(span.start) || !Number.isInteger(span.end)) return;
    if (span.end <= span.start) return;
    spans.push({ start: span.start, end: span.end, className, rank, title });
  };
  add(item.evidence.trigger, 'trigger', 0, `trigger (${item.plover.type})`);
  for (const a of item.actors || []) add(a, 'actor', 1, `actor: ${actorLabel(a)}`);
  for (const a of item.recipients || []) add(a, 'actor recipient', 2, `recipient: ${actorLabel(a)}`);
  for (const q of item.quantities || []) {
    add(q, 'quantity', 3, `quantity${q.category ? `: ${q.category}` : ''}`);
  }
  if (item.date) add(item.date, 'date', 4, `date: ${item.date.value}`);
  const loc = item.location;
  if (loc) {
    add(loc, 'place', 5, `place: ${placeName(loc)}`);
    if (loc.offset) add(loc.offset, 'place offset', 6, `offset: ${loc.offset.text}`);
  }
  const attribution = item.attribution;
  if (attribution) {
    add(attribution.cue, 'cue', 7, 'attribution cue');
    if (attribution.speaker) add(attribution.speaker, 'speaker', 8, `source: ${actorLabel(attribution.speaker)}`);
  }
  return spans;
}

const KEY = [
  ['trigger', 'trigger'],
  ['actor', 'actor'],
  ['actor recipient', 'recipient'],
  ['place', 'place'],
  ['date', 'date'],
  ['quantity', 'quantity'],
];

function inSentence(span, ev) {
  return span && Number.isInteger(span.start) && span.start >= ev.start && span.end <= ev.end;
}

function facts(item) {
  const rows = [];
  const add = (term, ...value) => {
    if (value.some((v) => v !== null && v !== undefined && v !== '')) {
      rows.push(h('dt', {}, term), h('dd', {}, ...value));
    }
  };
  const ev = item.evidence;
  const elsewhere = (span) =>
    span && Number.isInteger(span.start) && !inSentence(span, ev)
      ? h('span', { class: 'note' }, ' (said elsewhere in the article)')
      : null;
  const cameo = item.cameo;
  add('Type', typeBadge(item.plover.type), item.plover.mode ? ` (${item.plover.mode})` : '',
    item.plover.context && item.plover.context.length ? `; context ${item.plover.context.join(', ')}` : '');
  if (cameo) {
    add('CAMEO', `${cameo.code} (root ${cameo.root}), quad class ${cameo.quad_class}, Goldstein ${cameo.goldstein}`);
  }
  add('Modality', item.modality);
  add('Actor', actorNames(item.actors) ? item.actors.map(actorLabel).join(', ') : '');
  add('Recipient', item.recipients.length ? item.recipients.map(actorLabel).join(', ') : '');
  const date = item.date;
  if (date) {
    add('Date', date.value, ` (${date.precision}, ${date.basis}${date.historical ? ', historical' : ''})`,
      date.text ? ` “${date.text}”` : '', elsewhere(date));
  }
  const loc = item.location;
  if (loc) {
    const where = [loc.name || loc.text, loc.admin1, loc.country].filter(Boolean).join(', ');
    const point = loc.lat !== null && loc.lat !== undefined ? ` at ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : '';
    add('Place', where, point, loc.precision ? ` (${loc.precision})` : '',
      loc.offset ? `; ${loc.offset.text}` : '', elsewhere(loc));
  }
  if (item.quantities.length) {
    add('Quantities', item.quantities.map((q) => `${q.text}${q.category ? ` (${q.category})` : ''}`).join('; '));
  }
  if (item.acled_type) add('ACLED', item.acled_type, item.acled_sub_type ? ` / ${item.acled_sub_type}` : '');
  if (item.attribution) {
    const a = item.attribution;
    add('Reported by', a.speaker ? actorLabel(a.speaker) : 'unnamed', ` (“${a.cue.text}”)`);
  }
  add('Confidence', String(item.confidence));
  return h('dl', { class: 'facts' }, rows);
}

function articleLine(meta) {
  const url = safeUrl(meta.url);
  const title = meta.title || meta.id;
  return h('span', { class: 'article-ref' },
    url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, title) : title,
    meta.source ? h('span', { class: 'note' }, ` — ${meta.source}`) : null,
    meta.published ? h('span', { class: 'note' }, `, ${meta.published}`) : null);
}

/** Who gave a value: each outlet with its number of articles, then the article ids. */
function reporters(articleIds, byArticle) {
  const outlets = new Map();
  for (const id of articleIds) {
    const source = byArticle.get(id)?.source || 'no source';
    outlets.set(source, (outlets.get(source) || 0) + 1);
  }
  return [
    [...outlets].map(([source, n]) => (n > 1 ? `${source} ×${n}` : source)).join(', '),
    h('div', { class: 'note ids' }, articleIds.join(', ')),
  ];
}

function incidentSection(data, { onOpenEvent, currentArticle }) {
  const inc = data.incident;
  const byArticle = new Map(data.articles.map((a) => [a.id, a]));
  const eventOf = new Map();
  for (const e of data.events || []) if (!eventOf.has(e.article_id)) eventOf.set(e.article_id, e);
  const reported = [inc.first_reported, inc.last_reported].filter(Boolean);
  const sources = h('details', { class: 'sources' },
    h('summary', {}, `Sources (${plural(data.articles.length, 'article')})`),
    h('ul', {}, data.articles.map((a) => {
      const event = eventOf.get(a.id);
      return h('li', { 'data-article-id': a.id },
        articleLine(a),
        a.id === currentArticle ? h('span', { class: 'note' }, ' (this article)') : null,
        event && a.id !== currentArticle
          ? [' ', h('button', { type: 'button', class: 'link', onclick: () => onOpenEvent(event) }, 'its event')]
          : null);
    })));
  const disagreements = inc.disagreements && inc.disagreements.length
    ? h('table', { class: 'disagreements' },
      h('caption', {}, 'Where the sources disagree'),
      h('thead', {}, h('tr', {}, ['Field', 'Value', 'As written', 'Reported by'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, inc.disagreements.flatMap((d) => d.values.map((v, i) =>
        h('tr', {},
          i === 0 ? h('th', { scope: 'row', rowspan: d.values.length }, d.field) : null,
          h('td', {}, v.value),
          h('td', {}, v.text),
          h('td', {}, reporters(v.article_ids, byArticle)))))))
    : h('p', { class: 'note' }, 'The sources do not disagree on date, place or numbers.');
  return h('section', { class: 'incident', 'aria-labelledby': 'incident-title' },
    h('h3', { id: 'incident-title' }, 'Incident'),
    h('p', {},
      `${plural(inc.n_articles, 'article')} from ${plural(inc.n_sources, 'source')}`,
      reported.length ? `, reported ${reported.join(' to ')}` : '',
      inc.date ? `; date ${inc.date.value}` : '',
      inc.location ? `; ${placeName(inc.location)}` : ''),
    sources,
    disagreements);
}

/** Show one event (an EventItem) in `container`. */
export async function showEvent(container, item, { onOpenEvent, onClose, signal }) {
  const ev = item.evidence;
  const evidence = h('blockquote', { class: 'evidence', 'aria-label': 'Evidence sentence', 'aria-busy': 'true' },
    h('mark', { class: 'trigger' }, ev.trigger.text));
  const articleBox = h('p', { class: 'article-line' });
  const incidentBox = h('div', { class: 'incident-box' });
  const title = h('h2', { id: 'event-title', tabindex: '-1' },
    typeBadge(item.plover.type), ' ', h('span', { class: 'title-trigger' }, `“${ev.trigger.text}”`));
  container.replaceChildren(
    h('div', { class: 'event-head' }, title,
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close the event', onclick: onClose }, 'Close')),
    evidence,
    h('p', { class: 'mark-key note' }, 'Marked: ', KEY.map(([cls, name]) => [h('mark', { class: cls }, name), ' '])),
    facts(item),
    articleBox,
    incidentBox);
  title.focus({ preventScroll: true });

  const loadArticle = article(item.article_id).then((record) => {
    const points = codePoints(record.text);
    evidence.replaceChildren(...highlight(points, ev.start, ev.end, eventSpans(item)));
    evidence.removeAttribute('aria-busy');
    articleBox.replaceChildren('Article: ', articleLine(record));
  });
  const loadIncident = item.incident_id
    ? api.incident(item.incident_id, signal).then((data) => {
      incidentBox.replaceChildren(incidentSection(data, { onOpenEvent, currentArticle: item.article_id }));
    })
    : Promise.resolve(incidentBox.replaceChildren(h('p', { class: 'note' }, 'Not fused into an incident (only one report).')));
  const results = await Promise.allSettled([loadArticle, loadIncident]);
  const failed = results.filter((r) => r.status === 'rejected' && r.reason.name !== 'AbortError');
  if (failed.length) {
    container.append(h('p', { class: 'error', role: 'alert' }, failed.map((r) => r.reason.message).join('; ')));
  }
  evidence.removeAttribute('aria-busy');
}
