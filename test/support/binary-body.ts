/** A supertest parser that keeps a binary answer (PDF, XLSX, zip) as bytes: `.buffer(true).parse(asBuffer)`. */
import type request from 'supertest';

function collect(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

// In Node, superagent hands a parser the raw response stream, though its type says Response.
export const asBuffer = collect as unknown as Parameters<request.Test['parse']>[0];
