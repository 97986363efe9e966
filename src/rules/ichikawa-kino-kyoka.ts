/** Rules of ichikawa-kino-kyoka (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKinoKyokaRules: FormRules = { rules: [] };
