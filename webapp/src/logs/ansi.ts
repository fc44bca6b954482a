// ANSI escape sequences in build log lines, turned into styled text segments.
//
// Only SGR (`ESC [ … m`: colours and text attributes) is rendered; every other escape sequence (cursor movement,
// erase, OSC titles and hyperlinks, charset selection) is removed so it cannot garble the line. The result is
// plain data: text is rendered as text nodes and colours become class names or `rgb()` built from numbers, so a
// log line can never inject markup or styles.
//
// Each line is parsed on its own, starting from the default style. A terminal carries SGR state across lines,
// but the viewer renders arbitrary line ranges of huge logs without reading what came before them, so a colour
// that a tool forgets to reset ends with its line here.

/** A colour: a palette index 0–255 (0–15 are the themeable basic colours), or a 24-bit colour. */
export type AnsiColor = number | { r: number; g: number; b: number };

export interface AnsiStyle {
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style: AnsiStyle;
}

const PLAIN: AnsiStyle = Object.freeze({});
const ESC = '\u001b';

/**
 * Splits a log line into runs of text with one style each. Adjacent text with the same style is one segment;
 * empty segments are never returned. A carriage return (or a newline, which is what SSE makes of one) starts the
 * line over, as a progress bar redrawn in place shows its last state in a terminal.
 */
export function parseAnsi(line: string): AnsiSegment[] {
  let segments: AnsiSegment[] = [];
  let style = PLAIN;
  let text = '';

  const flush = () => {
    if (text.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.style === style) {
      segments[segments.length - 1] = { text: last.text + text, style };
    } else {
      segments.push({ text, style });
    }
    text = '';
  };

  let i = 0;
  let plainStart = 0;
  const length = line.length;
  while (i < length) {
    const code = line.charCodeAt(i);
    // Printable characters (and tab) are the common case: take them in one slice.
    if (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f)) {
      i++;
      continue;
    }
    if (code === 0x09) {
      i++;
      continue;
    }
    text += line.slice(plainStart, i);
    if (code === 0x0d || code === 0x0a) {
      // A trailing CR (CRLF output) changes nothing; a CR in the middle redraws the line.
      if (i + 1 < length) {
        text = '';
        segments = [];
      }
      i++;
    } else if (code === 0x1b) {
      const end = escapeEnd(line, i);
      if (line[i + 1] === '[' && line[end - 1] === 'm' && end - 1 > i + 1) {
        const next = applySgr(style, line.slice(i + 2, end - 1));
        if (next !== style) {
          flush();
          style = next;
        }
      }
      i = end;
    } else if (code === 0x9b) {
      // The 8-bit CSI: skip its parameters and final byte.
      i = csiEnd(line, i + 1);
    } else {
      // Other control characters (backspace, bell, NUL, C1 controls) are not shown.
      i++;
    }
    plainStart = i;
  }
  text += line.slice(plainStart, length);
  flush();
  return segments;
}

/** The text of a line as it is shown, without escape sequences. */
export function plainText(line: string): string {
  // Most lines have no escape or control character at all.
  if (!/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(line)) {
    return line;
  }
  return parseAnsi(line)
    .map((segment) => segment.text)
    .join('');
}

// The index after the escape sequence that starts with the ESC at `start`.
function escapeEnd(line: string, start: number): number {
  const introducer = line[start + 1];
  if (introducer === undefined) return start + 1;
  if (introducer === '[') return csiEnd(line, start + 2);
  if (introducer === ']' || introducer === 'P' || introducer === '_' || introducer === '^' || introducer === 'X') {
    // OSC, DCS, APC, PM, SOS: a string up to BEL or ST (ESC \). Unterminated, it runs to the end of the line.
    for (let i = start + 2; i < line.length; i++) {
      const char = line[i];
      if (char === '\u0007') return i + 1;
      if (char === ESC && line[i + 1] === '\\') return i + 2;
    }
    return line.length;
  }
  // ESC followed by intermediates (space to '/') and one final character, e.g. "ESC ( B".
  let i = start + 1;
  while (i < line.length && line.charCodeAt(i) >= 0x20 && line.charCodeAt(i) <= 0x2f) i++;
  return Math.min(i + 1, line.length);
}

// CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
function csiEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code >= 0x40 && code <= 0x7e) return i + 1;
    if (code < 0x20 || code > 0x3f) {
      // Not a valid CSI: drop what was read and go on with this character.
      return i;
    }
    i++;
  }
  return line.length;
}

