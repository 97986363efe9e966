/**
 * The TrueType subset a PDF embeds (FontFile2), written from the font file's own bytes.
 *
 * Why not fontkit's TTFSubset.encode(), which pdf-lib calls: for every glyph of every document it decodes the whole outline
 * (only to learn whether the glyph is a composite) and writes the hinting tables (cvt, prep, fpgm: ~5 KB for BIZ UDPGothic)
 * number by number through restructure. That was about a fifth of a document's render time. This writer copies the same
 * bytes — raw glyph records, raw hinting tables, head / hhea / maxp with their counts changed — in the same order, so its
 * output is byte for byte what fontkit writes for the same glyphs (test/pdf/truetype-subset.test.ts compares the two).
 */
import type * as fontkit from 'fontkit';

/** What is read once per font file: table bytes and the glyph offsets. */
interface FontTables {
  bytes: Uint8Array;
  table(tag: string): Uint8Array | undefined;
  glyf: Uint8Array;
  /** loca offsets into glyf (bytes), numGlyphs + 1 of them. */
  loca: Uint32Array;
  longLoca: boolean;
  hmtx: Uint8Array;
  numberOfHMetrics: number;
}

const tablesByFont = new WeakMap<object, FontTables>();

interface DirectoryEntry {
  offset: number;
  length: number;
}

function readTables(font: fontkit.Font, bytes: Uint8Array): FontTables {
  let known = tablesByFont.get(font);
  if (known) return known;
  const directory = (font as unknown as { directory: { tables: Record<string, DirectoryEntry | undefined> } }).directory.tables;
  const table = (tag: string) => {
    const entry = directory[tag];
    return entry ? bytes.subarray(entry.offset, entry.offset + entry.length) : undefined;
  };
  const head = new DataView(table('head')!.buffer, table('head')!.byteOffset);
  const longLoca = head.getInt16(50) === 1;
  const numGlyphs = new DataView(table('maxp')!.buffer, table('maxp')!.byteOffset).getUint16(4);
  const rawLoca = table('loca')!;
  const locaView = new DataView(rawLoca.buffer, rawLoca.byteOffset, rawLoca.byteLength);
  const loca = new Uint32Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) loca[i] = longLoca ? locaView.getUint32(i * 4) : locaView.getUint16(i * 2) * 2;
  const hhea = table('hhea')!;
  known = { bytes, table, glyf: table('glyf')!, loca, longLoca, hmtx: table('hmtx')!, numberOfHMetrics: new DataView(hhea.buffer, hhea.byteOffset).getUint16(34) };
  tablesByFont.set(font, known);
  return known;
}

/** Whether `subsetTrueType` can write this font's subset (TrueType outlines, no variations); otherwise fontkit does. */
export function canSubsetTrueType(font: fontkit.Font): boolean {
  const f = font as unknown as { directory: { tables: Record<string, unknown> }; _variationProcessor?: unknown };
  const tables = f.directory.tables;
  return Boolean(tables.glyf && tables.loca && tables.head && tables.hhea && tables.maxp && tables.hmtx) && !tables['CFF '] && !f._variationProcessor;
}

// Composite glyph flags (OpenType 'glyf' table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * The subset font file for `glyphIds` (the subset's glyph order: .notdef first, as fontkit's Subset keeps it). Components
 * of composite glyphs are appended after them and renumbered inside the composite, as fontkit does.
 */
export function subsetTrueType(font: fontkit.Font, bytes: Uint8Array, glyphIds: readonly number[]): Uint8Array {
  const t = readTables(font, bytes);
  const order: number[] = [];
  const mapping = new Map<number, number>();
  const include = (gid: number) => {
    let id = mapping.get(gid);
    if (id === undefined) {
      order.push(gid);
      mapping.set(gid, (id = order.length - 1));
    }
    return id;
  };
  for (const gid of glyphIds) include(gid);
  const records: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (let i = 0; i < order.length; i++) {
    const gid = order[i];
    let record = t.glyf.subarray(t.loca[gid], t.loca[gid + 1]);
    if (record.length >= 10 && ((record[0] << 8) | record[1]) >= 0x8000) {
      // A composite (numberOfContours < 0): its components join the subset, under their new numbers.
      record = record.slice();
      const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
      let pos = 10;
      let flags: number;
      do {
        flags = view.getUint16(pos);
        view.setUint16(pos + 2, include(view.getUint16(pos + 2)));
        pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) pos += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
      } while (flags & MORE_COMPONENTS);
    }
    records.push(record);
    offsets.push(offset);
    offset += record.length;
  }
  offsets.push(offset);
  const count = order.length;

  const glyf = concat(records, offset);
  const loca = new Uint8Array(t.longLoca ? offsets.length * 4 : offsets.length * 2);
  const locaView = new DataView(loca.buffer);
  offsets.forEach((o, i) => (t.longLoca ? locaView.setUint32(i * 4, o) : locaView.setUint16(i * 2, o >>> 1)));
  // Every glyph gets its own advance and left side bearing (no shared trailing advance), as fontkit writes hmtx.
  const hmtx = new Uint8Array(count * 4);
  const hmtxOut = new DataView(hmtx.buffer);
  const hmtxIn = new DataView(t.hmtx.buffer, t.hmtx.byteOffset, t.hmtx.byteLength);
  const n = t.numberOfHMetrics;
  order.forEach((gid, i) => {
    const advance = hmtxIn.getUint16((gid < n ? gid : n - 1) * 4);
    const bearing = gid < n ? hmtxIn.getInt16(gid * 4 + 2) : 4 * n + (gid - n) * 2 + 2 <= t.hmtx.length ? hmtxIn.getInt16(4 * n + (gid - n) * 2) : 0;
    hmtxOut.setUint16(i * 4, advance);
    hmtxOut.setInt16(i * 4 + 2, bearing);
  });
  const hhea = t.table('hhea')!.slice();
  new DataView(hhea.buffer).setUint16(34, count);
  const maxp = t.table('maxp')!.slice();
  new DataView(maxp.buffer).setUint16(4, count);

  // fontkit's order and directory: tag 'true', checksums left 0, tables back to back without padding.
  const tables: [string, Uint8Array | undefined][] = [
    ['head', t.table('head')],
    ['hhea', hhea],
    ['loca', loca],
    ['maxp', maxp],
    ['cvt ', t.table('cvt ')],
    ['prep', t.table('prep')],
    ['glyf', glyf],
    ['hmtx', hmtx],
    ['fpgm', t.table('fpgm')],
  ];
  const present = tables.filter((e): e is [string, Uint8Array] => e[1] !== undefined);
  const numTables = present.length;
  const maxPowerOf2 = 2 ** Math.floor(Math.log2(numTables));
  const headerLength = 12 + 16 * numTables;
  const total = present.reduce((sum, [, b]) => sum + b.length, headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  writeTag(out, 0, 'true');
  view.setUint16(4, numTables);
  view.setUint16(6, maxPowerOf2 * 16);
  view.setUint16(8, Math.log2(maxPowerOf2));
  view.setUint16(10, numTables * 16 - maxPowerOf2 * 16);
  let at = headerLength;
  present.forEach(([tag, b], i) => {
    const entry = 12 + 16 * i;
    writeTag(out, entry, tag);
    view.setUint32(entry + 4, 0);
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, b.length);
    out.set(b, at);
    at += b.length;
  });
  return out;
}

function writeTag(out: Uint8Array, at: number, tag: string): void {
  for (let i = 0; i < 4; i++) out[at + i] = tag.charCodeAt(i);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
