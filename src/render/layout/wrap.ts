/**
 * Line breaking for Japanese text in a box, by the libraries that do it properly rather than by counting characters:
 * break opportunities from UAX #14 (npm `linebreak`, which also keeps 、。」ー and small kana off the start of a line and
 * 「（ off its end), narrowed inside Japanese runs to BudouX's phrase boundaries (npm `budoux`), so 「ひまわり工房」,
 * 「24時間365日」, 「第10作業所」, digit runs, Latin words and file names stay whole. Only a unit wider than the whole
 * box is broken further: at any UAX #14 opportunity inside it, then between characters.
 *
 * Every line is a slice of the input, so the part that does not fit can continue elsewhere exactly and nothing is lost.
 */
import { loadDefaultJapaneseParser } from 'budoux';
import LineBreaker from 'linebreak';

export interface WrappedLine {
  text: string;
  /** Offset (in UTF-16 units) of the line's first character in the source. */
  start: number;
  /** Offset just after the line, including a consumed newline. */
  end: number;
}

const parser = loadDefaultJapaneseParser();

/** Kana, kanji and the full-width marks between them: where BudouX decides the phrases. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆〇\u3000-\u303f\uff01-\uff60]/u;

const HIRAGANA = /\p{Script=Hiragana}/u;
const KATAKANA = /[\p{Script=Katakana}ー]/u;

/** UAX #14 break offsets of a paragraph (no newlines in it), excluding 0 and its end. */
function uaxBreaks(paragraph: string): number[] {
  const breaker = new LineBreaker(paragraph);
  const out: number[] = [];
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) if (b.position > 0 && b.position < paragraph.length) out.push(b.position);
  return out;
}

/** Phrase boundaries BudouX finds (offsets), excluding 0 and the end. */
function phraseBoundaries(paragraph: string): Set<number> {
  const set = new Set<number>();
  let at = 0;
  for (const phrase of parser.parse(paragraph)) {
    at += phrase.length;
    if (at < paragraph.length) set.add(at);
  }
  return set;
}

/**
 * Word boundaries from ICU's dictionary (Intl.Segmenter, part of Node). BudouX alone splits 「いちかわ障が｜い者」; a
 * break inside a dictionary word (障がい) is vetoed.
 */
const words = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('ja', { granularity: 'word' }) : undefined;
function wordBoundaries(paragraph: string): Set<number> {
  const set = new Set<number>();
  // A browser without Intl.Segmenter (Firefox before 125, for the web form's preview) vetoes nothing.
  if (!words) for (let i = 1; i < paragraph.length; i++) set.add(i);
  else for (const { index } of words.segment(paragraph)) if (index > 0) set.add(index);
  return set;
}

/** Digits, ASCII and full-width, and the kanji numerals (三丁目, 一名). */
const NUMERAL = /[0-9０-９〇一二三四五六七八九十百千万億]/u;
/**
 * Counters and units a number is read with: a break between the number and its counter (「15番2｜号」「12｜人」
 * 「6｜月」「3,000｜円」) is never offered, as no typesetter splits them. In an address 番 also holds on to the number
 * after it (「15番2号」).
 */
const COUNTER = /[番号丁階名人日円歳才回件時分秒月年週床室条項枚台個割倍点棟戸部組期次級章節版冊頁通区か箇ヶケカ%％㎡mkｍｋ]/u;
const holdsNumber = (paragraph: string, p: number) =>
  (NUMERAL.test(paragraph[p - 1]) && COUNTER.test(paragraph[p])) || (paragraph[p - 1] === '番' && /[0-9０-９]/.test(paragraph[p]));

/**
 * Break opportunities in tiers, best first: a line breaks at the furthest opportunity of the best tier that fits, and
 * falls to the next tier only when a unit of the better one is wider than the whole box.
 *  0. UAX #14, and next to Japanese both a BudouX phrase boundary and an ICU word boundary, not inside a run of hiragana
 *     or of katakana (both segmenters cut the place name 「たか｜つき」);
 *  1. UAX #14 and an ICU word boundary that does not cut a run of hiragana or of katakana (そら｜いろ, ネット｜ワーク);
 *  2. UAX #14 and a BudouX phrase boundary;  3. any UAX #14 opportunity.
 * After a space UAX #14 alone decides; between two non-Japanese characters only tier 3 breaks (inside a Latin word).
 */
type Tiers = number[][];

/** Segmentations are asked for again for each size a value is tried at; a bounded cache keeps that cheap. */
const cache = new Map<string, Tiers>();
const CACHE_LIMIT = 4000;

