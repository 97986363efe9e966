/**
 * The 別紙「緊急時に受入れ可能な障がいの種類」 shared by ichikawa-kyoten-todokede and ichikawa-kyoten-henko (S002 §27 別紙).
 *
 * The 別紙 is written only by an office that takes on 緊急時の受入れ・対応機能 (「(※ 緊急時の受入れ・対応機能を担う場合)」,
 * and the 添付書類 line 「別紙（緊急時の受け入れ・対応機能を担う場合のみ）」). Each form says where its chosen functions are
 * (the 届出書: `functions`; the 変更届: the functions after the change), so both share one pair of rules.
 */
import { fieldAt } from '../../forms/fields.ts';
import type { FieldDefinition } from '../../forms/definition.ts';
import { defineRule, type Rule, type RuleHit } from '../rule.ts';
import { isObject } from './values.ts';

/** The option value of 緊急時の受け入れ・対応機能 in `functions`. */
export const EMERGENCY_ACCEPTANCE = 'emergencyAcceptance';
/** The data key of the 別紙 group. */
export const BESSHI_KEY = 'emergencyAcceptance';

/** The nine rows of the 別紙 as the paper prints them; labels are read from the definition when it has them. */
export const BESSHI_ROWS: readonly { key: string; label: string }[] = [
  { key: 'visual', label: '視覚' },
  { key: 'hearing', label: '聴覚又は平衡機能' },
  { key: 'speech', label: '音声、言語又はそしゃく機能' },
  { key: 'physical', label: '肢体不自由' },
  { key: 'internal', label: '内部' },
  { key: 'intellectual', label: '知的障がい' },
  { key: 'mental', label: '精神障がい' },
  { key: 'developmental', label: '発達障がい' },
  { key: 'medicalCare', label: '医療的ケアを必要とする方' },
];


/** True when anything at all is written on the 別紙 (a checked box, a 備考, an その他 row or the free text). */
export function besshiFilled(besshi: unknown): boolean {
  if (!isObject(besshi)) return false;
  const hasContent = (v: unknown): boolean => {
    if (v === true) return true;
    if (typeof v === 'string') return v.trim() !== '';
    if (typeof v === 'number') return true;
    if (Array.isArray(v)) return v.some(hasContent);
    if (isObject(v)) return Object.values(v).some(hasContent);
    return false;
  };
  return hasContent(besshi);
}

function rowLabel(definition: { fields: FieldDefinition[] } | undefined, key: string, fallback: string): string {
  const field = definition ? fieldAt(definition, `${BESSHI_KEY}.${key}`) : undefined;
  return field?.label ?? fallback;
}

/**
 * KT-BESSHI and KT-BESSHI-UNUSED for a form whose chosen functions `functionsOf(data)` returns.
 *
 * An array is the functions the office takes on (possibly none). `undefined` means they are not known from this document —
 * a 変更届 that leaves 担う機能 unchanged: then 別紙 is neither required nor unexpected, but a 別紙 that is written is still
 * checked row by row (the office evidently takes on the function).
 */
export function besshiRules(functionsOf: (data: any) => string[] | undefined): Rule[] {
  /** true / false when the functions are known, undefined when not. */
  const choosesEmergency = (data: unknown): boolean | undefined => {
    let functions: unknown;
    try {
      functions = functionsOf(data);
    } catch {
      return undefined;
    }
    return Array.isArray(functions) ? functions.includes(EMERGENCY_ACCEPTANCE) : undefined;
  };

  // S002 §27 別紙: 「(※ 緊急時の受入れ・対応機能を担う場合)」 the office fills in, for each of the nine kinds of disability,
  // 受入可（者／児）or 受入不可. A row left blank says nothing to the city, and a row marked both contradicts itself.
  const besshi = defineRule<any>({
    id: 'KT-BESSHI',
    severity: 'error',
    source: 'S002 §27 別紙',
    message: 'KT-BESSHI-MISSING',
    check({ data, definition }) {
      const emergency = choosesEmergency(data);
      if (emergency === false) return [];
      const sheet = isObject(data) ? data[BESSHI_KEY] : undefined;
      if (!besshiFilled(sheet)) return emergency ? [{ path: BESSHI_KEY }] : [];
      const hits: RuleHit[] = [];
      for (const { key, label } of BESSHI_ROWS) {
        const row = isObject(sheet) ? sheet[key] : undefined;
        const r = isObject(row) ? row : {};
        const accepted = r.adult === true || r.child === true;
        const refused = r.notAccepted === true;
        const path = `${BESSHI_KEY}.${key}`;
        const rowName = rowLabel(definition, key, label);
        if (accepted && refused) hits.push({ path, code: 'KT-BESSHI-BOTH', params: { row: rowName } });
        else if (!accepted && !refused) hits.push({ path, code: 'KT-BESSHI-ROW', params: { row: rowName } });
      }
      return hits;
    },
  });

  // S002 §27: the 別紙 is attached 「緊急時の受け入れ・対応機能を担う場合のみ」. A filled 別紙 without that function is most
  // likely a forgotten checkbox (or a 別紙 left over), so warn rather than reject.
  const unused = defineRule<any>({
    id: 'KT-BESSHI-UNUSED',
    severity: 'warning',
    source: 'S002 §27',
    message: 'KT-BESSHI-UNUSED',
    check({ data }) {
      if (choosesEmergency(data) !== false) return [];
      const sheet = isObject(data) ? data[BESSHI_KEY] : undefined;
      return besshiFilled(sheet) ? [{ path: BESSHI_KEY }] : [];
    },
  });

  return [besshi, unused];
}
