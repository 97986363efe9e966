/**
 * Canonical JSON and SHA-256 over it.
 *
 * - `jcs` is RFC 8785 (JSON Canonicalization Scheme, npm `canonicalize`): what the audit log, its signed checkpoints and
 *   its data anchors are hashed over, so an auditor can recompute every digest with any JCS implementation, and a
 *   re-spelling of the same content (key order, white space, `\u0041` for `A`, `1.0` for `1`) is not a false alarm.
 * - `canonicalJson` is the form filed data and notices are stored and hashed in (keys sorted, no white space). For text
 *   that is well-formed Unicode it gives exactly the JCS bytes; unlike JCS it keeps a lone surrogate (escaped, as
 *   JSON.stringify does), because a filing is never refused or rewritten for one — JCS would refuse it.
 */
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** RFC 8785 canonical JSON of plain data (see assertPlainJson); throws on what JCS cannot express. */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('JCS: the value has no JSON form.');
  return text;
}

export function sha256Hex(bytes: string | Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Details the audit log is asked to write that are not plain JSON data; a programming error, never a client's. */
export class AuditDetailsError extends TypeError {
  constructor(where: string, what: string) {
    super(`監査ログの details${where} は書けません：${what}`);
    this.name = 'AuditDetailsError';
  }
}

/**
 * Refuses anything whose hash would not mean what it seems to: a `__proto__` member (JSON.parse makes it an own key, an
 * object literal makes it the prototype — two readers, two contents), a non-plain object (a Date, a Map, a class with
 * toJSON: hashed as something else than it is), undefined or a function (silently dropped by JSON), a number JSON cannot
 * carry, a lone surrogate, a getter, a symbol key. Duplicate keys cannot exist in a JavaScript object; details given as
 * JSON text are not accepted at all (the parameter is an object), so a duplicate key never reaches the hash.
 */
export function assertPlainJson(value: unknown, where = ''): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    // In `u` mode a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
    if (/\p{Cs}/u.test(value)) throw new AuditDetailsError(where, '対になっていないサロゲートを含む文字列');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AuditDetailsError(where, `有限でない数 ${value}`);
    return;
  }
  if (typeof value !== 'object') throw new AuditDetailsError(where, `JSON にない値（${typeof value}）`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!Object.hasOwn(value, i)) throw new AuditDetailsError(`${where}[${i}]`, '配列の穴');
      assertPlainJson(value[i], `${where}[${i}]`);
    }
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new AuditDetailsError(where, 'プレーンなオブジェクトではない値');
  if (Object.getOwnPropertySymbols(value).length) throw new AuditDetailsError(where, 'シンボルのキー');
  for (const key of Object.getOwnPropertyNames(value)) {
    if (key === '__proto__') throw new AuditDetailsError(where, '__proto__ というキー');
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!descriptor.enumerable || !('value' in descriptor)) throw new AuditDetailsError(`${where}.${key}`, 'getter 又は列挙できないキー');
    assertPlainJson(descriptor.value, `${where}.${key}`);
  }
}
