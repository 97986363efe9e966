/**
 * The web form shows printed values with the print layout's line breaks: a <wbr> at each break opportunity of
 * src/render/layout/wrap.ts, and nowhere inside a word, a number with its counter, or 「ひまわり工房」. The module is
 * bundled for the browser by esbuild (platform browser), which refuses Node-only imports.
 */
import { build } from 'esbuild';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { breakOpportunities } from '../../src/render/layout/wrap.ts';
import { setPrintedText } from '../../web/line-breaks.ts';

describe('printed values in the web form', () => {
  it('get a <wbr> at exactly the print layout’s break opportunities', () => {
    const { document } = parseHTML('<p><span class="echo"></span></p>');
    const echo = document.querySelector('.echo') as unknown as HTMLElement;
    const text = '就労継続支援B型事業所ひまわり工房、千葉県市川市八幡三丁目15番2号 本八幡駅前ビル5階で24時間365日';
    setPrintedText(echo, text);
    expect(echo.textContent).toBe(text);
    const pieces = echo.innerHTML.split('<wbr>');
    expect(pieces.length).toBeGreaterThan(2);
    // The pieces end where breakOpportunities says, and no piece cuts a word the layout keeps whole.
    let at = 0;
    const ends = pieces.slice(0, -1).map((p) => (at += p.length));
    expect(ends).toEqual(breakOpportunities(text).filter((b) => b < text.length));
    for (const word of ['ひまわり工房', '15番2号', '5階', '24時間365日']) expect(pieces.some((p) => p.includes(word)), word).toBe(true);
  });

  it('bundle for the browser: wrap.ts and its libraries import nothing from Node', async () => {
    const result = await build({
      stdin: { contents: "import { setPrintedText } from './web/line-breaks.ts'; console.log(setPrintedText);", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(/require\(["']node:|from ["']node:/);
  });
});
