/** The command line, run in process: output in Japanese, the result contract as JSON, and the exit codes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { pdfPageTexts } from './support/read-back.ts';

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'yoshiki', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-cli-'));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};
const EXAMPLE = 'forms/ichikawa/ichikawa-kyoten-todokede/example.json';

describe('yoshiki forms', () => {
  it('lists id, title and version as JSON', async () => {
    const { code, out } = await run('forms', '--json');
    expect(code).toBe(0);
    const forms = JSON.parse(out);
    expect(forms).toContainEqual({ id: 'ichikawa-kyoten-todokede', title: '市川市地域生活支援拠点等届出書', version: '2024-05' });
  });
});

describe('yoshiki validate', () => {
  it('exits 0 for a valid document and says so in Japanese', async () => {
    const { code, out } = await run('validate', 'ichikawa-kyoten-todokede', EXAMPLE, '--today', '2024-05-20');
    expect(code).toBe(0);
    expect(out).toContain('市川市地域生活支援拠点等届出書（ichikawa-kyoten-todokede）：誤りはありません（誤り 0件、確認 1件）');
  });

  it('exits 1 and prints the result contract as JSON for an invalid document', async () => {
    const data = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    data.filedOn = '令和6年2月30日';
    const { code, out } = await run('validate', 'ichikawa-kyoten-todokede', write('bad.json', JSON.stringify(data)), '--json', '--today', '2024-05-20');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      valid: false,
      errors: [
        {
          rule: 'G-DATE',
          severity: 'error',
          path: 'filedOn',
          message: '「届出日」の「令和6年2月30日」は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。',
        },
      ],
      // The 短期入所 office is told that its 算定開始月 follows the filing to 千葉県 (F-START-PREF, S002 §6-5).
      warnings: [{ rule: 'F-START-PREF', severity: 'warning', path: 'office.serviceType', message: '「短期入所」の指定権者は千葉県です。その加算の算定開始月は、この届出の日ではなく、市川市から交付される登録通知書を添付して千葉県に届け出た日で決まります（15日以前の届出は翌月、16日以降は翌々月のサービス提供分から）。' }],
      computed: {},
    });
  });

  it.each([
    ['an unknown form', ['validate', 'no-such-form', EXAMPLE], '様式「no-such-form」はありません。yoshiki forms で様式の一覧を確認してください。'],
    ['a missing file', ['validate', 'ichikawa-kyoten-todokede', '/nonexistent.json'], 'データファイル「/nonexistent.json」を読めません（ENOENT）。パスを確認してください。'],
    ['a bad --today', ['validate', 'ichikawa-kyoten-todokede', EXAMPLE, '--today', '5/20'], '--today は実在する日付を YYYY-MM-DD の形で指定してください（例：2024-06-01、指定された値：「5/20」）。'],
  ])('exits 2 for %s with a message that says what to do', async (_name, args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err.trim()).toBe(message);
  });

  it('exits 2 for a file that is not JSON', async () => {
    const { code, err } = await run('validate', 'ichikawa-kyoten-todokede', write('broken.json', '{ "filedOn": '));
    expect(code).toBe(2);
    expect(err).toMatch(/^データファイル「.*broken\.json」は JSON として読めません（.*）。JSON の書式を確認してください。/);
  });

  it('exits 2 for a usage error', async () => {
    expect((await run('validate')).code).toBe(2);
  });
});

describe('yoshiki validate --bundle', () => {
  it('validates documents together and exits 1 when a 機能強化加算 届出書 comes without its 拠点届出書', async () => {
    const kino = write('kino.json', JSON.stringify({ form: 'ichikawa-kino-kyoka', data: JSON.parse(fs.readFileSync('forms/ichikawa/ichikawa-kino-kyoka/example.json', 'utf8')) }));
    const { code, out } = await run('validate', '--bundle', kino, '--json', '--today', '2024-07-10');
    expect(code).toBe(1);
    const result = JSON.parse(out);
    expect(result.valid).toBe(false);
    expect(result.documents[0].file).toBe(kino);
    expect(result.documents[0].result.errors.map((e: { rule: string }) => e.rule)).toEqual(['KK-BUNDLE']);
  });

  it('exits 2 for a file that does not name its form', async () => {
    const { code, err } = await run('validate', '--bundle', write('plain.json', '{"filedOn":"2024-05-01"}'));
    expect(code).toBe(2);
    expect(err).toContain('{ "form": "<様式の id>", "data": { … } } の形にしてください');
  });
});

describe('yoshiki render', () => {
  it('writes the PDF and the XLSX of a valid document', async () => {
    const pdf = path.join(tmp, 'out', 'todokede.pdf');
    const xlsx = path.join(tmp, 'out', 'todokede.xlsx');
    const { code, out } = await run('render', 'ichikawa-kyoten-todokede', EXAMPLE, '--pdf', pdf, '--xlsx', xlsx, '--today', '2024-05-20');
    expect(code).toBe(0);
    expect(out).toContain(`PDF を作成しました：${pdf}`);
    expect((await pdfPageTexts(fs.readFileSync(pdf)))[0]).toContain('市川市地域生活支援拠点等届出書');
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an invalid document (exit 1, no file) unless --draft is given', async () => {
    const data = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    data.functions = [];
    delete data.emergencyAcceptance;
    const file = write('invalid.json', JSON.stringify(data));
    const pdf = path.join(tmp, 'refused.pdf');
    const refused = await run('render', 'ichikawa-kyoten-todokede', file, '--pdf', pdf, '--today', '2024-05-20');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('誤り [KT-FUNCTIONS] functions: 「地域生活支援拠点等として担う機能」を1つ以上選んでください。');
    expect(fs.existsSync(pdf)).toBe(false);
    const draft = await run('render', 'ichikawa-kyoten-todokede', file, '--pdf', pdf, '--draft', '--today', '2024-05-20');
    expect(draft.code).toBe(1);
    expect((await pdfPageTexts(fs.readFileSync(pdf)))[0]).toContain('下書き');
  });
});
