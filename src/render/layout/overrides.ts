/**
 * Per-form layout overrides (`forms/<municipality>/<form-id>/layout.json`): the few sizes a 様式 needs that differ from the house
 * defaults. Everything else is derived from the definition.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { formFolder, shownPath } from '../../forms/folders.ts';

const overridesSchema = z
  .object({
    /**
     * Width (mm) of the label column of label | value tables and of the row-label area of group tables. Unset, it is
     * derived per 様式 page from the longest label there (layoutDocument), one width for every table on the page.
     */
    labelWidth: z.number().positive().optional(),
    /** Font sizes in pt. */
    valueSize: z.number().positive().default(10.5),
    labelSize: z.number().positive().default(10),
    textSize: z.number().positive().default(10.5),
    /** The least size (pt) a value shrinks to (checkbox labels in a narrow column, a fixed box); never below 8. */
    floorSize: z.number().min(8).default(8),
    /** Minimum height (mm) of a table row. */
    rowHeight: z.number().positive().default(8.5),
    /**
     * Yes/no items the 様式 prints as a pair with one ticked (保護者の参加 □有 □無), by data path (`*` for a list row),
     * with the pair's wording as the 様式 prints it: yes first. "No" (false) is then told from "not answered" (neither).
     * Any other boolean prints one box, ticked or not (a statement the filer confirms).
     */
    yesNo: z.record(z.string(), z.tuple([z.string().min(1), z.string().min(1)])).default({}),
    /**
     * Pages printed only when they apply, by page number (1 = the first page of `pages`): the ＜別紙＞ 「緊急時の受入れ・
     * 対応機能を担う場合」 applies when `field` (a multiple choice) includes the option `includes`. A page whose own values
     * are filled in prints all the same, so nothing typed is dropped; the blank form (fillable PDF) has every page.
     */
    pagesWhen: z.record(z.string().regex(/^[1-9]\d*$/), z.object({ field: z.string().min(1), includes: z.string().min(1) }).strict()).default({}),
  })
  .strict();

export type LayoutOverrides = z.infer<typeof overridesSchema>;

const cache = new Map<string, LayoutOverrides>();

/** The wording of a yes/no pair (['有', '無']) when the 様式 prints the boolean at `path` as one; else undefined. */
export function yesNoPair(formId: string, path: string): readonly [string, string] | undefined {
  return templateOverrides(formId).yesNo[path.replace(/\.\d+(?=\.|$)/g, '.*')];
}

export function templateOverrides(formId: string): LayoutOverrides {
  let o = cache.get(formId);
  if (o) return o;
  const file = formFolder(formId)?.layout;
  const json = file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const parsed = overridesSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`[yoshiki] ${shownPath(file!)} is broken at ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  cache.set(formId, (o = parsed.data));
  return o;
}
