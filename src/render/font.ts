/**
 * The print font: BIZ UDPGothic from npm (@expo-google-fonts/biz-udpgothic), embedded in every PDF as a subset.
 * Loaded and parsed once per process; measuring here uses the same advance widths pdfme uses when it draws, so text wrapped
 * here is drawn on the same lines.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
const PT_TO_MM = 25.4 / 72;

export const FONT_NAME = 'BIZUDPGothic';

export interface PrintFont {
  name: string;
  data: Uint8Array<ArrayBuffer>;
  /** Width of `text` in mm at `sizePt`. */
  widthMm(text: string, sizePt: number): number;
  /** Whether the font has a glyph for the code point (a character it cannot draw is an error, never a blank box). */
  canDraw(codePoint: number): boolean;
  /** The font parsed once: the PDF embeds this very object, so glyphs decoded while measuring serve the drawing too. */
  parsed: fontkit.Font;
  /** The fontkit library that parsed it (pdf-lib parses any other font with it). */
  fontkit: typeof fontkit;
}

let loaded: PrintFont | undefined;
let loadedBold: PrintFont | undefined;

export function printFont(): PrintFont {
  if (loaded) return loaded;
  loaded = openFont(process.env.YOSHIKI_FONT ?? require.resolve('@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf'), FONT_NAME);
  return loaded;
}

/**
 * The bold weight (700) of the same family, for the 様式's title as printed government forms set it. It ships in the
 * same npm package; a custom YOSHIKI_FONT has no bold companion, so its titles print in that font.
 */
export function boldPrintFont(): PrintFont {
  if (process.env.YOSHIKI_FONT) return printFont();
  loadedBold ??= openFont(require.resolve('@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf'), `${FONT_NAME}-Bold`);
  return loadedBold;
}

function openFont(file: string, name: string): PrintFont {
  const data = new Uint8Array(fs.readFileSync(file));
  const font = fontkit.create(Buffer.from(data.buffer)) as fontkit.Font;
  const unitsPerEm = font.unitsPerEm;
  const advance = new Map<number, number>();
  const drawable = new Map<number, boolean>();
  const advanceOf = (cp: number) => {
    let a = advance.get(cp);
    if (a === undefined) {
      a = font.glyphForCodePoint(cp).advanceWidth;
      advance.set(cp, a);
    }
    return a;
  };
  return {
    name,
    data,
    widthMm(text, sizePt) {
      let units = 0;
      for (const ch of text) units += advanceOf(ch.codePointAt(0)!);
      return (units / unitsPerEm) * sizePt * PT_TO_MM;
    },
    canDraw(cp) {
      // Asked for every character of every value (G-GLYPH); fontkit's cmap lookup is not cheap enough for that.
      let known = drawable.get(cp);
      if (known === undefined) drawable.set(cp, (known = font.hasGlyphForCodePoint(cp)));
      return known;
    },
    parsed: font,
    fontkit,
  };
}
