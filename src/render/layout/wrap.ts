/**
 * Line breaking for Japanese text in a box, with the usual 禁則 (no line starts with 、。」) etc.) and without losing a
 * character: every line is a slice of the input, so the part that does not fit can continue elsewhere exactly.
 */

/** Characters that may not begin a line (行頭禁則). */
const NO_LINE_START = new Set([...'、。，．,.)）」』】〕〉》］}｝・：；:;!?！？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻']);
/** Characters that may not end a line (行末禁則). */
const NO_LINE_END = new Set([...'(（「『【〔〈《［{｛']);

export interface WrappedLine {
  text: string;
  /** Offset (in UTF-16 units) of the line's first character in the source. */
  start: number;
  /** Offset just after the line, including a consumed newline. */
  end: number;
}

/** Wraps `text` into lines no wider than `width` (same unit as `measure`). Newlines in the text are kept as breaks. */
export function wrapText(text: string, width: number, measure: (s: string) => number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    const chars = [...paragraph];
    let lineStart = 0; // index into chars
    let charOffset = offset;
    let current = '';
    let currentWidth = 0;
    let i = 0;
    while (i < chars.length) {
      const ch = chars[i];
      const w = measure(ch);
      if (current !== '' && currentWidth + w > width) {
        // Move a break back so the next line does not start with a closing mark, nor this one end with an opening one.
        let breakAt = i;
        while (breakAt > lineStart + 1 && (NO_LINE_START.has(chars[breakAt]) || NO_LINE_END.has(chars[breakAt - 1]))) breakAt--;
        const lineText = chars.slice(lineStart, breakAt).join('');
        lines.push({ text: lineText, start: charOffset, end: charOffset + lineText.length });
        charOffset += lineText.length;
        lineStart = breakAt;
        i = breakAt;
        current = '';
        currentWidth = 0;
        continue;
      }
      current += ch;
      currentWidth += w;
      i++;
    }
    const rest = chars.slice(lineStart).join('');
    lines.push({ text: rest, start: charOffset, end: charOffset + rest.length + 1 });
    offset = charOffset + rest.length + 1;
  }
  // The last paragraph has no newline after it.
  const last = lines[lines.length - 1];
  if (last) last.end = Math.min(last.end, text.length);
  return lines;
}
