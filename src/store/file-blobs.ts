/**
 * Attachment bytes as files beside the SQLite database (`<data>/files/ab/ab12…`), named by their SHA-256. Each file is
 * written under a temporary name, fsynced, renamed into place and its folder fsynced, so after a crash a file is either
 * absent or complete — never half written under its real name. The database row is committed only after the file is in
 * place; a crash in between leaves an unreferenced file that `list()` lets retention clear away.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, SqlTx } from './sql.ts';

const LOCATION = /^files\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

function fsyncPath(target: string, flags: string): void {
  const fd = fs.openSync(target, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `bytes` to `file` atomically and durably (temp name, fsync, rename, fsync of the folder). */
export function writeFileDurably(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  fsyncPath(dir, 'r');
}

/** Copies `source` to `file` as writeFileDurably writes, streaming (an upload staged on disk is never read whole). */
export async function copyFileDurably(source: string, file: string): Promise<void> {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  try {
    await pipeline(fs.createReadStream(source), fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    fsyncPath(temp, 'r+');
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  fsyncPath(dir, 'r');
}

export class FileBlobStore implements BlobStore {
  constructor(private readonly dataDir: string) {}

  private resolve(location: string): string {
    // The location comes from our own table, but a tampered row must not reach outside the data folder.
    if (!LOCATION.test(location)) throw new Error(`添付ファイルの保存場所が不正です：${location}`);
    return path.join(this.dataDir, location);
  }

  async put(_tx: SqlTx, sha256: string, content: Uint8Array | { file: string }): Promise<string> {
    const location = `files/${sha256.slice(0, 2)}/${sha256}`;
    const file = this.resolve(location);
    const existing = fs.statSync(file, { throwIfNoEntry: false });
    if (content instanceof Uint8Array) {
      if (existing?.size !== content.byteLength) writeFileDurably(file, content);
    } else if (existing?.size !== fs.statSync(content.file).size) await copyFileDurably(content.file, file);
    return location;
  }

  async get(location: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(fs.readFileSync(this.resolve(location)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async remove(_tx: SqlTx, location: string): Promise<void> {
    fs.rmSync(this.resolve(location), { force: true });
  }

  private names(): { dir: string; name: string }[] {
    const root = path.join(this.dataDir, 'files');
    if (!fs.existsSync(root)) return [];
    return fs
      .readdirSync(root)
      .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
      .flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((name) => ({ dir, name })));
  }

  async list(_tx: SqlTx): Promise<string[]> {
    return this.names()
      .filter((n) => /^[0-9a-f]{64}$/.test(n.name))
      .map((n) => `files/${n.dir}/${n.name}`);
  }

  async removeTemporary(_tx: SqlTx): Promise<number> {
    const temps = this.names().filter((n) => n.name.startsWith('.tmp-'));
    for (const t of temps) fs.rmSync(path.join(this.dataDir, 'files', t.dir, t.name), { force: true });
    return temps.length;
  }
}
