/**
 * Requests a hostile or careless client could send, as fast-check arbitraries built from one OpenAPI operation: its path
 * parameters (valid ones from the document and the store, or nasty text and broken %-encodings), query (declared and
 * prototype keys, repeated and bracketed names), credentials (none, each role, forged, a broken cookie) and body (JSON
 * of wrong types, deep nesting, huge strings, lone surrogates, NUL, `__proto__` keys, broken JSON, wrong media types and
 * charsets, broken multipart of every kind).
 */
import fc from 'fast-check';

// `any`: operations of the parsed OpenAPI document, walked freely.
export type Json = Record<string, any>;

export interface FuzzRequest {
  method: string;
  /** Already encoded: sent byte for byte (it may hold broken %-encodings on purpose). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What the generator may use to get past the first checks: real ids, tokens, examples. */
export interface FuzzContext {
  formIds: string[];
  /**
   * A few 様式 for the GET routes: there the id only picks an answer that is built once and kept (a fillable PDF takes
   * seconds per 様式 on a loaded machine), while the POST routes run each 様式's rules on what they are sent, so they get all.
   */
  sampleFormIds: string[];
  receiptNumber: string;
  tokens: { officeA: string; officeB: string; ichikawa: string; takatsuki: string };
  /** The example data of each 様式 (from the document's request examples). */
  examples: Record<string, unknown>;
  /** Marks text reflected into a page: an HTML answer must never contain it unescaped. */
  marker: string;
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** Text a careless or hostile client sends: prototype keys, NUL, lone surrogates, markup, 和暦, numbers as text, huge. */
function nastyText(marker: string, huge = true): fc.Arbitrary<string> {
  const texts: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    {
      weight: 3,
      arbitrary: fc.constantFrom('', ' ', '　', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00y', marker, `"><${marker}>`, '../../etc/passwd', '%', '%zz', '%E0%A4%A',
        '令和6年2月30日', 'R6.2.30', '2024-02-30', '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}', '0', '99999999999999999999', 'ICH-2024-000001', 'ICH-9999-999999'),
    },
  ];
  // Huge only in bodies: a request line or header over 16 KB is refused by Node's HTTP parser before the app sees it.
  if (huge) texts.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'あ', '\ud800', '<', '\u0000', marker), fc.integer({ min: 1_000, max: 300_000 })).map(([c, n]) => c.repeat(n)) });
  return fc.oneof(...texts);
}

/** JSON text of any value: objects as key lists (so `__proto__` and duplicate keys are real members of the text). */
function jsonText(marker: string, maxDepth: number): fc.Arbitrary<string> {
  const text = nastyText(marker);
  const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTOTYPE_KEYS, 'documents', 'form', 'data', 'to', 'reason', 'designatedOn'));
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      text.map((s) => JSON.stringify(s)),
      fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)).map((v) => JSON.stringify(v)),
      fc.constantFrom('1e400', '-0', '123456789012345678901234567890'),
      fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    ),
  }));
  return value;
}

/** Every path to a value inside `value` ("a.0.b"). */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** The example with one member replaced by a value of the wrong type (the rest stays valid, so the rules run on it). */
function mutatedExample(example: unknown, marker: string): fc.Arbitrary<string> {
  const paths = pathsOf(example);
  if (!paths.length) return jsonText(marker, 3);
  return fc.tuple(fc.constantFrom(...paths), jsonText(marker, 2)).map(([path, replacement]) => {
    const placeholder = `"\u0001fuzz\u0001"`;
    const copy = structuredClone(example) as Json;
    let node = copy;
    for (const part of path.slice(0, -1)) node = node[part];
    node[path[path.length - 1]] = '\u0001fuzz\u0001';
    return JSON.stringify(copy).replace(placeholder, replacement);
  });
}

