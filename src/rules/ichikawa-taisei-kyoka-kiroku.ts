/** Rules of ichikawa-taisei-kyoka-kiroku (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaTaiseiKyokaKirokuRules: FormRules = { rules: [] };
