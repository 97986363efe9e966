/** The helper every counting rule uses (src/rules/common/distinct.ts): rows counted once by a key given as data. */
import { describe, expect, it } from 'vitest';
import { distinctRows, duplicateRows, identityKey } from '../../src/rules/common/distinct.ts';

describe('rows counted once by their key', () => {
  it('names every repeat with the first row it repeats, also when three rows are the same', () => {
    const rows = [{ number: '1' }, { number: '2' }, { number: '1' }, { number: '1' }];
    expect(duplicateRows(rows, ['number'])).toEqual([
      { first: 0, row: 2, values: ['1'] },
      { first: 0, row: 3, values: ['1'] },
    ]);
    expect(distinctRows(rows, ['number'])).toEqual([{ number: '1' }, { number: '2' }]);
  });

  it('needs every field of the key to match: the same name in another office is another person', () => {
    const rows = [{ office: 'A', name: '山田 太郎' }, { office: 'B', name: '山田 太郎' }, { office: 'A', name: '山田　太郎' }];
    expect(duplicateRows(rows, ['office', 'name']).map((d) => [d.first, d.row])).toEqual([[0, 2]]);
  });

  it('keeps rows whose key is blank or missing: they cannot be matched (G-REQUIRED reports them)', () => {
    const rows = [{ number: '' }, { number: '　' }, {}, 'not a row', { number: '1' }];
    expect(duplicateRows(rows, ['number'])).toEqual([]);
    expect(distinctRows(rows, ['number'])).toHaveLength(5);
  });

  it('compares a list of plain values by the value itself', () => {
    expect(duplicateRows(['a.pdf', 'b.pdf', 'a.pdf'], []).map((d) => d.row)).toEqual([2]);
  });

  it('compares ignoring spaces and 全角/半角, without changing what is stored', () => {
    expect(identityKey('ＡＢＣ　クリニック')).toBe(identityKey('ABC クリニック'));
    expect(identityKey('髙橋')).not.toBe(identityKey('高橋'));
    const rows = [{ org: 'ＡＢＣ　クリニック' }, { org: 'ABCクリニック' }];
    expect(duplicateRows(rows, ['org'])).toEqual([{ first: 0, row: 1, values: ['ABCクリニック'] }]);
    expect(rows[0].org).toBe('ＡＢＣ　クリニック');
  });
});
