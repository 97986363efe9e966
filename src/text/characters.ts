/**
 * Character-level helpers for Japanese form input.
 *
 * Every function here changes only the characters it names. Stored values keep
 * whatever the applicant typed; these helpers feed validation and comparison.
 */

// Dash-like characters that are never anything but a hyphen in codes, phone
// numbers and postal codes, so they always become '-'.
// U+FF0D －, U+2010 ‐, U+2011 ‑, U+2012 ‒, U+2013 –, U+2014 —, U+2015 ―, U+2212 −
const ALWAYS_HYPHEN = /[\uFF0D\u2010-\u2015\u2212]/g;

// The katakana prolonged sound mark (ー, and half-width ｰ) is a real letter in
// names (e.g. ルーシー), so it becomes '-' only when an IME put it between digits
// ("03ー1234ー5678").
const DIGIT_CHOONPU = /(?<=[0-9])[\u30FC\uFF70](?=[0-9])/g;

/**
 * Full-width digits → ASCII digits and hyphen-like characters → '-'.
 * Nothing else is touched (letters, kana and spaces stay as they are).
 */
export function toAsciiDigits(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(ALWAYS_HYPHEN, '-')
    .replace(DIGIT_CHOONPU, '-');
}

// A run of half-width katakana (U+FF61–U+FF9F), optionally preceded by one
// full-width kana. The preceding kana is included so that a stray half-width
// dakuten after a full-width letter ("カﾞ") composes into "ガ" instead of being
// left as a dangling combining mark. NFKC is the identity on full-width kana,
// so including it is safe; nothing outside this match is ever NFKC-normalised
// (that would also rewrite compatibility ideographs used in people's names).
const HALFWIDTH_KANA_RUN = /[\u3041-\u3096\u30A1-\u30FA]?[\uFF61-\uFF9F]+/g;

/**
 * Half-width katakana → full-width, then full-width katakana → hiragana.
 * ァ–ヶ map by a fixed code-point offset; ヽヾ map to ゝゞ. ヷヸヹヺ have no
 * hiragana form and are kept. The prolonged sound mark ー is kept as is.
 */
export function katakanaToHiragana(s: string): string {
  return s
    .replace(HALFWIDTH_KANA_RUN, (run) => run.normalize('NFKC'))
    .replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

// Hiragana ぁ–ゖ, iteration marks ゝゞ, prolonged sound mark ー, ASCII and
// ideographic spaces, and the middle dot ・ (used between parts of foreign names).
const HIRAGANA_READING = /^[\u3041-\u3096\u309D\u309E\u30FC \u3000\u30FB]*$/;

/**
 * True when every character is allowed in a hiragana reading (ふりがな).
 * The empty string is vacuously true: whether a reading is required is a
 * separate rule.
 */
export function isHiraganaReading(s: string): boolean {
  return HIRAGANA_READING.test(s);
}

/**
 * Trim and collapse every whitespace run (including U+3000) to a single ASCII
 * space. For comparisons only — never write the result back to a stored value.
 */
export function normalizeSpacesForCompare(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}
