// The JSON API of `tacitus serve`, addressed relative to the page (so a server mounted under
// a prefix works too).

export const FILTERS = ['since', 'until', 'country', 'type', 'cameo', 'actor', 'modality', 'q'];

export class ApiError extends Error {
  constructor(status, detail, url) {
    super(`${detail} (HTTP ${status} from ${url.pathname})`);
    this.status = status;
    this.detail = detail;
  }
}

function base() {
  return new URL('.', document.baseURI);
}

function describe(detail) {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    // FastAPI's validation errors: [{loc: [...], msg: "..."}]
    return detail.map((d) => `${(d.loc || []).slice(1).join('.')}: ${d.msg}`).join('; ');
  }
  return detail ? JSON.stringify(detail) : '';
}

/** GET a JSON document; params with empty values are left out. */
export async function getJSON(path, params = {}, signal = undefined) {
  const url = new URL(path, base());
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = describe((await response.json()).detail) || detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, detail, url);
  }
  return response.json();
}

const id = (value) => encodeURIComponent(value);

export const api = {
  events: (params, signal) => getJSON('events', params, signal),
  event: (eventId, signal) => getJSON(`events/${id(eventId)}`, {}, signal),
  stats: (params, signal) => getJSON('stats', params, signal),
  article: (articleId, signal) => getJSON(`articles/${id(articleId)}`, {}, signal),
  incident: (incidentId, signal) => getJSON(`incidents/${id(incidentId)}`, {}, signal),
};

/** Only the filter parameters of an object, without empty ones. */
export function onlyFilters(values) {
  const out = {};
  for (const key of FILTERS) if (values[key]) out[key] = values[key];
  return out;
}
