import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  firstOfNextMonth,
  formatWareki,
  isoToday,
  lastDayOfMonth,
  monthOf,
  parseDateInput,
} from '../../src/text/wareki.js';

describe('parseDateInput accepts', () => {
  it.each([
    // ISO and slash forms
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024/05/01', '2024-05-01'],
    ['2024-02-29', '2024-02-29'],
    ['  2024-05-01  ', '2024-05-01'],
    ['２０２４－０５－０１', '2024-05-01'],
    ['２０２４／５／１', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    // kanji era
    ['令和6年5月1日', '2024-05-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和 6 年 5 月 1 日', '2024-05-01'],
    ['令和　６年　５月　１日', '2024-05-01'],
    ['令和６年５月１日', '2024-05-01'],
    ['令和6年2月29日', '2024-02-29'],
    ['平成31年4月30日', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['昭和元年12月25日', '1926-12-25'],
    ['大正15年12月24日', '1926-12-24'],
    ['大正元年7月30日', '1912-07-30'],
    ['明治45年7月29日', '1912-07-29'],
    ['明治元年10月23日', '1868-10-23'],
    // short forms
    ['R6.5.1', '2024-05-01'],
    ['R06.05.01', '2024-05-01'],
    ['r6.5.1', '2024-05-01'],
    ['R6/5/1', '2024-05-01'],
    ['R6-5-1', '2024-05-01'],
    ['Ｒ６．５．１', '2024-05-01'],
    ['R元.5.1', '2019-05-01'],
    ['H31.4.30', '2019-04-30'],
    ['S64.1.7', '1989-01-07'],
    ['T15.12.24', '1926-12-24'],
    ['M45.7.29', '1912-07-29'],
    ['令6.5.1', '2024-05-01'],
    ['平31.4.30', '2019-04-30'],
    ['昭64.1.7', '1989-01-07'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseDateInput(input)).toEqual({ ok: true, iso });
  });
});

describe('parseDateInput rejects', () => {
  it.each([
    // impossible calendar dates
    ['2023-02-29', 'impossible'],
    ['2024-13-01', 'impossible'],
    ['2024-00-10', 'impossible'],
    ['2024-04-31', 'impossible'],
    ['1900-02-29', 'impossible'],
    ['令和6年2月30日', 'impossible'],
    ['令和5年2月29日', 'impossible'],
    ['R5.2.29', 'impossible'],
    ['令和6年13月1日', 'impossible'],
    // outside the era
    ['平成31年5月1日', 'era-range'],
    ['令和元年4月30日', 'era-range'],
    ['令和0年1月1日', 'era-range'],
    ['R0.1.1', 'era-range'],
    ['昭和65年1月1日', 'era-range'],
    ['昭和64年1月8日', 'era-range'],
    ['平成元年1月7日', 'era-range'],
    ['大正15年12月25日', 'era-range'],
    // 1926-12-25 is 昭和元年 (the era changed that day), so the short form is out of range too
    ['T15.12.25', 'era-range'],
    ['明治45年7月30日', 'era-range'],
    ['明治元年1月1日', 'era-range'],
    ['H32.1.1', 'era-range'],
    // not a date at all
    ['abc', 'format'],
    ['', 'format'],
    ['2024-05', 'format'],
    ['24-05-01', 'format'],
    ['2024-05/01', 'format'],
    ['R6.5/1', 'format'],
    ['X6.5.1', 'format'],
    ['慶応4年1月1日', 'format'],
    ['令和6年5月1', 'format'],
    ['令和六年五月一日', 'format'],
    ['2024-05-01T00:00', 'format'],
  ])('rejects %j as %s', (input, reason) => {
    expect(parseDateInput(input)).toEqual({ ok: false, reason });
  });
});

describe('formatWareki', () => {
  it.each([
    ['2019-05-01', false, '令和元年5月1日'],
    ['2024-05-01', false, '令和6年5月1日'],
    ['2024-05-01', true, '令和6年5月1日（水）'],
    ['2019-04-30', false, '平成31年4月30日'],
    ['1989-01-07', false, '昭和64年1月7日'],
    ['1989-01-08', true, '平成元年1月8日（日）'],
    ['1926-12-25', false, '昭和元年12月25日'],
    ['1912-07-30', false, '大正元年7月30日'],
    ['1912-07-29', false, '明治45年7月29日'],
  ])('prints %s (weekday: %s) as %s', (iso, weekday, expected) => {
    expect(formatWareki(iso, { weekday })).toBe(expected);
  });

  it.each(['2024-5-1', '2023-02-29', 'R6.5.1'])('throws on the non-ISO input %j', (iso) => {
    expect(() => formatWareki(iso)).toThrow(RangeError);
  });

  it.each(['1868-10-23', '1912-07-29', '1912-07-30', '1926-12-24', '1926-12-25', '1989-01-07', '1989-01-08', '2019-04-30', '2019-05-01', '2024-02-29'])(
    'round-trips %s through parseDateInput',
    (iso) => {
      expect(parseDateInput(formatWareki(iso))).toEqual({ ok: true, iso });
    },
  );
});

describe('isoToday', () => {
  it.each([
    ['2024-04-30T14:59:59Z', '2024-04-30'],
    ['2024-04-30T15:00:00Z', '2024-05-01'],
    ['2024-12-31T15:00:00Z', '2025-01-01'],
    ['2024-05-01T00:00:00+09:00', '2024-05-01'],
  ])('gives the Tokyo date at %s as %s', (instant, expected) => {
    expect(isoToday(new Date(instant))).toBe(expected);
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-05-01', 0, '2024-05-01'],
    ['2024-03-30', 1, '2024-03-31'],
  ])('addDays(%s, %i) is %s', (iso, n, expected) => {
    expect(addDays(iso, n)).toBe(expected);
  });

  it.each([
    ['2024-01-01', '2024-12-31', 365],
    ['2023-01-01', '2024-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2024-05-01', '2024-04-30', -1],
    ['2024-05-01', '2024-05-01', 0],
  ])('daysBetween(%s, %s) is %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['2024-05-01', '2024-06-01'],
    ['2024-05-31', '2024-06-01'],
    ['2024-12-15', '2025-01-01'],
    ['2024-02-29', '2024-03-01'],
  ])('firstOfNextMonth(%s) is %s', (iso, expected) => {
    expect(firstOfNextMonth(iso)).toBe(expected);
  });

  it.each([
    ['2024-05-01', '2024-05'],
    ['1989-01-07', '1989-01'],
  ])('monthOf(%s) is %s', (iso, expected) => {
    expect(monthOf(iso)).toBe(expected);
  });

  it.each([
    ['2024-05', 1, '2024-06'],
    ['2024-12', 1, '2025-01'],
    ['2024-01', -1, '2023-12'],
    ['2024-05', -17, '2022-12'],
    ['2024-05', 24, '2026-05'],
    ['2024-05', 0, '2024-05'],
  ])('addMonths(%s, %i) is %s', (ym, n, expected) => {
    expect(addMonths(ym, n)).toBe(expected);
  });

  it.each([
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['1900-02', '1900-02-28'],
    ['2000-02', '2000-02-29'],
    ['2024-04', '2024-04-30'],
    ['2024-12', '2024-12-31'],
  ])('lastDayOfMonth(%s) is %s', (ym, expected) => {
    expect(lastDayOfMonth(ym)).toBe(expected);
  });

  it.each([
    ['addDays', () => addDays('2024-5-1', 1)],
    ['monthOf', () => monthOf('2024-02-30')],
    ['addMonths', () => addMonths('2024-13', 1)],
    ['lastDayOfMonth', () => lastDayOfMonth('2024-5')],
  ])('%s throws on malformed input', (_name, call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it.each([
    ['1990-05-01', '2024-04-30', 33],
    ['1990-05-01', '2024-05-01', 34],
    ['1990-05-01', '2024-05-02', 34],
    ['1990-05-01', '1990-05-01', 0],
    ['1949-05-01', '2024-05-01', 75],
    ['1949-05-01', '2024-04-30', 74],
    ['1990-12-31', '2025-01-01', 34],
    // 29 Feb births: the anniversary is 28 Feb in common years, 29 Feb in leap years
    ['2000-02-29', '2001-02-27', 0],
    ['2000-02-29', '2001-02-28', 1],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
  ])('someone born %s is %i on %s', (birth, on, expected) => {
    expect(ageOn(birth, on)).toBe(expected);
  });
});
