/** Documents validated together: KK-BUNDLE and TK-MONTHLY, findings on the document they concern. */
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../src/validate-bundle.ts';
import { example } from './rules/case-table.ts';

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
