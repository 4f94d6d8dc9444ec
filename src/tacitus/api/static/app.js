/* Tacitus events page (MIT). Built by web/build.mjs from web/src; do not edit by hand.
 * Bundles d3-array 3.2.5, d3-geo 3.1.2, d3-time 3.1.1, topojson-client 3.1.0 (ISC): see LICENSES.txt. */

// src/api.js
var FILTERS = ["since", "until", "country", "type", "cameo", "actor", "modality", "q"];
var ApiError = class extends Error {
  constructor(status, detail, url) {
    super(`${detail} (HTTP ${status} from ${url.pathname})`);
    this.status = status;
    this.detail = detail;
  }
};
function base() {
  return new URL(".", document.baseURI);
}
function describe(detail) {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
  }
  return detail ? JSON.stringify(detail) : "";
}
async function getJSON(path, params = {}, signal = void 0) {
  const url = new URL(path, base());
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== void 0 && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = describe((await response.json()).detail) || detail;
    } catch {
    }
    throw new ApiError(response.status, detail, url);
  }
  return response.json();
}
var id = (value) => encodeURIComponent(value);
var api = {
  events: (params, signal) => getJSON("events", params, signal),
  event: (eventId, signal) => getJSON(`events/${id(eventId)}`, {}, signal),
  stats: (params, signal) => getJSON("stats", params, signal),
  article: (articleId, signal) => getJSON(`articles/${id(articleId)}`, {}, signal),
  incident: (incidentId, signal) => getJSON(`incidents/${id(incidentId)}`, {}, signal)
};
function onlyFilters(values) {
  const out = {};
  for (const key of FILTERS) if (values[key]) out[key] = values[key];
  return out;
}

// src/dom.js
var SVG_NS = "http://www.w3.org/2000/svg";
function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === void 0 || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}
function appendChildren(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === void 0 || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  appendChildren(el, children);
  return el;
}
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  appendChildren(el, children);
  return el;
}
function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
function count(n) {
  return Number(n).toLocaleString("en");
}
function plural(n, word, many = word + "s") {
  return `${count(n)} ${n === 1 ? word : many}`;
}

// src/codepoints.js
function codePoints(text) {
  return Array.from(text || "");
}
function slice(points, start2, end) {
  return points.slice(start2, end).join("");
}
var crosses = (a, b) => a.start < b.end && b.start < a.end && !(a.start <= b.start && b.end <= a.end) && !(b.start <= a.start && a.end <= b.end);
function laminate(spans) {
  const taken = [];
  const byRank = [...spans].sort((a, b) => a.rank - b.rank);
  for (const span of byRank) {
    const pending = [span];
    while (pending.length) {
      const piece = pending.pop();
      if (piece.end <= piece.start) continue;
      const other = taken.find((t) => crosses(piece, t));
      if (!other) {
        taken.push(piece);
        continue;
      }
      const cut = other.start > piece.start && other.start < piece.end ? other.start : other.end;
      pending.push({ ...piece, end: cut }, { ...piece, start: cut });
    }
  }
  return taken;
}
function highlight(points, from, to, spans) {
  const inside = spans.map((sp) => ({ ...sp, start: Math.max(sp.start, from), end: Math.min(sp.end, to) })).filter((sp) => sp.start < sp.end);
  const nested = laminate(inside).sort(
    (a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank
  );
  const root = { start: from, end: to, children: [] };
  const stack = [root];
  for (const span of nested) {
    while (!(span.start >= stack.at(-1).start && span.end <= stack.at(-1).end)) stack.pop();
    const node = { ...span, children: [] };
    stack.at(-1).children.push(node);
    stack.push(node);
  }
  const render = (node) => {
    const nodes = [];
    let cursor = node.start;
    for (const child of node.children) {
      if (child.start > cursor) nodes.push(slice(points, cursor, child.start));
      nodes.push(h("mark", { class: child.className, title: child.title }, render(child)));
      cursor = child.end;
    }
    if (cursor < node.end) nodes.push(slice(points, cursor, node.end));
    return nodes;
  };
  return render(root);
}

// src/palette.js
var PLOVER_COLOURS = {
  AGREE: "#1b9e77",
  CONSULT: "#66a61e",
  SUPPORT: "#98c94c",
  CONCEDE: "#6baed6",
  COOPERATE: "#1f78b4",
  AID: "#17becf",
  RETREAT: "#8c96c6",
  REQUEST: "#e6ab02",
  ACCUSE: "#ff7f00",
  REJECT: "#b8860b",
  THREATEN: "#a6761d",
  PROTEST: "#e7298a",
  SANCTION: "#9e66c7",
  MOBILIZE: "#6a3d9a",
  COERCE: "#f16850",
  ASSAULT: "#c81d25"
};
var OTHER = "#888888";
function colour(type) {
  return PLOVER_COLOURS[type] || OTHER;
}
var CAMEO_ROOTS = [
  ["01", "Make public statement"],
  ["02", "Appeal"],
  ["03", "Express intent to cooperate"],
  ["04", "Consult"],
  ["05", "Engage in diplomatic cooperation"],
  ["06", "Engage in material cooperation"],
  ["07", "Provide aid"],
  ["08", "Yield"],
  ["09", "Investigate"],
  ["10", "Demand"],
  ["11", "Disapprove"],
  ["12", "Reject"],
  ["13", "Threaten"],
  ["14", "Protest"],
  ["15", "Exhibit military posture"],
  ["16", "Reduce relations"],
  ["17", "Coerce"],
  ["18", "Assault"],
  ["19", "Fight"],
  ["20", "Use unconventional mass violence"]
];
var MODALITIES = ["asserted", "negated", "future", "hypothetical"];

// src/table.js
function actorNames(actors) {
  return (actors || []).map((a) => a.name || a.text).join(", ");
}
function placeName(location) {
  if (!location) return "";
  const name = location.name || location.text;
  return location.country ? `${name}, ${location.country}` : name;
}
function typeBadge(type) {
  return h(
    "span",
    { class: "type" },
    h("span", { class: "swatch", style: `background:${colour(type)}`, "aria-hidden": "true" }),
    type
  );
}
function createTable(container, { onOpen, onMore }) {
  const body = h("tbody");
  const table2 = h(
    "table",
    { class: "events" },
    h(
      "caption",
      { class: "visually-hidden" },
      "Events matching the filters; choose a row to open its evidence"
    ),
    h("thead", {}, h(
      "tr",
      {},
      ["Date", "Type", "Actor", "Trigger", "Recipient", "Place", "Sources"].map((title) => h("th", { scope: "col" }, title))
    )),
    body
  );
  const more2 = h("button", { type: "button", class: "more", onclick: () => onMore() }, "More");
  const empty = h("p", { class: "note", hidden: true }, "No event matches these filters.");
  container.replaceChildren(table2, empty, more2);
  let selected = null;
  function row(item) {
    const open = () => onOpen(item);
    const tr = h(
      "tr",
      {
        "data-event-id": item.id,
        tabindex: "0",
        "aria-current": item.id === selected ? "true" : null,
        onclick: open,
        onkeydown: (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            open();
          }
        }
      },
      h("td", { class: "date" }, item.date ? item.date.value : "—"),
      h("td", {}, typeBadge(item.plover.type)),
      h("td", {}, actorNames(item.actors)),
      h("td", { class: "trigger" }, item.evidence.trigger.text),
      h("td", {}, actorNames(item.recipients)),
      h("td", {}, placeName(item.location)),
      h("td", { class: "num" }, String(item.n_sources ?? 1))
    );
    return tr;
  }
  return {
    /** Replace the rows (a first page) or add a further page. */
    show(page, { append: append2 = false } = {}) {
      const rows = page.items.map(row);
      if (append2) body.append(...rows);
      else body.replaceChildren(...rows);
      more2.hidden = !page.next_cursor;
      more2.disabled = false;
      empty.hidden = body.children.length > 0;
      return body.children.length;
    },
    loading() {
      more2.disabled = true;
    },
    select(eventId) {
      selected = eventId;
      for (const tr of body.children) {
        if (tr.dataset.eventId === eventId) tr.setAttribute("aria-current", "true");
        else tr.removeAttribute("aria-current");
      }
    },
    get rows() {
      return body.children.length;
    }
  };
}

