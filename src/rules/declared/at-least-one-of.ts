/** atLeastOneOf: at least one of the paths is filled in (a list or choices: at least one element). */
import { getAt, isBlank } from '../../forms/fields.ts';
import type { DeclaredKind } from './kind.ts';

export const atLeastOneOf: DeclaredKind<'atLeastOneOf'> = {
  check: (rule, { data }) => (rule.paths.some((p) => !isBlank(getAt(data, p))) ? [] : [{ path: rule.at ?? rule.paths[0] }]),
  paths: (rule) => [...rule.paths, ...(rule.at ? [rule.at] : [])],
};
