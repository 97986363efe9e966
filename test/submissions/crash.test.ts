/**
 * Crash safety: filing processes are killed with SIGKILL at random points, again and again (≥ 50 kills, several at once
 * on the same store). Afterwards the database is intact, every receipt a client received is stored with its attachment,
 * and the receipt numbers run 1, 2, 3 … with none repeated and none skipped.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { verifyAuditChain, verifyCheckpoints } from '../../src/store/audit-chain.ts';
import { AUDIT_KEY_FILE, loadAuditKey, readPublicKey } from '../../src/store/audit-key.ts';
import { sha256Hex } from '../../src/store/canonical.ts';
import { backends, type OpenedStore } from './backends.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROUNDS = 5;
const PARALLEL = 10;

/**
 * Runs one filing process, kills it at a random moment after it has started filing; resolves with what it printed.
 * Half the processes are killed at a random point from the start (often mid-filing); the other half only after their
 * first receipt, so a loaded machine (slow filings) still yields receipts to check.
 */
function fileUntilKilled(opened: OpenedStore, afterFirstReceipt: boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (opened.databaseUrl) env.DATABASE_URL = opened.databaseUrl;
    else delete env.DATABASE_URL;
    // The children sign the audit with the store's own key (with PostgreSQL it is not in a data folder they are given).
    env.YOSHIKI_AUDIT_KEY_FILE = path.join(opened.keyDir, AUDIT_KEY_FILE);
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, opened.dataDir ?? '-'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    const giveUp = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`filing process did not start:\n${err}`))), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && (afterFirstReceipt ? /^ICH-/m.test(out) : out.includes('ready\n'))) {
        armed = true;
        // Somewhere in the first few filings: validation, the attachment write, or the transaction.
        setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 150);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(giveUp);
      if (signal !== 'SIGKILL') return reject(new Error(`filing process ended by itself (${code}):\n${err}`));
      resolve(out.split('\n').filter((l) => /^ICH-/.test(l)));
    });
  });
}

describe.each(backends)('強制終了に耐える（$name）', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
    await opened.store.close(); // the children open it; the test reads it afterwards
  });
  afterAll(async () => opened?.cleanup());

  it(`${ROUNDS * PARALLEL} 回の SIGKILL の後も、受け取った受付番号はすべて保存され、番号は欠番も重複もない`, { timeout: 300_000 }, async () => {
    const received: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const outputs = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => fileUntilKilled(opened, i % 2 === 1)));
      received.push(...outputs.flat());
    }
    const store = await opened.reopen();
    expect(await store.integrityCheck()).toBe('ok');
    const heads = await store.list({ municipality: 'ichikawa' });
    const seqs = heads.map((h) => h.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(new Set(heads.map((h) => h.receiptNumber)).size).toBe(heads.length);
    expect(new Set(received).size).toBe(received.length);
    const stored = new Set(heads.map((h) => h.receiptNumber));
    expect(received.filter((no) => !stored.has(no))).toEqual([]);
    expect(received.length).toBeGreaterThan(0);
    for (const head of heads) {
      const record = (await store.submission(head.receiptNumber))!;
      const attachment = record.current.attachments[0];
      const bytes = await store.attachmentBytes(attachment.location);
      expect(bytes && sha256Hex(bytes), head.receiptNumber).toBe(attachment.sha256);
    }
    const log = await store.auditLog();
    expect(verifyAuditChain(log).ok).toBe(true);
    // Entry and checkpoint are written in one transaction: no kill leaves an entry unsigned or a checkpoint without its entry.
    const key = readPublicKey(loadAuditKey(opened.keyDir, { create: false })!.publicKeyPem, 'test');
    expect(verifyCheckpoints(log, await store.auditCheckpoints(), [key])).toEqual({ ok: true, count: log.length, head: log.at(-1)!.hash });
  });
});
