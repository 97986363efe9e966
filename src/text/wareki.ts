/**
 * Strict 和暦 / ISO date parsing and printing, written by hand so that every
 * accept/reject decision is visible here rather than inside a date library.
 *
 * All ISO strings are calendar dates (YYYY-MM-DD) with no time zone; arithmetic
 * is done on UTC midnights so that DST or the host's zone can never shift a day.
 */
import { toAsciiDigits } from './characters.js';

export type DateParse =
  | { ok: true; iso: string }
  | { ok: false; reason: 'format' | 'era-range' | 'impossible' };

type Era = { name: string; initial: string; letter: string; start: string; end?: string };

// Official first and last days (Gregorian). Meiji starts on 1868-10-23, the
// day the era change was proclaimed; the retroactive start (慶応4年1月1日) was a
// lunisolar date. Dates before 明治6年 (1873) are read as Gregorian although the
// documents of the time used the old calendar — no form deals with such dates.
const ERAS: readonly Era[] = [
  { name: '明治', initial: '明', letter: 'M', start: '1868-10-23', end: '1912-07-29' },
  { name: '大正', initial: '大', letter: 'T', start: '1912-07-30', end: '1926-12-24' },
  { name: '昭和', initial: '昭', letter: 'S', start: '1926-12-25', end: '1989-01-07' },
  { name: '平成', initial: '平', letter: 'H', start: '1989-01-08', end: '2019-04-30' },
  { name: '令和', initial: '令', letter: 'R', start: '2019-05-01' },
];

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

function isRealDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function ymdToIso(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Strictly split a YYYY-MM-DD string; throws so that helper misuse is loud. */
function splitIso(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) throw new RangeError(`not a real date: ${iso}`);
  return [y, mo, d];
}

function splitMonth(yyyyMm: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  if (!m || mo < 1 || mo > 12) throw new RangeError(`not a YYYY-MM month: ${yyyyMm}`);
  return [y, mo];
}

function isoToUtcMs(iso: string): number {
  const [y, m, d] = splitIso(iso);
  return Date.UTC(y, m - 1, d);
}

function utcMsToIso(ms: number): string {
  const dt = new Date(ms);
  return ymdToIso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/**
 * Full-width ASCII (U+FF01–U+FF5E: ０-９, Ｒ, ．, ／, －…) and U+3000 to ASCII,
 * then remaining dash look-alikes to '-'. Kanji are left alone.
 */
function toAsciiInput(s: string): string {
  const ascii = s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
  return toAsciiDigits(ascii).trim();
}

const ERA_NAMES = ERAS.map((e) => e.name).join('|');
const ERA_SHORT = ERAS.map((e) => `${e.letter}|${e.initial}`).join('|');
const ISO_RE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const SEIREKI_KANJI_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const KANJI_RE = new RegExp(`^(${ERA_NAMES})\\s*(元|\\d{1,2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日$`);
// One separator kind per date ("R6.5/1" is rejected as a typo-like mix).
const SHORT_RE = new RegExp(`^(${ERA_SHORT})(元|\\d{1,2})([./-])(\\d{1,2})\\3(\\d{1,2})$`, 'i');

function gregorian(y: number, m: number, d: number): DateParse {
  return isRealDate(y, m, d) ? { ok: true, iso: ymdToIso(y, m, d) } : { ok: false, reason: 'impossible' };
}

function fromEra(eraKey: string, yearText: string, m: number, d: number): DateParse {
  const era = ERAS.find((e) => e.name === eraKey || e.initial === eraKey || e.letter === eraKey.toUpperCase());
  if (!era) return { ok: false, reason: 'format' };
  const eraYear = yearText === '元' ? 1 : Number(yearText);
  if (eraYear < 1) return { ok: false, reason: 'era-range' };
  const y = Number(era.start.slice(0, 4)) + eraYear - 1;
  // Calendar validity first: 令和5年2月29日 is impossible, not out of range.
  const parsed = gregorian(y, m, d);
  if (!parsed.ok) return parsed;
  // ISO strings of equal width compare correctly as strings.
  if (parsed.iso < era.start || (era.end !== undefined && parsed.iso > era.end)) {
    return { ok: false, reason: 'era-range' };
  }
  return parsed;
}

/**
 * Parse a date typed by an applicant: ISO (2024-05-01, 2024/5/1), 西暦 kanji
 * (2024年5月1日), 和暦 kanji (令和6年5月1日, 令和元年…, spaces allowed) or the
 * short form (R6.5.1, r06/05/01, 令6.5.1). Full-width input is accepted.
 */
export function parseDateInput(input: string): DateParse {
  const s = toAsciiInput(input);
  let m: RegExpExecArray | null;
  if ((m = ISO_RE.exec(s))) return gregorian(Number(m[1]), Number(m[3]), Number(m[4]));
  if ((m = SEIREKI_KANJI_RE.exec(s))) return gregorian(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = KANJI_RE.exec(s))) return fromEra(m[1]!, m[2]!, Number(m[3]), Number(m[4]));
  if ((m = SHORT_RE.exec(s))) return fromEra(m[1]!, m[2]!, Number(m[4]), Number(m[5]));
  return { ok: false, reason: 'format' };
}

