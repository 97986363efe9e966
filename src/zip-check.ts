/**
 * A zip from a client (an .xlsx is one) inspected before any spreadsheet library opens it: a 3 MB "XLSX bomb" once took
 * the server to 3.4 GB and many seconds of CPU inside exceljs before it answered. yauzl reads the central directory, so
 * the number of parts, their declared inflated sizes and compression ratios are checked without inflating anything; then
 * every part is inflated once into nothing, which yauzl stops as soon as a part inflates to more than it declared (a
 * lying directory) or its data is corrupt. At most `maxTotalBytes` are inflated, so the check itself is bounded.
 *
 * exceljs's streaming reader walks the local headers in file order rather than the directory, so the parts must also
 * cover the file end to end: bytes hidden between parts (a second, undeclared copy of a part) are refused too.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export interface ZipLimits {
  /** Parts in the zip (an .xlsx from Excel has some 10–40). */
  maxEntries: number;
  /** Sum of the parts' inflated sizes. */
  maxTotalBytes: number;
  /** Inflated / compressed size of one part larger than 1 MB (XML compresses some 5–30 times; bombs 1,000 times). */
  maxRatio: number;
}

/** Generous enough for a sheet of 100,000 rows written by Excel; a bomb is still refused before exceljs sees it. */
export const CLI_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 2 * 1024 ** 3, maxRatio: 500 };

/** Why a zip was refused: `bomb` (too many parts, too large inflated, too compressed) or `corrupt` (cannot be inflated). */
export class ZipRefusal extends Error {
  constructor(
    readonly kind: 'bomb' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'ZipRefusal';
  }
}

/** Parts smaller than this are never refused for their ratio alone (a short run of spaces compresses well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** A data descriptor after a part's data: 12 or 16 bytes, 20 or 24 in Zip64. */
const MAX_DESCRIPTOR = 24;

const open = (source: Buffer | string): Promise<yauzl.ZipFile> =>
  new Promise((resolve, reject) => {
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
    const done = (e: Error | null, zip?: yauzl.ZipFile) => (e || !zip ? reject(e ?? new Error('no zip')) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });

function entries(zip: yauzl.ZipFile, limits: ZipLimits): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    let total = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      list.push(entry);
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (list.length > limits.maxEntries) return reject(new ZipRefusal('bomb', `parts > ${limits.maxEntries}`));
      if (total > limits.maxTotalBytes) return reject(new ZipRefusal('bomb', `inflated > ${limits.maxTotalBytes} bytes`));
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) return reject(new ZipRefusal('bomb', `ratio ${Math.round(ratio)} > ${limits.maxRatio}`));
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', reject);
    zip.readEntry();
  });
}

const localHeader = (zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<{ fileDataStart: number }> =>
  new Promise((resolve, reject) => zip.readLocalFileHeader(entry, { minimal: true }, (e, header) => (e ? reject(e) : resolve(header))));

const inflateAway = (zip: yauzl.ZipFile, entry: yauzl.Entry, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) =>
    zip.openReadStream(entry, (e, stream?: Readable) => {
      if (e || !stream) return reject(e ?? new Error('no stream'));
      const stop = () => stream.destroy(new ZipRefusal('corrupt', 'deadline'));
      signal?.addEventListener('abort', stop, { once: true });
      stream.on('data', () => undefined);
      stream.on('end', () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      });
      stream.on('error', (err) => {
        signal?.removeEventListener('abort', stop);
        reject(err);
      });
    }),
  );

/** Resolves when the zip is within `limits` and every part inflates as declared; else rejects with a ZipRefusal. */
export async function checkZip(source: Buffer | string, limits: ZipLimits, signal?: AbortSignal): Promise<{ entries: number; inflatedBytes: number }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(source);
  } catch (e) {
    throw new ZipRefusal('corrupt', (e as Error).message);
  }
  try {
    // Where the central directory starts (yauzl's cursor before the first entry is read): the parts must end there.
    const directoryStart = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const list = await entries(zip, limits);
    const spans: [number, number][] = [];
    for (const entry of list) {
      if (signal?.aborted) throw new ZipRefusal('corrupt', 'deadline');
      const { fileDataStart } = await localHeader(zip, entry);
      spans.push([entry.relativeOffsetOfLocalHeader, fileDataStart + entry.compressedSize]);
      if (!entry.fileName.endsWith('/')) await inflateAway(zip, entry, signal);
    }
    spans.sort((a, b) => a[0] - b[0]);
    let end = 0;
    for (const [start, stop] of spans) {
      if (start < end || start - end > MAX_DESCRIPTOR) throw new ZipRefusal('corrupt', `bytes ${end}–${start} belong to no part`);
      end = stop;
    }
    if (directoryStart - end > MAX_DESCRIPTOR) throw new ZipRefusal('corrupt', `bytes ${end}–${directoryStart} belong to no part`);
    return { entries: list.length, inflatedBytes: list.reduce((sum, e) => sum + e.uncompressedSize, 0) };
  } catch (e) {
    if (e instanceof ZipRefusal) throw e;
    throw new ZipRefusal('corrupt', (e as Error).message);
  } finally {
    zip.close();
  }
}
