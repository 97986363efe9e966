/** Rules of ichikawa-kyoten-henko-toroku-tsuchi (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenHenkoTorokuTsuchiRules: FormRules = { rules: [] };
