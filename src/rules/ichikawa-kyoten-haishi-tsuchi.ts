/** Rules of ichikawa-kyoten-haishi-tsuchi (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenHaishiTsuchiRules: FormRules = { rules: [] };