function segment(paragraph: string): Tiers {
  let tiers = cache.get(paragraph);
  if (tiers) return tiers;
  const all = uaxBreaks(paragraph).filter((p) => !holdsNumber(paragraph, p));
  // Outside Japanese, a word (a file name, an e-mail address, 0120-123-456) breaks only after a space, unless wider than
  // the box: UAX #14 alone would also break after its hyphens and slashes.
  const afterSpace = (p: number) => /\s/.test(paragraph[p - 1]);
  if (!JAPANESE.test(paragraph)) tiers = [all.filter(afterSpace), all];
  else {
    const phrases = phraseBoundaries(paragraph);
    const wordEnds = wordBoundaries(paragraph);
    const nextToJapanese = (p: number) => JAPANESE.test(paragraph[p - 1]) || JAPANESE.test(paragraph[p]);
    const japaneseBreak = (p: number) => nextToJapanese(p) && !afterSpace(p);
    const sameKana = (p: number) => (HIRAGANA.test(paragraph[p - 1]) && HIRAGANA.test(paragraph[p])) || (KATAKANA.test(paragraph[p - 1]) && KATAKANA.test(paragraph[p]));
    tiers = [
      all.filter((p) => afterSpace(p) || (japaneseBreak(p) && phrases.has(p) && wordEnds.has(p) && !sameKana(p))),
      all.filter((p) => afterSpace(p) || (japaneseBreak(p) && wordEnds.has(p) && !sameKana(p))),
      all.filter((p) => afterSpace(p) || (japaneseBreak(p) && phrases.has(p))),
      all,
    ];
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(paragraph, tiers);
  return tiers;
}

/**
 * The preferred break opportunities of a text (offsets into it, newlines being mandatory breaks), for previews that
 * show lines (the web form): a browser breaking at the furthest one that fits breaks as wrapText does, except inside a
 * unit wider than the whole box, where wrapText falls to its lower tiers and a browser to `overflow-wrap`.
 */
export function breakOpportunities(text: string): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    for (const p of segment(paragraph)[0]) out.push(offset + p);
    offset += paragraph.length + 1;
    if (offset <= text.length) out.push(offset);
  }
  return out;
}

/** Width of a line as printed: trailing spaces hang past the edge. */
const visible = (s: string) => s.replace(/[ \u3000]+$/, '');

/** The furthest opportunity after `from` in `breaks` (sorted) up to which the text fits, or -1. */
function furthestFit(paragraph: string, from: number, breaks: number[], width: number, measure: (s: string) => number): number {
  let best = -1;
  for (const p of breaks) {
    if (p <= from) continue;
    if (measure(visible(paragraph.slice(from, p))) > width) break;
    best = p;
  }
  return best;
}

/** The furthest code point boundary up to which the text fits (at least one character: a line is never empty). */
function characterFit(paragraph: string, from: number, width: number, measure: (s: string) => number): number {
  let at = from;
  for (const ch of paragraph.slice(from)) {
    if (at > from && measure(paragraph.slice(from, at + ch.length)) > width) break;
    at += ch.length;
  }
  return at;
}

/** Wraps `text` into lines no wider than `width` (same unit as `measure`). Newlines in the text are kept as breaks. */
export function wrapText(text: string, width: number, measure: (s: string) => number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let offset = 0;
  const paragraphs = text.split('\n');
  paragraphs.forEach((paragraph, index) => {
    const tiers = segment(paragraph);
    let lineStart = 0;
    while (measure(visible(paragraph.slice(lineStart))) > width) {
      let end = -1;
      for (const tier of tiers) if ((end = furthestFit(paragraph, lineStart, tier, width, measure)) > 0) break;
      if (end <= 0) end = characterFit(paragraph, lineStart, width, measure);
      if (end >= paragraph.length) break;
      lines.push({ text: paragraph.slice(lineStart, end), start: offset + lineStart, end: offset + end });
      lineStart = end;
    }
    lines.push({ text: paragraph.slice(lineStart), start: offset + lineStart, end: offset + paragraph.length + (index < paragraphs.length - 1 ? 1 : 0) });
    offset += paragraph.length + 1;
  });
  return lines;
}

/**
 * Width of the widest word of a text (a number, a Latin word, a dictionary word of Japanese that no typesetter divides):
 * the least a box needs before its size shrinks. Japanese counts by its word tier, not its phrase tier: a long phrase
 * wraps between its words without shrinking.
 */
export function widestUnit(text: string, measure: (s: string) => number): number {
  let widest = 0;
  for (const paragraph of text.split('\n')) {
    let from = 0;
    const tiers = segment(paragraph);
    for (const p of [...(tiers.length > 2 ? tiers[1] : tiers[0]), paragraph.length]) {
      widest = Math.max(widest, measure(visible(paragraph.slice(from, p))));
      from = p;
    }
  }
  return widest;
}
