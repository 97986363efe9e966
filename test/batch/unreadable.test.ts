/** Exit 2 — nothing could be read: the batch says why in Japanese and, when the header already fails, creates nothing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const FORM = 'ichikawa-kyoten-todokede';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-unreadable-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

describe('a batch that cannot read its input', () => {
  it.each([
    { name: 'header only', file: () => write('empty.csv', '\uFEFF事業所番号,事業所名\r\n'), says: 'データの行がありません' },
    { name: 'an unknown header', file: () => write('unknown.csv', '事業所番号,事業所の電話\r\n1212345678,047\r\n'), says: '見出し「事業所の電話」（B列）はこの様式の項目名にありません' },
    { name: 'no header at all', file: () => write('blank.csv', '\r\n,,\r\n'), says: '見出し行がありません' },
    { name: 'an unknown kind of file', file: () => write('offices.ods', 'x'), says: '拡張子を .csv、.xlsx 又は .jsonl にしてください' },
    { name: 'a missing file', file: () => path.join(dir, 'missing.csv'), says: '読めません（ENOENT）' },
  ])('exits 2 for $name, creating nothing', async ({ file, says }) => {
    const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const { code, err } = await runCli('batch', FORM, file(), '--out', out);
    expect(code).toBe(2);
    expect(err).toContain(says);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exits 2 when no line of a JSONL file is a document, with the reasons in the report', async () => {
    const out = path.join(dir, 'out-jsonl');
    const { code } = await runCli('batch', FORM, write('broken.jsonl', '{"filedOn": \n[1, 2]\n'), '--out', out, '--jobs', '1');
    expect(code).toBe(2);
    expect(fs.readFileSync(path.join(out, 'report.csv'), 'utf8').match(/BATCH-ROW/g)).toHaveLength(2);
  });

  it.each([
    { args: ['--format', 'pdf,docx'], says: '--format は pdf、xlsx 又は pdf,xlsx で指定してください' },
    { args: ['--jobs', '0'], says: '--jobs は1以上の整数で指定してください' },
    { args: ['--today', '令和6年6月1日'], says: '--today は実在する日付を YYYY-MM-DD の形で指定してください' },
    { args: ['--name', '{office.phone}'], says: '{office.phone} はこの様式の項目ではありません' },
  ])('exits 2 for $args', async ({ args, says }) => {
    const { code, err } = await runCli('batch', FORM, write('one.csv', '事業所番号\r\n1212345678\r\n'), '--out', path.join(dir, 'never'), ...args);
    expect(code).toBe(2);
    expect(err).toContain(says);
  });
});
