/**
 * brotli / gzip / deflate (whichever the client accepts, via the `compression` package) for what shrinks: HTML, CSS, JSON,
 * CSV, the fonts and above all the web form bundle (about 520 KB of JavaScript, a fraction of that compressed). Never for the files the server makes — a PDF's streams are already Flate-
 * compressed, and XLSX and zip are zip archives — where compressing again costs CPU on every download and saves next to
 * nothing; the batch zip is also streamed from disk with its Content-Length, which compressing would drop.
 */
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Media types sent as they are, whatever the client accepts. */
export const UNCOMPRESSED_TYPES = [
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

function worthCompressing(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if ((UNCOMPRESSED_TYPES as readonly string[]).includes(type)) return false;
  // The default filter: media types the mime database calls compressible (text/*, JSON, JavaScript, fonts …).
  return compression.filter(req, res);
}

export function compressResponses(): RequestHandler {
  return compression({ filter: worthCompressing });
}
