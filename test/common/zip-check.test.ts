/**
 * src/zip-check.ts: a client's zip (an .xlsx) is judged before any spreadsheet library opens it — by its central
 * directory (parts, declared inflated size, ratio), and by inflating each part once, so a directory that lies about a
 * part's size is caught too.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { checkZip, ZipRefusal, type ZipLimits } from '../../src/zip-check.ts';

const LIMITS: ZipLimits = { maxEntries: 100, maxTotalBytes: 8 * 1024 * 1024, maxRatio: 200 };

async function zipOf(parts: [string, Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of parts) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const refusal = async (source: Buffer) => {
  try {
    await checkZip(source, LIMITS);
  } catch (e) {
    if (e instanceof ZipRefusal) return e;
    throw e;
  }
  return undefined;
};

describe('checkZip', () => {
  it('passes a workbook exceljs wrote, telling its parts and inflated size', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['届出日', '事業所番号']);
    const result = await checkZip(Buffer.from(await workbook.xlsx.writeBuffer()), LIMITS);
    expect(result.entries).toBeGreaterThan(5);
    expect(result.inflatedBytes).toBeGreaterThan(1000);
  });

  it('refuses as a bomb: too many parts, too much inflated, a part compressed too far', async () => {
    const parts = await refusal(await zipOf(Array.from({ length: 101 }, (_, i) => [`p${i}`, Buffer.from('x')])));
    expect([parts?.kind, parts?.message]).toEqual(['bomb', 'parts > 100']);
    const large = await refusal(await zipOf([['a', crypto.randomBytes(9 * 1024 * 1024)]]));
    expect([large?.kind, large?.message]).toEqual(['bomb', `inflated > ${8 * 1024 * 1024} bytes`]);
    const zeros = await refusal(await zipOf([['a', Buffer.alloc(4 * 1024 * 1024)]]));
    expect(zeros?.kind).toBe('bomb');
    expect(zeros?.message).toMatch(/^ratio \d+ > 200$/);
  });

  it('refuses a directory that declares a part smaller than it inflates (as corrupt)', async () => {
    const zip = await zipOf([['sheet.xml', Buffer.from('<row/>'.repeat(20_000))]]);
    // The uncompressed size: offset 22 in the local header, 24 in the central directory header.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(100, 22);
    zip.writeUInt32LE(100, central + 24);
    const refused = await refusal(zip);
    expect(refused?.kind).toBe('corrupt');
    expect(refused?.message).toMatch(/too many bytes/);
  });

  it('refuses bytes flipped inside the compressed data, and a file that is no zip at all', async () => {
    const zip = await zipOf([['sheet.xml', Buffer.from(Array.from({ length: 5000 }, (_, i) => `<c r="A${i}">${i * 7919}</c>`).join(''))]]);
    for (const at of [0.3, 0.5]) zip[Math.floor(zip.length * at)] ^= 0xff;
    expect((await refusal(zip))?.kind).toBe('corrupt');
    expect((await refusal(Buffer.from('届出日,事業所番号\n')))?.kind).toBe('corrupt');
  });
});
