/** The 運営規程案 clause (S002 §5): wording of the model text, numbering in the seed's order, the 変更届出書, the PDF and the CLI. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { clausePdf, clauseText, ClauseError } from '../src/clause/clause.ts';
import { registerClauseCommand } from '../src/cli/clause-command.ts';
import { EXIT, InputError } from '../src/cli/errors.ts';
import { pdfPageTexts, squash } from './support/read-back.ts';
import { formFolder } from '../src/forms/folders.ts';

const TODAY = '2024-05-20';
const readExample = (form: string) => JSON.parse(fs.readFileSync(formFolder(form)!.example, 'utf8')) as Record<string, unknown>;
const todokede = readExample('ichikawa-kyoten-todokede');
const henko = readExample('ichikawa-kyoten-henko');
const withFunctions = (functions: unknown) => ({ form: 'ichikawa-kyoten-todokede', data: { ...todokede, functions } });

const HEAD =
  '（地域生活支援拠点等としての機能）\n' +
  '第〇条 事業所は、市川市より位置付けられた障害者の日常生活及び社会生活を総合的に支援するための法律（平成17年法律第123号）第77条第4項に規定する地域生活支援拠点等として、次の機能を担う。\n';

const TEXT = {
  consultation:
    '相談機能\n　平時から緊急事態における支援が見込めない世帯を事前に把握した上で、常時の連絡体制を確保し、障害の特性に起因して生じた緊急の事態等に必要なサービスの調整や相談その他必要な支援を行う機能',
  emergencyAcceptance: '緊急時の受入れ・対応機能\n　常時の緊急受入体制等を確保し、介護者の急病や障害者の状態変化等の緊急時の受入れや医療機関への連絡等の必要な対応を行う機能',
  emergencyResponse: '緊急時の対応機能\n　介護者の急病や障害者の状態変化等の緊急時に対応を行う機能',
  experience:
    '体験の機会・場の提供機能\n' +
    '　① 障害者支援施設や精神科病院等からの地域移行や親元からの自立等に当たって、共同生活援助等の障害福祉サービスの利用や一人暮らしの体験の機会・場を提供する機能\n' +
    '　② 地域生活障害者等について、平時から緊急事態に備えて短期入所事業所等を活用して体験の機会を提供する機能',
  specialistTraining: '専門的人材の確保・養成機能\n　医療的ケアが必要な者や強度行動障害を有する者、高齢化に伴い重度化した障害者等に対して、専門的な対応ができる人材の養成を行う機能',
};

describe('運営規程案の条文（S002 §5）', () => {
  it('届出書の例（緊急時の受入れ・対応機能と体験の機会・場の提供機能）から、記載例どおりの条文ができる', () => {
    expect(clauseText({ form: 'ichikawa-kyoten-todokede', data: todokede }, { today: TODAY })).toBe(
      '（地域生活支援拠点等としての機能）\n' +
        '第〇条 事業所は、市川市より位置付けられた障害者の日常生活及び社会生活を総合的に支援するための法律（平成17年法律第123号）第77条第4項に規定する地域生活支援拠点等として、次の機能を担う。\n' +
        '(1) 緊急時の受入れ・対応機能\n' +
        '　常時の緊急受入体制等を確保し、介護者の急病や障害者の状態変化等の緊急時の受入れや医療機関への連絡等の必要な対応を行う機能\n' +
        '(2) 体験の機会・場の提供機能\n' +
        '　① 障害者支援施設や精神科病院等からの地域移行や親元からの自立等に当たって、共同生活援助等の障害福祉サービスの利用や一人暮らしの体験の機会・場を提供する機能\n' +
        '　② 地域生活障害者等について、平時から緊急事態に備えて短期入所事業所等を活用して体験の機会を提供する機能',
    );
  });

  it.each(Object.entries(TEXT))('%s だけを担う届出書では、その機能だけを (1) として記載例の文言で書く', (id, text) => {
    expect(clauseText(withFunctions([id]), { today: TODAY })).toBe(`${HEAD}(1) ${text}`);
  });

  it('機能は届出書に並べた順ではなく、記載例（§5-1〜§5-5）の順に番号を付ける', () => {
    const text = clauseText(withFunctions(['specialistTraining', 'experience', 'consultation', 'emergencyResponse', 'emergencyAcceptance']), { today: TODAY });
    expect(text).toBe(
      `${HEAD}(1) ${TEXT.consultation}\n(2) ${TEXT.emergencyAcceptance}\n(3) ${TEXT.emergencyResponse}\n(4) ${TEXT.experience}\n(5) ${TEXT.specialistTraining}`,
    );
  });

  it('条番号を指定すると「第〇条」がその番号になる', () => {
    expect(clauseText(withFunctions(['consultation']), { today: TODAY, article: 12 })).toMatch(/^（地域生活支援拠点等としての機能）\n第12条 事業所は、/);
    expect(() => clauseText(withFunctions(['consultation']), { today: TODAY, article: 0 })).toThrow('条番号は1以上の整数で指定してください（指定された値：「0」）。');
  });

  it.each([
    ['1', '　障害者支援施設や精神科病院等からの地域移行や親元からの自立等に当たって、共同生活援助等の障害福祉サービスの利用や一人暮らしの体験の機会・場を提供する機能'],
    ['2', '　地域生活障害者等について、平時から緊急事態に備えて短期入所事業所等を活用して体験の機会を提供する機能'],
  ] as const)('体験の機会・場の提供機能で一方（%s）だけを選ぶと、その文だけを番号なしで書く', (choice54, line) => {
    expect(clauseText(withFunctions(['experience']), { today: TODAY, choice54 })).toBe(`${HEAD}(1) 体験の機会・場の提供機能\n${line}`);
  });

  it('変更届出書では、変更後の機能で条文を作る', () => {
    const data = { ...henko, changes: { ...(henko.changes as object), functions: { before: ['experience'], after: ['experience', 'consultation'] } } };
    expect(clauseText({ form: 'ichikawa-kyoten-henko', data }, { today: '2024-06-20' })).toBe(`${HEAD}(1) ${TEXT.consultation}\n(2) ${TEXT.experience}`);
  });

  it('機能を変更していない変更届出書からは作れず、先の届出書から作るよう案内する', () => {
    const { functions: _functions, ...changes } = henko.changes as Record<string, unknown>;
    expect(() => clauseText({ form: 'ichikawa-kyoten-henko', data: { ...henko, changes } }, { today: '2024-06-20' })).toThrow(
      'この変更届出書では「地域生活支援拠点等として担う機能」が変更されていないため、条文に書く機能が分かりません。機能を記載した先の届出書（ichikawa-kyoten-todokede）から作成してください。',
    );
  });

  it.each([
    ['空の機能', [], '運営規程案の条文を作成できません：「地域生活支援拠点等として担う機能」を1つ以上選んでください。'],
    ['機能なし', undefined, '運営規程案の条文を作成できません：「地域生活支援拠点等として担う機能」を1つ以上選んでください。'],
    ['選択肢にない機能', ['training'], '運営規程案の条文を作成できません：「地域生活支援拠点等として担う機能」の「training」は選択肢にありません。'],
  ])('%s の届出書からは条文を作れない', (_name, functions, message) => {
    let error: unknown;
    try {
      clauseText(withFunctions(functions), { today: TODAY });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClauseError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it('変更後の機能が空の変更届出書からは条文を作れない', () => {
    const data = { ...henko, changes: { ...(henko.changes as object), functions: { before: ['experience'], after: [] } } };
    expect(() => clauseText({ form: 'ichikawa-kyoten-henko', data }, { today: '2024-06-20' })).toThrow(
      '運営規程案の条文を作成できません：「地域生活支援拠点等として担う機能」を1つ以上選んでください。',
    );
  });

  it('届出書・変更届出書以外の様式からは作れない', () => {
    expect(() => clauseText({ form: 'ichikawa-kyoten-haishi', data: {} }, { today: TODAY })).toThrow(
      '運営規程案の条文は、届出書（ichikawa-kyoten-todokede）又は変更届出書（ichikawa-kyoten-henko）から作成します（指定された様式：「ichikawa-kyoten-haishi」）。',
    );
  });
});

describe('運営規程案の条文の PDF', () => {
  it('条文全体が A4 の PDF に印字され、読み戻せる', async () => {
    const text = clauseText({ form: 'ichikawa-kyoten-todokede', data: todokede }, { today: TODAY });
    const pages = await pdfPageTexts(await clausePdf(text, '運営規程案'));
    expect(pages).toHaveLength(1);
    expect(squash(pages[0])).toBe(squash(`運営規程案${text}`));
  });

  it('1ページに収まらない条文は次のページに続き、文字を失わない', async () => {
    const one = clauseText(withFunctions(['consultation', 'emergencyAcceptance', 'emergencyResponse', 'experience', 'specialistTraining']), { today: TODAY });
    const long = Array.from({ length: 6 }, () => one).join('\n');
    const pages = await pdfPageTexts(await clausePdf(long));
    expect(pages.length).toBeGreaterThan(1);
    expect(squash(pages.join(''))).toBe(squash(long));
  });
});

describe('yoshiki clause', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-clause-'));

  /** The command on its own program, with main.ts's handling of user errors (exit 2). */
  async function run(...args: string[]) {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), exit: { code: EXIT.ok as number } };
    const program = new Command().exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    registerClauseCommand(program, io);
    try {
      await program.parseAsync(['node', 'yoshiki', 'clause', ...args]);
    } catch (e) {
      if (e instanceof CommanderError) return { code: EXIT.usage, out, err };
      if (e instanceof InputError) return { code: EXIT.usage, out, err: err + e.message };
      throw e;
    }
    return { code: io.exit.code, out, err };
  }

  it('届出書から条文を表示し（終了コード 0）、--txt と --pdf で書き出す', async () => {
    const printed = await run('forms/ichikawa/ichikawa-kyoten-todokede/example.json', '--article', '8');
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^（地域生活支援拠点等としての機能）\n第8条 事業所は、.*\n\(2\) 体験の機会・場の提供機能\n/s);
    const txt = path.join(tmp, 'clause.txt');
    const pdf = path.join(tmp, 'clause.pdf');
    const written = await run('forms/ichikawa/ichikawa-kyoten-todokede/example.json', '--txt', txt, '--pdf', pdf);
    expect(written.code).toBe(0);
    expect(fs.readFileSync(txt, 'utf8')).toContain('(1) 緊急時の受入れ・対応機能\n');
    expect(squash((await pdfPageTexts(new Uint8Array(fs.readFileSync(pdf)))).join(''))).toContain(squash(fs.readFileSync(txt, 'utf8')));
  });

  it.each([
    ['機能を変更していない変更届出書', ['--form', 'ichikawa-kyoten-henko'], { changes: { tel: { before: '047-378-2200', after: '047-378-2210' } } }, '機能を記載した先の届出書'],
    ['機能が空の届出書', [], { functions: [] }, '「地域生活支援拠点等として担う機能」を1つ以上選んでください。'],
    ['条番号が数でない', ['--article', '三'], {}, '--article は条番号（1以上の整数）で指定してください（指定された値：「三」）。'],
  ] as [string, string[], Record<string, unknown>, string][])('%s は終了コード 2 で理由を示す', async (_name, args, patch, message) => {
    const base = args.includes('ichikawa-kyoten-henko') ? henko : todokede;
    const file = path.join(tmp, `${_name}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...base, ...patch }));
    const { code, err } = await run(file, ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