/** Objects and arrays nested `n` deep (the classic stack overflow), with or without a closing. */
const deepJson = fc.tuple(fc.integer({ min: 20, max: 200_000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([n, open, closed]) => {
  const close = open === '[' ? ']' : '}';
  return open.repeat(n) + (open === '[' ? '' : '1') + (closed ? close.repeat(n) : '');
});

const CRLF = '\r\n';

/** A multipart body: well-formed with odd parts, or broken in one of the ways busboy refuses. */
function multipart(marker: string, fileFields: string[], textFields: string[], validJson: fc.Arbitrary<string>): fc.Arbitrary<{ type: string; body: Buffer }> {
  const name = fc.oneof(fc.constantFrom(...fileFields, ...textFields, ...PROTOTYPE_KEYS), fc.string({ maxLength: 10 }));
  const part = fc.oneof(
    fc.tuple(name, fc.oneof(nastyText(marker), validJson)).map(([n, v]) => `Content-Disposition: form-data; name="${n}"${CRLF}${CRLF}${v}`),
    fc.tuple(name, fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('application/pdf', 'text/csv', 'application/octet-stream', '')).map(
      ([n, filename, bytes, type]) =>
        `Content-Disposition: form-data; name="${n}"; filename="${filename.replace(/["\r\n]/g, '_')}"${type ? `${CRLF}Content-Type: ${type}` : ''}${CRLF}${CRLF}${Buffer.from(bytes).toString('latin1')}`,
    ),
  );
  const boundary = 'fuzzBoundary7MA4YWxk';
  const wellFormed = fc.array(part, { minLength: 0, maxLength: 5 }).map((parts) => `${parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('')}--${boundary}--${CRLF}`);
  const broken = fc.oneof(
    wellFormed.chain((text) => fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut))), // cut short: "Unexpected end of form"
    fc.constant(`--${boundary}${CRLF}this is no header${CRLF}${CRLF}x${CRLF}--${boundary}--${CRLF}`), // "Malformed part header"
    fc.constant(`--${boundary}${CRLF}Content-Disposition: form-data; name="documents"${CRLF}`),
    // Well-formed, but the documents part nested far too deep.
    deepJson.map((deep) => `--${boundary}${CRLF}Content-Disposition: form-data; name="documents"${CRLF}${CRLF}${deep}${CRLF}--${boundary}--${CRLF}`),
    fc.string({ maxLength: 200 }),
  );
  return fc.oneof(
    fc.tuple(wellFormed, fc.constant(`multipart/form-data; boundary=${boundary}`)),
    { weight: 2, arbitrary: fc.tuple(broken, fc.constant(`multipart/form-data; boundary=${boundary}`)) },
    fc.tuple(wellFormed, fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=other', 'multipart/mixed; boundary=x', `multipart/form-data; boundary="${boundary}"; charset=x-unknown`)),
  ).map(([text, type]) => ({ type, body: Buffer.from(text, 'latin1') }));
}

/** The body of a POST, by what the operation documents (and often not). */
function bodyFor(op: Json, ctx: FuzzContext, form: fc.Arbitrary<string>): fc.Arbitrary<{ type?: string; body?: Buffer; encoding?: string }> {
  const { marker } = ctx;
  const example = form.chain((f) => mutatedExample(ctx.examples[f] ?? {}, marker));
  const filing = fc.tuple(form, example).map(([f, data]) => `{"documents":[{"form":${JSON.stringify(f)},"data":${data}}]}`);
  const json = fc.oneof(jsonText(marker, 4), example, filing, { weight: 2, arbitrary: deepJson }, jsonText(marker, 2).map((v) => `{"documents":${v}}`));
  const documented = Object.keys(op.requestBody?.content ?? {});
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 4, arbitrary: json.map((text) => ({ type: 'application/json', body: Buffer.from(text) })) },
    // Broken JSON: a valid body cut short, or any text.
    { weight: 1, arbitrary: fc.tuple(json, fc.nat()).map(([t, n]) => ({ type: 'application/json', body: Buffer.from(t.slice(0, n % (t.length + 1))) })) },
    // Invalid UTF-8 and unsupported charsets / encodings.
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ type: 'application/json', body: Buffer.concat([Buffer.from('{"a":"'), bytes, Buffer.from('\xed\xa0\x80"}', 'latin1')]) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(json, fc.constantFrom('application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=x-nope', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', '', 'application/pdf', 'application/octet-stream')).map(([t, type]) => ({ type, body: Buffer.from(t) })),
    },
    { weight: 1, arbitrary: fc.tuple(json, fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'x-fuzz')).map(([t, encoding]) => ({ type: 'application/json', body: Buffer.from(t), encoding })) },
    // Forms as the inbox posts them.
    { weight: documented.includes('application/x-www-form-urlencoded') ? 3 : 1, arbitrary: queryString(marker, ['token', 'to', 'reason', 'designatedOn', 'abolishedOn']).map((q) => ({ type: 'application/x-www-form-urlencoded', body: Buffer.from(q, 'latin1') })) },
    { weight: documented.includes('multipart/form-data') ? 6 : 1, arbitrary: multipart(marker, ['file', 'attachments'], ['documents', 'format', 'combined', 'sheet', 'name'], filing) },
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('application/pdf', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')).map(([bytes, type]) => ({ type, body: Buffer.from(bytes) })) },
  );
}

/** A query or form: documented names and prototype keys, repeated names, bracketed names, broken %-encodings. */
function queryString(marker: string, names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...names, ...PROTOTYPE_KEYS, 'a[b]', 'a[__proto__][x]', '__proto__[x]'), fc.string({ maxLength: 8 }));
  const value = fc.oneof(
    { weight: 3, arbitrary: nastyText(marker, false).map((v) => encodeText(v)) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '%FF%FE', '2024-06-20', '1', 'reviewing', 'accepted', 'returned', 'ichikawa', 'takatsuki') },
  );
  return fc.array(fc.tuple(name, value), { maxLength: 4 }).map((pairs) => pairs.map(([n, v]) => `${encodeText(n)}=${v}`).join('&'));
}

