/**
 * The key that signs the audit log's checkpoints (Ed25519, node:crypto). It is kept outside the database — whoever can
 * write the database cannot sign — in, by order of precedence:
 *   YOSHIKI_AUDIT_KEY       the private key itself (PEM, PKCS#8), e.g. from a secret store;
 *   YOSHIKI_AUDIT_KEY_FILE  a file holding it;
 *   <data folder>/audit-signing-key.pem   created on the first start (mode 0600) when neither is set.
 * Its public part is printed when it is created and by `yoshiki audit public-key`; an auditor keeps that copy and runs
 * `yoshiki audit verify --public-key FILE` against it, so a replaced key file does not pass either.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { jcs, sha256Hex } from './canonical.ts';

export const AUDIT_KEY_FILE = 'audit-signing-key.pem';

export interface AuditSigner {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): which key signed a checkpoint. */
  keyId: string;
  publicKeyPem: string;
  /** Base64 Ed25519 signature over the UTF-8 bytes of `message`. */
  sign(message: string): string;
}

export interface AuditKey extends AuditSigner {
  /** Where the key came from, for messages: a file path or the environment variable's name. */
  source: string;
  /** True when this call created the key file (the first start). */
  created: boolean;
}

export interface AuditPublicKey {
  keyId: string;
  key: crypto.KeyObject;
}

/** The key is missing, unreadable or not an Ed25519 key: the message says which file and what to do. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

export function keyIdOf(publicKey: crypto.KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

/** What a checkpoint's signature covers: the entry number (= how many entries there are), its chain hash, time and key. */
export function checkpointMessage(c: { seq: number; hash: string; at: string; keyId: string }): string {
  return jcs({ v: 'yoshiki-audit-checkpoint/1', seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId });
}

export function auditKeyPath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.YOSHIKI_AUDIT_KEY_FILE ? path.resolve(env.YOSHIKI_AUDIT_KEY_FILE) : path.join(dataDir, AUDIT_KEY_FILE);
}

function privateKeyFrom(pem: string, source: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(pem);
  } catch {
    throw new AuditKeyError(`監査ログの署名鍵（${source}）を読み取れません。Ed25519 の秘密鍵（PEM）を指定してください。`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`監査ログの署名鍵（${source}）が Ed25519 の鍵ではありません（${key.asymmetricKeyType}）。`);
  return key;
}

function keyOf(privateKey: crypto.KeyObject, source: string, created: boolean): AuditKey {
  const publicKey = crypto.createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    sign: (message) => crypto.sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    source,
    created,
  };
}

/**
 * Writes a new key durably and atomically: to a temporary file first (fsynced), then linked to its name — link fails if
 * the name exists, so of two processes starting together exactly one key wins, and the other never reads a half-written
 * file. Returns undefined when another process's key won.
 */
function createKeyFile(file: string): crypto.KeyObject | undefined {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
  const failed = (e: unknown) =>
    new AuditKeyError(`監査ログの署名鍵 ${file} を作成できません（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。フォルダに書き込めるか確かめてください。`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw failed(e);
  }
  try {
    fs.linkSync(temp, file);
    // The new name itself must survive a power cut, or the first entries would be signed by a key that is then gone.
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
    return privateKey;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw failed(e);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * The signing key for the data folder (see the module comment for where it is looked for). With `create`, a missing key
 * file is created; without, a missing key gives undefined (reading and verifying need no private key).
 */
export function loadAuditKey(dataDir: string, options: { create: boolean; env?: NodeJS.ProcessEnv }): AuditKey | undefined {
  const env = options.env ?? process.env;
  if (env.YOSHIKI_AUDIT_KEY) return keyOf(privateKeyFrom(env.YOSHIKI_AUDIT_KEY, '環境変数 YOSHIKI_AUDIT_KEY'), 'YOSHIKI_AUDIT_KEY', false);
  const file = auditKeyPath(dataDir, env);
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new AuditKeyError(`監査ログの署名鍵 ${file} を読めません（${code ?? (e as Error).message}）。`);
    if (!options.create) return undefined;
    const created = createKeyFile(file);
    if (created) return keyOf(created, file, true);
    pem = fs.readFileSync(file, 'utf8');
  }
  return keyOf(privateKeyFrom(pem, file), file, false);
}

/** A public key to verify with: a public key PEM as exported, or (for the operator's convenience) the private key file. */
export function readPublicKey(pem: string, source: string): AuditPublicKey {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(pem);
  } catch {
    throw new AuditKeyError(`${source} から公開鍵を読み取れません。yoshiki audit public-key で書き出した PEM を指定してください。`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`${source} の鍵が Ed25519 の鍵ではありません（${key.asymmetricKeyType}）。`);
  return { keyId: keyIdOf(key), key };
}

export function verifyCheckpointSignature(key: crypto.KeyObject, message: string, signature: string): boolean {
  try {
    return crypto.verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
