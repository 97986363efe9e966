/**
 * Rules of takatsuki-renkei-kaijo — (様式2) 事業所間連携加算(解除)確認書, 高槻市.
 *
 * Only the general rules (G-*) apply. rules.md lists RK-* for 様式1 and 様式2 together, but each needs what 様式2 does not
 * carry: RK-OFFICES, RK-CORE, RK-SAME-CORP need the office list; RK-SELFPLAN, RK-CONSENT are conditions for taking the
 * addition up, not for giving it up; RK-CHANGE needs the 新規・変更 kind; RK-EFFECTIVE is the 翌月1日 of S000 Q5, which the seed
 * states for the 確認書 (様式1) only — for the (解除)確認書 (S000 Q10) it names no date of effect, so none is computed.
 */
import type { FormRules } from './rule.ts';

export const takatsukiRenkeiKaijoRules: FormRules = { rules: [] };
