/** Rules of takatsuki-renkei-kaijo (being written). */
import type { FormRules } from './rule.ts';

export const takatsukiRenkeiKaijoRules: FormRules = { rules: [] };
