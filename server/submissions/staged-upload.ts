/**
 * Attachments of a filing streamed to a temporary folder as they arrive, never held in memory: three filings of twenty
 * 10 MB attachments once held ~1 GB while they were read. The SHA-256 and size are computed on the way, with the few
 * bytes the PDF check needs (filing-check.ts); the store copies the file into place (file-blobs.ts). The folder is the
 * request's own and goes when the answer has been sent or the client has gone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type multer from 'multer';
import type { StagedAttachment } from '../../src/submissions/filing-check.ts';

/** What multer keeps of a staged file besides its own fields (path, size). */
export interface StagedFile extends Express.Multer.File {
  sha256: string;
  pdfSample: Uint8Array;
}

const folders = new WeakMap<Request, Promise<string>>();

/** The request's temporary folder, made on its first file and removed when the response closes. */
function folderOf(req: Request): Promise<string> {
  let folder = folders.get(req);
  if (!folder) {
    folder = fs.promises.mkdtemp(path.join(os.tmpdir(), 'yoshiki-filing-'));
    folders.set(req, folder);
    const remove = () => void folder!.then((dir) => fs.promises.rm(dir, { recursive: true, force: true })).catch(() => undefined);
    if (req.res?.closed) remove();
    else req.res?.once('close', remove);
  }
  return folder;
}

/** PDF check bytes: the first five and the last 1,024 (looksLikePdf reads no others). */
const HEAD = 5;
const TAIL = 1024;

export const stagedStorage: multer.StorageEngine = {
  _handleFile(req, file, done) {
    void (async () => {
      const dir = await folderOf(req as Request);
      const target = path.join(dir, crypto.randomUUID());
      const hash = crypto.createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      let tail = Buffer.alloc(0);
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < HEAD) head = Buffer.concat([head, chunk.subarray(0, HEAD - head.length)]);
          tail = Buffer.concat([tail, chunk]).subarray(-TAIL);
          next(null, chunk);
        },
      });
      await pipeline(file.stream, tap, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      const staged: Partial<StagedFile> = { path: target, size, sha256: hash.digest('hex'), pdfSample: new Uint8Array(Buffer.concat([head, tail])) };
      return staged;
    })().then(
      (info) => done(null, info),
      (e: Error) => done(e),
    );
  },
  _removeFile(_req, file, done) {
    fs.rm(file.path, { force: true }, (e) => done(e));
  },
};

/** The files multer staged, as the filing takes them. */
export const stagedAttachments = (files: Express.Multer.File[]): StagedAttachment[] =>
  (files as StagedFile[]).map((f) => ({ name: f.originalname, file: f.path, size: f.size, sha256: f.sha256, pdfSample: f.pdfSample }));
