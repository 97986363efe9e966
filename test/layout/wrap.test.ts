/** Japanese line breaking: UAX #14 (npm linebreak) narrowed to BudouX phrases, never by character count. */
import { describe, expect, it } from 'vitest';
import { printFont } from '../../src/render/font.ts';
import { breakOpportunities, wrapText } from '../../src/render/layout/wrap.ts';

const font = printFont();
const lines = (text: string, widthMm: number, size = 10.5) => wrapText(text, widthMm, (s) => font.widthMm(s, size)).map((l) => l.text);

describe('wrapping a value to its box', () => {
  it('keeps 「ひまわり」「そらいろ」「24時間365日」「第10作業所」 and a file name whole when the box could hold them', () => {
    // The splits the issue found: 「ひ｜まわり工房」「そらい｜ろ」「24時間36｜5日」「第1｜0作業所」「.pd｜f」.
    const text = '就労継続支援B型事業所ひまわり工房と障害者支援施設そらいろが24時間365日の支援を行い、第10作業所の報告書 report_2024-final.pdf を添付する。';
    for (const width of [48, 56, 64, 80, 100]) {
      const joined = lines(text, width).join('｜');
      for (const word of ['ひまわり', '工房', 'そらいろ', '24時間365日', '第10作業所', 'report_2024-final.pdf']) expect(joined, `${width} mm: ${joined}`).toContain(word);
    }
  });

  it('never starts a line with 、 。 」 ー or a small kana, nor ends one with 「', () => {
    const text = '「そらいろ」、ショートステイ、グループホーム。「ひまわり」と「つばさ」を、チェックリスト（第1版）で確認しています。'.repeat(3);
    for (let width = 14; width <= 40; width += 3)
      for (const line of lines(text, width).slice(1)) {
        expect(line[0], `${width} mm: ${line}`).not.toMatch(/[、。」ーぁぃぅっゃゅょ]/);
        expect(line[line.length - 1], `${width} mm: ${line}`).not.toBe('「');
      }
  });

  it('loses and repeats no character: the lines put together are the input, newlines included', () => {
    const text = '第1項、緊急時の受入れ体制を整える。\n第2項 Latin words and 0120-123-456.\n\n𠀋を含む行';
    const wrapped = wrapText(text, 20, (s) => font.widthMm(s, 10.5));
    expect(wrapped.map((l) => text.slice(l.start, l.end)).join('')).toBe(text);
    expect(wrapped.map((l) => l.text).join('')).toBe(text.replaceAll('\n', ''));
  });

  it('keeps 「ひまわり工房」 and 「いちかわ障がい者」 whole as a value, and the 法人名 breaks between words', () => {
    expect(lines('就労継続支援B型事業所 ひまわり工房', 40)).toEqual(['就労継続支援B型事業所 ', 'ひまわり工房']);
    const name = lines('特定非営利活動法人 いちかわ障がい者地域生活支援ネットワーク', 60).join('｜');
    expect(name).not.toMatch(/障が｜い|ネット｜ワーク|いち｜かわ/);
  });

  it('never splits a number from its counter: 「15番2｜号」「5｜階」「12｜人」「6｜月」「3,000｜円」「三｜丁目」', () => {
    const text = '千葉県市川市八幡三丁目15番2号 本八幡駅前ビル5階 定員20名・職員12人、令和6年6月10日、月額3,000円、週3回';
    for (let width = 20; width <= 90; width += 2) {
      const wrapped = lines(text, width);
      expect(wrapped.join('')).toBe(text);
      for (let i = 1; i < wrapped.length; i++) {
        const seam = `${wrapped[i - 1].trimEnd().slice(-1)}｜${wrapped[i][0]}`;
        expect(seam, `${width} mm: ${wrapped.join('｜')}`).not.toMatch(/^[0-9〇一二三四五六七八九十]｜[番号丁階名人日円月年回]$|^番｜[0-9]$/);
      }
    }
  });

  it('breaks a unit wider than the box (a long digit run) only then, and between characters', () => {
    const digits = '12345678901234567890123456789012345678901234567890';
    const wrapped = lines(digits, 30);
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.join('')).toBe(digits);
    for (const line of wrapped) expect(font.widthMm(line, 10.5)).toBeLessThanOrEqual(30);
  });

  it('offers no break inside 「ひまわり工房」 or a digit run to a preview', () => {
    const text = '事業所ひまわり工房で24時間365日、ファイル plan.pdf を送る';
    const breaks = breakOpportunities(text);
    expect(breaks.length).toBeGreaterThan(2);
    for (const b of breaks) for (const w of ['ひまわり', '24時間365日', 'plan.pdf']) expect(text.indexOf(w) < b && b < text.indexOf(w) + w.length, `${b} in ${w}`).toBe(false);
  });
});
