/** `--zip`: every file of the batch in one zip, streamed to disk by yazl (file names in UTF-8, as Windows 10+ reads them). */
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

export async function writeZip(outDir: string, zipName: string, files: string[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addFile(path.join(outDir, file), file);
  const target = path.join(outDir, zipName);
  const partial = `${target}.partial`;
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(partial);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
  fs.renameSync(partial, target);
  return zipName;
}
