// Offsets in Tacitus records are Python str indices: code points, not the UTF-16 units a
// JavaScript string is indexed by. A text is handled as an array of code points
// (Array.from splits astral characters such as emoji into one element each).

import { h } from './dom.js';

/** The text as an array of code points. */
export function codePoints(text) {
  return Array.from(text || '');
}

/** Code points [start, end) of an array from codePoints(), as a string. */
export function slice(points, start, end) {
  return points.slice(start, end).join('');
}

const crosses = (a, b) =>
  a.start < b.end && b.start < a.end &&
  !(a.start <= b.start && b.end <= a.end) &&
  !(b.start <= a.start && a.end <= b.end);

/**
 * Spans that nest: each span is taken in order of rank (most important first), and one that
 * partly overlaps a span already taken is cut at that span's edge, so every pair of spans
 * is either disjoint or one inside the other. The pieces keep their span's class.
 */
export function laminate(spans) {
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

/**
 * The code points [from, to) of `points` as DOM nodes, each span inside that range wrapped in
 * <mark class="...">. Spans: {start, end, className, rank, title?}; those outside the range
 * are dropped, those across its edges clipped.
 */
export function highlight(points, from, to, spans) {
  const inside = spans
    .map((sp) => ({ ...sp, start: Math.max(sp.start, from), end: Math.min(sp.end, to) }))
    .filter((sp) => sp.start < sp.end);
  const nested = laminate(inside).sort(
    (a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank,
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
      nodes.push(h('mark', { class: child.className, title: child.title }, render(child)));
      cursor = child.end;
    }
    if (cursor < node.end) nodes.push(slice(points, cursor, node.end));
    return nodes;
  };
  return render(root);
}
