/** Rules of ichikawa-kyoten-haishi (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenHaishiRules: FormRules = { rules: [] };
