/**
 * The notices the city issues are built from the filings (S002 §4-3, §27): every item the office filed is carried over as
 * filed, only the city's decision comes from `set`, and a filing that cannot give the notice is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDeriveCommand } from '../src/cli/derive-command.ts';
import { InputError } from '../src/cli/errors.ts';
import { deriveNotice, DerivationError } from '../src/derive/derive-notice.ts';
import { getDefinition, UnknownFormError } from '../src/forms/registry.ts';
import { validateDocument } from '../src/validate.ts';
import { renderDocument } from '../src/render/render.ts';
import { pdfPageTexts, squash } from './support/read-back.ts';
import { formFolder } from '../src/forms/folders.ts';

const TODAY = '2024-07-10';
const read = (form: string) => JSON.parse(fs.readFileSync(formFolder(form)!.example, 'utf8'));
/** A document as its own definition normalises it (ISO dates, 〒 without hyphen). */
const normalised = (form: string, data: unknown) => validateDocument(getDefinition(form), data, { today: TODAY }).data as any;

const todokede = () => read('ichikawa-kyoten-todokede');
const henko = () => read('ichikawa-kyoten-henko');
const haishi = () => read('ichikawa-kyoten-haishi');

/** The 届出書 of the office the 変更届出書 example changes, as registered before the change (its 変更前 values). */
function sugaNoTodokede() {
  const d = todokede();
  d.filedOn = '令和6年3月8日';
  d.applicant = { address: '千葉県市川市南八幡四丁目7番12号', name: '社会福祉法人 すがの福祉会', representative: '理事長　中山 健太' };
  d.office = {
    name: 'すがのショートステイ南八幡',
    serviceType: '短期入所',
    number: '1213500421',
    postalCode: '272-0023',
    address: '千葉県市川市南八幡四丁目7番12号',
    tel: '047-378-2200',
    fax: '047-378-2201',
  };
  d.functions = ['experience'];
  d.functionDetails = '自立を考えている方に、一人暮らし体験の宿泊の機会を提供する。';
  d.liaisons = ['鬼高 真理子'];
  d.targetAdditions = [];
  delete d.emergencyAcceptance;
  return d;
}

describe('登録通知書 ← 届出書', () => {
  const filing = todokede();
  const { data, result } = deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: filing }], { designatedOn: '令和6年6月1日', issuedOn: '令和6年5月31日' }, { today: TODAY });
  const filed = normalised('ichikawa-kyoten-todokede', filing);

  it('is valid', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('carries every item over exactly as the office filed it', () => {
    expect(data.operatorName).toBe(filed.applicant.name);
    for (const key of ['name', 'serviceType', 'number', 'postalCode', 'address', 'tel', 'fax']) expect(data.office, key).toHaveProperty(key, filed.office[key]);
    expect(data.office).not.toHaveProperty('email');
    expect(data.functions).toEqual(filed.functions);
    expect(data.functionDetails).toBe(filed.functionDetails);
    expect(data.liaisons).toEqual(filed.liaisons);
  });

  it('takes the filing date exactly and prints it in 和暦 in the sentence', async () => {
    expect(data.filedOn).toBe('2024-05-15');
    const pdf = (await renderDocument('ichikawa-kyoten-toroku-tsuchi', data, { today: TODAY })).pdf!;
    expect(squash((await pdfPageTexts(pdf))[0])).toContain('令和6年5月15日にあった地域生活支援拠点等届出について、次のとおり');
  });

  it('takes the city’s dates from set, given in 和暦, normalised to ISO', () => {
    expect(data.designatedOn).toBe('2024-06-01');
    expect(data.issuedOn).toBe('2024-05-31');
  });

  it('addresses the applicant by 名称 then 代表者', () => {
    expect(data.addressee).toBe('社会福祉法人 みどりの杜会　理事長　真間 花子');
  });

  it('is the example notice', () => {
    expect(data).toEqual(normalised('ichikawa-kyoten-toroku-tsuchi', read('ichikawa-kyoten-toroku-tsuchi')));
  });

  it('reports N-DATES when 位置付けた日 precedes the filing', () => {
    const late = deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: filing }], { designatedOn: '令和6年5月14日', issuedOn: '令和6年5月31日' }, { today: TODAY });
    expect(late.result.valid).toBe(false);
    expect(late.result.errors.map((f) => [f.rule, f.path])).toEqual([['N-DATES', 'designatedOn']]);
    expect(late.result.errors[0].message).toBe(
      '「位置付けた日」（令和6年5月14日）が届出のあった日（令和6年5月15日）より前になっています。届出を受けた日以後の日付にしてください。',
    );
  });

  it('lets the city change the addressee and omit the seal', () => {
    const r = deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: filing }], { designatedOn: '2024-06-01', issuedOn: '2024-05-31', addressee: '社会福祉法人 みどりの杜会', noSeal: true }, { today: TODAY });
    expect(r.result.valid).toBe(true);
    expect(r.data.addressee).toBe('社会福祉法人 みどりの杜会');
    expect(r.data.noSeal).toBe(true);
  });

  it('reports the missing city decision as a required item', () => {
    const r = deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: filing }], {}, { today: TODAY });
    expect(r.result.errors.map((f) => [f.rule, f.path])).toEqual([
      ['G-REQUIRED', 'issuedOn'],
      ['G-REQUIRED', 'designatedOn'],
    ]);
  });

  it('does not let the city retype what the office filed', () => {
    expect(() =>
      deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: filing }], { 'office.tel': '047-000-0000' }, { today: TODAY }),
    ).toThrow('「電話番号」（office.tel）は届出の内容から転記する項目のため、指定できません。');
  });

  it('refuses a filing with errors', () => {
    const bad = { ...filing, filedOn: '令和6年2月30日' };
    expect(() => deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: bad }], {}, { today: TODAY })).toThrow(
      /^市川市地域生活支援拠点等届出書（ichikawa-kyoten-todokede）に誤りがあるため、通知書を作成できません。/,
    );
  });
});

