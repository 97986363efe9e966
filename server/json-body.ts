/**
 * The one JSON body parser of the server (express.json with a depth bound). V8's JSON.parse itself copes with any
 * nesting, but what reads the parsed value afterwards — validation, canonical hashing, JSON.stringify — recurses, and a
 * body of a few hundred thousand `[` overflows the stack there. So nesting is counted on the raw text before it is
 * parsed, without recursion, and a body deeper than MAX_JSON_DEPTH is refused with 400 BODY_TOO_DEEP.
 */
import express, { type RequestHandler } from 'express';
import { JSON_BODY_LIMIT, MAX_JSON_DEPTH } from './errors.ts';
import { httpError } from './http-error.ts';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests objects/arrays deeper than `limit`. Brackets inside strings do not count. The text may be
 * UTF-8 bytes: no byte of a multi-byte UTF-8 sequence is ASCII, so the brackets and quotes found are the real ones.
 * Text that is not JSON is left to the parser to refuse.
 */
export function jsonNestsDeeperThan(text: string | Uint8Array, limit: number = MAX_JSON_DEPTH): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

/** Refuses a body nested deeper than MAX_JSON_DEPTH before it is parsed (body-parser's `verify` hook). */
function verifyDepth(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  // express.json reads UTF-8 and UTF-16; only the latter needs decoding for the brackets to be seen as characters.
  const text = /^utf-?8$/i.test(encoding) ? body : new TextDecoder(encoding).decode(body);
  if (jsonNestsDeeperThan(text)) throw httpError('BODY_TOO_DEEP', { limit: MAX_JSON_DEPTH });
}

/**
 * express.json for every route that reads JSON: strict (only objects and arrays at the top level; a bare string or null
 * is malformed, 400), at most `limit`, nesting bounded. Its faults are mapped by the app's error handler (errors.ts).
 */
export function jsonBody(limit: string = JSON_BODY_LIMIT): RequestHandler {
  return express.json({ limit, strict: true, verify: verifyDepth });
}
