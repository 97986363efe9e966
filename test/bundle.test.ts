/** Documents validated together: KK-BUNDLE, TK-MONTHLY and RM-MONTHLY, findings on the document they concern. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { validateBundle } from '../src/validate-bundle.ts';
import { example } from './support/examples.ts';

const TODAY = '2024-07-10';
const doc = (form: string, change: (d: any) => void = () => {}) => {
  const data = example(form);
  change(data);
  return { form, data };
};
const ids = (r: { errors: { rule: string }[] }) => r.errors.map((e) => e.rule);

describe('KK-BUNDLE: 機能強化加算の届出書は拠点届出書と併せて提出する', () => {
  it('a 機能強化加算 届出書 with the 拠点届出書 of the same office is valid', () => {
    const bundle = validateBundle(
      [doc('ichikawa-kyoten-todokede', (d) => (d.office.name = '相談支援センターこうのだい')), doc('ichikawa-kino-kyoka')],
      { today: TODAY },
    );
    expect(bundle.documents.map((d) => ids(d.result))).toEqual([[], []]);
    expect(bundle.valid).toBe(true);
  });

  it('without it, the 機能強化加算 届出書 carries the error, with the exact message', () => {
    const bundle = validateBundle([doc('ichikawa-kyoten-todokede'), doc('ichikawa-kino-kyoka')], { today: TODAY });
    expect(bundle.valid).toBe(false);
    expect(ids(bundle.documents[0].result)).toEqual([]);
    expect(bundle.documents[1].result.errors).toEqual([
      {
        rule: 'KK-BUNDLE',
        severity: 'error',
        path: '',
        message: '機能強化加算の届出書（事業所名「相談支援センターこうのだい」）は、同じ事業所の「市川市地域生活支援拠点等届出書」と併せて提出してください。',
      },
    ]);
  });

  it('matches the office by 事業者名 when the 事業所名 is written differently', () => {
    const bundle = validateBundle(
      [doc('ichikawa-kyoten-todokede', (d) => (d.applicant.name = '社会福祉法人　いちかわ福祉会')), doc('ichikawa-kino-kyoka')],
      { today: TODAY },
    );
    expect(ids(bundle.documents[1].result)).toEqual([]);
  });
});

describe('TK-MONTHLY: 地域体制強化共同支援加算は利用者ごとに1月に1回を限度とする', () => {
  it('the same 利用者 twice in one month: the second record carries the error', () => {
    const bundle = validateBundle(
      [doc('ichikawa-taisei-kyoka-kiroku'), doc('ichikawa-taisei-kyoka-kiroku', (d) => (d.meeting.date = '令和6年6月12日'))],
      { today: TODAY },
    );
    expect(ids(bundle.documents[0].result)).toEqual([]);
    expect(bundle.documents[1].result.errors).toEqual([
      {
        rule: 'TK-MONTHLY',
        severity: 'error',
        path: 'meeting.date',
        message: '利用者「真間 健太」（生年月日 平成9年8月21日）の記録書が令和6年6月に2件以上あります（1件目と重複）。地域体制強化共同支援加算は1月に1回を限度とします。',
      },
    ]);
  });

  it.each([
    ['in the next month', (d: any) => {
      d.meeting.date = '2024-07-03';
      delete d.report;
    }],
    ['for another person', (d: any) => (d.user.name = '真間 花子')],
    ['for a namesake born on another day', (d: any) => (d.user.birthDate = '1997-08-22')],
  ])('a second record %s is fine', (_name, change) => {
    const bundle = validateBundle([doc('ichikawa-taisei-kyoka-kiroku'), doc('ichikawa-taisei-kyoka-kiroku', change)], { today: TODAY });
    expect(bundle.documents.map((d) => ids(d.result))).toEqual([[], []]);
  });
});

describe('RM-MONTHLY: 事業所間連携加算は(Ⅰ)(Ⅱ)とも加算対象児ごとに1月に1回を限度とする', () => {
  const KIROKU = 'takatsuki-renkei-kaigi-kiroku';
  const MESSAGE =
    '加算対象児「城山 陽翔」（通所受給者証番号 0000317254）の記録（報告書）が令和6年6月に2件以上あります（1件目と重複）。事業所間連携加算は(Ⅰ)(Ⅱ)とも1月に1回を限度とするため、同じ月の2回目の会議では算定できません。この記録を提出から外してください。';
  const secondMeetingInJune = (d: any) => {
    d.meeting.date = '令和6年6月19日';
    d.guardianSupport.date = '2024-06-21';
    d.staffSharing.date = '2024-06-20';
    d.offices[2].before.date = '2024-06-18';
    d.offices[2].after.date = '2024-06-20';
    d.recordedOn = '2024-06-21';
  };

  it('two records for the same child in one month: the second carries the error, and the bundle is not valid', () => {
    const bundle = validateBundle([doc(KIROKU), doc(KIROKU, secondMeetingInJune)], { today: TODAY });
    expect(bundle.valid).toBe(false);
    expect(ids(bundle.documents[0].result)).toEqual([]);
    expect(bundle.documents[1].result.errors).toEqual([{ rule: 'RM-MONTHLY', severity: 'error', path: 'meeting.date', message: MESSAGE }]);
    // Each record alone still computes its claims; the bundle is what refuses the second month's claim.
    expect(bundle.documents[1].result.computed.totalUnits).toBe(800);
  });

  it.each([
    ['by 通所受給者証番号, even when the name is written with a full-width space', (d: any) => (d.child.name = '城山　陽翔')],
    ['by 氏名 and 生年月日, even when the 通所受給者証番号 differs', (d: any) => (d.child.certificateNumber = '0000317255')],
  ])('the same child is recognised %s', (_how, change) => {
    const bundle = validateBundle([doc(KIROKU), doc(KIROKU, (d) => (secondMeetingInJune(d), change(d)))], { today: TODAY });
    expect(bundle.documents[1].result.errors.map((e) => e.rule)).toEqual(['RM-MONTHLY']);
  });

  it.each([
    ['in the next month', (d: any) => {
      d.meeting.date = '令和6年7月3日';
      d.guardianSupport.date = '2024-07-05';
      d.staffSharing.date = '2024-07-04';
      d.offices[2].before.date = '2024-07-02';
      d.offices[2].after.date = '2024-07-04';
      d.recordedOn = '2024-07-05';
      d.submittedOn = '2024-07-08';
    }],
    ['for another child', (d: any) => {
      secondMeetingInJune(d);
      d.child = { kana: 'とんだ さくら', name: '富田 さくら', birthDate: '2015-04-02', certificateNumber: '0000317300' };
    }],
  ])('a second record %s is fine', (_name, change) => {
    const bundle = validateBundle([doc(KIROKU), doc(KIROKU, change)], { today: TODAY });
    expect(bundle.documents.map((d) => ids(d.result))).toEqual([[], []]);
    expect(bundle.valid).toBe(true);
  });

  it('`yoshiki validate --bundle` exits 1 and names the rule on the second record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-bundle-'));
    try {
      const files = [doc(KIROKU), doc(KIROKU, secondMeetingInJune)].map((d, i) => {
        const file = path.join(dir, `kiroku-${i + 1}.json`);
        fs.writeFileSync(file, JSON.stringify(d));
        return file;
      });
      let out = '';
      const code = await main(['node', 'yoshiki', 'validate', '--bundle', ...files, '--json', '--today', TODAY], (s) => void (out += s), () => {});
      expect(code).toBe(1);
      const result = JSON.parse(out);
      expect(result.valid).toBe(false);
      expect(result.documents[1].result.errors).toEqual([{ rule: 'RM-MONTHLY', severity: 'error', path: 'meeting.date', message: MESSAGE }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