describe('変更登録通知書 ← 変更届出書 + 先の届出', () => {
  const earlier = sugaNoTodokede();
  const change = henko();
  const set = { designatedOn: '令和6年7月1日', issuedOn: '令和6年6月28日' };
  const { data, result } = deriveNotice(
    'ichikawa-kyoten-henko-toroku-tsuchi',
    [
      { form: 'ichikawa-kyoten-henko', data: change },
      { form: 'ichikawa-kyoten-todokede', data: earlier },
    ],
    set,
    { today: TODAY },
  );
  const before = normalised('ichikawa-kyoten-todokede', earlier);

  it('is valid and is the example notice', () => {
    expect(result.errors).toEqual([]);
    expect(data).toEqual(normalised('ichikawa-kyoten-henko-toroku-tsuchi', read('ichikawa-kyoten-henko-toroku-tsuchi')));
  });

  it('takes 変更後 for every changed item', () => {
    const office = data.office as Record<string, unknown>;
    expect(office.tel).toBe(change.changes.tel.after);
    expect(office.fax).toBe(change.changes.fax.after);
    expect(data.functions).toEqual(change.changes.functions.after);
    expect(data.functionDetails).toBe(change.changes.functionDetails.after);
    expect(data.liaisons).toEqual(change.changes.liaisons.after);
  });

  it('takes every unchanged item from the earlier filing', () => {
    for (const key of ['name', 'serviceType', 'number', 'postalCode', 'address']) expect(data.office, key).toHaveProperty(key, before.office[key]);
  });

  it('takes the filing date and the applicant from the 変更届出書', async () => {
    expect(data.filedOn).toBe('2024-06-17');
    const pdf = (await renderDocument('ichikawa-kyoten-henko-toroku-tsuchi', data, { today: TODAY })).pdf!;
    expect(squash((await pdfPageTexts(pdf))[0])).toContain('令和6年6月17日にあった地域生活支援拠点等変更届出について');
    expect(data.operatorName).toBe('社会福祉法人 すがの福祉会');
    expect(data.addressee).toBe('社会福祉法人 すがの福祉会　理事長　中山 健太');
  });

  it('can take the earlier registration from the 登録通知書 instead of the 届出書', () => {
    const toroku = deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: earlier }], { designatedOn: '令和6年4月1日', issuedOn: '令和6年3月25日' }, { today: TODAY });
    const again = deriveNotice(
      'ichikawa-kyoten-henko-toroku-tsuchi',
      [
        { form: 'ichikawa-kyoten-henko', data: change },
        { form: 'ichikawa-kyoten-toroku-tsuchi', data: toroku.data },
      ],
      set,
      { today: TODAY },
    );
    expect(again.data).toEqual(data);
  });

  it('splits a changed 所在地 written with its 〒 into both cells', () => {
    const moved = henko();
    moved.changes.address = { before: '〒272-0023 千葉県市川市南八幡四丁目7番12号', after: '〒２７２－００３４ 千葉県市川市市川二丁目3番4号' };
    const r = deriveNotice('ichikawa-kyoten-henko-toroku-tsuchi', [{ form: 'ichikawa-kyoten-henko', data: moved }, { form: 'ichikawa-kyoten-todokede', data: earlier }], set, { today: TODAY });
    expect(r.result.errors).toEqual([]);
    expect(r.data.office).toMatchObject({ postalCode: '2720034', address: '千葉県市川市市川二丁目3番4号' });
  });

  it('asks for the 郵便番号 when the changed 所在地 has none, and accepts it from set', () => {
    const moved = henko();
    moved.changes.address = { before: '千葉県市川市南八幡四丁目7番12号', after: '千葉県市川市市川二丁目3番4号' };
    const filings = [{ form: 'ichikawa-kyoten-henko', data: moved }, { form: 'ichikawa-kyoten-todokede', data: earlier }];
    const r = deriveNotice('ichikawa-kyoten-henko-toroku-tsuchi', filings, set, { today: TODAY });
    expect(r.result.errors.map((f) => [f.rule, f.path])).toEqual([['G-REQUIRED', 'office.postalCode']]);
    const fixed = deriveNotice('ichikawa-kyoten-henko-toroku-tsuchi', filings, { ...set, 'office.postalCode': '272-0034' }, { today: TODAY });
    expect(fixed.result.errors).toEqual([]);
    expect(fixed.data.office).toHaveProperty('postalCode', '2720034');
  });

  it('refuses an earlier filing of another office', () => {
    expect(() =>
      deriveNotice('ichikawa-kyoten-henko-toroku-tsuchi', [{ form: 'ichikawa-kyoten-henko', data: change }, { form: 'ichikawa-kyoten-todokede', data: todokede() }], set, { today: TODAY }),
    ).toThrow(/が一致しません。同じ事業所の届出書又は通知書を指定してください。$/);
  });

  it('needs the earlier registration for the items not changed', () => {
    expect(() => deriveNotice('ichikawa-kyoten-henko-toroku-tsuchi', [{ form: 'ichikawa-kyoten-henko', data: change }], set, { today: TODAY })).toThrow(
      '変更のない項目を先の届出から転記します。',
    );
  });
});

