/**
 * The pieces under `audit verify`: the chain's link to the previous entry, RFC 8785 canonical JSON, and the signing key —
 * created on the first start outside the database (mode 0600), its public part printed once and exportable, or taken
 * from YOSHIKI_AUDIT_KEY / YOSHIKI_AUDIT_KEY_FILE.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/start-server.ts';
import { auditHash, GENESIS_HASH, verifyAuditChain } from '../../src/store/audit-chain.ts';
import { AUDIT_KEY_FILE, AuditKeyError, loadAuditKey } from '../../src/store/audit-key.ts';
import { canonicalJson, jcs } from '../../src/store/canonical.ts';
import { openStore } from '../../src/store/open-store.ts';
import { SQLITE_FILE } from '../../src/store/sqlite-driver.ts';
import type { AuditEntry } from '../../src/store/types.ts';
import { createToken } from '../../src/submissions/tokens.ts';
import { tempDir } from './backends.ts';
import { runCli } from './cli-run.ts';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = { seq, at: '2024-06-20T10:00:00+09:00', actor: 'cli', action: 'read', subject: `s${seq}`, details: { n: seq }, prevHash };
    entries.push({ ...e, hash: (prevHash = auditHash(e)) });
  }
  return entries;
}

describe('ハッシュの連鎖', () => {
  it('記録が自分のハッシュは正しいまま、別の直前ハッシュを指していれば、その記録を示す（直前ハッシュの確認がなければ通ってしまう）', () => {
    const entries = chain(3);
    // Entry 2 re-pointed at a made-up predecessor, its own hash recomputed: only the link to entry 1 shows it.
    const repointed = { ...entries[1], prevHash: 'a'.repeat(64) };
    entries[1] = { ...repointed, hash: auditHash(repointed) };
    entries[2] = { ...entries[2], prevHash: entries[1].hash };
    entries[2] = { ...entries[2], hash: auditHash(entries[2]) };
    expect(verifyAuditChain(entries)).toEqual({
      ok: false,
      count: 3,
      seq: 2,
      reason: '記録 2 が指す直前の記録のハッシュが、実際の直前の記録と一致しません（記録の挿入・削除・入替え）。',
    });
  });

  it('手を加えていない連鎖は通り、最新のハッシュを返す', () => {
    const entries = chain(3);
    expect(verifyAuditChain(entries)).toEqual({ ok: true, count: 3, head: entries[2].hash });
  });
});

describe('正規化した JSON（RFC 8785）', () => {
  it('キーの順序・数の書き方・エスケープが違っても、同じ内容なら同じ文字列になる', () => {
    expect(jcs(JSON.parse('{"b":1.0,"a":"\\u0041","c":[1e2,{"y":true,"x":null}]}'))).toBe('{"a":"A","b":1,"c":[100,{"x":null,"y":true}]}');
  });

  it('RFC 8785 の例：数の表記と、キーを UTF-16 の順に並べる', () => {
    expect(jcs({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001] })).toBe('{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}');
    expect(jcs({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ud83d\ude00': 'Emoji: Grinning Face', '1': 'One', '\u0080': 'Control' })).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face"}',
    );
  });

  it('届出のデータの保存形式は、正しい Unicode なら RFC 8785 と同じ', () => {
    const data = { office: { name: 'すがの　ショートステイ', number: '1212345678' }, count: 2.5, list: ['Ａ型', '😀'] };
    expect(canonicalJson(data)).toBe(jcs(data));
  });
});

describe('監査ログの署名鍵', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir('yoshiki-key-');
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('サーバーの初回起動で、データフォルダに所有者だけが読める鍵を作り、2回目は同じ鍵を使う', async () => {
    const dataDir = dir();
    const first = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'silent' }) });
    await first.close();
    expect(first.auditKey.created).toBe(true);
    expect(first.auditKey.source).toBe(path.join(path.resolve(dataDir), AUDIT_KEY_FILE));
    expect(fs.statSync(first.auditKey.source).mode & 0o777).toBe(0o600);
    expect(first.auditKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const second = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'silent' }) });
    await second.close();
    expect(second.auditKey.created).toBe(false);
    expect(second.auditKey.keyId).toBe(first.auditKey.keyId);
    // The public key an auditor keeps is the one the CLI exports.
    const exported = await runCli(['audit', 'public-key', '--data', dataDir]);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toBe(first.auditKey.publicKeyPem);
    expect(exported.err).toBe(`監査ログの署名鍵：${first.auditKey.source}（鍵ID ${first.auditKey.keyId}）\n`);
  });

  it('YOSHIKI_AUDIT_KEY（PEM）があれば、データフォルダに鍵を作らずにそれを使う', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const dataDir = dir();
    const key = loadAuditKey(dataDir, { create: true, env: { YOSHIKI_AUDIT_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string } })!;
    expect(key.publicKeyPem).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(key.source).toBe('YOSHIKI_AUDIT_KEY');
    expect(fs.existsSync(path.join(dataDir, AUDIT_KEY_FILE))).toBe(false);
  });

  it('YOSHIKI_AUDIT_KEY_FILE の鍵が Ed25519 でなければ、ファイルを示して拒む', () => {
    const file = path.join(dir(), 'rsa.pem');
    fs.writeFileSync(file, crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadAuditKey(dir(), { create: true, env: { YOSHIKI_AUDIT_KEY_FILE: file } })).toThrow(
      new AuditKeyError(`監査ログの署名鍵（${file}）が Ed25519 の鍵ではありません（rsa）。`),
    );
  });

  it('鍵がなければ、public-key も verify も作らずに何をすればよいかを示す（終了コード 2）', async () => {
    const dataDir = dir();
    const exported = await runCli(['audit', 'public-key', '--data', dataDir]);
    expect(exported.code).toBe(2);
    const missing = `監査ログの署名鍵が ${path.resolve(dataDir)} にありません（サーバーの初回起動で作られます。YOSHIKI_AUDIT_KEY_FILE 又は YOSHIKI_AUDIT_KEY で別の場所を指定している場合は、同じ指定で実行してください）。`;
    expect(exported.err).toBe(`${missing}\n`);
    const verified = await runCli(['audit', 'verify', '--data', dataDir]);
    expect(verified.code).toBe(2);
    expect(verified.err).toBe(`${missing} 控えた公開鍵があれば --public-key で指定してください。\n`);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('--expect-head と --expect-count の書き方が違えば、正しい書き方を示す（終了コード 2）', async () => {
    const res = await runCli(['audit', 'verify', '--expect-head', 'abc']);
    expect(res.code).toBe(2);
    expect(res.err).toBe('--expect-head は yoshiki audit verify が表示した 64 桁の16進数のハッシュで指定してください（「abc」）。\n');
  });
});

describe('署名の導入前の監査ログ（SQLite）', () => {
  it('audit sign-legacy は、チェックポイントが一つもないログに一度だけ署名し、verify はその旨を示す', async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir, databaseUrl: '' });
    for (const office of ['1212345678', '1213500421']) await createToken(store, { role: 'office', officeNumber: office }, 'cli', () => new Date('2024-06-20T10:00:00+09:00'));
    await store.close();
    // A log as an older yoshiki wrote it: entries, no checkpoints.
    const db = new Database(path.join(dataDir, SQLITE_FILE));
    db.exec('DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints;');
    db.close();
    try {
      const before = await runCli(['audit', 'verify', '--data', dataDir]);
      expect(before.code).toBe(1);
      expect(before.out).toBe(
        '監査ログ 2 件のうち、記録 1 で署名が確かめられません：記録 1 には署名されたチェックポイントがありません（署名鍵を持たない者による追加、又はチェックポイントの削除）。\n',
      );
      const signed = await runCli(['audit', 'sign-legacy', '--data', dataDir]);
      expect(signed.code, signed.err).toBe(0);
      expect(signed.out).toBe('署名の導入前の監査ログ 2 件に署名しました。audit verify で確かめてください。\n');
      const after = await runCli(['audit', 'verify', '--data', dataDir]);
      expect(after.code, after.out).toBe(0);
      expect(after.out).toMatch(/^監査ログ 2 件を確かめました。.*\n（記録 1〜2 は署名の導入前に書かれた記録で、\d{4}-\d\d-\d\dT[\d:]+\+09:00 に audit sign-legacy で一括して署名されました。）\n/);
      // Once any checkpoint exists, an unsigned entry is a forgery, not history: never signed.
      const again = await runCli(['audit', 'sign-legacy', '--data', dataDir]);
      expect(again.code).toBe(2);
      expect(again.err).toBe(
        '監査ログに署名しませんでした。署名されたチェックポイントがすでにあります。署名のない記録は、導入前の記録ではなく、署名鍵を持たない者による追加です（audit verify で確かめてください）。\n',
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
