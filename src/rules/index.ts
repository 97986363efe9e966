/** Every 様式's rules module, by form id. */
import type { FormRules } from './rule.ts';
import { ichikawaKyotenTodokedeRules } from './ichikawa-kyoten-todokede.ts';
import { ichikawaKyotenHenkoRules } from './ichikawa-kyoten-henko.ts';
import { ichikawaKyotenHaishiRules } from './ichikawa-kyoten-haishi.ts';
import { ichikawaKinoKyokaRules } from './ichikawa-kino-kyoka.ts';
import { ichikawaTaiseiKyokaKirokuRules } from './ichikawa-taisei-kyoka-kiroku.ts';
import { takatsukiRenkeiKaigiKirokuRules } from './takatsuki-renkei-kaigi-kiroku.ts';

export const formRules: Record<string, FormRules> = {
  'ichikawa-kyoten-todokede': ichikawaKyotenTodokedeRules,
  'ichikawa-kyoten-henko': ichikawaKyotenHenkoRules,
  'ichikawa-kyoten-haishi': ichikawaKyotenHaishiRules,
  'ichikawa-kino-kyoka': ichikawaKinoKyokaRules,
  'ichikawa-taisei-kyoka-kiroku': ichikawaTaiseiKyokaKirokuRules,
  'takatsuki-renkei-kaigi-kiroku': takatsukiRenkeiKaigiKirokuRules,
};
