/**
 * Visual regression: every example (and its long-value twin, test/fixtures/long-values/) is printed to PDF, each page drawn
 * by poppler as a small grey PNG and compared with the image stored in test/visual/__snapshots__/ — as pdfme keeps a
 * snapshot per template. Pixels that differ only by anti-aliasing do not count (pixelmatch); a few more may, no more.
 *
 * After an intended change of the layout: `npm run test:update-visual` rewrites the stored images (look at them before
 * committing). A failing page leaves the new image and a diff (changed pixels in red) in the folder the failure names.
 */
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render/render.ts';
import { PRINT_TODAY, printCases } from '../support/print-cases.ts';
import { pdfToPngs, tempDir, writeTemp } from '../support/print-tools.ts';

const SNAPSHOTS = path.join(path.dirname(new URL(import.meta.url).pathname), '__snapshots__');
const UPDATE = process.env.UPDATE_VISUAL === '1';
/**
 * Low enough to keep the stored images small (about 12 KB a page: grey, no anti-aliasing), high enough to see every box,
 * rule and line of text.
 */
const DPI = 50;
/** pixelmatch's per-pixel colour distance (0–1) below which two pixels are the same. */
const PIXEL_THRESHOLD = 0.1;
/** Pixels that may differ: 0.01 % of a page (about 24), a few glyph edges rasterised differently, not one character. */
const MAX_DIFF_RATIO = 0.0001;

let work: string;
beforeAll(() => {
  work = tempDir('visual');
  fs.mkdirSync(SNAPSHOTS, { recursive: true });
});
afterAll(() => {
  // Kept when something failed, so the new images and diffs can be looked at.
  if (fs.readdirSync(work).every((f) => !f.endsWith('.diff.png'))) fs.rmSync(work, { recursive: true, force: true });
});

const stored = (name: string) =>
  fs
    .readdirSync(SNAPSHOTS)
    .filter((f) => f.startsWith(`${name}.p`) && /\.p\d+\.png$/.test(f.slice(name.length)))
    .sort();
const snapshotName = (name: string, page: number) => `${name}.p${String(page).padStart(2, '0')}.png`;

describe.each(printCases().map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('prints every page as the stored image shows it', async () => {
    const rendered = await renderDocument(c.form, c.data, { today: PRINT_TODAY });
    expect(rendered.pdf, `${name} was refused: ${rendered.result.errors.map((e) => e.rule).join(', ')}`).toBeDefined();
    const pages = pdfToPngs(writeTemp(work, `${name}.pdf`, rendered.pdf!), DPI, work, { antialias: false });

    if (UPDATE) {
      for (const old of stored(name)) fs.rmSync(path.join(SNAPSHOTS, old));
      // Stored as 8-bit grey (pdftoppm writes RGB), compressed as far as zlib goes.
      pages.forEach((png, i) =>
        fs.writeFileSync(path.join(SNAPSHOTS, snapshotName(name, i + 1)), PNG.sync.write(PNG.sync.read(fs.readFileSync(png)), { colorType: 0, inputColorType: 6, deflateLevel: 9 })),
      );
      return;
    }
    const expected = stored(name);
    expect(expected.length, `no stored images for ${name}: run \`npm run test:update-visual\` and look at them`).toBeGreaterThan(0);
    expect(pages.length, `${name} prints ${pages.length} pages, the stored images show ${expected.length}`).toBe(expected.length);
    pages.forEach((file, i) => {
      const actual = PNG.sync.read(fs.readFileSync(file));
      const want = PNG.sync.read(fs.readFileSync(path.join(SNAPSHOTS, expected[i])));
      expect([actual.width, actual.height], `${expected[i]}: page size`).toEqual([want.width, want.height]);
      const diff = new PNG({ width: want.width, height: want.height });
      const changed = pixelmatch(actual.data, want.data, diff.data, want.width, want.height, { threshold: PIXEL_THRESHOLD });
      const allowed = Math.floor(want.width * want.height * MAX_DIFF_RATIO);
      if (changed > allowed) fs.writeFileSync(path.join(work, expected[i].replace(/\.png$/, '.diff.png')), PNG.sync.write(diff));
      expect(changed, `${expected[i]}: ${changed} pixels differ (at most ${allowed}); new image and diff in ${work}`).toBeLessThanOrEqual(allowed);
    });
  });
});
