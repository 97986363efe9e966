/**
 * distinctRows: what a 様式 counts is people and offices, not the rows they are written on, so a row whose key repeats an
 * earlier row's (same 事業所番号, same 氏名 and 法人・事業所) is an error on the later row, naming both rows by number and
 * the key by its printed labels, so the person can delete the one they did not mean. Keys compare as identities
 * (src/rules/common/distinct.ts: NFKC, without spaces).
 */
import type { FormDefinition } from '../../forms/definition.ts';
import { fieldAt } from '../../forms/fields.ts';
import { duplicateRows, rowsAt, type DistinctKey } from '../common/distinct.ts';
import type { RuleHit } from '../rule.ts';
import type { DeclaredKind } from './kind.ts';

/** 「事業所番号「2752100418」」, 「法人・事業所名「…」、氏名「…」」: the key as the 様式 labels it. */
function describeKey(definition: Pick<FormDefinition, 'fields'>, spec: DistinctKey, values: string[]): string {
  if (spec.key.length === 0) return `「${values[0]}」`;
  return spec.key.map((k, i) => `${fieldAt(definition, `${spec.list}.0.${k}`)?.label ?? k}「${values[i]}」`).join('、');
}

export const distinctRowsKind: DeclaredKind<'distinctRows'> = {
  check(rule, { data, definition }) {
    const hits: RuleHit[] = [];
    for (const spec of rule.lists) {
      const list = fieldAt(definition, spec.list);
      for (const d of duplicateRows(rowsAt(data, spec.list), spec.key))
        hits.push({
          path: `${spec.list}.${d.row}`,
          params: {
            list: list?.label ?? spec.list,
            item: list?.item?.label ?? list?.label ?? spec.list,
            first: d.first + 1,
            second: d.row + 1,
            key: describeKey(definition, spec, d.values),
          },
        });
    }
    return hits;
  },
  paths: (rule) => rule.lists.flatMap((l) => (l.key.length ? l.key.map((k) => `${l.list}.*.${k}`) : [l.list])),
};
