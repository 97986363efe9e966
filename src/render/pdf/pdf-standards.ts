/**
 * What preflight tools (and screen readers, file managers, archives) look for in a PDF beyond its pages:
 * - an embedded font subset is named `ABCDEF+PostScriptName` (ISO 32000-1 §9.6.4), so `pdffonts` reports it as a subset and
 *   a printer never mistakes the subset for the whole font;
 * - the document information dictionary and an XMP metadata stream that agree (ISO 32000-1 §14.3.2, §14.3.3): title,
 *   author (the filer), yoshiki as creator tool and producer, the dates, the language;
 * - /ViewerPreferences /DisplayDocTitle, so a viewer's title bar shows the 様式's title rather than a file name.
 *
 * Used by every path that writes a PDF: the print renderer (render-pdf.ts), the fillable PDF, filling it, and the batch's
 * per-row and combined files.
 */
import { createHash } from 'node:crypto';
import { PDFBool, PDFHexString, PDFName, type PDFDocument, type PDFFont } from '@pdfme/pdf-lib';
import type * as fontkit from 'fontkit';
import type { FormDefinition } from '../../forms/definition.ts';
import { getAt } from '../../forms/fields.ts';

/** The name every PDF yoshiki writes carries as Creator and Producer. */
export const TOOL_NAME = 'yoshiki';

export interface PdfDescription {
  title: string;
  /** Who the document is from: the filer (申請者 名称, 事業所名) or, for a notice, its issuer; left out when unknown. */
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Creation and modification time (one instant: the file is written once). */
  date: Date;
}

/** The PDF's Author: the filer's name as typed (the definition says which field), or the issuer of a notice. */
export function documentAuthor(definition: FormDefinition, data: unknown): string | undefined {
  if ('text' in definition.author) return definition.author.text;
  const name = getAt(data, definition.author.field);
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/**
 * Sets the information dictionary, the XMP metadata and DisplayDocTitle. Call it last before saving: pdf-lib rewrites the
 * Producer and the dates of a document it loads or creates with `updateMetadata` on.
 */
export function describePdf(pdf: PDFDocument, description: PdfDescription): void {
  const date = new Date(Math.floor(description.date.getTime() / 1000) * 1000);
  pdf.setTitle(description.title, { showInWindowTitleBar: true });
  if (description.author) pdf.setAuthor(description.author);
  pdf.setCreator(TOOL_NAME);
  pdf.setProducer(TOOL_NAME);
  if (description.subject !== undefined) pdf.setSubject(description.subject);
  if (description.keywords !== undefined) pdf.setKeywords(description.keywords);
  pdf.setLanguage('ja');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  pdf.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  const xmp = new TextEncoder().encode(xmpPacket({ ...description, date }));
  // Metadata stays uncompressed (ISO 32000-1 §14.3.2): tools that do not parse PDF still find the packet.
  const stream = pdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
}

/** Whether a PDF says it should show its title (for tests and checks of files written elsewhere). */
export function displaysDocTitle(pdf: PDFDocument): boolean {
  return pdf.catalog.getViewerPreferences()?.dict.get(PDFName.of('DisplayDocTitle')) === PDFBool.True;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** ISO 8601 to the second, in UTC: the same instant as the information dictionary's D:…Z dates. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function xmpPacket(d: PdfDescription): string {
  const when = xmpDate(d.date);
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(d.title)}</rdf:li></rdf:Alt></dc:title>`,
    ...(d.author ? [`   <dc:creator><rdf:Seq><rdf:li>${escapeXml(d.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(d.subject ? [`   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(d.subject)}</rdf:li></rdf:Alt></dc:description>`] : []),
    '   <dc:language><rdf:Bag><rdf:li>ja</rdf:li></rdf:Bag></dc:language>',
    `   <xmp:CreatorTool>${TOOL_NAME}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${when}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${when}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${when}</xmp:MetadataDate>`,
    `   <pdf:Producer>${TOOL_NAME}</pdf:Producer>`,
    ...(d.keywords?.length ? [`   <pdf:Keywords>${escapeXml(d.keywords.join(' '))}</pdf:Keywords>`] : []),
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ];
  return lines.join('\n');
}

/** The part of pdf-lib's subset embedder this file relies on (pinned @pdfme/pdf-lib; the tests read the name back). */
interface SubsetEmbedder {
  fontName: string;
  customName?: string;
  glyphs: ({ id: number } | undefined)[];
  font: fontkit.Font;
  subset: { glyphs: number[]; includeGlyph(glyph: fontkit.Glyph): number };
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
  fontFeatures?: unknown;
  encodeText(text: string): PDFHexString;
  embedIntoContext(context: unknown, ref?: unknown): Promise<unknown>;
}

/** Six capital letters from the glyphs in the subset: the same glyphs always give the same tag. */
export function subsetTag(glyphIds: number[]): string {
  const digest = createHash('sha256').update(Uint32Array.from([...glyphIds].sort((a, b) => a - b))).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/**
 * Names a subset font `TAG+PostScriptName` when the document is saved, the tag derived from the glyphs it then holds.
 * pdf-lib names subsets `Name-1234` (a random number), which tells no tool that the font is a subset.
 *
 * The font file itself is fontkit's subset, as pdf-lib writes it; it is compressed through the document's flateStream,
 * which native-flate.ts gives to Node's zlib.
 */
export function tagSubsetFont(font: PDFFont): PDFFont {
  const embedder = (font as unknown as { embedder: SubsetEmbedder }).embedder;
  if (!Array.isArray(embedder.glyphs)) throw new Error('[yoshiki] tagSubsetFont: not a subset font');
  const embed = embedder.embedIntoContext.bind(embedder);
  embedder.embedIntoContext = (context, ref) => {
    const ids = embedder.glyphs.filter((g) => g !== undefined).map((g) => g.id);
    embedder.customName = `${subsetTag(ids)}+${embedder.fontName}`;
    return embed(context, ref);
  };
  if (embedder.fontFeatures === undefined) embedder.encodeText = (text) => encodeShaped(embedder, text);
  return font;
}

/** Shaped glyphs per font and line of text: a 様式's labels are the same lines in every document of it. */
const shapedByFont = new WeakMap<fontkit.Font, Map<string, fontkit.Glyph[]>>();
// A 様式's own labels and headings are a few hundred lines; what varies per row is not worth keeping (at 20,000 lines a
// 10,000-row batch peaked 13 MB higher, for no time saved).
const SHAPED_LINES_KEPT = 2_000;

/**
 * pdf-lib's CustomFontSubsetEmbedder.encodeText, with fontkit's shaping of a line (its layout(): the GSUB features
 * ccmp and liga of BIZ UDPGothic apply) done once per font for a line that prints again.
 */
function encodeShaped(embedder: SubsetEmbedder, text: string): PDFHexString {
  let shaped = shapedByFont.get(embedder.font);
  if (!shaped) shapedByFont.set(embedder.font, (shaped = new Map()));
  let glyphs = shaped.get(text);
  if (!glyphs) {
    if (shaped.size >= SHAPED_LINES_KEPT) shaped.clear();
    glyphs = embedder.font.layout(text).glyphs;
    shaped.set(text, glyphs);
  }
  let hex = '';
  for (const glyph of glyphs) {
    const id = embedder.subset.includeGlyph(glyph);
    embedder.glyphs[id - 1] = glyph;
    embedder.glyphIdMap.set(glyph.id, id);
    hex += id.toString(16).toUpperCase().padStart(4, '0');
  }
  embedder.glyphCache.invalidate();
  return PDFHexString.of(hex);
}
