/**
 * Line breaking and fitting for mixed Chinese and Latin text, measured with the font the
 * text will be drawn in. Pure: the caller passes the measure.
 */

/** Width in points of `text` set at `size`. */
export type Measure = (text: string, size: number) => number;

export interface FitOptions {
  /** The size to try first. */
  size: number;
  /** The smallest size to shrink to before lines are cut. @default size */
  minSize?: number;
  maxWidth: number;
  /** Lines allowed; past them at `minSize`, the last line ends with an ellipsis. @default Infinity */
  maxLines?: number;
}

export interface FittedText {
  lines: string[];
  size: number;
  /** True when text was cut to respect `maxLines`. */
  truncated: boolean;
}

const SHRINK_STEP = 0.5;
const ELLIPSIS = '…';

/** Characters that must not start a line (Chinese line-breaking rules): they stay with the one before. */
const CLOSING = '、。，．：；！？）》」』】〕〉”’%‰℃';
const CJK = '\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFFEF';
/** A space, a Chinese character (with the closing punctuation after it), or a Latin word, which an address splits after each `/`. */
const TOKEN = new RegExp(`\\s+|[${CJK}][${CLOSING}]*|[^\\s${CJK}/]+/*|/+`, 'gu');

/**
 * Greedy line breaking: a Chinese character may end a line anywhere, a Latin word only at
 * a space or after a `/`, unless it is wider than the line by itself (a long number), in
 * which case it is cut between characters. Widths add up token by token (pdf-lib draws glyphs at
 * their advance widths, without kerning across them), so each token is measured once.
 */
export function breakLines(text: string, size: number, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
    width = 0;
  };
  const add = (piece: string, pieceWidth: number) => {
    line += piece;
    width += pieceWidth;
  };
  for (const token of text.replace(/\s+/g, ' ').trim().match(TOKEN) ?? []) {
    if (token === ' ') {
      if (line !== '') add(token, measure(token, size));
      continue;
    }
    const tokenWidth = measure(token, size);
    if (width + tokenWidth <= maxWidth) {
      add(token, tokenWidth);
      continue;
    }
    if (line !== '') push();
    if (tokenWidth <= maxWidth) {
      add(token, tokenWidth);
      continue;
    }
    for (const ch of token) {
      const chWidth = measure(ch, size);
      if (line !== '' && width + chWidth > maxWidth) push();
      add(ch, chWidth);
    }
  }
  if (line.trim() !== '' || lines.length === 0) push();
  return lines;
}

/** Breaks `text` into lines, shrinking it down to `minSize` to respect `maxLines`, and cutting it past that. */
export function fitText(text: string, options: FitOptions, measure: Measure): FittedText {
  const { size, maxWidth } = options;
  const minSize = options.minSize ?? size;
  const maxLines = options.maxLines ?? Infinity;
  for (let s = size; s > minSize; s = round(s - SHRINK_STEP)) {
    const lines = breakLines(text, s, maxWidth, measure);
    if (lines.length <= maxLines) return { lines, size: s, truncated: false };
  }
  const lines = breakLines(text, minSize, maxWidth, measure);
  if (lines.length <= maxLines) return { lines, size: minSize, truncated: false };
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = withEllipsis(kept[kept.length - 1] ?? '', minSize, maxWidth, measure);
  return { lines: kept, size: minSize, truncated: true };
}

function withEllipsis(line: string, size: number, maxWidth: number, measure: Measure): string {
  const chars = [...line];
  while (chars.length > 0 && measure(chars.join('') + ELLIPSIS, size) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}

const round = (n: number) => Math.round(n * 100) / 100;
