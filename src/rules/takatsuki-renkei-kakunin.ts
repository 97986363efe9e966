/** Rules of takatsuki-renkei-kakunin (being written). */
import type { FormRules } from './rule.ts';

export const takatsukiRenkeiKakuninRules: FormRules = { rules: [] };