/** Percent-encodes what a request line cannot carry; a lone surrogate becomes the raw (invalid) UTF-8 of its code unit. */
function encodeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else if (/[A-Za-z0-9\-._~]/.test(ch)) out += ch;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path parameter: a real value (so the handler behind the look-up runs) or anything else. */
function pathParameter(name: string, param: Json | undefined, ctx: FuzzContext, formIds: string[]): fc.Arbitrary<string> {
  const real: Record<string, string[]> = {
    no: [ctx.receiptNumber],
    file: ['0.pdf', '0.xlsx', '1.pdf'],
    index: ['0', '1'],
    id: formIds,
  };
  // A 様式 id from the caller's list (the document enumerates them all); any other enumerated value as documented.
  const enumerated = name === 'id' ? [] : ((param?.schema?.enum as string[] | undefined) ?? []);
  const valid = [...enumerated, ...(Object.hasOwn(real, name) ? real[name] : [])];
  const broken = fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '..', '%2e%2e', '%2F', `%3C${ctx.marker.slice(1, -1)}%3E`);
  return fc.oneof(
    { weight: 3, arbitrary: valid.length ? fc.constantFrom(...valid) : fc.constant('x') },
    { weight: 2, arbitrary: nastyText(ctx.marker, false).map(encodeText).map((t) => t || 'x') },
    { weight: 1, arbitrary: broken },
  );
}

/** Who asks: nobody, each role, a forged token, the inbox cookie (good or broken). */
function credentials(ctx: FuzzContext, secured: boolean): fc.Arbitrary<Record<string, string>> {
  const t = ctx.tokens;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    // Mostly real tokens where the route asks for one, so the handlers behind authentication are fuzzed too.
    { weight: secured ? 6 : 1, arbitrary: fc.constantFrom(t.officeA, t.officeB, t.ichikawa, t.takatsuki).map((token) => ({ Authorization: `Bearer ${token}` })) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(43), '', 'Bearer', '\u00ff\u00fe').map((token) => ({ Authorization: `Bearer ${token}` })) },
    { weight: secured ? 2 : 1, arbitrary: fc.constantFrom(t.ichikawa, t.officeA, '%E0%A4%A', '%', 'a%zzb').map((v) => ({ Cookie: `other=1; yoshiki_inbox=${v}` })) },
  );
}

/** One request for `method path` of the OpenAPI document. */
export function requestFor(method: string, path: string, op: Json, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const params = (op.parameters ?? []) as Json[];
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const form = fc.constantFrom(...ctx.formIds);
  const queryNames = [...params.filter((p) => p.in === 'query').map((p) => String(p.name)), 'status', 'revision', 'today', 'draft', 'municipality'];
  return fc
    .record({
      values: fc.tuple(...names.map((n) => pathParameter(n, params.find((p) => p.in === 'path' && p.name === n), ctx, method === 'get' ? ctx.sampleFormIds : ctx.formIds))),
      query: fc.option(queryString(ctx.marker, queryNames), { nil: undefined }),
      auth: credentials(ctx, Array.isArray(op.security)),
      key: fc.option(fc.oneof(fc.uuid(), fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((k) => k.replace(/[^\t\x20-\x7e]/g, ''))), { nil: undefined }),
      body: method === 'post' ? bodyFor(op, ctx, form) : fc.constant({} as { type?: string; body?: Buffer; encoding?: string }),
      origin: fc.option(fc.constantFrom('null', 'http://evil.example', 'not a url'), { nil: undefined }),
      // Headers that change how the answer is made: compression, conditional and partial requests, what is accepted.
      extra: fc.option(
        fc.constantFrom<Record<string, string>>({ 'Accept-Encoding': 'br' }, { 'Accept-Encoding': 'gzip' }, { 'Accept-Encoding': 'deflate, x-nope;q=2' }, { 'Accept-Encoding': 'identity;q=0' },
          { 'If-None-Match': '*' }, { 'If-None-Match': 'W/"x", "y"' }, { Range: 'bytes=0-1' }, { Range: 'bytes=9-1' }, { Accept: 'text/html' }, { Accept: 'application/xml' }, { Expect: 'nothing' },
          { 'X-Padding': 'a'.repeat(20_000) }),
        { nil: {} },
      ),
      // Now and then a method the path does not offer (405 with Allow, or 404).
      verb: fc.oneof({ weight: 9, arbitrary: fc.constant(method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
    })
    .map(({ values, query, auth, key, body, origin, verb, extra }) => {
      let filled = path;
      names.forEach((n, i) => (filled = filled.replace(`{${n}}`, values[i])));
      const headers: Record<string, string> = { ...extra, ...auth };
      if (key !== undefined) headers['Idempotency-Key'] = key;
      if (body.type) headers['Content-Type'] = body.type;
      if (body.encoding) headers['Content-Encoding'] = body.encoding;
      if (origin) headers.Origin = origin;
      return { method: verb, path: query === undefined ? filled : `${filled}?${query}`, headers, body: body.body };
    });
}
