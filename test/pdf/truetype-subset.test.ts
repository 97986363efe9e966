/**
 * yoshiki writes the embedded font subset itself (src/render/pdf/truetype-subset.ts) because fontkit's subsetter was a fifth
 * of a render. What it writes must be what fontkit writes: the same bytes for the same glyphs, in both weights of the print
 * font and in a font with composite glyphs (whose components join the subset under new numbers).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { boldPrintFont, printFont } from '../../src/render/font.ts';
import { canSubsetTrueType, subsetTrueType } from '../../src/render/pdf/truetype-subset.ts';

/** fontkit's parts the comparison uses that its type declarations leave out (its TTFSubset, a glyph's raw record). */
interface FontkitInternals {
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  getGlyph(id: number): { _decode(): { numberOfContours: number } | null };
}

/** fontkit's own subset of the same glyphs, in the same order (what pdf-lib would embed). */
function fontkitSubset(font: fontkit.Font, ids: number[]): Uint8Array {
  const subset = (font as unknown as FontkitInternals).createSubset();
  for (const id of ids) subset.includeGlyph(id);
  return subset.encode();
}

const glyphIdsOf = (font: fontkit.Font, text: string) => [0, ...font.layout(text).glyphs.map((g) => g.id)];

describe('the TrueType subset is byte for byte the one fontkit writes', () => {
  it.each([
    ['BIZ UDPGothic Regular', () => printFont()],
    ['BIZ UDPGothic Bold', () => boldPrintFont()],
  ])('%s: a form title, names, digits, Latin and the last glyph of the font', (_, font) => {
    const { parsed, data } = font();
    expect(canSubsetTrueType(parsed)).toBe(true);
    const ids = [...glyphIdsOf(parsed, '地域生活支援拠点等の届出書 特定非営利活動法人 ひまわり工房 24時間365日 report.pdf（続き）1／2'), parsed.numGlyphs - 1];
    const ours = subsetTrueType(parsed, data, ids);
    expect(Buffer.from(ours).equals(Buffer.from(fontkitSubset(parsed, ids)))).toBe(true);
  });

  it('a font with composite glyphs: the components are added and renumbered as fontkit does', () => {
    // DejaVu Sans comes with fontconfig (poppler's dependency); its accented letters are composites.
    const file = execFileSync('fc-match', ['-f', '%{file}', 'DejaVu Sans:style=Book'], { encoding: 'utf8' });
    const data = new Uint8Array(fs.readFileSync(file));
    const font = fontkit.create(Buffer.from(data.buffer)) as fontkit.Font;
    const ids = glyphIdsOf(font, 'Ça déjà vu? Ångström, naïve façade');
    const composites = ids.filter((id) => ((font as unknown as FontkitInternals).getGlyph(id)._decode()?.numberOfContours ?? 0) < 0);
    expect(composites.length).toBeGreaterThan(5);
    const ours = subsetTrueType(font, data, ids);
    expect(ours.length).toBeGreaterThan(0);
    expect(Buffer.from(ours).equals(Buffer.from(fontkitSubset(font, ids)))).toBe(true);
  });
});
