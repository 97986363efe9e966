/**
 * Cross-field rules declared as data in a definition's `rules` (the patterns the 様式 repeat: required-if, at least one of,
 * distinct rows, a count of distinct values, a sum under a limit, dates in order, once a month across documents). Each
 * has what every rule has — a stable id, a severity, its seed reference and a message — and the parameters of its kind.
 * The evaluators live one per kind in src/rules/declared/; this is only the format, checked with zod when a definition
 * loads. `message` is a code of src/messages/ja.ts or the name of a template in the folder's own messages.ts.
 */
import { z } from 'zod';

const path = z.string().min(1);
const common = {
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, 'a rule id is upper-case words joined by hyphens (RK-DATES)'),
  severity: z.enum(['error', 'warning']),
  /** Where the rule comes from: seed and section (「S000 Q5」). */
  source: z.string().trim().min(1),
  message: z.string().min(1),
};

/** A condition on one data path: equal to a value, a list (choices) holding a value, or simply filled in. */
const conditionSchema = z.union([
  z.object({ path, equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
  z.object({ path, includes: z.string() }).strict(),
  z.object({ path, filled: z.literal(true) }).strict(),
]);

/** A list and the fields of its rows that together say who or what a row is (`[]`: a list of plain values). */
const distinctKeySchema = z.object({ list: path, key: z.array(z.string().min(1)) }).strict();

/** A date of a dateOrder rule and the name its message reads it by (「{accepted}」). */
const orderedDateSchema = z.object({ path, param: z.string().min(1) }).strict();

export const declaredRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('requiredIf'),
      ...common,
      /** The path that must be filled in … */
      path,
      /** … when this holds. */
      when: conditionSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('atLeastOneOf'),
      ...common,
      /** At least one of these is filled in (a list or choices: at least one element). */
      paths: z.array(path).min(1),
      /** Where the finding goes; the first path when left out. */
      at: path.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('distinctRows'),
      ...common,
      /** In each list, a row whose key repeats an earlier row's is an error on the later row, naming both. */
      lists: z.array(distinctKeySchema).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('countDistinctAtLeast'),
      ...common,
      list: path,
      key: z.array(z.string().min(1)),
      atLeast: z.number().int().positive(),
      /** The message's name for the count found (「{count}」). */
      countParam: z.string().min(1).default('count'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('sumAtMost'),
      ...common,
      list: path,
      /** The column summed (non-negative integers; anything else is the field's own finding). */
      column: z.string().min(1),
      /** The limit: paths (data or computed values), numbers, + − × ÷ and parentheses — 「a × 100」. */
      atMost: z.string().min(1),
      /** The message's names for the sum and the limit. */
      sumParam: z.string().min(1).default('sum'),
      limitParam: z.string().min(1).default('limit'),
      /** A message for a limit of 0, where trimming the sum cannot help. */
      messageWhenNoLimit: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('dateOrder'),
      ...common,
      /** Two or three dates, each on or before the next; a pair with a blank or impossible date is skipped. */
      dates: z.array(orderedDateSchema).min(2).max(3),
      /** Per pair (first–second, second–third): its message and which date the finding is on (default the later). */
      pairs: z
        .array(z.object({ message: z.string().min(1).optional(), at: z.enum(['earlier', 'later']).default('later') }).strict())
        .optional(),
      /** Each date strictly before the next (a 生年月日 before the meeting), not merely on or before it. */
      strict: z.boolean().optional(),
      /** How the message prints a date: 和暦 (令和7年3月3日) or with slashes (2025/03/03). */
      format: z.enum(['wareki', 'slashes']).default('wareki'),
      /**
       * The first date at most `days` open days before the last (the rule's message, on the first date): days listed in
       * `closedDays` (a list of dates) are not counted. The message reads the count as 「{days}」.
       */
      within: z.object({ days: z.number().int().nonnegative(), closedDays: path.optional() }).strict().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('mentionsOneOf'),
      ...common,
      /** Text that, when written, must contain at least one of `words`. */
      path,
      words: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('monthOnce'),
      ...common,
      /** The date whose calendar month counts (and where the finding goes). */
      date: path,
      /**
       * The identities of who a document is about, each a set of paths (the same 受給者証番号, or the same 氏名 and
       * 生年月日): two documents share a person when any identity matches. Compared ignoring spaces (全角/半角).
       */
      keys: z.array(z.array(path).min(1)).min(1),
      /** Message parameters read from the document (a date prints in 和暦); `month` and `other` are always given. */
      params: z.record(z.string(), path).default({}),
      /** The message when the earlier document is one the office has already filed: the same parameters and `receipt` (its 受付番号). */
      storedMessage: z.string().min(1),
    })
    .strict(),
]);

export type DeclaredRule = z.infer<typeof declaredRuleSchema>;
export type DeclaredRuleKind = DeclaredRule['kind'];
export type DeclaredRuleOf<K extends DeclaredRuleKind> = Extract<DeclaredRule, { kind: K }>;
export type RuleCondition = z.infer<typeof conditionSchema>;

/** A definition's `rules`: ids of rules its rules.ts (or its computed values) implements, and rules declared as data. */
export const rulesListSchema = z.array(z.union([z.string().min(1), declaredRuleSchema])).default([]);

export const isDeclaredRule = (entry: string | DeclaredRule): entry is DeclaredRule => typeof entry !== 'string';

/** The id of an entry of `rules`, written as an id or declared. */
export const ruleEntryId = (entry: string | DeclaredRule): string => (typeof entry === 'string' ? entry : entry.id);
