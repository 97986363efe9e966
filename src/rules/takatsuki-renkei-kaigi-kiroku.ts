/** Rules of takatsuki-renkei-kaigi-kiroku (being written). */
import type { FormRules } from './rule.ts';

export const takatsukiRenkeiKaigiKirokuRules: FormRules = { rules: [] };
