// Geometry of the virtualised log: which lines a scroll position shows and where to draw them.
//
// Every line is `lineHeight` pixels high, so line i starts at i × lineHeight in the log's full height. Browsers
// cap the height of an element (about 17.8 million pixels in Firefox, 33.5 million in Chrome), which a log of a
// million lines exceeds; above `maxScrollHeight` the scrollable height is capped and scroll positions map
// linearly onto the full height, so the scrollbar still spans the whole log and its bottom is the last line.
// Below the cap the mapping is the identity and lines sit at their natural offsets, so the browser can scroll
// the overscan lines smoothly before the next render.

export interface LogGeometry {
  lineHeight: number;
  viewportHeight: number;
  /** The tallest scrollable height used. */
  maxScrollHeight: number;
}

export interface LogWindow {
  /** The height of the scrollable content. */
  scrollHeight: number;
  /** The line at the top edge of the viewport, with the fraction scrolled past. */
  firstVisible: number;
  /** Lines to render, overscan included: `start` inclusive to `end` exclusive. */
  start: number;
  end: number;
  /** Where, in the scrollable content, the line `start` is drawn. */
  offsetTop: number;
}

/** Matches the browsers' limits with room to spare. */
export const DEFAULT_MAX_SCROLL_HEIGHT = 8_000_000;

export function scrollHeightFor(total: number, geometry: LogGeometry): number {
  return Math.min(total * geometry.lineHeight, geometry.maxScrollHeight);
}

/** The largest scrollTop, where the last line touches the bottom edge. */
export function maxScrollTop(total: number, geometry: LogGeometry): number {
  return Math.max(0, scrollHeightFor(total, geometry) - geometry.viewportHeight);
}

// Pixels of the full log height per pixel of scroll position (1 below the cap).
function ratio(total: number, geometry: LogGeometry): number {
  const fullRange = total * geometry.lineHeight - geometry.viewportHeight;
  const scrollRange = scrollHeightFor(total, geometry) - geometry.viewportHeight;
  return fullRange > 0 && scrollRange > 0 ? fullRange / scrollRange : 1;
}

/** The lines to render at `scrollTop`, with `overscan` extra lines above and below. */
export function windowAt(scrollTop: number, total: number, geometry: LogGeometry, overscan: number): LogWindow {
  const { lineHeight, viewportHeight } = geometry;
  const scrollHeight = scrollHeightFor(total, geometry);
  const top = Math.min(Math.max(0, scrollTop), maxScrollTop(total, geometry));
  const firstVisible = total === 0 ? 0 : (top * ratio(total, geometry)) / lineHeight;
  const start = Math.max(0, Math.floor(firstVisible) - overscan);
  const end = Math.min(total, Math.ceil(firstVisible + viewportHeight / lineHeight) + overscan);
  const offsetTop = top - (firstVisible - start) * lineHeight;
  return { scrollHeight, firstVisible, start, end, offsetTop };
}

/** The scrollTop that shows `line` at the top, in the middle or at the bottom of the viewport. */
export function scrollTopForLine(
  line: number,
  total: number,
  geometry: LogGeometry,
  align: 'top' | 'center' | 'bottom',
): number {
  const { lineHeight, viewportHeight } = geometry;
  let pixel = line * lineHeight;
  if (align === 'center') pixel -= (viewportHeight - lineHeight) / 2;
  if (align === 'bottom') pixel -= viewportHeight - lineHeight;
  const fullMax = Math.max(0, total * lineHeight - viewportHeight);
  const clamped = Math.min(Math.max(0, pixel), fullMax);
  return clamped / ratio(total, geometry);
}