/** The style after applying the SGR parameters `parameters` (the text between `ESC [` and `m`). */
export function applySgr(style: AnsiStyle, parameters: string): AnsiStyle {
  if (!/^[0-9;:]*$/.test(parameters)) {
    // Private-mode sequences such as "ESC [ ? 25 m" are not SGR.
    return style;
  }
  const codes = parameters.split(';');
  let next: { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] } = { ...style };
  let changed = false;
  const set = <K extends keyof AnsiStyle>(key: K, value: AnsiStyle[K] | undefined) => {
    if (next[key] !== value) {
      if (value === undefined || value === false) delete next[key];
      else next[key] = value;
      changed = true;
    }
  };
  for (let i = 0; i < codes.length; i++) {
    const parameter = codes[i]!;
    if (parameter.includes(':')) {
      // ITU T.416 form with sub-parameters: 38:5:n, 38:2:r:g:b or 38:2:<colour space>:r:g:b.
      const parts = parameter.split(':').map((part) => (part === '' ? Number.NaN : Number(part)));
      const target = parts[0];
      if (target === 38 || target === 48 || target === 58) {
        const color = extendedColor(parts.slice(1), true);
        if (color !== undefined && target !== 58) set(target === 38 ? 'fg' : 'bg', color);
      } else if (target === 4) {
        set('underline', parts[1] !== 0 ? true : undefined);
      }
      continue;
    }
    const code = parameter === '' ? 0 : Number(parameter);
    if (code === 0) {
      if (Object.keys(next).length > 0) {
        next = {};
        changed = true;
      }
    } else if (code === 1) set('bold', true);
    else if (code === 2) set('dim', true);
    else if (code === 3) set('italic', true);
    else if (code === 4) set('underline', true);
    else if (code === 7) set('inverse', true);
    else if (code === 9) set('strike', true);
    else if (code === 22) {
      set('bold', undefined);
      set('dim', undefined);
    } else if (code === 23) set('italic', undefined);
    else if (code === 24) set('underline', undefined);
    else if (code === 27) set('inverse', undefined);
    else if (code === 29) set('strike', undefined);
    else if (code >= 30 && code <= 37) set('fg', code - 30);
    else if (code === 39) set('fg', undefined);
    else if (code >= 40 && code <= 47) set('bg', code - 40);
    else if (code === 49) set('bg', undefined);
    else if (code >= 90 && code <= 97) set('fg', code - 90 + 8);
    else if (code >= 100 && code <= 107) set('bg', code - 100 + 8);
    else if (code === 38 || code === 48 || code === 58) {
      // 38;5;n or 38;2;r;g;b: the colour's parameters follow as separate codes.
      const mode = Number(codes[i + 1]);
      const count = mode === 5 ? 2 : mode === 2 ? 4 : 1;
      const color = extendedColor(
        codes.slice(i + 1, i + 1 + count).map((part) => (part === '' ? Number.NaN : Number(part))),
        false,
      );
      if (color !== undefined && code !== 58) set(code === 38 ? 'fg' : 'bg', color);
      i += count;
    }
    // Anything else (blink, fonts, overline, …) is ignored.
  }
  if (!changed) return style;
  return Object.keys(next).length === 0 ? PLAIN : Object.freeze(next);
}

// [5, n] or [2, r, g, b]; with sub-parameters [2, colour space, r, g, b] is also allowed.
function extendedColor(parts: number[], subParameters: boolean): AnsiColor | undefined {
  const mode = parts[0];
  if (mode === 5) {
    const index = parts[1];
    return index !== undefined && isByte(index) ? index : undefined;
  }
  if (mode === 2) {
    let rgb = parts.slice(1, 4);
    if (subParameters && parts.length >= 5) rgb = parts.slice(2, 5);
    const [r, g, b] = rgb;
    if (r !== undefined && g !== undefined && b !== undefined && isByte(r) && isByte(g) && isByte(b)) {
      return { r, g, b };
    }
  }
  return undefined;
}

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 255;
}

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

/** The `rgb()` of a palette colour 16–255 (the 6×6×6 cube and the grey ramp of xterm's 256 colours). */
export function paletteRgb(index: number): string {
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return `rgb(${grey},${grey},${grey})`;
  }
  const cube = index - 16;
  const r = CUBE_LEVELS[Math.floor(cube / 36)]!;
  const g = CUBE_LEVELS[Math.floor(cube / 6) % 6]!;
  const b = CUBE_LEVELS[cube % 6]!;
  return `rgb(${r},${g},${b})`;
}

export interface SegmentPresentation {
  /** Space-separated class names, empty for plain text. */
  className: string;
  /** Inline colours for 256-palette and 24-bit colours, built only from numbers. */
  style: Record<string, string> | undefined;
}

/**
 * How a style is shown: the 16 basic colours as classes (`ansi-fg-1`, `ansi-bg-12`) so that the theme decides
 * them; other colours inline; attributes as classes. Inverse video swaps foreground and background, using the
 * viewer's own colours (`ansi-fg-inverse`, `ansi-bg-inverse`) where the style has none.
 */
export function presentation(style: AnsiStyle): SegmentPresentation {
  const classes: string[] = [];
  const inline: Record<string, string> = {};
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? style.fg : style.bg;
  color('fg', 'color', fg);
  color('bg', 'background-color', bg);
  if (style.inverse) {
    if (fg === undefined) classes.push('ansi-fg-inverse');
    if (bg === undefined) classes.push('ansi-bg-inverse');
  }
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  return { className: classes.join(' '), style: Object.keys(inline).length > 0 ? inline : undefined };

  function color(kind: 'fg' | 'bg', property: string, value: AnsiColor | undefined) {
    if (value === undefined) return;
    if (typeof value === 'number') {
      if (value < 16) classes.push(`ansi-${kind}-${value}`);
      else inline[property] = paletteRgb(value);
    } else {
      inline[property] = `rgb(${value.r},${value.g},${value.b})`;
    }
  }
}
