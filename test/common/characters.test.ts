import { describe, expect, it } from 'vitest';
import {
  isHiraganaReading,
  katakanaToHiragana,
  normalizeSpacesForCompare,
  toAsciiDigits,
} from '../../src/text/characters.js';

describe('toAsciiDigits', () => {
  it.each([
    ['０１２３４５６７８９', '0123456789'],
    ['１２３－４５６７', '123-4567'],
    ['０３ー１２３４ー５６７８', '03-1234-5678'],
    ['03ｰ1234', '03-1234'],
    ['1‐2―3−4‑5‒6–7—8', '1-2-3-4-5-6-7-8'],
    ['ルーシー', 'ルーシー'],
    ['ー1ー', 'ー1ー'],
    ['Ａ１２３', 'Ａ123'],
    ['〒１００　０００１', '〒100　0001'],
  ])('converts %j to %j', (input, expected) => {
    expect(toAsciiDigits(input)).toBe(expected);
  });
});

describe('katakanaToHiragana', () => {
  it.each([
    ['ヤマダ　タロウ', 'やまだ　たろう'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'やまだ たろう'],
    ['ﾊﾟﾝ', 'ぱん'],
    ['ｶﾞｯｺｳ', 'がっこう'],
    ['ルーシー', 'るーしー'],
    ['ﾙｰｼｰ', 'るーしー'],
    ['ヴァイオリン', 'ゔぁいおりん'],
    ['ヵヶ', 'ゕゖ'],
    ['イスヾ', 'いすゞ'],
    ['カﾞ', 'が'],
    ['ヷ', 'ヷ'],
    ['すでにひらがな', 'すでにひらがな'],
    ['山田 Taro ＡＢＣ １２３', '山田 Taro ＡＢＣ １２３'],
    ['髙橋', '髙橋'],
  ])('converts %j to %j', (input, expected) => {
    expect(katakanaToHiragana(input)).toBe(expected);
  });

  it('does not NFKC-normalise compatibility ideographs outside half-width kana', () => {
    expect(katakanaToHiragana('\uFA11ｱ')).toBe('\uFA11あ');
  });
});

describe('isHiraganaReading', () => {
  it.each([
    ['やまだ たろう', true],
    ['やまだ　たろう', true],
    ['るーしー', true],
    ['じょん・すみす', true],
    ['いすゞ', true],
    ['', true],
    ['ヤマダ', false],
    ['山田', false],
    ['yamada', false],
    ['やまだ1', false],
    ['ﾔﾏﾀﾞ', false],
  ])('treats %j as %s', (input, expected) => {
    expect(isHiraganaReading(input)).toBe(expected);
  });
});

describe('normalizeSpacesForCompare', () => {
  it.each([
    ['  山田　　太郎 ', '山田 太郎'],
    ['山田\t\n太郎', '山田 太郎'],
    ['\u3000山田\u3000', '山田'],
    ['山田太郎', '山田太郎'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeSpacesForCompare(input)).toBe(expected);
  });
});
