/** Rules of ichikawa-kyoten-todokede (being written). */
import type { FormRules } from './rule.ts';

export const ichikawaKyotenTodokedeRules: FormRules = { rules: [] };
