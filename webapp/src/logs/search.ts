import { plainText, type AnsiSegment } from './ansi';

/**
 * Numbers of the lines, among `lines`, whose shown text (escape sequences removed) contains `query`, ignoring
 * case; at most `limit`.
 */
export function findMatches(lines: Iterable<[number, string]>, query: string, limit = 10_000): number[] {
  const needle = query.toLowerCase();
  const matches: number[] = [];
  if (needle.length === 0) return matches;
  for (const [index, line] of lines) {
    if (plainText(line).toLowerCase().includes(needle)) {
      matches.push(index);
      if (matches.length >= limit) break;
    }
  }
  return matches;
}

export interface MarkedSegment extends AnsiSegment {
  /** This text is an occurrence of the search query. */
  readonly mark: boolean;
}

/** The segments of a line with every occurrence of `query` (ignoring case) split out and marked. */
export function markMatches(segments: readonly AnsiSegment[], query: string): MarkedSegment[] {
  if (query.length === 0) return segments.map((segment) => ({ ...segment, mark: false }));
  const plain = segments.map((segment) => segment.text).join('');
  const haystack = plain.toLowerCase();
  const needle = query.toLowerCase();
  // Occurrences as [start, end) in the plain text. Lower-casing keeps the length of almost all text; where it
  // does not (a few special letters), marking is skipped rather than misplaced.
  const ranges: [number, number][] = [];
  if (haystack.length === plain.length) {
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      ranges.push([at, at + needle.length]);
    }
  }
  if (ranges.length === 0) return segments.map((segment) => ({ ...segment, mark: false }));

  const marked: MarkedSegment[] = [];
  let position = 0;
  let range = 0;
  for (const segment of segments) {
    const segmentEnd = position + segment.text.length;
    let cursor = position;
    while (cursor < segmentEnd) {
      while (range < ranges.length && ranges[range]![1] <= cursor) range++;
      const current = ranges[range];
      if (current && current[0] <= cursor) {
        const end = Math.min(current[1], segmentEnd);
        marked.push({ text: plain.slice(cursor, end), style: segment.style, mark: true });
        cursor = end;
      } else {
        const end = current ? Math.min(current[0], segmentEnd) : segmentEnd;
        marked.push({ text: plain.slice(cursor, end), style: segment.style, mark: false });
        cursor = end;
      }
    }
    position = segmentEnd;
  }
  return marked;
}
