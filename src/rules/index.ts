/** Every 様式's rules module, by form id. */
import type { FormRules } from './rule.ts';
import { ichikawaKyotenTodokedeRules } from './ichikawa-kyoten-todokede.ts';
import { ichikawaKyotenHenkoRules } from './ichikawa-kyoten-henko.ts';
import { ichikawaKyotenHaishiRules } from './ichikawa-kyoten-haishi.ts';
import { ichikawaTaiseiKyokaTodokedeRules } from './ichikawa-taisei-kyoka-todokede.ts';
import { ichikawaKinoKyokaRules } from './ichikawa-kino-kyoka.ts';
import { ichikawaTaiseiKyokaKirokuRules } from './ichikawa-taisei-kyoka-kiroku.ts';
import { ichikawaKyotenTorokuTsuchiRules } from './ichikawa-kyoten-toroku-tsuchi.ts';
import { ichikawaKyotenHenkoTorokuTsuchiRules } from './ichikawa-kyoten-henko-toroku-tsuchi.ts';
import { ichikawaKyotenHaishiTsuchiRules } from './ichikawa-kyoten-haishi-tsuchi.ts';
import { takatsukiRenkeiKakuninRules } from './takatsuki-renkei-kakunin.ts';
import { takatsukiRenkeiKaijoRules } from './takatsuki-renkei-kaijo.ts';
import { takatsukiRenkeiKaigiKirokuRules } from './takatsuki-renkei-kaigi-kiroku.ts';

export const formRules: Record<string, FormRules> = {
  'ichikawa-kyoten-todokede': ichikawaKyotenTodokedeRules,
  'ichikawa-kyoten-henko': ichikawaKyotenHenkoRules,
  'ichikawa-kyoten-haishi': ichikawaKyotenHaishiRules,
  'ichikawa-taisei-kyoka-todokede': ichikawaTaiseiKyokaTodokedeRules,
  'ichikawa-kino-kyoka': ichikawaKinoKyokaRules,
  'ichikawa-taisei-kyoka-kiroku': ichikawaTaiseiKyokaKirokuRules,
  'ichikawa-kyoten-toroku-tsuchi': ichikawaKyotenTorokuTsuchiRules,
  'ichikawa-kyoten-henko-toroku-tsuchi': ichikawaKyotenHenkoTorokuTsuchiRules,
  'ichikawa-kyoten-haishi-tsuchi': ichikawaKyotenHaishiTsuchiRules,
  'takatsuki-renkei-kakunin': takatsukiRenkeiKakuninRules,
  'takatsuki-renkei-kaijo': takatsukiRenkeiKaijoRules,
  'takatsuki-renkei-kaigi-kiroku': takatsukiRenkeiKaigiKirokuRules,
};