const WAREKI_FORMAT = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});
const WEEKDAY_FORMAT = new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: 'Asia/Tokyo' });

/** 令和6年5月1日 (first year as 元年); with weekday: 令和6年5月1日（水）. */
export function formatWareki(iso: string, opts: { weekday?: boolean } = {}): string {
  splitIso(iso);
  // Midnight in Tokyo, formatted in Tokyo: the calendar date cannot shift.
  const date = new Date(`${iso}T00:00:00+09:00`);
  const parts = Object.fromEntries(WAREKI_FORMAT.formatToParts(date).map((p) => [p.type, p.value]));
  const year = parts.year === '1' ? '元' : parts.year;
  const text = `${parts.era}${year}年${parts.month}月${parts.day}日`;
  return opts.weekday ? `${text}（${WEEKDAY_FORMAT.format(date)}）` : text;
}

const TOKYO_YMD = new Intl.DateTimeFormat('en-CA-u-ca-gregory-nu-latn', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Asia/Tokyo',
});

/** The calendar date in Asia/Tokyo at the instant `now`, as YYYY-MM-DD. */
export function isoToday(now: Date): string {
  const parts = Object.fromEntries(TOKYO_YMD.formatToParts(now).map((p) => [p.type, p.value]));
  return ymdToIso(Number(parts.year), Number(parts.month), Number(parts.day));
}

export function addDays(iso: string, n: number): string {
  return utcMsToIso(isoToUtcMs(iso) + n * DAY_MS);
}

/** isoB − isoA in whole days (negative when B is earlier). */
export function daysBetween(isoA: string, isoB: string): number {
  return Math.round((isoToUtcMs(isoB) - isoToUtcMs(isoA)) / DAY_MS);
}

export function firstOfNextMonth(iso: string): string {
  const [y, m] = splitIso(iso);
  return utcMsToIso(Date.UTC(y, m, 1));
}

export function monthOf(iso: string): string {
  splitIso(iso);
  return iso.slice(0, 7);
}

export function addMonths(yyyyMm: string, n: number): string {
  const [y, m] = splitMonth(yyyyMm);
  const total = y * 12 + (m - 1) + n;
  return `${pad(Math.floor(total / 12), 4)}-${pad((((total % 12) + 12) % 12) + 1)}`;
}

export function lastDayOfMonth(yyyyMm: string): string {
  const [y, m] = splitMonth(yyyyMm);
  return ymdToIso(y, m, daysInMonth(y, m));
}

/**
 * Age in whole years on `onIso`, counted up on the birthday itself (the
 * everyday convention municipal forms use, e.g. 75歳の誕生日当日 for 後期高齢者).
 * A 29 Feb birthday is taken as 28 Feb in common years. Note this differs from
 * 年齢計算ニ関スル法律, under which an age is reached at the end of the day
 * before the birthday; rules needing that should test against addDays(on, 1).
 */
export function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = splitIso(birthIso);
  const [oy, om, od] = splitIso(onIso);
  const anniversaryDay = bm === 2 && bd === 29 && !isLeapYear(oy) ? 28 : bd;
  const reached = om > bm || (om === bm && od >= anniversaryDay);
  return oy - by - (reached ? 0 : 1);
}
