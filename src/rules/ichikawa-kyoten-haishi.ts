/**
 * Rules of ichikawa-kyoten-haishi — 市川市地域生活支援拠点等廃止届出書 (S002 §27).
 *
 * The form names the office and states the 廃止; rules.md gives it no cross-field rule. Its fields are checked by the
 * general rules (G-REQUIRED, G-OFFICE-NUMBER, G-POSTAL, G-DATE, …) from the definition.
 */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenHaishiRules: FormRules = { rules: [] };
