/**
 * The audit log is append-only (the database refuses UPDATE and DELETE) and hash-chained: `yoshiki audit verify` finds an
 * edited, deleted, inserted or reordered entry in a copy of the database and names the first one that no longer fits.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/submissions/audit-chain.ts';
import { SQLITE_FILE } from '../../src/store/sqlite-driver.ts';
import type { SqlSubmissionStore } from '../../src/store/sql-store.ts';
import { backends, createDatabase, databaseUrlFor, dropDatabase, tempDir, type OpenedStore } from './backends.ts';
import { runCli } from './cli-run.ts';
import { appFor, bearer, henkoOfOfficeB, testClock, tokens } from './fixtures.ts';

type Tamper = { name: string; sql: (e: { prev2: string }) => string[]; firstBad: number };

const forged = (seq: number, prev: string, hash: string) =>
  `INSERT INTO audit_log (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (${seq}, '2024-06-20T10:00:00+09:00', 'office:0000000000#x', 'filed', 'ICH-2024-999999', '{}', '${prev}', '${hash}')`;

const TAMPERS: Tamper[] = [
  { name: '内容の書換え', sql: () => [`UPDATE audit_log SET details_json = '{"forged":true}' WHERE seq = 3`], firstBad: 3 },
  { name: '削除', sql: () => ['DELETE FROM audit_log WHERE seq = 3'], firstBad: 4 },
  {
    name: '挿入',
    sql: ({ prev2 }) => ['UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3', 'UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1003', forged(3, prev2, 'f'.repeat(64))],
    firstBad: 3,
  },
  {
    // A forger who recomputes the inserted entry's hash still breaks the link to the entry after it.
    name: '正しいハッシュ付きの挿入',
    sql: ({ prev2 }) => {
      const entry = { seq: 3, at: '2024-06-20T10:00:00+09:00', actor: 'office:0000000000#x', action: 'filed', subject: 'ICH-2024-999999', details: {}, prevHash: prev2 };
      return ['UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3', 'UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1003', forged(3, prev2, auditHash(entry))];
    },
    firstBad: 4,
  },
  { name: '入替え', sql: () => ['UPDATE audit_log SET seq = -1 WHERE seq = 3', 'UPDATE audit_log SET seq = 3 WHERE seq = 4', 'UPDATE audit_log SET seq = 4 WHERE seq = -1'], firstBad: 3 },
];

describe.each(backends)('監査ログ（$name）', (backend) => {
  let opened: OpenedStore;
  const clock = testClock('2024-06-20T10:00:00+09:00');
  let prev2 = '';

  beforeAll(async () => {
    opened = await backend.open();
    const app = appFor(opened.store, clock);
    const t = await tokens(opened.store, clock);
    for (const key of ['a', 'b'])
      await request(app)
        .post('/api/submissions')
        .set(bearer(t.officeB))
        .set('Idempotency-Key', key)
        .send({ documents: [{ form: 'ichikawa-kyoten-henko', data: { ...henkoOfOfficeB(), changedOn: key === 'a' ? '令和6年6月10日' : '令和6年6月11日' } }] })
        .expect(201);
    await request(app).post('/api/submissions/ICH-2024-000001/status').set(bearer(t.ichikawa)).send({ to: 'reviewing' }).expect(200);
    prev2 = (await opened.store.auditLog())[1].hash;
  });
  afterAll(async () => opened?.cleanup());

  const cliEnv = () => (opened.databaseUrl ? { databaseUrl: opened.databaseUrl } : {});
  const dataArgs = () => (opened.dataDir ? ['--data', opened.dataDir] : []);

  it('記録するたびに、前の記録のハッシュを持った記録が増え、verify は改ざんなしと報告する', async () => {
    const log = await opened.store.auditLog();
    expect(log.map((e) => e.action)).toEqual(['token-created', 'token-created', 'token-created', 'token-created', 'filed', 'filed', 'status']);
    expect(log[4].prevHash).toBe(log[3].hash);
    // No filed content in the audit: forms and digests only.
    expect(JSON.stringify(log)).not.toContain('すがのショートステイ');
    const res = await runCli(['audit', 'verify', ...dataArgs()], cliEnv());
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain(`監査ログ ${log.length} 件`);
    expect(res.out).toContain(log.at(-1)!.hash);
  });

  it('データベース自体が監査ログの変更・削除を拒む', async () => {
    const driver = (opened.store as SqlSubmissionStore).driver;
    await expect(driver.run(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/追記のみ/);
    await expect(driver.run('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/追記のみ/);
    expect((await opened.store.auditLog())[0].actor).not.toBe('x');
  });

  describe.each(TAMPERS)('複製したデータベースで $name をすると', (tamper) => {
    it(`verify は記録 ${tamper.firstBad} を最初の壊れた記録として示し、終了コード 1`, async () => {
      const statements = tamper.sql({ prev2 });
      if (backend.name === 'sqlite') {
        await opened.store.close(); // checkpoints the WAL into the file
        const copy = tempDir();
        fs.copyFileSync(path.join(opened.dataDir!, SQLITE_FILE), path.join(copy, SQLITE_FILE));
        const db = new Database(path.join(copy, SQLITE_FILE));
        // Whoever tampers with a copy can drop the triggers; the chain is what still tells.
        db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
        for (const s of statements) db.exec(s);
        db.close();
        const res = await runCli(['audit', 'verify', '--data', copy]);
        fs.rmSync(copy, { recursive: true, force: true });
        expect(res.code).toBe(1);
        expect(res.out).toContain(`記録 ${tamper.firstBad} で連鎖が壊れています`);
        await opened.reopen();
      } else {
        await opened.store.close();
        const original = new URL(opened.databaseUrl!).pathname.slice(1);
        const name = await createDatabase(original);
        const client = new pg.Client({ connectionString: databaseUrlFor(name) });
        await client.connect();
        await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
        for (const s of statements) await client.query(s);
        await client.end();
        const res = await runCli(['audit', 'verify'], { databaseUrl: databaseUrlFor(name) });
        await dropDatabase(name);
        expect(res.code).toBe(1);
        expect(res.out).toContain(`記録 ${tamper.firstBad} で連鎖が壊れています`);
        await opened.reopen();
      }
    });
  });
});
