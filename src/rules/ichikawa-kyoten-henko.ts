/** Rules of ichikawa-kyoten-henko (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenHenkoRules: FormRules = { rules: [] };
