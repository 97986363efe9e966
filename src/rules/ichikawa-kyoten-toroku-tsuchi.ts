/** Rules of ichikawa-kyoten-toroku-tsuchi (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenTorokuTsuchiRules: FormRules = { rules: [] };
