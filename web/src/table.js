// The events table: one row per event, a page at a time (GET /events with its cursor).

import { h } from './dom.js';
import { colour } from './palette.js';

export function actorNames(actors) {
  return (actors || []).map((a) => a.name || a.text).join(', ');
}

export function placeName(location) {
  if (!location) return '';
  const name = location.name || location.text;
  return location.country ? `${name}, ${location.country}` : name;
}

export function typeBadge(type) {
  return h('span', { class: 'type' },
    h('span', { class: 'swatch', style: `background:${colour(type)}`, 'aria-hidden': 'true' }),
    type);
}

export function createTable(container, { onOpen, onMore }) {
  const body = h('tbody');
  const table = h('table', { class: 'events' },
    h('caption', { class: 'visually-hidden' },
      'Events matching the filters; choose a row to open its evidence'),
    h('thead', {}, h('tr', {},
      ['Date', 'Type', 'Actor', 'Trigger', 'Recipient', 'Place', 'Sources'].map((title) =>
        h('th', { scope: 'col' }, title)))),
    body);
  const more = h('button', { type: 'button', class: 'more', onclick: () => onMore() }, 'More');
  const empty = h('p', { class: 'note', hidden: true }, 'No event matches these filters.');
  container.replaceChildren(table, empty, more);

  let selected = null;

  function row(item) {
    const open = () => onOpen(item);
    const tr = h('tr', {
      'data-event-id': item.id,
      tabindex: '0',
      'aria-current': item.id === selected ? 'true' : null,
      onclick: open,
      onkeydown: (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      },
    },
      h('td', { class: 'date' }, item.date ? item.date.value : '—'),
      h('td', {}, typeBadge(item.plover.type)),
      h('td', {}, actorNames(item.actors)),
      h('td', { class: 'trigger' }, item.evidence.trigger.text),
      h('td', {}, actorNames(item.recipients)),
      h('td', {}, placeName(item.location)),
      h('td', { class: 'num' }, String(item.n_sources ?? 1)));
    return tr;
  }

  return {
    /** Replace the rows (a first page) or add a further page. */
    show(page, { append = false } = {}) {
      const rows = page.items.map(row);
      if (append) body.append(...rows);
      else body.replaceChildren(...rows);
      more.hidden = !page.next_cursor;
      more.disabled = false;
      empty.hidden = body.children.length > 0;
      return body.children.length;
    },
    loading() {
      more.disabled = true;
    },
    select(eventId) {
      selected = eventId;
      for (const tr of body.children) {
        if (tr.dataset.eventId === eventId) tr.setAttribute('aria-current', 'true');
        else tr.removeAttribute('aria-current');
      }
    },
    get rows() {
      return body.children.length;
    },
  };
}