describe('廃止通知書 ← 廃止届出書', () => {
  const filing = haishi();
  const { data, result } = deriveNotice('ichikawa-kyoten-haishi-tsuchi', [{ form: 'ichikawa-kyoten-haishi', data: filing }], { abolishedOn: '令和6年6月20日', issuedOn: '令和6年6月21日' }, { today: TODAY });
  const filed = normalised('ichikawa-kyoten-haishi', filing);

  it('is valid and is the example notice', () => {
    expect(result.errors).toEqual([]);
    expect(data).toEqual(normalised('ichikawa-kyoten-haishi-tsuchi', read('ichikawa-kyoten-haishi-tsuchi')));
  });

  it('carries the office over exactly as filed', () => {
    expect(data.operatorName).toBe(filed.applicant.name);
    expect(data.office).toEqual(filed.office);
    expect(data.filedOn).toBe('2024-06-14');
    expect(data.abolishedOn).toBe('2024-06-20');
  });

  it('reports N-DATES when 位置付けを廃止した日 precedes the 廃止届', () => {
    const r = deriveNotice('ichikawa-kyoten-haishi-tsuchi', [{ form: 'ichikawa-kyoten-haishi', data: filing }], { abolishedOn: '令和6年6月13日', issuedOn: '令和6年6月21日' }, { today: TODAY });
    expect(r.result.errors.map((f) => [f.rule, f.path])).toEqual([['N-DATES', 'abolishedOn']]);
  });
});

