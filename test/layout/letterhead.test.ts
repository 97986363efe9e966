/** The letterhead of a notice (通知書): a long 宛名 wraps at the full-width spaces between 法人名, 役職 and 氏名. */
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render/render.ts';
import { printCases } from '../support/print-cases.ts';

const TODAY = '2024-07-10';

describe('a long 宛名', () => {
  it.each([
    ['ichikawa-kyoten-henko-toroku-tsuchi.long', ['一般社団法人 たかつき子ども発達支援センター そらいろ ', '放課後等デイサービス 24時間365日相談窓口　代表理事　', '勅使河原 美智子　様']],
    ['ichikawa-kyoten-haishi-tsuchi.long', ['特定非営利活動法人 いちかわ障がい者地域生活支援ネットワーク　', '理事長　勅使河原 美智子　様']],
  ])('%s: breaks between 法人名, 役職 and 氏名, never inside the name', async (name, expected) => {
    const c = printCases().find((p) => p.name === name)!;
    const layout = (await renderDocument(c.form, c.data, { today: TODAY, pdf: false })).layout!;
    const addressee = layout.pages[0].cells.find((cell) => cell.path === 'addressee')!;
    expect(addressee.lines).toEqual(expected);
    expect(addressee.lines.join('')).toBe(`${c.data.addressee}　様`);
  });
});
