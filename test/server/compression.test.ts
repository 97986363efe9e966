/**
 * Responses are gzipped where it pays — the web form bundle above all (about 520 KB of JavaScript) — and sent as they are
 * where it does not: PDF and XLSX (already compressed inside). Read over a real socket with node:http, because supertest
 * unzips bodies before a test sees them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer(createApp({ logger: pino({ level: 'silent' }) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire (not decompressed). */
  body: Buffer;
}

function fetchRaw(path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${path}`, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('compression', () => {
  it('gzips the web form bundle for a client that accepts gzip, and the body unzips to exactly the plain one', async () => {
    const plain = await fetchRaw('/assets/form.js', { 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(100_000);

    const gzipped = await fetchRaw('/assets/form.js', { 'Accept-Encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(zlib.gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
  }, 60_000);

  it('gzips JSON answers too (the OpenAPI document)', async () => {
    const res = await fetchRaw('/api/openapi.json', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(res.body).toString('utf8')).openapi).toBe('3.1.0');
  });

  it.each(['pdf', 'xlsx'])('sends a %s as it is, even to a client that accepts gzip', async (format) => {
    const example = fs.readFileSync('forms/takatsuki/takatsuki-renkei-kaijo/example.json', 'utf8');
    const res = await fetchRaw(`/api/forms/takatsuki-renkei-kaijo/${format}?today=2024-06-20`, { 'Accept-Encoding': 'gzip, deflate', 'Content-Type': 'application/json' }, example);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.subarray(0, format === 'pdf' ? 5 : 2).toString('latin1')).toBe(format === 'pdf' ? '%PDF-' : 'PK');
  }, 60_000);
});