describe('a wrong pairing is refused with a Japanese message', () => {
  it('登録通知書 from a 廃止届出書', () => {
    const derive = () => deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-haishi', data: haishi() }], {}, { today: TODAY });
    expect(derive).toThrow(DerivationError);
    expect(derive).toThrow(
      '市川市地域生活支援拠点等登録通知書（ichikawa-kyoten-toroku-tsuchi）は市川市地域生活支援拠点等届出書（ichikawa-kyoten-todokede）から作成します。指定された市川市地域生活支援拠点等廃止届出書（ichikawa-kyoten-haishi）からは作成できません。',
    );
  });

  it('廃止通知書 given a second document', () => {
    expect(() =>
      deriveNotice('ichikawa-kyoten-haishi-tsuchi', [{ form: 'ichikawa-kyoten-haishi', data: haishi() }, { form: 'ichikawa-kyoten-todokede', data: todokede() }], {}, { today: TODAY }),
    ).toThrow('だけから作成します。');
  });

  it('a form that is not a notice', () => {
    expect(() => deriveNotice('ichikawa-kyoten-todokede', [{ form: 'ichikawa-kyoten-todokede', data: todokede() }], {}, { today: TODAY })).toThrow(
      'は市が発行する通知書ではありません。',
    );
  });
});

describe('yoshiki derive', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-derive-'));
  const example = (form: string) => formFolder(form)!.example;

  /** Runs the command as main.ts will: InputError / UnknownFormError → exit 2. */
  async function run(...args: string[]) {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), exit: { code: 0 } };
    const program = new Command().exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    registerDeriveCommand(program, io);
    try {
      await program.parseAsync(['node', 'yoshiki', ...args]);
    } catch (e) {
      if (e instanceof InputError || e instanceof UnknownFormError) {
        err += `${e.message}\n`;
        io.exit.code = 2;
      } else if (e instanceof CommanderError) io.exit.code = 2;
      else throw e;
    }
    return { code: io.exit.code, out, err };
  }

  it('prints the notice JSON and exits 0', async () => {
    const r = await run('derive', 'ichikawa-kyoten-toroku-tsuchi', '--from', `ichikawa-kyoten-todokede:${example('ichikawa-kyoten-todokede')}`, '--set', 'designatedOn=令和6年6月1日', '--set', 'issuedOn=令和6年5月31日', '--today', TODAY);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(normalised('ichikawa-kyoten-toroku-tsuchi', read('ichikawa-kyoten-toroku-tsuchi')));
    expect(r.err).toContain('（誤り 0件、確認 0件）');
  });

  it('writes --out, takes noSeal=true as a boolean, and exits 1 on N-DATES', async () => {
    const out = path.join(tmp, 'haishi-tsuchi.json');
    const r = await run('derive', 'ichikawa-kyoten-haishi-tsuchi', '--from', `ichikawa-kyoten-haishi:${example('ichikawa-kyoten-haishi')}`, '--set', 'abolishedOn=2024-06-01', '--set', 'issuedOn=2024-06-21', '--set', 'noSeal=true', '--out', out, '--today', TODAY);
    expect(r.code).toBe(1);
    expect(r.out).toContain('誤り [N-DATES] abolishedOn: 「位置付けを廃止した日」（令和6年6月1日）が届出のあった日（令和6年6月14日）より前になっています。');
    const written = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(written.noSeal).toBe(true);
    expect(written.abolishedOn).toBe('2024-06-01');
  });

  it('exits 2 on a wrong pairing, a bad --from or a bad --set', async () => {
    const wrong = await run('derive', 'ichikawa-kyoten-toroku-tsuchi', '--from', `ichikawa-kyoten-haishi:${example('ichikawa-kyoten-haishi')}`, '--today', TODAY);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('からは作成できません。');
    expect((await run('derive', 'ichikawa-kyoten-toroku-tsuchi', '--from', example('ichikawa-kyoten-todokede'))).code).toBe(2);
    expect((await run('derive', 'ichikawa-kyoten-toroku-tsuchi', '--from', `ichikawa-kyoten-todokede:${example('ichikawa-kyoten-todokede')}`, '--set', 'noSeal=yes')).code).toBe(2);
    expect((await run('derive', 'ichikawa-kyoten-toroku-tsuchi')).code).toBe(2);
  });
});