// src/event-view.js
var articles = /* @__PURE__ */ new Map();
var KEEP = 20;
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
  return `${a.name || a.text}${a.code ? ` (${a.code})` : ""}`;
}
function eventSpans(item) {
  const spans = [];
  const add = (span, className, rank, title) => {
    if (!span || !Number.isInteger(span.start) || !Number.isInteger(span.end)) return;
    if (span.end <= span.start) return;
    spans.push({ start: span.start, end: span.end, className, rank, title });
  };
  add(item.evidence.trigger, "trigger", 0, `trigger (${item.plover.type})`);
  for (const a of item.actors || []) add(a, "actor", 1, `actor: ${actorLabel(a)}`);
  for (const a of item.recipients || []) add(a, "actor recipient", 2, `recipient: ${actorLabel(a)}`);
  for (const q of item.quantities || []) {
    add(q, "quantity", 3, `quantity${q.category ? `: ${q.category}` : ""}`);
  }
  if (item.date) add(item.date, "date", 4, `date: ${item.date.value}`);
  const loc = item.location;
  if (loc) {
    add(loc, "place", 5, `place: ${placeName(loc)}`);
    if (loc.offset) add(loc.offset, "place offset", 6, `offset: ${loc.offset.text}`);
  }
  const attribution = item.attribution;
  if (attribution) {
    add(attribution.cue, "cue", 7, "attribution cue");
    if (attribution.speaker) add(attribution.speaker, "speaker", 8, `source: ${actorLabel(attribution.speaker)}`);
  }
  return spans;
}
var KEY = [
  ["trigger", "trigger"],
  ["actor", "actor"],
  ["actor recipient", "recipient"],
  ["place", "place"],
  ["date", "date"],
  ["quantity", "quantity"]
];
function inSentence(span, ev) {
  return span && Number.isInteger(span.start) && span.start >= ev.start && span.end <= ev.end;
}
function facts(item) {
  const rows = [];
  const add = (term, ...value) => {
    if (value.some((v) => v !== null && v !== void 0 && v !== "")) {
      rows.push(h("dt", {}, term), h("dd", {}, ...value));
    }
  };
  const ev = item.evidence;
  const elsewhere = (span) => span && Number.isInteger(span.start) && !inSentence(span, ev) ? h("span", { class: "note" }, " (said elsewhere in the article)") : null;
  const cameo = item.cameo;
  add(
    "Type",
    typeBadge(item.plover.type),
    item.plover.mode ? ` (${item.plover.mode})` : "",
    item.plover.context && item.plover.context.length ? `; context ${item.plover.context.join(", ")}` : ""
  );
  if (cameo) {
    add("CAMEO", `${cameo.code} (root ${cameo.root}), quad class ${cameo.quad_class}, Goldstein ${cameo.goldstein}`);
  }
  add("Modality", item.modality);
  add("Actor", actorNames(item.actors) ? item.actors.map(actorLabel).join(", ") : "");
  add("Recipient", item.recipients.length ? item.recipients.map(actorLabel).join(", ") : "");
  const date = item.date;
  if (date) {
    add(
      "Date",
      date.value,
      ` (${date.precision}, ${date.basis}${date.historical ? ", historical" : ""})`,
      date.text ? ` “${date.text}”` : "",
      elsewhere(date)
    );
  }
  const loc = item.location;
  if (loc) {
    const where = [loc.name || loc.text, loc.admin1, loc.country].filter(Boolean).join(", ");
    const point = loc.lat !== null && loc.lat !== void 0 ? ` at ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : "";
    add(
      "Place",
      where,
      point,
      loc.precision ? ` (${loc.precision})` : "",
      loc.offset ? `; ${loc.offset.text}` : "",
      elsewhere(loc)
    );
  }
  if (item.quantities.length) {
    add("Quantities", item.quantities.map((q) => `${q.text}${q.category ? ` (${q.category})` : ""}`).join("; "));
  }
  if (item.acled_type) add("ACLED", item.acled_type, item.acled_sub_type ? ` / ${item.acled_sub_type}` : "");
  if (item.attribution) {
    const a = item.attribution;
    add("Reported by", a.speaker ? actorLabel(a.speaker) : "unnamed", ` (“${a.cue.text}”)`);
  }
  add("Confidence", String(item.confidence));
  return h("dl", { class: "facts" }, rows);
}
function articleLine(meta) {
  const url = safeUrl(meta.url);
  const title = meta.title || meta.id;
  return h(
    "span",
    { class: "article-ref" },
    url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, title) : title,
    meta.source ? h("span", { class: "note" }, ` — ${meta.source}`) : null,
    meta.published ? h("span", { class: "note" }, `, ${meta.published}`) : null
  );
}
function reporters(articleIds, byArticle) {
  const outlets = /* @__PURE__ */ new Map();
  for (const id2 of articleIds) {
    const source = byArticle.get(id2)?.source || "no source";
    outlets.set(source, (outlets.get(source) || 0) + 1);
  }
  return [
    [...outlets].map(([source, n]) => n > 1 ? `${source} ×${n}` : source).join(", "),
    h("div", { class: "note ids" }, articleIds.join(", "))
  ];
}
function incidentSection(data, { onOpenEvent, currentArticle }) {
  const inc = data.incident;
  const byArticle = new Map(data.articles.map((a) => [a.id, a]));
  const eventOf = /* @__PURE__ */ new Map();
  for (const e of data.events || []) if (!eventOf.has(e.article_id)) eventOf.set(e.article_id, e);
  const reported = [inc.first_reported, inc.last_reported].filter(Boolean);
  const sources = h(
    "details",
    { class: "sources" },
    h("summary", {}, `Sources (${plural(data.articles.length, "article")})`),
    h("ul", {}, data.articles.map((a) => {
      const event = eventOf.get(a.id);
      return h(
        "li",
        { "data-article-id": a.id },
        articleLine(a),
        a.id === currentArticle ? h("span", { class: "note" }, " (this article)") : null,
        event && a.id !== currentArticle ? [" ", h("button", { type: "button", class: "link", onclick: () => onOpenEvent(event) }, "its event")] : null
      );
    }))
  );
  const disagreements = inc.disagreements && inc.disagreements.length ? h(
    "table",
    { class: "disagreements" },
    h("caption", {}, "Where the sources disagree"),
    h("thead", {}, h("tr", {}, ["Field", "Value", "As written", "Reported by"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, inc.disagreements.flatMap((d) => d.values.map((v, i) => h(
      "tr",
      {},
      i === 0 ? h("th", { scope: "row", rowspan: d.values.length }, d.field) : null,
      h("td", {}, v.value),
      h("td", {}, v.text),
      h("td", {}, reporters(v.article_ids, byArticle))
    ))))
  ) : h("p", { class: "note" }, "The sources do not disagree on date, place or numbers.");
  return h(
    "section",
    { class: "incident", "aria-labelledby": "incident-title" },
    h("h3", { id: "incident-title" }, "Incident"),
    h(
      "p",
      {},
      `${plural(inc.n_articles, "article")} from ${plural(inc.n_sources, "source")}`,
      reported.length ? `, reported ${reported.join(" to ")}` : "",
      inc.date ? `; date ${inc.date.value}` : "",
      inc.location ? `; ${placeName(inc.location)}` : ""
    ),
    sources,
    disagreements
  );
}
async function showEvent(container, item, { onOpenEvent, onClose, signal }) {
  const ev = item.evidence;
  const evidence = h(
    "blockquote",
    { class: "evidence", "aria-label": "Evidence sentence", "aria-busy": "true" },
    h("mark", { class: "trigger" }, ev.trigger.text)
  );
  const articleBox = h("p", { class: "article-line" });
  const incidentBox = h("div", { class: "incident-box" });
  const title = h(
    "h2",
    { id: "event-title", tabindex: "-1" },
    typeBadge(item.plover.type),
    " ",
    h("span", { class: "title-trigger" }, `“${ev.trigger.text}”`)
  );
  container.replaceChildren(
    h(
      "div",
      { class: "event-head" },
      title,
      h("button", { type: "button", class: "close", "aria-label": "Close the event", onclick: onClose }, "Close")
    ),
    evidence,
    h("p", { class: "mark-key note" }, "Marked: ", KEY.map(([cls, name]) => [h("mark", { class: cls }, name), " "])),
    facts(item),
    articleBox,
    incidentBox
  );
  title.focus({ preventScroll: true });
  const loadArticle = article(item.article_id).then((record) => {
    const points = codePoints(record.text);
    evidence.replaceChildren(...highlight(points, ev.start, ev.end, eventSpans(item)));
    evidence.removeAttribute("aria-busy");
    articleBox.replaceChildren("Article: ", articleLine(record));
  });
  const loadIncident = item.incident_id ? api.incident(item.incident_id, signal).then((data) => {
    incidentBox.replaceChildren(incidentSection(data, { onOpenEvent, currentArticle: item.article_id }));
  }) : Promise.resolve(incidentBox.replaceChildren(h("p", { class: "note" }, "Not fused into an incident (only one report).")));
  const results = await Promise.allSettled([loadArticle, loadIncident]);
  const failed = results.filter((r) => r.status === "rejected" && r.reason.name !== "AbortError");
  if (failed.length) {
    container.append(h("p", { class: "error", role: "alert" }, failed.map((r) => r.reason.message).join("; ")));
  }
  evidence.removeAttribute("aria-busy");
}

// node_modules/d3-array/dist/d3-array.mjs
function ascending(a, b) {
  return a == null || b == null ? NaN : a < b ? -1 : a > b ? 1 : a >= b ? 0 : NaN;
}
function descending(a, b) {
  return a == null || b == null ? NaN : b < a ? -1 : b > a ? 1 : b >= a ? 0 : NaN;
}
function bisector(f) {
  let compare1, compare2, delta;
  if (f.length !== 2) {
    compare1 = ascending;
    compare2 = (d, x) => ascending(f(d), x);
    delta = (d, x) => f(d) - x;
  } else {
    compare1 = f === ascending || f === descending ? f : zero;
    compare2 = f;
    delta = f;
  }
  function left(a, x, lo = 0, hi = a.length) {
    if (lo < hi) {
      if (compare1(x, x) !== 0) return hi;
      do {
        const mid = lo + hi >>> 1;
        if (compare2(a[mid], x) < 0) lo = mid + 1;
        else hi = mid;
      } while (lo < hi);
    }
    return lo;
  }
  function right(a, x, lo = 0, hi = a.length) {
    if (lo < hi) {
      if (compare1(x, x) !== 0) return hi;
      do {
        const mid = lo + hi >>> 1;
        if (compare2(a[mid], x) <= 0) lo = mid + 1;
        else hi = mid;
      } while (lo < hi);
    }
    return lo;
  }
  function center(a, x, lo = 0, hi = a.length) {
    const i = left(a, x, lo, hi - 1);
    return i > lo && delta(a[i - 1], x) > -delta(a[i], x) ? i - 1 : i;
  }
  return { left, center, right };
}
function zero() {
  return 0;
}
function number(x) {
  return x === null ? NaN : +x;
}
var ascendingBisect = bisector(ascending);
var bisectRight = ascendingBisect.right;
var bisectLeft = ascendingBisect.left;
var bisectCenter = bisector(number).center;
var blur2 = Blur2(blurf);
var blurImage = Blur2(blurfImage);
function Blur2(blur) {
  return function(data, rx, ry = rx) {
    if (!((rx = +rx) >= 0)) throw new RangeError("invalid rx");
    if (!((ry = +ry) >= 0)) throw new RangeError("invalid ry");
    let { data: values, width, height } = data;
    if (!((width = Math.floor(width)) >= 0)) throw new RangeError("invalid width");
    if (!((height = Math.floor(height !== void 0 ? height : values.length / width)) >= 0)) throw new RangeError("invalid height");
    if (!width || !height || !rx && !ry) return data;
    const blurx = rx && blur(rx);
    const blury = ry && blur(ry);
    const temp = values.slice();
    if (blurx && blury) {
      blurh(blurx, temp, values, width, height);
      blurh(blurx, values, temp, width, height);
      blurh(blurx, temp, values, width, height);
      blurv(blury, values, temp, width, height);
      blurv(blury, temp, values, width, height);
      blurv(blury, values, temp, width, height);
    } else if (blurx) {
      blurh(blurx, values, temp, width, height);
      blurh(blurx, temp, values, width, height);
      blurh(blurx, values, temp, width, height);
    } else if (blury) {
      blurv(blury, values, temp, width, height);
      blurv(blury, temp, values, width, height);
      blurv(blury, values, temp, width, height);
    }
    return data;
  };
}
function blurh(blur, T, S, w, h2) {
  for (let y = 0, n = w * h2; y < n; ) {
    blur(T, S, y, y += w, 1);
  }
}
function blurv(blur, T, S, w, h2) {
  for (let x = 0, n = w * h2; x < w; ++x) {
    blur(T, S, x, x + n, w);
  }
}
function blurfImage(radius2) {
  const blur = blurf(radius2);
  return (T, S, start2, stop, step) => {
    start2 <<= 2, stop <<= 2, step <<= 2;
    blur(T, S, start2 + 0, stop + 0, step);
    blur(T, S, start2 + 1, stop + 1, step);
    blur(T, S, start2 + 2, stop + 2, step);
    blur(T, S, start2 + 3, stop + 3, step);
  };
}
function blurf(radius2) {
  const radius0 = Math.floor(radius2);
  if (radius0 === radius2) return bluri(radius2);
  const t = radius2 - radius0;
  const w = 2 * radius2 + 1;
  return (T, S, start2, stop, step) => {
    if (!((stop -= step) >= start2)) return;
    let sum = radius0 * S[start2];
    const s0 = step * radius0;
    const s1 = s0 + step;
    for (let i = start2, j = start2 + s0; i < j; i += step) {
      sum += S[Math.min(stop, i)];
    }
    for (let i = start2, j = stop; i <= j; i += step) {
      sum += S[Math.min(stop, i + s0)];
      T[i] = (sum + t * (S[Math.max(start2, i - s1)] + S[Math.min(stop, i + s1)])) / w;
      sum -= S[Math.max(start2, i - s0)];
    }
  };
}
function bluri(radius2) {
  const w = 2 * radius2 + 1;
  return (T, S, start2, stop, step) => {
    if (!((stop -= step) >= start2)) return;
    let sum = radius2 * S[start2];
    const s2 = step * radius2;
    for (let i = start2, j = start2 + s2; i < j; i += step) {
      sum += S[Math.min(stop, i)];
    }
    for (let i = start2, j = stop; i <= j; i += step) {
      sum += S[Math.min(stop, i + s2)];
      T[i] = sum / w;
      sum -= S[Math.max(start2, i - s2)];
    }
  };
}
var Adder = class {
  constructor() {
    this._partials = new Float64Array(32);
    this._n = 0;
  }
  add(x) {
    const p = this._partials;
    let i = 0;
    for (let j = 0; j < this._n && j < 32; j++) {
      const y = p[j], hi = x + y, lo = Math.abs(x) < Math.abs(y) ? x - (hi - y) : y - (hi - x);
      if (lo) p[i++] = lo;
      x = hi;
    }
    p[i] = x;
    this._n = i + 1;
    return this;
  }
  valueOf() {
    const p = this._partials;
    let n = this._n, x, y, lo, hi = 0;
    if (n > 0) {
      hi = p[--n];
      while (n > 0) {
        x = hi;
        y = p[--n];
        hi = x + y;
        lo = y - (hi - x);
        if (lo) break;
      }
      if (n > 0 && (lo < 0 && p[n - 1] < 0 || lo > 0 && p[n - 1] > 0)) {
        y = lo * 2;
        x = hi + y;
        if (y == x - hi) hi = x;
      }
    }
    return hi;
  }
};
var array = Array.prototype;
var slice2 = array.slice;
var e10 = Math.sqrt(50);
var e5 = Math.sqrt(10);
var e2 = Math.sqrt(2);
function tickSpec(start2, stop, count2) {
  const step = (stop - start2) / Math.max(0, count2), power = Math.floor(Math.log10(step)), error = step / Math.pow(10, power), factor = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1;
  let i1, i2, inc;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start2 * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start2) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start2 / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start2) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count2 && count2 < 2) return tickSpec(start2, stop, count2 * 2);
  return [i1, i2, inc];
}
function tickIncrement(start2, stop, count2) {
  stop = +stop, start2 = +start2, count2 = +count2;
  return tickSpec(start2, stop, count2)[2];
}
function tickStep(start2, stop, count2) {
  stop = +stop, start2 = +start2, count2 = +count2;
  const reverse = stop < start2, inc = reverse ? tickIncrement(stop, start2, count2) : tickIncrement(start2, stop, count2);
  return (reverse ? -1 : 1) * (inc < 0 ? 1 / -inc : inc);
}
function* flatten(arrays) {
  for (const array2 of arrays) {
    yield* array2;
  }
}
function merge(arrays) {
  return Array.from(flatten(arrays));
}
function range(start2, stop, step) {
  start2 = +start2, stop = +stop, step = (n = arguments.length) < 2 ? (stop = start2, start2 = 0, 1) : n < 3 ? 1 : +step;
  var i = -1, n = Math.max(0, Math.ceil((stop - start2) / step)) | 0, range2 = new Array(n);
  while (++i < n) {
    range2[i] = start2 + i * step;
  }
  return range2;
}
var shuffle = shuffler(Math.random);
function shuffler(random) {
  return function shuffle2(array2, i0 = 0, i1 = array2.length) {
    let m = i1 - (i0 = +i0);
    while (m) {
      const i = random() * m-- | 0, t = array2[m + i0];
      array2[m + i0] = array2[i + i0];
      array2[i + i0] = t;
    }
    return array2;
  };
}

// node_modules/d3-geo/dist/d3-geo.mjs
var epsilon = 1e-6;
var epsilon2 = 1e-12;
var pi = Math.PI;
var halfPi = pi / 2;
var quarterPi = pi / 4;
var tau = pi * 2;
var degrees = 180 / pi;
var radians = pi / 180;
var abs = Math.abs;
var atan = Math.atan;
var atan2 = Math.atan2;
var cos = Math.cos;
var ceil = Math.ceil;
var exp = Math.exp;
var log = Math.log;
var sin = Math.sin;
var sign = Math.sign || function(x) {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
};
var sqrt = Math.sqrt;
var tan = Math.tan;
function acos(x) {
  return x > 1 ? 0 : x < -1 ? pi : Math.acos(x);
}
function asin(x) {
  return x > 1 ? halfPi : x < -1 ? -halfPi : Math.asin(x);
}
function noop() {
}
function streamGeometry(geometry, stream) {
  if (geometry && streamGeometryType.hasOwnProperty(geometry.type)) {
    streamGeometryType[geometry.type](geometry, stream);
  }
}
var streamObjectType = {
  Feature: function(object2, stream) {
    streamGeometry(object2.geometry, stream);
  },
  FeatureCollection: function(object2, stream) {
    var features = object2.features, i = -1, n = features.length;
    while (++i < n) streamGeometry(features[i].geometry, stream);
  }
};
var streamGeometryType = {
  Sphere: function(object2, stream) {
    stream.sphere();
  },
  Point: function(object2, stream) {
    object2 = object2.coordinates;
    stream.point(object2[0], object2[1], object2[2]);
  },
  MultiPoint: function(object2, stream) {
    var coordinates = object2.coordinates, i = -1, n = coordinates.length;
    while (++i < n) object2 = coordinates[i], stream.point(object2[0], object2[1], object2[2]);
  },
  LineString: function(object2, stream) {
    streamLine(object2.coordinates, stream, 0);
  },
  MultiLineString: function(object2, stream) {
    var coordinates = object2.coordinates, i = -1, n = coordinates.length;
    while (++i < n) streamLine(coordinates[i], stream, 0);
  },
  Polygon: function(object2, stream) {
    streamPolygon(object2.coordinates, stream);
  },
  MultiPolygon: function(object2, stream) {
    var coordinates = object2.coordinates, i = -1, n = coordinates.length;
    while (++i < n) streamPolygon(coordinates[i], stream);
  },
  GeometryCollection: function(object2, stream) {
    var geometries = object2.geometries, i = -1, n = geometries.length;
    while (++i < n) streamGeometry(geometries[i], stream);
  }
};
function streamLine(coordinates, stream, closed) {
  var i = -1, n = coordinates.length - closed, coordinate;
  stream.lineStart();
  while (++i < n) coordinate = coordinates[i], stream.point(coordinate[0], coordinate[1], coordinate[2]);
  stream.lineEnd();
}
function streamPolygon(coordinates, stream) {
  var i = -1, n = coordinates.length;
  stream.polygonStart();
  while (++i < n) streamLine(coordinates[i], stream, 1);
  stream.polygonEnd();
}
function geoStream(object2, stream) {
  if (object2 && streamObjectType.hasOwnProperty(object2.type)) {
    streamObjectType[object2.type](object2, stream);
  } else {
    streamGeometry(object2, stream);
  }
}
var areaRingSum$1 = new Adder();
var areaSum$1 = new Adder();
function spherical(cartesian2) {
  return [atan2(cartesian2[1], cartesian2[0]), asin(cartesian2[2])];
}
function cartesian(spherical2) {
  var lambda = spherical2[0], phi = spherical2[1], cosPhi = cos(phi);
  return [cosPhi * cos(lambda), cosPhi * sin(lambda), sin(phi)];
}
function cartesianDot(a, b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cartesianCross(a, b) {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function cartesianAddInPlace(a, b) {
  a[0] += b[0], a[1] += b[1], a[2] += b[2];
}
function cartesianScale(vector, k) {
  return [vector[0] * k, vector[1] * k, vector[2] * k];
}
function cartesianNormalizeInPlace(d) {
  var l = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  d[0] /= l, d[1] /= l, d[2] /= l;
}
function compose(a, b) {
  function compose2(x, y) {
    return x = a(x, y), b(x[0], x[1]);
  }
  if (a.invert && b.invert) compose2.invert = function(x, y) {
    return x = b.invert(x, y), x && a.invert(x[0], x[1]);
  };
  return compose2;
}
function rotationIdentity(lambda, phi) {
  if (abs(lambda) > pi) lambda -= Math.round(lambda / tau) * tau;
  return [lambda, phi];
}
rotationIdentity.invert = rotationIdentity;
function rotateRadians(deltaLambda, deltaPhi, deltaGamma) {
  return (deltaLambda %= tau) ? deltaPhi || deltaGamma ? compose(rotationLambda(deltaLambda), rotationPhiGamma(deltaPhi, deltaGamma)) : rotationLambda(deltaLambda) : deltaPhi || deltaGamma ? rotationPhiGamma(deltaPhi, deltaGamma) : rotationIdentity;
}
function forwardRotationLambda(deltaLambda) {
  return function(lambda, phi) {
    lambda += deltaLambda;
    if (abs(lambda) > pi) lambda -= Math.round(lambda / tau) * tau;
    return [lambda, phi];
  };
}
function rotationLambda(deltaLambda) {
  var rotation = forwardRotationLambda(deltaLambda);
  rotation.invert = forwardRotationLambda(-deltaLambda);
  return rotation;
}
function rotationPhiGamma(deltaPhi, deltaGamma) {
  var cosDeltaPhi = cos(deltaPhi), sinDeltaPhi = sin(deltaPhi), cosDeltaGamma = cos(deltaGamma), sinDeltaGamma = sin(deltaGamma);
  function rotation(lambda, phi) {
    var cosPhi = cos(phi), x = cos(lambda) * cosPhi, y = sin(lambda) * cosPhi, z = sin(phi), k = z * cosDeltaPhi + x * sinDeltaPhi;
    return [
      atan2(y * cosDeltaGamma - k * sinDeltaGamma, x * cosDeltaPhi - z * sinDeltaPhi),
      asin(k * cosDeltaGamma + y * sinDeltaGamma)
    ];
  }
  rotation.invert = function(lambda, phi) {
    var cosPhi = cos(phi), x = cos(lambda) * cosPhi, y = sin(lambda) * cosPhi, z = sin(phi), k = z * cosDeltaGamma - y * sinDeltaGamma;
    return [
      atan2(y * cosDeltaGamma + z * sinDeltaGamma, x * cosDeltaPhi + k * sinDeltaPhi),
      asin(k * cosDeltaPhi - x * sinDeltaPhi)
    ];
  };
  return rotation;
}
function circleStream(stream, radius2, delta, direction, t02, t12) {
  if (!delta) return;
  var cosRadius = cos(radius2), sinRadius = sin(radius2), step = direction * delta;
  if (t02 == null) {
    t02 = radius2 + direction * tau;
    t12 = radius2 - step / 2;
  } else {
    t02 = circleRadius(cosRadius, t02);
    t12 = circleRadius(cosRadius, t12);
    if (direction > 0 ? t02 < t12 : t02 > t12) t02 += direction * tau;
  }
  for (var point, t = t02; direction > 0 ? t > t12 : t < t12; t -= step) {
    point = spherical([cosRadius, -sinRadius * cos(t), -sinRadius * sin(t)]);
    stream.point(point[0], point[1]);
  }
}
function circleRadius(cosRadius, point) {
  point = cartesian(point), point[0] -= cosRadius;
  cartesianNormalizeInPlace(point);
  var radius2 = acos(-point[1]);
  return ((-point[2] < 0 ? -radius2 : radius2) + tau - epsilon) % tau;
}
function clipBuffer() {
  var lines = [], line;
  return {
    point: function(x, y, m) {
      line.push([x, y, m]);
    },
    lineStart: function() {
      lines.push(line = []);
    },
    lineEnd: noop,
    rejoin: function() {
      if (lines.length > 1) lines.push(lines.pop().concat(lines.shift()));
    },
    result: function() {
      var result = lines;
      lines = [];
      line = null;
      return result;
    }
  };
}
function pointEqual(a, b) {
  return abs(a[0] - b[0]) < epsilon && abs(a[1] - b[1]) < epsilon;
}
function Intersection(point, points, other, entry) {
  this.x = point;
  this.z = points;
  this.o = other;
  this.e = entry;
  this.v = false;
  this.n = this.p = null;
}
function clipRejoin(segments, compareIntersection2, startInside, interpolate, stream) {
  var subject = [], clip2 = [], i, n;
  segments.forEach(function(segment) {
    if ((n2 = segment.length - 1) <= 0) return;
    var n2, p0 = segment[0], p1 = segment[n2], x;
    if (pointEqual(p0, p1)) {
      if (!p0[2] && !p1[2]) {
        stream.lineStart();
        for (i = 0; i < n2; ++i) stream.point((p0 = segment[i])[0], p0[1]);
        stream.lineEnd();
        return;
      }
      p1[0] += 2 * epsilon;
    }
    subject.push(x = new Intersection(p0, segment, null, true));
    clip2.push(x.o = new Intersection(p0, null, x, false));
    subject.push(x = new Intersection(p1, segment, null, false));
    clip2.push(x.o = new Intersection(p1, null, x, true));
  });
  if (!subject.length) return;
  clip2.sort(compareIntersection2);
  link(subject);
  link(clip2);
  for (i = 0, n = clip2.length; i < n; ++i) {
    clip2[i].e = startInside = !startInside;
  }
  var start2 = subject[0], points, point;
  while (1) {
    var current = start2, isSubject = true;
    while (current.v) if ((current = current.n) === start2) return;
    points = current.z;
    stream.lineStart();
    do {
      current.v = current.o.v = true;
      if (current.e) {
        if (isSubject) {
          for (i = 0, n = points.length; i < n; ++i) stream.point((point = points[i])[0], point[1]);
        } else {
          interpolate(current.x, current.n.x, 1, stream);
        }
        current = current.n;
      } else {
        if (isSubject) {
          points = current.p.z;
          for (i = points.length - 1; i >= 0; --i) stream.point((point = points[i])[0], point[1]);
        } else {
          interpolate(current.x, current.p.x, -1, stream);
        }
        current = current.p;
      }
      current = current.o;
      points = current.z;
      isSubject = !isSubject;
    } while (!current.v);
    stream.lineEnd();
  }
}
function link(array2) {
  if (!(n = array2.length)) return;
  var n, i = 0, a = array2[0], b;
  while (++i < n) {
    a.n = b = array2[i];
    b.p = a;
    a = b;
  }
  a.n = b = array2[0];
  b.p = a;
}
function longitude(point) {
  return abs(point[0]) <= pi ? point[0] : sign(point[0]) * ((abs(point[0]) + pi) % tau - pi);
}
function polygonContains(polygon, point) {
  var lambda = longitude(point), phi = point[1], sinPhi = sin(phi), normal = [sin(lambda), -cos(lambda), 0], angle = 0, winding = 0;
  var sum = new Adder();
  if (sinPhi === 1) phi = halfPi + epsilon;
  else if (sinPhi === -1) phi = -halfPi - epsilon;
  for (var i = 0, n = polygon.length; i < n; ++i) {
    if (!(m = (ring = polygon[i]).length)) continue;
    var ring, m, point0 = ring[m - 1], lambda0 = longitude(point0), phi0 = point0[1] / 2 + quarterPi, sinPhi0 = sin(phi0), cosPhi0 = cos(phi0);
    for (var j = 0; j < m; ++j, lambda0 = lambda1, sinPhi0 = sinPhi1, cosPhi0 = cosPhi1, point0 = point1) {
      var point1 = ring[j], lambda1 = longitude(point1), phi1 = point1[1] / 2 + quarterPi, sinPhi1 = sin(phi1), cosPhi1 = cos(phi1), delta = lambda1 - lambda0, sign2 = delta >= 0 ? 1 : -1, absDelta = sign2 * delta, antimeridian = absDelta > pi, k = sinPhi0 * sinPhi1;
      sum.add(atan2(k * sign2 * sin(absDelta), cosPhi0 * cosPhi1 + k * cos(absDelta)));
      angle += antimeridian ? delta + sign2 * tau : delta;
      if (antimeridian ^ lambda0 >= lambda ^ lambda1 >= lambda) {
        var arc = cartesianCross(cartesian(point0), cartesian(point1));
        cartesianNormalizeInPlace(arc);
        var intersection = cartesianCross(normal, arc);
        cartesianNormalizeInPlace(intersection);
        var phiArc = (antimeridian ^ delta >= 0 ? -1 : 1) * asin(intersection[2]);
        if (phi > phiArc || phi === phiArc && (arc[0] || arc[1])) {
          winding += antimeridian ^ delta >= 0 ? 1 : -1;
        }
      }
    }
  }
  return (angle < -epsilon || angle < epsilon && sum < -epsilon2) ^ winding & 1;
}
function clip(pointVisible, clipLine2, interpolate, start2) {
  return function(sink) {
    var line = clipLine2(sink), ringBuffer = clipBuffer(), ringSink = clipLine2(ringBuffer), polygonStarted = false, polygon, segments, ring;
    var clip2 = {
      point,
      lineStart,
      lineEnd,
      polygonStart: function() {
        clip2.point = pointRing;
        clip2.lineStart = ringStart;
        clip2.lineEnd = ringEnd;
        segments = [];
        polygon = [];
      },
      polygonEnd: function() {
        clip2.point = point;
        clip2.lineStart = lineStart;
        clip2.lineEnd = lineEnd;
        segments = merge(segments);
        var startInside = polygonContains(polygon, start2);
        if (segments.length) {
          if (!polygonStarted) sink.polygonStart(), polygonStarted = true;
          clipRejoin(segments, compareIntersection, startInside, interpolate, sink);
        } else if (startInside) {
          if (!polygonStarted) sink.polygonStart(), polygonStarted = true;
          sink.lineStart();
          interpolate(null, null, 1, sink);
          sink.lineEnd();
        }
        if (polygonStarted) sink.polygonEnd(), polygonStarted = false;
        segments = polygon = null;
      },
      sphere: function() {
        sink.polygonStart();
        sink.lineStart();
        interpolate(null, null, 1, sink);
        sink.lineEnd();
        sink.polygonEnd();
      }
    };
    function point(lambda, phi) {
      if (pointVisible(lambda, phi)) sink.point(lambda, phi);
    }
    function pointLine(lambda, phi) {
      line.point(lambda, phi);
    }
    function lineStart() {
      clip2.point = pointLine;
      line.lineStart();
    }
    function lineEnd() {
      clip2.point = point;
      line.lineEnd();
    }
    function pointRing(lambda, phi) {
      ring.push([lambda, phi]);
      ringSink.point(lambda, phi);
    }
    function ringStart() {
      ringSink.lineStart();
      ring = [];
    }
    function ringEnd() {
      pointRing(ring[0][0], ring[0][1]);
      ringSink.lineEnd();
      var clean = ringSink.clean(), ringSegments = ringBuffer.result(), i, n = ringSegments.length, m, segment, point2;
      ring.pop();
      polygon.push(ring);
      ring = null;
      if (!n) return;
      if (clean & 1) {
        segment = ringSegments[0];
        if ((m = segment.length - 1) > 0) {
          if (!polygonStarted) sink.polygonStart(), polygonStarted = true;
          sink.lineStart();
          for (i = 0; i < m; ++i) sink.point((point2 = segment[i])[0], point2[1]);
          sink.lineEnd();
        }
        return;
      }
      if (n > 1 && clean & 2) ringSegments.push(ringSegments.pop().concat(ringSegments.shift()));
      segments.push(ringSegments.filter(validSegment));
    }
    return clip2;
  };
}
function validSegment(segment) {
  return segment.length > 1;
}
function compareIntersection(a, b) {
  return ((a = a.x)[0] < 0 ? a[1] - halfPi - epsilon : halfPi - a[1]) - ((b = b.x)[0] < 0 ? b[1] - halfPi - epsilon : halfPi - b[1]);
}
var clipAntimeridian = clip(
  function() {
    return true;
  },
  clipAntimeridianLine,
  clipAntimeridianInterpolate,
  [-pi, -halfPi]
);
function clipAntimeridianLine(stream) {
  var lambda0 = NaN, phi0 = NaN, sign0 = NaN, clean;
  return {
    lineStart: function() {
      stream.lineStart();
      clean = 1;
    },
    point: function(lambda1, phi1) {
      var sign1 = lambda1 > 0 ? pi : -pi, delta = abs(lambda1 - lambda0);
      if (abs(delta - pi) < epsilon) {
        stream.point(lambda0, phi0 = (phi0 + phi1) / 2 > 0 ? halfPi : -halfPi);
        stream.point(sign0, phi0);
        stream.lineEnd();
        stream.lineStart();
        stream.point(sign1, phi0);
        stream.point(lambda1, phi0);
        clean = 0;
      } else if (sign0 !== sign1 && delta >= pi) {
        if (abs(lambda0 - sign0) < epsilon) lambda0 -= sign0 * epsilon;
        if (abs(lambda1 - sign1) < epsilon) lambda1 -= sign1 * epsilon;
        phi0 = clipAntimeridianIntersect(lambda0, phi0, lambda1, phi1);
        stream.point(sign0, phi0);
        stream.lineEnd();
        stream.lineStart();
        stream.point(sign1, phi0);
        clean = 0;
      }
      stream.point(lambda0 = lambda1, phi0 = phi1);
      sign0 = sign1;
    },
    lineEnd: function() {
      stream.lineEnd();
      lambda0 = phi0 = NaN;
    },
    clean: function() {
      return 2 - clean;
    }
  };
}
function clipAntimeridianIntersect(lambda0, phi0, lambda1, phi1) {
  var cosPhi0, cosPhi1, sinLambda0Lambda1 = sin(lambda0 - lambda1);
  return abs(sinLambda0Lambda1) > epsilon ? atan((sin(phi0) * (cosPhi1 = cos(phi1)) * sin(lambda1) - sin(phi1) * (cosPhi0 = cos(phi0)) * sin(lambda0)) / (cosPhi0 * cosPhi1 * sinLambda0Lambda1)) : (phi0 + phi1) / 2;
}
function clipAntimeridianInterpolate(from, to, direction, stream) {
  var phi;
  if (from == null) {
    phi = direction * halfPi;
    stream.point(-pi, phi);
    stream.point(0, phi);
    stream.point(pi, phi);
    stream.point(pi, 0);
    stream.point(pi, -phi);
    stream.point(0, -phi);
    stream.point(-pi, -phi);
    stream.point(-pi, 0);
    stream.point(-pi, phi);
  } else if (abs(from[0] - to[0]) > epsilon) {
    var lambda = from[0] < to[0] ? pi : -pi;
    phi = direction * lambda / 2;
    stream.point(-lambda, phi);
    stream.point(0, phi);
    stream.point(lambda, phi);
  } else {
    stream.point(to[0], to[1]);
  }
}
function clipCircle(radius2) {
  var cr = cos(radius2), delta = 2 * radians, smallRadius = cr > 0, notHemisphere = abs(cr) > epsilon;
  function interpolate(from, to, direction, stream) {
    circleStream(stream, radius2, delta, direction, from, to);
  }
  function visible(lambda, phi) {
    return cos(lambda) * cos(phi) > cr;
  }
  function clipLine2(stream) {
    var point0, c0, v0, v00, clean;
    return {
      lineStart: function() {
        v00 = v0 = false;
        clean = 1;
      },
      point: function(lambda, phi) {
        var point1 = [lambda, phi], point2, v = visible(lambda, phi), c = smallRadius ? v ? 0 : code(lambda, phi) : v ? code(lambda + (lambda < 0 ? pi : -pi), phi) : 0;
        if (!point0 && (v00 = v0 = v)) stream.lineStart();
        if (v !== v0) {
          point2 = intersect(point0, point1);
          if (!point2 || pointEqual(point0, point2) || pointEqual(point1, point2))
            point1[2] = 1;
        }
        if (v !== v0) {
          clean = 0;
          if (v) {
            stream.lineStart();
            point2 = intersect(point1, point0);
            stream.point(point2[0], point2[1]);
          } else {
            point2 = intersect(point0, point1);
            stream.point(point2[0], point2[1], 2);
            stream.lineEnd();
          }
          point0 = point2;
        } else if (notHemisphere && point0 && smallRadius ^ v) {
          var t;
          if (!(c & c0) && (t = intersect(point1, point0, true))) {
            clean = 0;
            if (smallRadius) {
              stream.lineStart();
              stream.point(t[0][0], t[0][1]);
              stream.point(t[1][0], t[1][1]);
              stream.lineEnd();
            } else {
              stream.point(t[1][0], t[1][1]);
              stream.lineEnd();
              stream.lineStart();
              stream.point(t[0][0], t[0][1], 3);
            }
          }
        }
        if (v && (!point0 || !pointEqual(point0, point1))) {
          stream.point(point1[0], point1[1]);
        }
        point0 = point1, v0 = v, c0 = c;
      },
      lineEnd: function() {
        if (v0) stream.lineEnd();
        point0 = null;
      },
      // Rejoin first and last segments if there were intersections and the first
      // and last points were visible.
      clean: function() {
        return clean | (v00 && v0) << 1;
      }
    };
  }
  function intersect(a, b, two) {
    var pa = cartesian(a), pb = cartesian(b);
    var n1 = [1, 0, 0], n2 = cartesianCross(pa, pb), n2n2 = cartesianDot(n2, n2), n1n2 = n2[0], determinant = n2n2 - n1n2 * n1n2;
    if (!determinant) return !two && a;
    var c1 = cr * n2n2 / determinant, c2 = -cr * n1n2 / determinant, n1xn2 = cartesianCross(n1, n2), A = cartesianScale(n1, c1), B = cartesianScale(n2, c2);
    cartesianAddInPlace(A, B);
    var u = n1xn2, w = cartesianDot(A, u), uu = cartesianDot(u, u), t2 = w * w - uu * (cartesianDot(A, A) - 1);
    if (t2 < 0) return;
    var t = sqrt(t2), q = cartesianScale(u, (-w - t) / uu);
    cartesianAddInPlace(q, A);
    q = spherical(q);
    if (!two) return q;
    var lambda0 = a[0], lambda1 = b[0], phi0 = a[1], phi1 = b[1], z;
    if (lambda1 < lambda0) z = lambda0, lambda0 = lambda1, lambda1 = z;
    var delta2 = lambda1 - lambda0, polar = abs(delta2 - pi) < epsilon, meridian = polar || delta2 < epsilon;
    if (!polar && phi1 < phi0) z = phi0, phi0 = phi1, phi1 = z;
    if (meridian ? polar ? phi0 + phi1 > 0 ^ q[1] < (abs(q[0] - lambda0) < epsilon ? phi0 : phi1) : phi0 <= q[1] && q[1] <= phi1 : delta2 > pi ^ (lambda0 <= q[0] && q[0] <= lambda1)) {
      var q1 = cartesianScale(u, (-w + t) / uu);
      cartesianAddInPlace(q1, A);
      return [q, spherical(q1)];
    }
  }
  function code(lambda, phi) {
    var r = smallRadius ? radius2 : pi - radius2, code2 = 0;
    if (lambda < -r) code2 |= 1;
    else if (lambda > r) code2 |= 2;
    if (phi < -r) code2 |= 4;
    else if (phi > r) code2 |= 8;
    return code2;
  }
  return clip(visible, clipLine2, interpolate, smallRadius ? [0, -radius2] : [-pi, radius2 - pi]);
}
function clipLine(a, b, x02, y02, x12, y12) {
  var ax = a[0], ay = a[1], bx = b[0], by = b[1], t02 = 0, t12 = 1, dx = bx - ax, dy = by - ay, r;
  r = x02 - ax;
  if (!dx && r > 0) return;
  r /= dx;
  if (dx < 0) {
    if (r < t02) return;
    if (r < t12) t12 = r;
  } else if (dx > 0) {
    if (r > t12) return;
    if (r > t02) t02 = r;
  }
  r = x12 - ax;
  if (!dx && r < 0) return;
  r /= dx;
  if (dx < 0) {
    if (r > t12) return;
    if (r > t02) t02 = r;
  } else if (dx > 0) {
    if (r < t02) return;
    if (r < t12) t12 = r;
  }
  r = y02 - ay;
  if (!dy && r > 0) return;
  r /= dy;
  if (dy < 0) {
    if (r < t02) return;
    if (r < t12) t12 = r;
  } else if (dy > 0) {
    if (r > t12) return;
    if (r > t02) t02 = r;
  }
  r = y12 - ay;
  if (!dy && r < 0) return;
  r /= dy;
  if (dy < 0) {
    if (r > t12) return;
    if (r > t02) t02 = r;
  } else if (dy > 0) {
    if (r < t02) return;
    if (r < t12) t12 = r;
  }
  if (t02 > 0) a[0] = ax + t02 * dx, a[1] = ay + t02 * dy;
  if (t12 < 1) b[0] = ax + t12 * dx, b[1] = ay + t12 * dy;
  return true;
}
var clipMax = 1e9;
var clipMin = -clipMax;
function clipRectangle(x02, y02, x12, y12) {
  function visible(x, y) {
    return x02 <= x && x <= x12 && y02 <= y && y <= y12;
  }
  function interpolate(from, to, direction, stream) {
    var a = 0, a1 = 0;
    if (from == null || (a = corner(from, direction)) !== (a1 = corner(to, direction)) || comparePoint(from, to) < 0 ^ direction > 0) {
      do
        stream.point(a === 0 || a === 3 ? x02 : x12, a > 1 ? y12 : y02);
      while ((a = (a + direction + 4) % 4) !== a1);
    } else {
      stream.point(to[0], to[1]);
    }
  }
  function corner(p, direction) {
    return abs(p[0] - x02) < epsilon ? direction > 0 ? 0 : 3 : abs(p[0] - x12) < epsilon ? direction > 0 ? 2 : 1 : abs(p[1] - y02) < epsilon ? direction > 0 ? 1 : 0 : direction > 0 ? 3 : 2;
  }
  function compareIntersection2(a, b) {
    return comparePoint(a.x, b.x);
  }
  function comparePoint(a, b) {
    var ca = corner(a, 1), cb = corner(b, 1);
    return ca !== cb ? ca - cb : ca === 0 ? b[1] - a[1] : ca === 1 ? a[0] - b[0] : ca === 2 ? a[1] - b[1] : b[0] - a[0];
  }
  return function(stream) {
    var activeStream = stream, bufferStream = clipBuffer(), segments, polygon, ring, x__, y__, v__, x_, y_, v_, first, clean;
    var clipStream = {
      point,
      lineStart,
      lineEnd,
      polygonStart,
      polygonEnd
    };
    function point(x, y) {
      if (visible(x, y)) activeStream.point(x, y);
    }
    function polygonInside() {
      var winding = 0;
      for (var i = 0, n = polygon.length; i < n; ++i) {
        for (var ring2 = polygon[i], j = 1, m = ring2.length, point2 = ring2[0], a0, a1, b0 = point2[0], b1 = point2[1]; j < m; ++j) {
          a0 = b0, a1 = b1, point2 = ring2[j], b0 = point2[0], b1 = point2[1];
          if (a1 <= y12) {
            if (b1 > y12 && (b0 - a0) * (y12 - a1) > (b1 - a1) * (x02 - a0)) ++winding;
          } else {
            if (b1 <= y12 && (b0 - a0) * (y12 - a1) < (b1 - a1) * (x02 - a0)) --winding;
          }
        }
      }
      return winding;
    }
    function polygonStart() {
      activeStream = bufferStream, segments = [], polygon = [], clean = true;
    }
    function polygonEnd() {
      var startInside = polygonInside(), cleanInside = clean && startInside, visible2 = (segments = merge(segments)).length;
      if (cleanInside || visible2) {
        stream.polygonStart();
        if (cleanInside) {
          stream.lineStart();
          interpolate(null, null, 1, stream);
          stream.lineEnd();
        }
        if (visible2) {
          clipRejoin(segments, compareIntersection2, startInside, interpolate, stream);
        }
        stream.polygonEnd();
      }
      activeStream = stream, segments = polygon = ring = null;
    }
    function lineStart() {
      clipStream.point = linePoint;
      if (polygon) polygon.push(ring = []);
      first = true;
      v_ = false;
      x_ = y_ = NaN;
    }
    function lineEnd() {
      if (segments) {
        linePoint(x__, y__);
        if (v__ && v_) bufferStream.rejoin();
        segments.push(bufferStream.result());
      }
      clipStream.point = point;
      if (v_) activeStream.lineEnd();
    }
    function linePoint(x, y) {
      var v = visible(x, y);
      if (polygon) ring.push([x, y]);
      if (first) {
        x__ = x, y__ = y, v__ = v;
        first = false;
        if (v) {
          activeStream.lineStart();
          activeStream.point(x, y);
        }
      } else {
        if (v && v_) activeStream.point(x, y);
        else {
          var a = [x_ = Math.max(clipMin, Math.min(clipMax, x_)), y_ = Math.max(clipMin, Math.min(clipMax, y_))], b = [x = Math.max(clipMin, Math.min(clipMax, x)), y = Math.max(clipMin, Math.min(clipMax, y))];
          if (clipLine(a, b, x02, y02, x12, y12)) {
            if (!v_) {
              activeStream.lineStart();
              activeStream.point(a[0], a[1]);
            }
            activeStream.point(b[0], b[1]);
            if (!v) activeStream.lineEnd();
            clean = false;
          } else if (v) {
            activeStream.lineStart();
            activeStream.point(x, y);
            clean = false;
          }
        }
      }
      x_ = x, y_ = y, v_ = v;
    }
    return clipStream;
  };
}
function graticuleX(y02, y12, dy) {
  var y = range(y02, y12 - epsilon, dy).concat(y12);
  return function(x) {
    return y.map(function(y2) {
      return [x, y2];
    });
  };
}
function graticuleY(x02, x12, dx) {
  var x = range(x02, x12 - epsilon, dx).concat(x12);
  return function(y) {
    return x.map(function(x2) {
      return [x2, y];
    });
  };
}
function graticule() {
  var x12, x02, X12, X02, y12, y02, Y12, Y02, dx = 10, dy = dx, DX = 90, DY = 360, x, y, X, Y, precision = 2.5;
  function graticule2() {
    return { type: "MultiLineString", coordinates: lines() };
  }
  function lines() {
    return range(ceil(X02 / DX) * DX, X12, DX).map(X).concat(range(ceil(Y02 / DY) * DY, Y12, DY).map(Y)).concat(range(ceil(x02 / dx) * dx, x12, dx).filter(function(x2) {
      return abs(x2 % DX) > epsilon;
    }).map(x)).concat(range(ceil(y02 / dy) * dy, y12, dy).filter(function(y2) {
      return abs(y2 % DY) > epsilon;
    }).map(y));
  }
  graticule2.lines = function() {
    return lines().map(function(coordinates) {
      return { type: "LineString", coordinates };
    });
  };
  graticule2.outline = function() {
    return {
      type: "Polygon",
      coordinates: [
        X(X02).concat(
          Y(Y12).slice(1),
          X(X12).reverse().slice(1),
          Y(Y02).reverse().slice(1)
        )
      ]
    };
  };
  graticule2.extent = function(_) {
    if (!arguments.length) return graticule2.extentMinor();
    return graticule2.extentMajor(_).extentMinor(_);
  };
  graticule2.extentMajor = function(_) {
    if (!arguments.length) return [[X02, Y02], [X12, Y12]];
    X02 = +_[0][0], X12 = +_[1][0];
    Y02 = +_[0][1], Y12 = +_[1][1];
    if (X02 > X12) _ = X02, X02 = X12, X12 = _;
    if (Y02 > Y12) _ = Y02, Y02 = Y12, Y12 = _;
    return graticule2.precision(precision);
  };
  graticule2.extentMinor = function(_) {
    if (!arguments.length) return [[x02, y02], [x12, y12]];
    x02 = +_[0][0], x12 = +_[1][0];
    y02 = +_[0][1], y12 = +_[1][1];
    if (x02 > x12) _ = x02, x02 = x12, x12 = _;
    if (y02 > y12) _ = y02, y02 = y12, y12 = _;
    return graticule2.precision(precision);
  };
  graticule2.step = function(_) {
    if (!arguments.length) return graticule2.stepMinor();
    return graticule2.stepMajor(_).stepMinor(_);
  };
  graticule2.stepMajor = function(_) {
    if (!arguments.length) return [DX, DY];
    DX = +_[0], DY = +_[1];
    return graticule2;
  };
  graticule2.stepMinor = function(_) {
    if (!arguments.length) return [dx, dy];
    dx = +_[0], dy = +_[1];
    return graticule2;
  };
  graticule2.precision = function(_) {
    if (!arguments.length) return precision;
    precision = +_;
    x = graticuleX(y02, y12, 90);
    y = graticuleY(x02, x12, precision);
    X = graticuleX(Y02, Y12, 90);
    Y = graticuleY(X02, X12, precision);
    return graticule2;
  };
  return graticule2.extentMajor([[-180, -90 + epsilon], [180, 90 - epsilon]]).extentMinor([[-180, -80 - epsilon], [180, 80 + epsilon]]);
}
function graticule10() {
  return graticule()();
}
var identity$1 = (x) => x;
var areaSum = new Adder();
var areaRingSum = new Adder();
var x00$2;
var y00$2;
var x0$3;
var y0$3;
var areaStream = {
  point: noop,
  lineStart: noop,
  lineEnd: noop,
  polygonStart: function() {
    areaStream.lineStart = areaRingStart;
    areaStream.lineEnd = areaRingEnd;
  },
  polygonEnd: function() {
    areaStream.lineStart = areaStream.lineEnd = areaStream.point = noop;
    areaSum.add(abs(areaRingSum));
    areaRingSum = new Adder();
  },
  result: function() {
    var area = areaSum / 2;
    areaSum = new Adder();
    return area;
  }
};
function areaRingStart() {
  areaStream.point = areaPointFirst;
}
function areaPointFirst(x, y) {
  areaStream.point = areaPoint;
  x00$2 = x0$3 = x, y00$2 = y0$3 = y;
}
function areaPoint(x, y) {
  areaRingSum.add(y0$3 * x - x0$3 * y);
  x0$3 = x, y0$3 = y;
}
function areaRingEnd() {
  areaPoint(x00$2, y00$2);
}
var x0$2 = Infinity;
var y0$2 = x0$2;
var x1 = -x0$2;
var y1 = x1;
var boundsStream = {
  point: boundsPoint,
  lineStart: noop,
  lineEnd: noop,
  polygonStart: noop,
  polygonEnd: noop,
  result: function() {
    var bounds2 = [[x0$2, y0$2], [x1, y1]];
    x1 = y1 = -(y0$2 = x0$2 = Infinity);
    return bounds2;
  }
};
function boundsPoint(x, y) {
  if (x < x0$2) x0$2 = x;
  if (x > x1) x1 = x;
  if (y < y0$2) y0$2 = y;
  if (y > y1) y1 = y;
}
var X0 = 0;
var Y0 = 0;
var Z0 = 0;
var X1 = 0;
var Y1 = 0;
var Z1 = 0;
var X2 = 0;
var Y2 = 0;
var Z2 = 0;
var x00$1;
var y00$1;
var x0$1;
var y0$1;
var centroidStream = {
  point: centroidPoint,
  lineStart: centroidLineStart,
  lineEnd: centroidLineEnd,
  polygonStart: function() {
    centroidStream.lineStart = centroidRingStart;
    centroidStream.lineEnd = centroidRingEnd;
  },
  polygonEnd: function() {
    centroidStream.point = centroidPoint;
    centroidStream.lineStart = centroidLineStart;
    centroidStream.lineEnd = centroidLineEnd;
  },
  result: function() {
    var centroid = Z2 ? [X2 / Z2, Y2 / Z2] : Z1 ? [X1 / Z1, Y1 / Z1] : Z0 ? [X0 / Z0, Y0 / Z0] : [NaN, NaN];
    X0 = Y0 = Z0 = X1 = Y1 = Z1 = X2 = Y2 = Z2 = 0;
    return centroid;
  }
};
function centroidPoint(x, y) {
  X0 += x;
  Y0 += y;
  ++Z0;
}
function centroidLineStart() {
  centroidStream.point = centroidPointFirstLine;
}
function centroidPointFirstLine(x, y) {
  centroidStream.point = centroidPointLine;
  centroidPoint(x0$1 = x, y0$1 = y);
}
function centroidPointLine(x, y) {
  var dx = x - x0$1, dy = y - y0$1, z = sqrt(dx * dx + dy * dy);
  X1 += z * (x0$1 + x) / 2;
  Y1 += z * (y0$1 + y) / 2;
  Z1 += z;
  centroidPoint(x0$1 = x, y0$1 = y);
}
function centroidLineEnd() {
  centroidStream.point = centroidPoint;
}
function centroidRingStart() {
  centroidStream.point = centroidPointFirstRing;
}
function centroidRingEnd() {
  centroidPointRing(x00$1, y00$1);
}
function centroidPointFirstRing(x, y) {
  centroidStream.point = centroidPointRing;
  centroidPoint(x00$1 = x0$1 = x, y00$1 = y0$1 = y);
}
function centroidPointRing(x, y) {
  var dx = x - x0$1, dy = y - y0$1, z = sqrt(dx * dx + dy * dy);
  X1 += z * (x0$1 + x) / 2;
  Y1 += z * (y0$1 + y) / 2;
  Z1 += z;
  z = y0$1 * x - x0$1 * y;
  X2 += z * (x0$1 + x);
  Y2 += z * (y0$1 + y);
  Z2 += z * 3;
  centroidPoint(x0$1 = x, y0$1 = y);
}
function PathContext(context) {
  this._context = context;
}
PathContext.prototype = {
  _radius: 4.5,
  pointRadius: function(_) {
    return this._radius = _, this;
  },
  polygonStart: function() {
    this._line = 0;
  },
  polygonEnd: function() {
    this._line = NaN;
  },
  lineStart: function() {
    this._point = 0;
  },
  lineEnd: function() {
    if (this._line === 0) this._context.closePath();
    this._point = NaN;
  },
  point: function(x, y) {
    switch (this._point) {
      case 0: {
        this._context.moveTo(x, y);
        this._point = 1;
        break;
      }
      case 1: {
        this._context.lineTo(x, y);
        break;
      }
      default: {
        this._context.moveTo(x + this._radius, y);
        this._context.arc(x, y, this._radius, 0, tau);
        break;
      }
    }
  },
  result: noop
};
var lengthSum = new Adder();
var lengthRing;
var x00;
var y00;
var x0;
var y0;
var lengthStream = {
  point: noop,
  lineStart: function() {
    lengthStream.point = lengthPointFirst;
  },
  lineEnd: function() {
    if (lengthRing) lengthPoint(x00, y00);
    lengthStream.point = noop;
  },
  polygonStart: function() {
    lengthRing = true;
  },
  polygonEnd: function() {
    lengthRing = null;
  },
  result: function() {
    var length = +lengthSum;
    lengthSum = new Adder();
    return length;
  }
};
function lengthPointFirst(x, y) {
  lengthStream.point = lengthPoint;
  x00 = x0 = x, y00 = y0 = y;
}
function lengthPoint(x, y) {
  x0 -= x, y0 -= y;
  lengthSum.add(sqrt(x0 * x0 + y0 * y0));
  x0 = x, y0 = y;
}
var cacheDigits;
var cacheAppend;
var cacheRadius;
var cacheCircle;
var PathString = class {
  constructor(digits) {
    this._append = digits == null ? append : appendRound(digits);
    this._radius = 4.5;
    this._ = "";
  }
  pointRadius(_) {
    this._radius = +_;
    return this;
  }
  polygonStart() {
    this._line = 0;
  }
  polygonEnd() {
    this._line = NaN;
  }
  lineStart() {
    this._point = 0;
  }
  lineEnd() {
    if (this._line === 0) this._ += "Z";
    this._point = NaN;
  }
  point(x, y) {
    switch (this._point) {
      case 0: {
        this._append`M${x},${y}`;
        this._point = 1;
        break;
      }
      case 1: {
        this._append`L${x},${y}`;
        break;
      }
      default: {
        this._append`M${x},${y}`;
        if (this._radius !== cacheRadius || this._append !== cacheAppend) {
          const r = this._radius;
          const s2 = this._;
          this._ = "";
          this._append`m0,${r}a${r},${r} 0 1,1 0,${-2 * r}a${r},${r} 0 1,1 0,${2 * r}z`;
          cacheRadius = r;
          cacheAppend = this._append;
          cacheCircle = this._;
          this._ = s2;
        }
        this._ += cacheCircle;
        break;
      }
    }
  }
  result() {
    const result = this._;
    this._ = "";
    return result.length ? result : null;
  }
};
function append(strings) {
  let i = 1;
  this._ += strings[0];
  for (const j = strings.length; i < j; ++i) {
    this._ += arguments[i] + strings[i];
  }
}
function appendRound(digits) {
  const d = Math.floor(digits);
  if (!(d >= 0)) throw new RangeError(`invalid digits: ${digits}`);
  if (d > 15) return append;
  if (d !== cacheDigits) {
    const k = 10 ** d;
    cacheDigits = d;
    cacheAppend = function append2(strings) {
      let i = 1;
      this._ += strings[0];
      for (const j = strings.length; i < j; ++i) {
        this._ += Math.round(arguments[i] * k) / k + strings[i];
      }
    };
  }
  return cacheAppend;
}
function index(projection2, context) {
  let digits = 3, pointRadius = 4.5, projectionStream, contextStream;
  function path(object2) {
    if (object2) {
      if (typeof pointRadius === "function") contextStream.pointRadius(+pointRadius.apply(this, arguments));
      geoStream(object2, projectionStream(contextStream));
    }
    return contextStream.result();
  }
  path.area = function(object2) {
    geoStream(object2, projectionStream(areaStream));
    return areaStream.result();
  };
  path.measure = function(object2) {
    geoStream(object2, projectionStream(lengthStream));
    return lengthStream.result();
  };
  path.bounds = function(object2) {
    geoStream(object2, projectionStream(boundsStream));
    return boundsStream.result();
  };
  path.centroid = function(object2) {
    geoStream(object2, projectionStream(centroidStream));
    return centroidStream.result();
  };
  path.projection = function(_) {
    if (!arguments.length) return projection2;
    projectionStream = _ == null ? (projection2 = null, identity$1) : (projection2 = _).stream;
    return path;
  };
  path.context = function(_) {
    if (!arguments.length) return context;
    contextStream = _ == null ? (context = null, new PathString(digits)) : new PathContext(context = _);
    if (typeof pointRadius !== "function") contextStream.pointRadius(pointRadius);
    return path;
  };
  path.pointRadius = function(_) {
    if (!arguments.length) return pointRadius;
    pointRadius = typeof _ === "function" ? _ : (contextStream.pointRadius(+_), +_);
    return path;
  };
  path.digits = function(_) {
    if (!arguments.length) return digits;
    if (_ == null) digits = null;
    else {
      const d = Math.floor(_);
      if (!(d >= 0)) throw new RangeError(`invalid digits: ${_}`);
      digits = d;
    }
    if (context === null) contextStream = new PathString(digits);
    return path;
  };
  return path.projection(projection2).digits(digits).context(context);
}
function transformer(methods) {
  return function(stream) {
    var s2 = new TransformStream();
    for (var key in methods) s2[key] = methods[key];
    s2.stream = stream;
    return s2;
  };
}
function TransformStream() {
}
TransformStream.prototype = {
  constructor: TransformStream,
  point: function(x, y) {
    this.stream.point(x, y);
  },
  sphere: function() {
    this.stream.sphere();
  },
  lineStart: function() {
    this.stream.lineStart();
  },
  lineEnd: function() {
    this.stream.lineEnd();
  },
  polygonStart: function() {
    this.stream.polygonStart();
  },
  polygonEnd: function() {
    this.stream.polygonEnd();
  }
};
function fit(projection2, fitBounds, object2) {
  var clip2 = projection2.clipExtent && projection2.clipExtent();
  projection2.scale(150).translate([0, 0]);
  if (clip2 != null) projection2.clipExtent(null);
  geoStream(object2, projection2.stream(boundsStream));
  fitBounds(boundsStream.result());
  if (clip2 != null) projection2.clipExtent(clip2);
  return projection2;
}
function fitExtent(projection2, extent, object2) {
  return fit(projection2, function(b) {
    var w = extent[1][0] - extent[0][0], h2 = extent[1][1] - extent[0][1], k = Math.min(w / (b[1][0] - b[0][0]), h2 / (b[1][1] - b[0][1])), x = +extent[0][0] + (w - k * (b[1][0] + b[0][0])) / 2, y = +extent[0][1] + (h2 - k * (b[1][1] + b[0][1])) / 2;
    projection2.scale(150 * k).translate([x, y]);
  }, object2);
}
function fitSize(projection2, size, object2) {
  return fitExtent(projection2, [[0, 0], size], object2);
}
function fitWidth(projection2, width, object2) {
  return fit(projection2, function(b) {
    var w = +width, k = w / (b[1][0] - b[0][0]), x = (w - k * (b[1][0] + b[0][0])) / 2, y = -k * b[0][1];
    projection2.scale(150 * k).translate([x, y]);
  }, object2);
}
function fitHeight(projection2, height, object2) {
  return fit(projection2, function(b) {
    var h2 = +height, k = h2 / (b[1][1] - b[0][1]), x = -k * b[0][0], y = (h2 - k * (b[1][1] + b[0][1])) / 2;
    projection2.scale(150 * k).translate([x, y]);
  }, object2);
}
var maxDepth = 16;
var cosMinDistance = cos(30 * radians);
function resample(project, delta2) {
  return +delta2 ? resample$1(project, delta2) : resampleNone(project);
}
function resampleNone(project) {
  return transformer({
    point: function(x, y) {
      x = project(x, y);
      this.stream.point(x[0], x[1]);
    }
  });
}
function resample$1(project, delta2) {
  function resampleLineTo(x02, y02, lambda0, a0, b0, c0, x12, y12, lambda1, a1, b1, c1, depth, stream) {
    var dx = x12 - x02, dy = y12 - y02, d2 = dx * dx + dy * dy;
    if (d2 > 4 * delta2 && depth--) {
      var a = a0 + a1, b = b0 + b1, c = c0 + c1, m = sqrt(a * a + b * b + c * c), phi2 = asin(c /= m), lambda2 = abs(abs(c) - 1) < epsilon || abs(lambda0 - lambda1) < epsilon ? (lambda0 + lambda1) / 2 : atan2(b, a), p = project(lambda2, phi2), x2 = p[0], y2 = p[1], dx2 = x2 - x02, dy2 = y2 - y02, dz = dy * dx2 - dx * dy2;
      if (dz * dz / d2 > delta2 || abs((dx * dx2 + dy * dy2) / d2 - 0.5) > 0.3 || a0 * a1 + b0 * b1 + c0 * c1 < cosMinDistance) {
        resampleLineTo(x02, y02, lambda0, a0, b0, c0, x2, y2, lambda2, a /= m, b /= m, c, depth, stream);
        stream.point(x2, y2);
        resampleLineTo(x2, y2, lambda2, a, b, c, x12, y12, lambda1, a1, b1, c1, depth, stream);
      }
    }
  }
  return function(stream) {
    var lambda00, x002, y002, a00, b00, c00, lambda0, x02, y02, a0, b0, c0;
    var resampleStream = {
      point,
      lineStart,
      lineEnd,
      polygonStart: function() {
        stream.polygonStart();
        resampleStream.lineStart = ringStart;
      },
      polygonEnd: function() {
        stream.polygonEnd();
        resampleStream.lineStart = lineStart;
      }
    };
    function point(x, y) {
      x = project(x, y);
      stream.point(x[0], x[1]);
    }
    function lineStart() {
      x02 = NaN;
      resampleStream.point = linePoint;
      stream.lineStart();
    }
    function linePoint(lambda, phi) {
      var c = cartesian([lambda, phi]), p = project(lambda, phi);
      resampleLineTo(x02, y02, lambda0, a0, b0, c0, x02 = p[0], y02 = p[1], lambda0 = lambda, a0 = c[0], b0 = c[1], c0 = c[2], maxDepth, stream);
      stream.point(x02, y02);
    }
    function lineEnd() {
      resampleStream.point = point;
      stream.lineEnd();
    }
    function ringStart() {
      lineStart();
      resampleStream.point = ringPoint;
      resampleStream.lineEnd = ringEnd;
    }
    function ringPoint(lambda, phi) {
      linePoint(lambda00 = lambda, phi), x002 = x02, y002 = y02, a00 = a0, b00 = b0, c00 = c0;
      resampleStream.point = linePoint;
    }
    function ringEnd() {
      resampleLineTo(x02, y02, lambda0, a0, b0, c0, x002, y002, lambda00, a00, b00, c00, maxDepth, stream);
      resampleStream.lineEnd = lineEnd;
      lineEnd();
    }
    return resampleStream;
  };
}
var transformRadians = transformer({
  point: function(x, y) {
    this.stream.point(x * radians, y * radians);
  }
});
function transformRotate(rotate) {
  return transformer({
    point: function(x, y) {
      var r = rotate(x, y);
      return this.stream.point(r[0], r[1]);
    }
  });
}
function scaleTranslate(k, dx, dy, sx, sy) {
  function transform(x, y) {
    x *= sx;
    y *= sy;
    return [dx + k * x, dy - k * y];
  }
  transform.invert = function(x, y) {
    return [(x - dx) / k * sx, (dy - y) / k * sy];
  };
  return transform;
}
function scaleTranslateRotate(k, dx, dy, sx, sy, alpha) {
  if (!alpha) return scaleTranslate(k, dx, dy, sx, sy);
  var cosAlpha = cos(alpha), sinAlpha = sin(alpha), a = cosAlpha * k, b = sinAlpha * k, ai = cosAlpha / k, bi = sinAlpha / k, ci = (sinAlpha * dy - cosAlpha * dx) / k, fi = (sinAlpha * dx + cosAlpha * dy) / k;
  function transform(x, y) {
    x *= sx;
    y *= sy;
    return [a * x - b * y + dx, dy - b * x - a * y];
  }
  transform.invert = function(x, y) {
    return [sx * (ai * x - bi * y + ci), sy * (fi - bi * x - ai * y)];
  };
  return transform;
}
function projection(project) {
  return projectionMutator(function() {
    return project;
  })();
}
function projectionMutator(projectAt) {
  var project, k = 150, x = 480, y = 250, lambda = 0, phi = 0, deltaLambda = 0, deltaPhi = 0, deltaGamma = 0, rotate, alpha = 0, sx = 1, sy = 1, theta = null, preclip = clipAntimeridian, x02 = null, y02, x12, y12, postclip = identity$1, delta2 = 0.5, projectResample, projectTransform, projectRotateTransform, cache, cacheStream;
  function projection2(point) {
    return projectRotateTransform(point[0] * radians, point[1] * radians);
  }
  function invert(point) {
    point = projectRotateTransform.invert(point[0], point[1]);
    return point && [point[0] * degrees, point[1] * degrees];
  }
  projection2.stream = function(stream) {
    return cache && cacheStream === stream ? cache : cache = transformRadians(transformRotate(rotate)(preclip(projectResample(postclip(cacheStream = stream)))));
  };
  projection2.preclip = function(_) {
    return arguments.length ? (preclip = _, theta = void 0, reset()) : preclip;
  };
  projection2.postclip = function(_) {
    return arguments.length ? (postclip = _, x02 = y02 = x12 = y12 = null, reset()) : postclip;
  };
  projection2.clipAngle = function(_) {
    return arguments.length ? (preclip = +_ ? clipCircle(theta = _ * radians) : (theta = null, clipAntimeridian), reset()) : theta * degrees;
  };
  projection2.clipExtent = function(_) {
    return arguments.length ? (postclip = _ == null ? (x02 = y02 = x12 = y12 = null, identity$1) : clipRectangle(x02 = +_[0][0], y02 = +_[0][1], x12 = +_[1][0], y12 = +_[1][1]), reset()) : x02 == null ? null : [[x02, y02], [x12, y12]];
  };
  projection2.scale = function(_) {
    return arguments.length ? (k = +_, recenter()) : k;
  };
  projection2.translate = function(_) {
    return arguments.length ? (x = +_[0], y = +_[1], recenter()) : [x, y];
  };
  projection2.center = function(_) {
    return arguments.length ? (lambda = _[0] % 360 * radians, phi = _[1] % 360 * radians, recenter()) : [lambda * degrees, phi * degrees];
  };
  projection2.rotate = function(_) {
    return arguments.length ? (deltaLambda = _[0] % 360 * radians, deltaPhi = _[1] % 360 * radians, deltaGamma = _.length > 2 ? _[2] % 360 * radians : 0, recenter()) : [deltaLambda * degrees, deltaPhi * degrees, deltaGamma * degrees];
  };
  projection2.angle = function(_) {
    return arguments.length ? (alpha = _ % 360 * radians, recenter()) : alpha * degrees;
  };
  projection2.reflectX = function(_) {
    return arguments.length ? (sx = _ ? -1 : 1, recenter()) : sx < 0;
  };
  projection2.reflectY = function(_) {
    return arguments.length ? (sy = _ ? -1 : 1, recenter()) : sy < 0;
  };
  projection2.precision = function(_) {
    return arguments.length ? (projectResample = resample(projectTransform, delta2 = _ * _), reset()) : sqrt(delta2);
  };
  projection2.fitExtent = function(extent, object2) {
    return fitExtent(projection2, extent, object2);
  };
  projection2.fitSize = function(size, object2) {
    return fitSize(projection2, size, object2);
  };
  projection2.fitWidth = function(width, object2) {
    return fitWidth(projection2, width, object2);
  };
  projection2.fitHeight = function(height, object2) {
    return fitHeight(projection2, height, object2);
  };
  function recenter() {
    var center = scaleTranslateRotate(k, 0, 0, sx, sy, alpha).apply(null, project(lambda, phi)), transform = scaleTranslateRotate(k, x - center[0], y - center[1], sx, sy, alpha);
    rotate = rotateRadians(deltaLambda, deltaPhi, deltaGamma);
    projectTransform = compose(project, transform);
    projectRotateTransform = compose(rotate, projectTransform);
    projectResample = resample(projectTransform, delta2);
    return reset();
  }
  function reset() {
    cache = cacheStream = null;
    return projection2;
  }
  return function() {
    project = projectAt.apply(this, arguments);
    projection2.invert = project.invert && invert;
    return recenter();
  };
}
function azimuthalRaw(scale) {
  return function(x, y) {
    var cx = cos(x), cy = cos(y), k = scale(cx * cy);
    if (k === Infinity) return [2, 0];
    return [
      k * cy * sin(x),
      k * sin(y)
    ];
  };
}
function azimuthalInvert(angle) {
  return function(x, y) {
    var z = sqrt(x * x + y * y), c = angle(z), sc = sin(c), cc = cos(c);
    return [
      atan2(x * sc, z * cc),
      asin(z && y * sc / z)
    ];
  };
}
var azimuthalEqualAreaRaw = azimuthalRaw(function(cxcy) {
  return sqrt(2 / (1 + cxcy));
});
azimuthalEqualAreaRaw.invert = azimuthalInvert(function(z) {
  return 2 * asin(z / 2);
});
var azimuthalEquidistantRaw = azimuthalRaw(function(c) {
  return (c = acos(c)) && c / sin(c);
});
azimuthalEquidistantRaw.invert = azimuthalInvert(function(z) {
  return z;
});
function mercatorRaw(lambda, phi) {
  return [lambda, log(tan((halfPi + phi) / 2))];
}
mercatorRaw.invert = function(x, y) {
  return [x, 2 * atan(exp(y)) - halfPi];
};
function equirectangularRaw(lambda, phi) {
  return [lambda, phi];
}
equirectangularRaw.invert = equirectangularRaw;
var A1 = 1.340264;
var A2 = -0.081106;
var A3 = 893e-6;
var A4 = 3796e-6;
var M = sqrt(3) / 2;
var iterations = 12;
function equalEarthRaw(lambda, phi) {
  var l = asin(M * sin(phi)), l2 = l * l, l6 = l2 * l2 * l2;
  return [
    lambda * cos(l) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2))),
    l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2))
  ];
}
equalEarthRaw.invert = function(x, y) {
  var l = y, l2 = l * l, l6 = l2 * l2 * l2;
  for (var i = 0, delta, fy, fpy; i < iterations; ++i) {
    fy = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2)) - y;
    fpy = A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2);
    l -= delta = fy / fpy, l2 = l * l, l6 = l2 * l2 * l2;
    if (abs(delta) < epsilon2) break;
  }
  return [
    M * x * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)) / cos(l),
    asin(sin(l) / M)
  ];
};
function equalEarth() {
  return projection(equalEarthRaw).scale(177.158);
}
function gnomonicRaw(x, y) {
  var cy = cos(y), k = cos(x) * cy;
  return [cy * sin(x) / k, sin(y) / k];
}
gnomonicRaw.invert = azimuthalInvert(atan);
function naturalEarth1Raw(lambda, phi) {
  var phi2 = phi * phi, phi4 = phi2 * phi2;
  return [
    lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (3971e-6 * phi2 - 1529e-6 * phi4))),
    phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 5916e-6 * phi4)))
  ];
}
naturalEarth1Raw.invert = function(x, y) {
  var phi = y, i = 25, delta;
  do {
    var phi2 = phi * phi, phi4 = phi2 * phi2;
    phi -= delta = (phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 5916e-6 * phi4))) - y) / (1.007226 + phi2 * (0.015085 * 3 + phi4 * (-0.044475 * 7 + 0.028874 * 9 * phi2 - 5916e-6 * 11 * phi4)));
  } while (abs(delta) > epsilon && --i > 0);
  return [
    x / (0.8707 + (phi2 = phi * phi) * (-0.131979 + phi2 * (-0.013791 + phi2 * phi2 * phi2 * (3971e-6 - 1529e-6 * phi2)))),
    phi
  ];
};
function orthographicRaw(x, y) {
  return [cos(y) * sin(x), sin(y)];
}
orthographicRaw.invert = azimuthalInvert(asin);
function stereographicRaw(x, y) {
  var cy = cos(y), k = 1 + cos(x) * cy;
  return [cy * sin(x) / k, sin(y) / k];
}
stereographicRaw.invert = azimuthalInvert(function(z) {
  return 2 * atan(z);
});
function transverseMercatorRaw(lambda, phi) {
  return [log(tan((halfPi + phi) / 2)), -lambda];
}
transverseMercatorRaw.invert = function(x, y) {
  return [-y, 2 * atan(exp(x)) - halfPi];
};

// node_modules/topojson-client/src/identity.js
function identity_default(x) {
  return x;
}

// node_modules/topojson-client/src/transform.js
function transform_default(transform) {
  if (transform == null) return identity_default;
  var x02, y02, kx = transform.scale[0], ky = transform.scale[1], dx = transform.translate[0], dy = transform.translate[1];
  return function(input, i) {
    if (!i) x02 = y02 = 0;
    var j = 2, n = input.length, output = new Array(n);
    output[0] = (x02 += input[0]) * kx + dx;
    output[1] = (y02 += input[1]) * ky + dy;
    while (j < n) output[j] = input[j], ++j;
    return output;
  };
}

// node_modules/topojson-client/src/reverse.js
function reverse_default(array2, n) {
  var t, j = array2.length, i = j - n;
  while (i < --j) t = array2[i], array2[i++] = array2[j], array2[j] = t;
}

// node_modules/topojson-client/src/feature.js
function feature_default(topology, o) {
  if (typeof o === "string") o = topology.objects[o];
  return o.type === "GeometryCollection" ? { type: "FeatureCollection", features: o.geometries.map(function(o2) {
    return feature(topology, o2);
  }) } : feature(topology, o);
}
function feature(topology, o) {
  var id2 = o.id, bbox = o.bbox, properties = o.properties == null ? {} : o.properties, geometry = object(topology, o);
  return id2 == null && bbox == null ? { type: "Feature", properties, geometry } : bbox == null ? { type: "Feature", id: id2, properties, geometry } : { type: "Feature", id: id2, bbox, properties, geometry };
}
function object(topology, o) {
  var transformPoint = transform_default(topology.transform), arcs = topology.arcs;
  function arc(i, points) {
    if (points.length) points.pop();
    for (var a = arcs[i < 0 ? ~i : i], k = 0, n = a.length; k < n; ++k) {
      points.push(transformPoint(a[k], k));
    }
    if (i < 0) reverse_default(points, n);
  }
  function point(p) {
    return transformPoint(p);
  }
  function line(arcs2) {
    var points = [];
    for (var i = 0, n = arcs2.length; i < n; ++i) arc(arcs2[i], points);
    if (points.length < 2) points.push(points[0]);
    return points;
  }
  function ring(arcs2) {
    var points = line(arcs2);
    while (points.length < 4) points.push(points[0]);
    return points;
  }
  function polygon(arcs2) {
    return arcs2.map(ring);
  }
  function geometry(o2) {
    var type = o2.type, coordinates;
    switch (type) {
      case "GeometryCollection":
        return { type, geometries: o2.geometries.map(geometry) };
      case "Point":
        coordinates = point(o2.coordinates);
        break;
      case "MultiPoint":
        coordinates = o2.coordinates.map(point);
        break;
      case "LineString":
        coordinates = line(o2.arcs);
        break;
      case "MultiLineString":
        coordinates = o2.arcs.map(line);
        break;
      case "Polygon":
        coordinates = polygon(o2.arcs);
        break;
      case "MultiPolygon":
        coordinates = o2.arcs.map(polygon);
        break;
      default:
        return null;
    }
    return { type, coordinates };
  }
  return geometry(o);
}

// src/map.js
var WIDTH = 960;
var HEIGHT = 468;
function radius(nSources) {
  return Math.min(14, 3.2 * Math.sqrt(Math.max(1, nSources || 1)));
}
function createMap(container, topology, { onEvent, onCountry, names: names2 }) {
  const countries = feature_default(topology, topology.objects.countries).features;
  const projection2 = equalEarth().fitExtent(
    [[4, 4], [WIDTH - 4, HEIGHT - 4]],
    { type: "Sphere" }
  );
  const path = index(projection2);
  const svg = s("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-labelledby": "map-desc",
    class: "map-svg"
  });
  const desc = s("desc", { id: "map-desc" }, "World map of the events");
  const land = s("g", { class: "countries" });
  const points = s("g", { class: "points" });
  svg.append(
    desc,
    s("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    s("path", { class: "graticule", d: path(graticule10()) }),
    land,
    points
  );
  const countryPaths = /* @__PURE__ */ new Map();
  for (const country of countries) {
    const iso3 = country.properties.iso3 || "";
    const name = iso3 && names2[iso3] || country.properties.name || "unknown";
    const el = s(
      "path",
      { class: "country", d: path(country), "data-iso3": iso3 || null },
      s("title", {}, iso3 ? `${name} (${iso3})` : name)
    );
    if (iso3) {
      el.addEventListener("click", () => onCountry(iso3));
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
        if (!loc || loc.lat === null || loc.lon === null || loc.lat === void 0) continue;
        const xy = projection2([loc.lon, loc.lat]);
        if (xy) located.push([item, xy]);
      }
      located.sort((a, b) => (b[0].n_sources || 1) - (a[0].n_sources || 1));
      points.replaceChildren(
        ...located.map(([item, [x, y]]) => {
          const place = item.location.name || item.location.text;
          const date = item.date ? item.date.value : "undated";
          const label = `${item.plover.type}: ${item.evidence.trigger.text}, ${place}, ${date}, ${item.n_sources} source${item.n_sources === 1 ? "" : "s"}` + (item.n_articles > 1 ? `, ${item.n_articles} articles` : "");
          const dot = s(
            "circle",
            {
              class: item.id === selected ? "point selected" : "point",
              cx: x.toFixed(1),
              cy: y.toFixed(1),
              r: radius(item.n_sources).toFixed(1),
              fill: colour(item.plover.type),
              "data-event-id": item.id,
              "data-type": item.plover.type
            },
            s("title", {}, label)
          );
          dot.addEventListener("click", () => onEvent(item));
          return dot;
        })
      );
      desc.textContent = `World map with ${located.length} located events`;
      return located.length;
    },
    setCountry(iso3) {
      for (const [code, el] of countryPaths) el.classList.toggle("chosen", code === iso3);
    },
    select(eventId) {
      selected = eventId;
      for (const dot2 of points.querySelectorAll("circle.selected")) dot2.classList.remove("selected");
      const dot = eventId ? points.querySelector(`circle[data-event-id="${CSS.escape(eventId)}"]`) : null;
      if (dot) {
        dot.classList.add("selected");
        points.append(dot);
      }
    }
  };
}

// node_modules/d3-time/dist/d3-time.mjs
var t0 = /* @__PURE__ */ new Date();
var t1 = /* @__PURE__ */ new Date();
function timeInterval(floori, offseti, count2, field) {
  function interval(date) {
    return floori(date = arguments.length === 0 ? /* @__PURE__ */ new Date() : /* @__PURE__ */ new Date(+date)), date;
  }
  interval.floor = (date) => {
    return floori(date = /* @__PURE__ */ new Date(+date)), date;
  };
  interval.ceil = (date) => {
    return floori(date = new Date(date - 1)), offseti(date, 1), floori(date), date;
  };
  interval.round = (date) => {
    const d0 = interval(date), d1 = interval.ceil(date);
    return date - d0 < d1 - date ? d0 : d1;
  };
  interval.offset = (date, step) => {
    return offseti(date = /* @__PURE__ */ new Date(+date), step == null ? 1 : Math.floor(step)), date;
  };
  interval.range = (start2, stop, step) => {
    const range2 = [];
    start2 = interval.ceil(start2);
    step = step == null ? 1 : Math.floor(step);
    if (!(start2 < stop) || !(step > 0)) return range2;
    let previous;
    do
      range2.push(previous = /* @__PURE__ */ new Date(+start2)), offseti(start2, step), floori(start2);
    while (previous < start2 && start2 < stop);
    return range2;
  };
  interval.filter = (test) => {
    return timeInterval((date) => {
      if (date >= date) while (floori(date), !test(date)) date.setTime(date - 1);
    }, (date, step) => {
      if (date >= date) {
        if (step < 0) while (++step <= 0) {
          while (offseti(date, -1), !test(date)) {
          }
        }
        else while (--step >= 0) {
          while (offseti(date, 1), !test(date)) {
          }
        }
      }
    });
  };
  if (count2) {
    interval.count = (start2, end) => {
      t0.setTime(+start2), t1.setTime(+end);
      floori(t0), floori(t1);
      return Math.floor(count2(t0, t1));
    };
    interval.every = (step) => {
      step = Math.floor(step);
      return !isFinite(step) || !(step > 0) ? null : !(step > 1) ? interval : interval.filter(field ? (d) => field(d) % step === 0 : (d) => interval.count(0, d) % step === 0);
    };
  }
  return interval;
}
var millisecond = timeInterval(() => {
}, (date, step) => {
  date.setTime(+date + step);
}, (start2, end) => {
  return end - start2;
});
millisecond.every = (k) => {
  k = Math.floor(k);
  if (!isFinite(k) || !(k > 0)) return null;
  if (!(k > 1)) return millisecond;
  return timeInterval((date) => {
    date.setTime(Math.floor(date / k) * k);
  }, (date, step) => {
    date.setTime(+date + step * k);
  }, (start2, end) => {
    return (end - start2) / k;
  });
};
var milliseconds = millisecond.range;
var durationSecond = 1e3;
var durationMinute = durationSecond * 60;
var durationHour = durationMinute * 60;
var durationDay = durationHour * 24;
var durationWeek = durationDay * 7;
var durationMonth = durationDay * 30;
var durationYear = durationDay * 365;
var second = timeInterval((date) => {
  date.setTime(date - date.getMilliseconds());
}, (date, step) => {
  date.setTime(+date + step * durationSecond);
}, (start2, end) => {
  return (end - start2) / durationSecond;
}, (date) => {
  return date.getUTCSeconds();
});
var seconds = second.range;
var timeMinute = timeInterval((date) => {
  date.setTime(date - date.getMilliseconds() - date.getSeconds() * durationSecond);
}, (date, step) => {
  date.setTime(+date + step * durationMinute);
}, (start2, end) => {
  return (end - start2) / durationMinute;
}, (date) => {
  return date.getMinutes();
});
var timeMinutes = timeMinute.range;
var utcMinute = timeInterval((date) => {
  date.setUTCSeconds(0, 0);
}, (date, step) => {
  date.setTime(+date + step * durationMinute);
}, (start2, end) => {
  return (end - start2) / durationMinute;
}, (date) => {
  return date.getUTCMinutes();
});
var utcMinutes = utcMinute.range;
var timeHour = timeInterval((date) => {
  date.setTime(date - date.getMilliseconds() - date.getSeconds() * durationSecond - date.getMinutes() * durationMinute);
}, (date, step) => {
  date.setTime(+date + step * durationHour);
}, (start2, end) => {
  return (end - start2) / durationHour;
}, (date) => {
  return date.getHours();
});
var timeHours = timeHour.range;
var utcHour = timeInterval((date) => {
  date.setUTCMinutes(0, 0, 0);
}, (date, step) => {
  date.setTime(+date + step * durationHour);
}, (start2, end) => {
  return (end - start2) / durationHour;
}, (date) => {
  return date.getUTCHours();
});
var utcHours = utcHour.range;
var timeDay = timeInterval(
  (date) => date.setHours(0, 0, 0, 0),
  (date, step) => date.setDate(date.getDate() + step),
  (start2, end) => (end - start2 - (end.getTimezoneOffset() - start2.getTimezoneOffset()) * durationMinute) / durationDay,
  (date) => date.getDate() - 1
);
var timeDays = timeDay.range;
var utcDay = timeInterval((date) => {
  date.setUTCHours(0, 0, 0, 0);
}, (date, step) => {
  date.setUTCDate(date.getUTCDate() + step);
}, (start2, end) => {
  return (end - start2) / durationDay;
}, (date) => {
  return date.getUTCDate() - 1;
});
var utcDays = utcDay.range;
var unixDay = timeInterval((date) => {
  date.setUTCHours(0, 0, 0, 0);
}, (date, step) => {
  date.setUTCDate(date.getUTCDate() + step);
}, (start2, end) => {
  return (end - start2) / durationDay;
}, (date) => {
  return Math.floor(date / durationDay);
});
var unixDays = unixDay.range;
function timeWeekday(i) {
  return timeInterval((date) => {
    date.setDate(date.getDate() - (date.getDay() + 7 - i) % 7);
    date.setHours(0, 0, 0, 0);
  }, (date, step) => {
    date.setDate(date.getDate() + step * 7);
  }, (start2, end) => {
    return (end - start2 - (end.getTimezoneOffset() - start2.getTimezoneOffset()) * durationMinute) / durationWeek;
  });
}
var timeSunday = timeWeekday(0);
var timeMonday = timeWeekday(1);
var timeTuesday = timeWeekday(2);
var timeWednesday = timeWeekday(3);
var timeThursday = timeWeekday(4);
var timeFriday = timeWeekday(5);
var timeSaturday = timeWeekday(6);
var timeSundays = timeSunday.range;
var timeMondays = timeMonday.range;
var timeTuesdays = timeTuesday.range;
var timeWednesdays = timeWednesday.range;
var timeThursdays = timeThursday.range;
var timeFridays = timeFriday.range;
var timeSaturdays = timeSaturday.range;
function utcWeekday(i) {
  return timeInterval((date) => {
    date.setUTCDate(date.getUTCDate() - (date.getUTCDay() + 7 - i) % 7);
    date.setUTCHours(0, 0, 0, 0);
  }, (date, step) => {
    date.setUTCDate(date.getUTCDate() + step * 7);
  }, (start2, end) => {
    return (end - start2) / durationWeek;
  });
}
var utcSunday = utcWeekday(0);
var utcMonday = utcWeekday(1);
var utcTuesday = utcWeekday(2);
var utcWednesday = utcWeekday(3);
var utcThursday = utcWeekday(4);
var utcFriday = utcWeekday(5);
var utcSaturday = utcWeekday(6);
var utcSundays = utcSunday.range;
var utcMondays = utcMonday.range;
var utcTuesdays = utcTuesday.range;
var utcWednesdays = utcWednesday.range;
var utcThursdays = utcThursday.range;
var utcFridays = utcFriday.range;
var utcSaturdays = utcSaturday.range;
var timeMonth = timeInterval((date) => {
  date.setDate(1);
  date.setHours(0, 0, 0, 0);
}, (date, step) => {
  date.setMonth(date.getMonth() + step);
}, (start2, end) => {
  return end.getMonth() - start2.getMonth() + (end.getFullYear() - start2.getFullYear()) * 12;
}, (date) => {
  return date.getMonth();
});
var timeMonths = timeMonth.range;
var utcMonth = timeInterval((date) => {
  date.setUTCDate(1);
  date.setUTCHours(0, 0, 0, 0);
}, (date, step) => {
  date.setUTCMonth(date.getUTCMonth() + step);
}, (start2, end) => {
  return end.getUTCMonth() - start2.getUTCMonth() + (end.getUTCFullYear() - start2.getUTCFullYear()) * 12;
}, (date) => {
  return date.getUTCMonth();
});
var utcMonths = utcMonth.range;
var timeYear = timeInterval((date) => {
  date.setMonth(0, 1);
  date.setHours(0, 0, 0, 0);
}, (date, step) => {
  date.setFullYear(date.getFullYear() + step);
}, (start2, end) => {
  return end.getFullYear() - start2.getFullYear();
}, (date) => {
  return date.getFullYear();
});
timeYear.every = (k) => {
  return !isFinite(k = Math.floor(k)) || !(k > 0) ? null : timeInterval((date) => {
    date.setFullYear(Math.floor(date.getFullYear() / k) * k);
    date.setMonth(0, 1);
    date.setHours(0, 0, 0, 0);
  }, (date, step) => {
    date.setFullYear(date.getFullYear() + step * k);
  });
};
var timeYears = timeYear.range;
var utcYear = timeInterval((date) => {
  date.setUTCMonth(0, 1);
  date.setUTCHours(0, 0, 0, 0);
}, (date, step) => {
  date.setUTCFullYear(date.getUTCFullYear() + step);
}, (start2, end) => {
  return end.getUTCFullYear() - start2.getUTCFullYear();
}, (date) => {
  return date.getUTCFullYear();
});
utcYear.every = (k) => {
  return !isFinite(k = Math.floor(k)) || !(k > 0) ? null : timeInterval((date) => {
    date.setUTCFullYear(Math.floor(date.getUTCFullYear() / k) * k);
    date.setUTCMonth(0, 1);
    date.setUTCHours(0, 0, 0, 0);
  }, (date, step) => {
    date.setUTCFullYear(date.getUTCFullYear() + step * k);
  });
};
var utcYears = utcYear.range;
function ticker(year, month, week, day2, hour, minute) {
  const tickIntervals = [
    [second, 1, durationSecond],
    [second, 5, 5 * durationSecond],
    [second, 15, 15 * durationSecond],
    [second, 30, 30 * durationSecond],
    [minute, 1, durationMinute],
    [minute, 5, 5 * durationMinute],
    [minute, 15, 15 * durationMinute],
    [minute, 30, 30 * durationMinute],
    [hour, 1, durationHour],
    [hour, 3, 3 * durationHour],
    [hour, 6, 6 * durationHour],
    [hour, 12, 12 * durationHour],
    [day2, 1, durationDay],
    [day2, 2, 2 * durationDay],
    [week, 1, durationWeek],
    [month, 1, durationMonth],
    [month, 3, 3 * durationMonth],
    [year, 1, durationYear]
  ];
  function ticks(start2, stop, count2) {
    const reverse = stop < start2;
    if (reverse) [start2, stop] = [stop, start2];
    const interval = count2 && typeof count2.range === "function" ? count2 : tickInterval(start2, stop, count2);
    const ticks2 = interval ? interval.range(start2, +stop + 1) : [];
    return reverse ? ticks2.reverse() : ticks2;
  }
  function tickInterval(start2, stop, count2) {
    const target = Math.abs(stop - start2) / count2;
    const i = bisector(([, , step2]) => step2).right(tickIntervals, target);
    if (i === tickIntervals.length) return year.every(tickStep(start2 / durationYear, stop / durationYear, count2));
    if (i === 0) return millisecond.every(Math.max(tickStep(start2, stop, count2), 1));
    const [t, step] = tickIntervals[target / tickIntervals[i - 1][2] < tickIntervals[i][2] / target ? i - 1 : i];
    return t.every(step);
  }
  return [ticks, tickInterval];
}
var [utcTicks, utcTickInterval] = ticker(utcYear, utcMonth, utcSunday, unixDay, utcHour, utcMinute);
var [timeTicks, timeTickInterval] = ticker(timeYear, timeMonth, timeSunday, timeDay, timeHour, timeMinute);

// src/brush.js
var MIN_DRAG = 3;
function createBrush(group, { x0: x02, x1: x12, y0: y02, y1: y12, onEnd }) {
  const overlay = s("rect", { class: "overlay", x: x02, y: y02, width: x12 - x02, height: y12 - y02 });
  const selection = s("rect", { class: "selection", y: y02, height: y12 - y02, visibility: "hidden" });
  group.append(overlay, selection);
  let range2 = null;
  const clamp = (px) => Math.max(x02, Math.min(x12, px));
  const toLocal = (event) => {
    const svg = group.ownerSVGElement;
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse()).x;
  };
  const draw = (r) => {
    range2 = r;
    if (!r) {
      selection.setAttribute("visibility", "hidden");
      return;
    }
    selection.setAttribute("visibility", "visible");
    selection.setAttribute("x", r[0].toFixed(1));
    selection.setAttribute("width", Math.max(1, r[1] - r[0]).toFixed(1));
  };
  let drag = null;
  const down = (event, moving) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.target.setPointerCapture(event.pointerId);
    drag = { start: toLocal(event), moving, origin: range2, moved: false, target: event.target };
  };
  const move = (event) => {
    if (!drag) return;
    const px = toLocal(event);
    if (Math.abs(px - drag.start) >= MIN_DRAG) drag.moved = true;
    if (!drag.moved) return;
    if (drag.moving) {
      const [a, b] = drag.origin;
      const shift = Math.max(x02 - a, Math.min(x12 - b, px - drag.start));
      draw([a + shift, b + shift]);
    } else {
      const a = clamp(drag.start);
      const b = clamp(px);
      draw([Math.min(a, b), Math.max(a, b)]);
    }
  };
  const up = (event) => {
    if (!drag) return;
    const { moved, target } = drag;
    drag = null;
    target.releasePointerCapture?.(event.pointerId);
    if (!moved) {
      if (target === overlay && range2) {
        draw(null);
        onEnd(null);
      }
      return;
    }
    onEnd(range2);
  };
  overlay.addEventListener("pointerdown", (event) => down(event, false));
  selection.addEventListener("pointerdown", (event) => down(event, true));
  for (const el of [overlay, selection]) {
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", () => {
      drag = null;
    });
  }
  return {
    /** Show this pixel range (or none) without reporting it. */
    set(r) {
      draw(r ? [clamp(r[0]), clamp(r[1])] : null);
    }
  };
}

// src/dates.js
function bounds(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value || "");
  if (!m) return null;
  const year = Number(m[1]);
  if (m[3]) {
    const first = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
    return [first, utcDay.offset(first, 1)];
  }
  if (m[2]) {
    const month = Number(m[2]) - 1;
    return [new Date(Date.UTC(year, month, 1)), new Date(Date.UTC(year, month + 1, 1))];
  }
  return [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))];
}
function ymd(date) {
  return date.toISOString().slice(0, 10);
}
function day(value) {
  return /* @__PURE__ */ new Date(`${value}T00:00:00Z`);
}

// src/timeline.js
var WIDTH2 = 960;
var HEIGHT2 = 120;
var M2 = { top: 8, right: 12, bottom: 22, left: 40 };
var BINS = [
  ["day", utcDay],
  ["week", utcSunday],
  ["month", utcMonth],
  ["year", utcYear],
  ["decade", utcYear.every(10)]
];
var MAX_TICKS = 9;
var MIN_DAYS = 31;
var TICKS = [
  [utcDay, ymd],
  [utcDay.every(2), ymd],
  [utcSunday, ymd],
  [utcMonth, (d) => ymd(d).slice(0, 7)],
  [utcMonth.every(3), (d) => ymd(d).slice(0, 7)],
  [utcMonth.every(6), (d) => ymd(d).slice(0, 7)],
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 500].map((n) => [utcYear.every(n), (d) => ymd(d).slice(0, 4)])
];
function binInterval(from, to, minPx) {
  const width = WIDTH2 - M2.left - M2.right;
  return BINS.find(([, interval]) => interval.count(from, to) <= width / minPx) || BINS.at(-1);
}
function ticksFor(from, to) {
  for (const [interval, label] of TICKS) {
    const ticks = interval.range(from, utcDay.offset(to, 1));
    if (ticks.length <= MAX_TICKS) return ticks.map((t) => [t, label(t)]);
  }
  return [];
}
function createTimeline(container, { onRange }) {
  const svg = s("svg", {
    viewBox: `0 0 ${WIDTH2} ${HEIGHT2}`,
    role: "img",
    "aria-labelledby": "timeline-desc",
    class: "timeline-svg"
  });
  const desc = s("desc", { id: "timeline-desc" }, "Events per day");
  const bars = s("g", { class: "bars" });
  const axis = s("g", { class: "axis" });
  const brushLayer = s("g", { class: "brush" });
  svg.append(desc, bars, axis, brushLayer);
  container.replaceChildren(svg);
  let scale = null;
  let interval = utcDay;
  const brush = createBrush(brushLayer, {
    x0: M2.left,
    x1: WIDTH2 - M2.right,
    y0: M2.top,
    y1: HEIGHT2 - M2.bottom,
    onEnd(range2) {
      if (!scale) return;
      if (!range2) {
        onRange(null, null);
        return;
      }
      const first = interval.floor(scale.invert(range2[0]));
      let last = interval.ceil(scale.invert(range2[1]));
      if (+last <= +first) last = interval.offset(first, 1);
      brush.set([scale.x(first), scale.x(last)]);
      onRange(ymd(first), ymd(utcDay.offset(last, -1)));
    }
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
        desc.textContent = "No dated events";
        return;
      }
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
      const px = WIDTH2 - M2.left - M2.right;
      scale = {
        x: (date) => M2.left + (+date - +from) / span * px,
        invert: (x) => new Date(+from + (x - M2.left) / px * span)
      };
      const bins = /* @__PURE__ */ new Map();
      for (const [date, n] of days) {
        if (date < from || date >= to) continue;
        const key = +interval.floor(date);
        bins.set(key, (bins.get(key) || 0) + n);
      }
      const peak = Math.max(1, ...bins.values());
      const base2 = HEIGHT2 - M2.bottom;
      const y = (n) => base2 - n / peak * (base2 - M2.top);
      bars.replaceChildren(
        ...[...bins].map(([key, n]) => {
          const start2 = new Date(key);
          const x02 = scale.x(start2);
          const x12 = scale.x(interval.offset(start2, 1));
          return s("rect", {
            x: x02.toFixed(1),
            y: y(n).toFixed(1),
            width: Math.max(1, x12 - x02 - 0.5).toFixed(1),
            height: (base2 - y(n)).toFixed(1)
          }, s("title", {}, `${name} of ${ymd(start2)}: ${count(n)}`));
        })
      );
      axis.replaceChildren(
        s("line", { x1: M2.left, x2: WIDTH2 - M2.right, y1: base2, y2: base2 }),
        s("line", { x1: M2.left, x2: M2.left, y1: M2.top, y2: base2 }),
        s("text", { x: M2.left - 4, y: M2.top + 8, "text-anchor": "end" }, count(peak)),
        s("text", { x: M2.left - 4, y: base2, "text-anchor": "end" }, "0"),
        ...ticksFor(from, to).map(([t, label]) => {
          const x = scale.x(t);
          const anchor = x > WIDTH2 - M2.right - 30 ? "end" : x < M2.left + 30 ? "start" : "middle";
          return s(
            "g",
            { transform: `translate(${x.toFixed(1)},${base2})` },
            s("line", { y2: 4 }),
            s("text", { y: 16, "text-anchor": anchor }, label)
          );
        })
      );
      const total = days.reduce((sum, [, n]) => sum + n, 0);
      desc.textContent = `Histogram of ${count(total)} dated events by ${name}, from ${ymd(from)} to ${ymd(utcDay.offset(to, -1))}. Drag across it to choose a date range.`;
      if (sinceB || untilB) {
        const a = scale.x(sinceB ? sinceB[0] : from);
        const b = scale.x(untilB ? untilB[1] : to);
        brush.set(b > a ? [a, b] : null);
      } else {
        brush.set(null);
      }
    }
  };
}

// src/main.js
var PAGE = 50;
var MAP_LIMIT = 1e3;
var $ = (id2) => document.getElementById(id2);
var form = $("filters");
var state = { filters: {}, sort: "", event: null, zoom: false };
var names = {};
var map = null;
var timeline = null;
var table = null;
var timelineStats = null;
var timelineKey = null;
var tableCursor = null;
var generation = 0;
var loads = 0;
var refreshController = null;
var eventController = null;
function readUrl() {
  const params = new URLSearchParams(window.location.search);
  state.filters = {};
  for (const key of FILTERS) {
    const value = (params.get(key) || "").trim();
    if (value) state.filters[key] = value;
  }
  state.sort = params.get("sort") || "";
  state.event = params.get("event") || null;
  state.zoom = params.get("zoom") === "1";
}
function writeUrl(push) {
  const params = new URLSearchParams(onlyFilters(state.filters));
  if (state.sort) params.set("sort", state.sort);
  if (state.zoom) params.set("zoom", "1");
  if (state.event) params.set("event", state.event);
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "");
  if (url !== window.location.pathname + window.location.search) {
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }
}
function fillSelect(select, options) {
  const any = select.options[0];
  select.replaceChildren(any, ...options.map(([value, label]) => h("option", { value }, label)));
}
function fillOptions(stats) {
  const countries = stats.by_country.map((c) => [c.country, `${names[c.country] || c.country} (${count(c.n)})`, names[c.country] || c.country]).sort((a, b) => a[2].localeCompare(b[2]));
  fillSelect($("f-country"), countries);
  const types = stats.by_type.map((t) => [t.type, `${t.type} (${count(t.n)})`]).sort((a, b) => a[0].localeCompare(b[0]));
  fillSelect($("f-type"), types);
  fillSelect($("f-cameo"), CAMEO_ROOTS.map(([code, name]) => [code, `${code} ${name}`]));
  fillSelect($("f-modality"), MODALITIES.map((m) => [m, m]));
}
function syncForm() {
  for (const key of FILTERS) {
    const field = form.elements[key];
    const value = state.filters[key] || "";
    if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
      field.append(h("option", { value }, value));
    }
    field.value = value;
  }
  $("f-sort").value = state.sort;
  $("timeline-zoom").setAttribute("aria-pressed", String(state.zoom));
}
function readForm() {
  const data = new FormData(form);
  const filters = {};
  for (const key of FILTERS) {
    const value = String(data.get(key) || "").trim();
    if (value) filters[key] = key === "country" || key === "type" ? value.toUpperCase() : value;
  }
  return filters;
}
function setFilters(filters) {
  state.filters = onlyFilters(filters);
  refresh({ push: true });
}
function toggleFilter(key, value) {
  setFilters({ ...state.filters, [key]: state.filters[key] === value ? "" : value });
}
function showError(error) {
  const box = $("error");
  box.hidden = !error;
  box.textContent = error ? `Could not load: ${error.message}` : "";
}
function describeFilters(total) {
  const f = state.filters;
  const what = [f.modality, f.type, f.cameo ? `CAMEO ${f.cameo}` : ""].filter(Boolean).join(" ");
  const parts = [`${count(total)} ${what ? `${what} ` : ""}${total === 1 ? "event" : "events"}`];
  if (f.country) parts.push(`in or involving ${names[f.country] || f.country}`);
  if (f.actor) parts.push(`with an actor “${f.actor}”`);
  if (f.since || f.until) parts.push(`dated ${f.since || "…"} to ${f.until || "…"}`);
  if (f.q) parts.push(`saying “${f.q}”`);
  return `${parts.join(", ")}.`;
}
function showLegend(stats) {
  const legend = $("legend");
  legend.replaceChildren(
    ...stats.by_type.map(({ type, n }) => h(
      "button",
      {
        type: "button",
        class: "legend-item",
        "aria-pressed": String(state.filters.type === type),
        "data-type": type,
        title: state.filters.type === type ? `Show every type` : `Show only ${type}`,
        onclick: () => toggleFilter("type", type)
      },
      h("span", { class: "swatch", style: `background:${colour(type)}`, "aria-hidden": "true" }),
      `${type} ${count(n)}`
    )),
    h("span", { class: "note size-key" }, "point size: number of sources")
  );
}
function showTableCount(total) {
  const shown = table.rows;
  const el = $("table-count");
  el.dataset.total = String(total);
  el.dataset.shown = String(shown);
  el.textContent = total ? `showing ${count(shown)} of ${plural(total, "event")}` : "";
}
function timelineUpdate() {
  if (!timelineStats) return;
  const { since, until } = state.filters;
  timeline.update(timelineStats.by_day, { since, until, zoom: state.zoom });
  const byDay = timelineStats.by_day.reduce((sum, d) => sum + d.n, 0);
  const undated = timelineStats.undated ?? timelineStats.total - byDay;
  const coarse = timelineStats.coarse ?? 0;
  const left = [
    coarse ? `${count(coarse)} dated more coarsely than a day` : "",
    undated ? `${count(undated)} undated` : ""
  ].filter(Boolean);
  $("timeline-note").textContent = `${plural(byDay, "event")} dated to the day` + (left.length ? ` (not shown: ${left.join(", ")})` : "") + ". Drag across the bars to filter by date; click outside the selection to clear it.";
}
async function refresh({ push = false } = {}) {
  writeUrl(push);
  syncForm();
  const gen = ++generation;
  refreshController?.abort();
  refreshController = new AbortController();
  const { signal } = refreshController;
  document.body.setAttribute("aria-busy", "true");
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
      api.events({ ...filters, sort: "sources", limit: MAP_LIMIT }, signal)
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
    $("map-note").textContent = `${plural(located, "located event")} on the map` + (mapped < points.total ? ` (of the ${count(mapped)} most-reported)` : "") + (mapped - located ? `; ${count(mapped - located)} without a place` : "") + ".";
    timelineUpdate();
    $("status").textContent = describeFilters(stats.total);
  } catch (error) {
    if (error.name === "AbortError" || gen !== generation) return;
    showError(error);
  } finally {
    if (gen === generation) {
      document.body.removeAttribute("aria-busy");
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
      ...onlyFilters(state.filters),
      sort: state.sort,
      limit: PAGE,
      cursor: tableCursor
    }, refreshController?.signal);
    if (gen !== generation) return;
    tableCursor = page.next_cursor;
    table.show(page, { append: true });
    table.select(state.event);
    showTableCount(page.total);
  } catch (error) {
    if (error.name !== "AbortError") showError(error);
  }
}
function placeholder() {
  $("event-view").replaceChildren(
    h("h2", { id: "event-title", tabindex: "-1" }, "Event"),
    h("p", { class: "note" }, "Choose an event in the table or on the map to read its evidence.")
  );
}
function openEvent(item, { push = true } = {}) {
  state.event = item.id;
  writeUrl(push);
  table.select(item.id);
  map.select(item.id);
  eventController?.abort();
  eventController = new AbortController();
  const view = $("event-view");
  view.dataset.eventId = item.id;
  showEvent(view, item, {
    onOpenEvent: (other) => openEvent(other),
    onClose: closeEvent,
    signal: eventController.signal
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
  delete $("event-view").dataset.eventId;
  placeholder();
}
async function openEventById(eventId) {
  try {
    openEvent(await api.event(eventId), { push: false });
  } catch (error) {
    showError(error);
  }
}
function wire() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setFilters(readForm());
  });
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
  $("f-reset").addEventListener("click", () => setFilters({}));
  $("f-sort").addEventListener("change", (event) => {
    state.sort = event.target.value;
    refresh({ push: true });
  });
  $("timeline-zoom").addEventListener("click", () => {
    state.zoom = !state.zoom;
    writeUrl(false);
    syncForm();
    timelineUpdate();
  });
  $("timeline-clear").addEventListener("click", () => {
    state.zoom = false;
    setFilters({ ...state.filters, since: "", until: "" });
  });
  window.addEventListener("popstate", () => {
    const before = state.event;
    readUrl();
    refresh();
    if (state.event && state.event !== before) openEventById(state.event);
    else if (!state.event && before) closeEvent();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.event) closeEvent();
  });
}
async function start() {
  readUrl();
  table = createTable($("table"), { onOpen: (item) => openEvent(item), onMore: more });
  timeline = createTimeline($("timeline"), {
    onRange: (since, until) => setFilters({ ...state.filters, since: since || "", until: until || "" })
  });
  wire();
  try {
    const [topology, stats] = await Promise.all([
      getJSON("static/countries-110m.json"),
      api.stats({})
    ]);
    names = topology.names || {};
    map = createMap($("map"), topology, {
      names,
      onEvent: (item) => openEvent(item),
      onCountry: (iso3) => toggleFilter("country", iso3)
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
