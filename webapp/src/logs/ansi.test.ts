import { describe, expect, it } from 'vitest';
import { applySgr, paletteRgb, parseAnsi, plainText, presentation, type AnsiSegment } from './ansi';

const ESC = '\u001b';

/** Segments as [text, style] pairs, easier to read in expectations. */
function runs(line: string): [string, object][] {
  return parseAnsi(line).map((segment: AnsiSegment) => [segment.text, { ...segment.style }]);
}

describe('parseAnsi', () => {
  it('returns a plain line as one unstyled segment, and nothing for an empty line', () => {
    expect(runs('npm ci --no-audit')).toEqual([['npm ci --no-audit', {}]]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('renders the 8 basic and 8 bright foreground and background colours', () => {
    expect(runs(`${ESC}[31mred${ESC}[0m plain`)).toEqual([
      ['red', { fg: 1 }],
      [' plain', {}],
    ]);
    expect(runs(`${ESC}[92mok${ESC}[39m`)).toEqual([['ok', { fg: 10 }]]);
    expect(runs(`${ESC}[44;97m info `)).toEqual([[' info ', { bg: 4, fg: 15 }]]);
    expect(runs(`${ESC}[103mhi${ESC}[49mx`)).toEqual([
      ['hi', { bg: 11 }],
      ['x', {}],
    ]);
  });

  it('renders 256-colour and 24-bit colours, also in the colon form', () => {
    expect(runs(`${ESC}[38;5;208morange`)).toEqual([['orange', { fg: 208 }]]);
    expect(runs(`${ESC}[48;5;21mblue`)).toEqual([['blue', { bg: 21 }]]);
    expect(runs(`${ESC}[38;2;255;128;0mrgb`)).toEqual([['rgb', { fg: { r: 255, g: 128, b: 0 } }]]);
    expect(runs(`${ESC}[38:5:99mcolon`)).toEqual([['colon', { fg: 99 }]]);
    expect(runs(`${ESC}[38:2::1:2:3mspace`)).toEqual([['space', { fg: { r: 1, g: 2, b: 3 } }]]);
    expect(runs(`${ESC}[1;38;5;196;4mmix`)).toEqual([['mix', { bold: true, fg: 196, underline: true }]]);
  });

  it('ignores colours out of range and unknown codes but keeps the text', () => {
    expect(runs(`${ESC}[38;5;256mx`)).toEqual([['x', {}]]);
    expect(runs(`${ESC}[38;2;300;0;0mx`)).toEqual([['x', {}]]);
    expect(runs(`${ESC}[5;53mblink`)).toEqual([['blink', {}]]);
    expect(runs(`${ESC}[?25mprivate`)).toEqual([['private', {}]]);
  });

  it('tracks bold, dim, italic, underline, inverse and strike and their resets', () => {
    expect(runs(`${ESC}[1mbold${ESC}[22m normal`)).toEqual([
      ['bold', { bold: true }],
      [' normal', {}],
    ]);
    expect(runs(`${ESC}[2;3;4;7;9mall${ESC}[23;24;27;29mdim`)).toEqual([
      ['all', { dim: true, italic: true, underline: true, inverse: true, strike: true }],
      ['dim', { dim: true }],
    ]);
    expect(runs(`${ESC}[1;31mA${ESC}[mB`)).toEqual([
      ['A', { bold: true, fg: 1 }],
      ['B', {}],
    ]);
  });

  it('merges text whose style did not change and drops empty segments', () => {
    expect(runs(`a${ESC}[31m${ESC}[0mb${ESC}[31m${ESC}[31mc`)).toEqual([
      ['ab', {}],
      ['c', { fg: 1 }],
    ]);
  });

  it('removes other escape sequences: cursor movement, erase, OSC titles and hyperlinks, charsets', () => {
    expect(runs(`${ESC}[2K${ESC}[1Gdone`)).toEqual([['done', {}]]);
    expect(runs(`${ESC}]0;title\u0007text`)).toEqual([['text', {}]]);
    expect(runs(`${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\ end`)).toEqual([['link end', {}]]);
    expect(runs(`${ESC}(Bplain${ESC}=`)).toEqual([['plain', {}]]);
    expect(runs(`\u009b31mC1 csi`)).toEqual([['C1 csi', {}]]);
  });

  it('survives escape sequences cut off at the end of the line', () => {
    expect(runs(`text${ESC}`)).toEqual([['text', {}]]);
    expect(runs(`text${ESC}[38;5`)).toEqual([['text', {}]]);
    expect(runs(`text${ESC}]0;unterminated title`)).toEqual([['text', {}]]);
  });

  it('drops control characters but keeps tabs', () => {
    expect(runs('a\tb\u0007c\u0000d\u0008e')).toEqual([['a\tbcde', {}]]);
  });

  it('shows what is left after the last carriage return, as a terminal redraws a progress bar', () => {
    expect(runs(`10%\r50%\r${ESC}[32m100%`)).toEqual([['100%', { fg: 2 }]]);
    expect(runs('windows line\r')).toEqual([['windows line', {}]]);
    // SSE turns a CR inside a line into a newline; both read the same.
    expect(runs('10%\n100%')).toEqual([['100%', {}]]);
  });

  it('keeps markup as text: segments are data, never HTML', () => {
    const line = `${ESC}[31m<img src=x onerror=alert(1)>${ESC}[0m<script>`;

    expect(runs(line)).toEqual([
      ['<img src=x onerror=alert(1)>', { fg: 1 }],
      ['<script>', {}],
    ]);
  });

  it('keeps non-ASCII text and surrogate pairs intact', () => {
    expect(runs(`${ESC}[33m✓ grün 🚀${ESC}[0m`)).toEqual([['✓ grün 🚀', { fg: 3 }]]);
  });
});

describe('applySgr', () => {
  it('returns the same style object when nothing changes', () => {
    const red = applySgr({}, '31');
    expect(applySgr(red, '31')).toBe(red);
    expect(applySgr(red, '39')).toEqual({});
  });

  it('does not modify the style it starts from', () => {
    const bold = applySgr({}, '1');
    applySgr(bold, '0');
    expect(bold).toEqual({ bold: true });
  });
});

describe('plainText', () => {
  it('strips escape sequences and returns plain lines unchanged', () => {
    const line = 'no escapes here';
    expect(plainText(line)).toBe(line);
    expect(plainText(`${ESC}[1;32mPASS${ESC}[0m src/app.test.ts`)).toBe('PASS src/app.test.ts');
  });
});

describe('presentation', () => {
  it('uses classes for the 16 themeable colours and attributes', () => {
    expect(presentation({ fg: 1, bg: 12, bold: true, underline: true })).toEqual({
      className: 'ansi-fg-1 ansi-bg-12 ansi-bold ansi-underline',
      style: undefined,
    });
  });

  it('uses inline rgb() for palette colours from 16 and for 24-bit colours', () => {
    expect(presentation({ fg: 196, bg: { r: 1, g: 2, b: 3 } })).toEqual({
      className: '',
      style: { color: 'rgb(255,0,0)', 'background-color': 'rgb(1,2,3)' },
    });
  });

  it('swaps the colours for inverse video, using the viewer colours where there are none', () => {
    expect(presentation({ fg: 2, inverse: true })).toEqual({
      className: 'ansi-bg-2 ansi-fg-inverse',
      style: undefined,
    });
    expect(presentation({ inverse: true }).className).toBe('ansi-fg-inverse ansi-bg-inverse');
  });
});

describe('paletteRgb', () => {
  it('maps the 6x6x6 cube and the grey ramp', () => {
    expect(paletteRgb(16)).toBe('rgb(0,0,0)');
    expect(paletteRgb(21)).toBe('rgb(0,0,255)');
    expect(paletteRgb(208)).toBe('rgb(255,135,0)');
    expect(paletteRgb(231)).toBe('rgb(255,255,255)');
    expect(paletteRgb(232)).toBe('rgb(8,8,8)');
    expect(paletteRgb(255)).toBe('rgb(238,238,238)');
  });
});
