import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi';
import { findMatches, markMatches } from './search';

const ESC = '\u001b';

describe('findMatches', () => {
  const lines: [number, string][] = [
    [10, 'Compiling app'],
    [11, `${ESC}[31mERROR${ESC}[0m: tests failed`],
    [12, 'no problem here'],
    [40, 'another error'],
  ];

  it('finds lines containing the query, ignoring case and escape sequences', () => {
    expect(findMatches(lines, 'error')).toEqual([11, 40]);
    expect(findMatches(lines, 'ERROR: tests')).toEqual([11]);
  });

  it('does not match inside escape sequences', () => {
    expect(findMatches(lines, '[31m')).toEqual([]);
  });

  it('finds nothing for an empty query and stops at the limit', () => {
    expect(findMatches(lines, '')).toEqual([]);
    expect(findMatches(lines, 'o', 2)).toEqual([10, 11]);
  });
});

describe('markMatches', () => {
  it('marks every occurrence, also across style boundaries', () => {
    const segments = parseAnsi(`pre ${ESC}[31mERR${ESC}[0mOR and error`);

    const marked = markMatches(segments, 'error');

    expect(marked.map((segment) => [segment.text, segment.mark, segment.style.fg])).toEqual([
      ['pre ', false, undefined],
      ['ERR', true, 1],
      ['OR', true, undefined],
      [' and ', false, undefined],
      ['error', true, undefined],
    ]);
  });

  it('leaves segments unmarked without a query or a match', () => {
    const segments = parseAnsi('plain line');

    expect(markMatches(segments, '')).toEqual([{ text: 'plain line', style: {}, mark: false }]);
    expect(markMatches(segments, 'absent')).toEqual([{ text: 'plain line', style: {}, mark: false }]);
  });

  it('marks adjacent occurrences separately', () => {
    expect(markMatches(parseAnsi('aaaa'), 'aa').map((segment) => [segment.text, segment.mark])).toEqual([
      ['aa', true],
      ['aa', true],
    ]);
  });
});
