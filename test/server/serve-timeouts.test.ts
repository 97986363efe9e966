/**
 * Slow and silent clients cannot hold the server's connections (issue #14: 50 connections sending a body at 1 KB/s were
 * still open after 90 s, and a connection that sent nothing was never closed). Against the server `yoshiki serve` starts
 * (startServer), with its time limits shortened to a second or two so the test stays short; meanwhile it keeps answering.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TIMEOUTS, startServer, type RunningServer } from '../../src/cli/start-server.ts';

const TIMEOUTS = { firstBytesMs: 1000, requestMs: 2000, keepAliveMs: 500 };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-serve-timeouts-'));
let running: RunningServer;
let port: number;

beforeAll(async () => {
  running = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'silent' }), timeouts: TIMEOUTS });
  port = (running.server.address() as net.AddressInfo).port;
}, 120_000);
afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Watched {
  socket: net.Socket;
  /** Resolves with the milliseconds from connecting to the close, and what the server sent. */
  closed: Promise<{ ms: number; received: string }>;
}

/** A connection that sends `head` once and then `drip` every 100 ms until the server closes it. */
function connect(head = '', drip = ''): Watched {
  const socket = net.connect(port, '127.0.0.1');
  const started = Date.now();
  let received = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('error', () => undefined);
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('connect', () => {
    if (head) socket.write(head);
    if (drip) timer = setInterval(() => socket.writable && socket.write(drip), 100);
  });
  const closed = new Promise<{ ms: number; received: string }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ ms: Date.now() - started, received });
    }),
  );
  return { socket, closed };
}

const answered = async () => (await fetch(`http://127.0.0.1:${port}/api/forms`)).status;

describe('yoshiki serve: connection time limits', () => {
  it('has limits by default: 20 s to the end of the headers, 120 s for a whole request, 5 s idle between requests', () => {
    expect(SERVER_TIMEOUTS).toEqual({ firstBytesMs: 20_000, requestMs: 120_000, keepAliveMs: 5_000 });
  });

  it('answers 408 and closes 50 connections sending a body at 1 KB/s once the request time is up, answering others meanwhile', async () => {
    const slow = Array.from({ length: 50 }, () =>
      connect(`POST /api/forms/ichikawa-kyoten-todokede/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`, 'x'.repeat(100)),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await answered()).toBe(200);
    const results = await Promise.all(slow.map((s) => s.closed));
    for (const { ms, received } of results) {
      expect(ms).toBeLessThan(TIMEOUTS.requestMs + 3000);
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
    }
    expect(await answered()).toBe(200);
  }, 30_000);

  it('closes connections that send nothing', async () => {
    const silent = Array.from({ length: 10 }, () => connect());
    for (const { ms, received } of await Promise.all(silent.map((s) => s.closed))) {
      expect(ms).toBeLessThan(TIMEOUTS.firstBytesMs + 3000);
      expect(received).toBe('');
    }
    expect(await answered()).toBe(200);
  }, 30_000);

  it('closes a connection sending its headers a line at a time', async () => {
    const { closed } = connect('GET /api/forms HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
    const { ms } = await closed;
    expect(ms).toBeLessThan(TIMEOUTS.firstBytesMs + 3000);
  }, 30_000);

  it('answers a request, then closes the connection when it stays idle', async () => {
    const { closed } = connect('GET /api/forms HTTP/1.1\r\nHost: x\r\n\r\n');
    const { ms, received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(ms).toBeLessThan(TIMEOUTS.keepAliveMs + 3000);
  }, 30_000);
});
