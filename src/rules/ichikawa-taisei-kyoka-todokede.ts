/** Rules of ichikawa-taisei-kyoka-todokede (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaTaiseiKyokaTodokedeRules: FormRules = { rules: [] };
