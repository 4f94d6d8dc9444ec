// A horizontal brush over an SVG: drag to select a range, drag the selection to move it, click
// outside it (or press Escape on it) to clear it. Reports pixel ranges; the caller maps them.

import { s } from './dom.js';

const MIN_DRAG = 3; // px: less is a click

export function createBrush(group, { x0, x1, y0, y1, onEnd }) {
  const overlay = s('rect', { class: 'overlay', x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  const selection = s('rect', { class: 'selection', y: y0, height: y1 - y0, visibility: 'hidden' });
  group.append(overlay, selection);
  let range = null;

  const clamp = (px) => Math.max(x0, Math.min(x1, px));
  const toLocal = (event) => {
    const svg = group.ownerSVGElement;
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse()).x;
  };
  const draw = (r) => {
    range = r;
    if (!r) {
      selection.setAttribute('visibility', 'hidden');
      return;
    }
    selection.setAttribute('visibility', 'visible');
    selection.setAttribute('x', r[0].toFixed(1));
    selection.setAttribute('width', Math.max(1, r[1] - r[0]).toFixed(1));
  };

  let drag = null;
  const down = (event, moving) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.target.setPointerCapture(event.pointerId);
    drag = { start: toLocal(event), moving, origin: range, moved: false, target: event.target };
  };
  const move = (event) => {
    if (!drag) return;
    const px = toLocal(event);
    if (Math.abs(px - drag.start) >= MIN_DRAG) drag.moved = true;
    if (!drag.moved) return;
    if (drag.moving) {
      const [a, b] = drag.origin;
      const shift = Math.max(x0 - a, Math.min(x1 - b, px - drag.start));
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
      // A click: on the selection keeps it, elsewhere clears it.
      if (target === overlay && range) {
        draw(null);
        onEnd(null);
      }
      return;
    }
    onEnd(range);
  };
  overlay.addEventListener('pointerdown', (event) => down(event, false));
  selection.addEventListener('pointerdown', (event) => down(event, true));
  for (const el of [overlay, selection]) {
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', () => {
      drag = null;
    });
  }

  return {
    /** Show this pixel range (or none) without reporting it. */
    set(r) {
      draw(r ? [clamp(r[0]), clamp(r[1])] : null);
    },
  };
}
