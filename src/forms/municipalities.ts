/**
 * A city's facts, from `forms/<municipality>/municipality.json`: its name as printed, its prefecture, the prefix of its
 * 受付番号 and, where it keeps one, the title of its public registry. A new city is a new folder with this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DefinitionError } from './definition-error.ts';
import { FORMS_DIR, shownPath } from './folders.ts';
import { readCheckedJson } from './folder-file.ts';

export const municipalitySchema = z
  .object({
    $schema: z.string().optional(),
    /** The folder name: `ichikawa`. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** As printed: 市川市. */
    name: z.string().min(1),
    /** 千葉県. */
    prefecture: z.string().min(1),
    /** Three capital letters before each 受付番号: ICH-2026-000123. */
    receiptPrefix: z.string().regex(/^[A-Z]{3}$/),
    /** The public registry's title, for a city that publishes one (S002 §4-3: 市川市地域生活支援拠点等一覧表). */
    registryTitle: z.string().min(1).optional(),
    /**
     * The 文書番号 of the notices the city issues (登録通知書 …): `{n}` is the number, sequential per city and calendar year
     * (JST), given at 受理 in the same transaction as the notice, so a refused decision gives its number back.
     */
    noticeNumber: z
      .object({ format: z.string().min(1).regex(/^[^{}]*\{n\}[^{}]*$/, 'format must contain {n} once, and no other braces: 市障第{n}号') })
      .strict()
      .optional(),
    /**
     * How the notice names its addressee (宛名): filing paths in braces, e.g. `{applicant.name}　{applicant.representative}`
     * (the default). A path the filing leaves blank prints nothing, with the space next to it.
     */
    noticeAddressee: z
      .object({ format: z.string().min(1).regex(/\{[\w.]+\}/, 'format must name at least one filing path in braces: {applicant.name}') })
      .strict()
      .optional(),
  })
  .strict();

export type Municipality = z.infer<typeof municipalitySchema>;

const loaded = new Map<string, Map<string, Municipality>>();

export function loadMunicipalities(root = FORMS_DIR): Map<string, Municipality> {
  const known = loaded.get(root);
  if (known) return known;
  const all = new Map<string, Municipality>();
  const names = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
  for (const name of names) {
    const file = path.join(root, name, 'municipality.json');
    if (!fs.existsSync(file)) continue;
    const municipality = readCheckedJson(file, municipalitySchema);
    if (municipality.id !== name) throw new DefinitionError(shownPath(file), 'id', `id "${municipality.id}" does not match the folder name "${name}"`);
    all.set(name, municipality);
  }
  loaded.set(root, all);
  return all;
}

export function findMunicipality(id: string): Municipality | undefined {
  return loadMunicipalities().get(id);
}

/** 市川市 for `ichikawa`; the id itself for a city without a folder (never thrown: used in messages). */
export function municipalityName(id: string): string {
  return findMunicipality(id)?.name ?? id;
}
