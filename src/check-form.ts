/**
 * `yoshiki form check <folder>`: everything a 様式 folder must satisfy before a city publishes it — the definition is in
 * the format, the city has its municipality.json, the example may be filed, every rule id is implemented and cited,
 * every field is placed on the page, the PDF and the Excel file are made, and every case in cases.json holds.
 * Each step reports what is wrong in terms a city's IT person can act on; the steps run even after one fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { applyCase, readCaseFile, type RuleCase } from './forms/cases.ts';
import type { FormDefinition } from './forms/definition.ts';
import { formFolder, FORMS_DIR, shownPath, type FormFolder } from './forms/folders.ts';
import { findMunicipality } from './forms/municipalities.ts';
import { readDefinitionFile } from './forms/registry.ts';
import { renderDocument } from './render/render.ts';
import { layoutPaths, leafPaths } from './render/layout/printed-labels.ts';
import { parseDateInput } from './text/wareki.ts';
import { generalRules } from './rules/general.ts';
import { builtFormRules, formRules } from './rules/index.ts';
import { formCodeDigest } from './forms/form-code.ts';
import { declaredKindProblems, declaredRuleProblems } from './rules/declared/check.ts';
import { ruleEntryId } from './forms/declared-rules.ts';
import { validateDocument, type ValidationResult } from './validate.ts';

export interface CheckStep {
  /** What was checked, in Japanese. */
  name: string;
  problems: string[];
}

/** Examples are dated; each is validated as of its own filing date so that date rules read as the office meant them. */
export function exampleToday(data: Record<string, unknown>): string | undefined {
  for (const key of ['filedOn', 'submittedOn', 'recordedOn']) {
    const parsed = typeof data[key] === 'string' ? parseDateInput(data[key] as string) : undefined;
    if (parsed?.ok) return parsed.iso;
  }
  return undefined;
}

/** The `rules` of a definition.json as written, for checks that must speak before the format check refuses it. */
function rawRules(file: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { rules?: unknown }).rules;
  } catch {
    return undefined; // unreadable JSON: the format step says so
  }
}

const ids = (findings: { rule: string }[]) => [...new Set(findings.map((f) => f.rule))].sort();

/** What a case expects and validation did not say, one line each ([] when the case holds). */
export function caseMismatches(c: RuleCase, result: ValidationResult): string[] {
  const out: string[] = [];
  const all = [...result.errors, ...result.warnings];
  const expectIds = (kind: string, got: string[], want: string[]) => {
    if (!isDeepStrictEqual(got, [...want].sort())) out.push(`${kind}：期待 [${[...want].sort().join(', ')}]、実際 [${got.join(', ')}]`);
  };
  expectIds('誤り', ids(result.errors), c.errors);
  if (c.warnings) expectIds('注意', ids(result.warnings), c.warnings);
  for (const [key, value] of Object.entries(c.computed ?? {}))
    if (!isDeepStrictEqual(result.computed[key], value)) out.push(`計算値 ${key}：期待 ${JSON.stringify(value)}、実際 ${JSON.stringify(result.computed[key])}`);
  for (const [rule, text] of Object.entries(c.messages ?? {})) {
    const got = all.find((f) => f.rule === rule)?.message;
    if (got !== text) out.push(`${rule} のメッセージ：期待「${text}」、実際「${got ?? '（なし）'}」`);
  }
  for (const [rule, paths] of Object.entries(c.paths ?? {})) {
    const got = all.filter((f) => f.rule === rule).map((f) => f.path);
    if (!isDeepStrictEqual(got, paths)) out.push(`${rule} の項目：期待 [${paths.join(', ')}]、実際 [${got.join(', ')}]`);
  }
  return out;
}

/** `root` is the forms folder the 様式 must lie in (forms/; a test gives a copy elsewhere). */
export async function checkFormFolder(dir: string, root = FORMS_DIR): Promise<CheckStep[]> {
  const absolute = path.resolve(dir);
  const id = path.basename(absolute);
  const municipality = path.basename(path.dirname(absolute));
  const steps: CheckStep[] = [];
  const step = (name: string): CheckStep => {
    const s = { name, problems: [] };
    steps.push(s);
    return s;
  };

  const located = step('様式のフォルダが forms/<市>/<様式の id>/ にある');
  const folder = formFolder(id, root);
  if (!folder || path.resolve(folder.dir) !== absolute) {
    located.problems.push(`${absolute} は様式の一覧（${shownPath(root)}/<市>/<様式の id>/definition.json）にありません。フォルダを forms/ の下に置いてください。`);
    return steps;
  }
  if (!findMunicipality(municipality)) located.problems.push(`forms/${municipality}/municipality.json がありません（市の名称・都道府県・受付番号の接頭辞）。`);

  const format = step('definition.json が様式定義の形式どおりである');
  format.problems.push(...declaredKindProblems(shownPath(folder.definition), rawRules(folder.definition)));
  let definition: FormDefinition;
  try {
    definition = readDefinitionFile(folder.definition, folder);
  } catch (e) {
    format.problems.push((e as Error).message);
    return steps;
  }

  // A declared rule naming a message or an expression that does not exist cannot run: the steps that validate say so
  // instead of failing on it (the rules step below names each problem).
  const declaredProblems = declaredRuleProblems(definition, shownPath(folder.definition), (formRules[definition.id]?.rules ?? []).map((r) => r.id));
  const RULES_BROKEN = '規則の定義（definition.json の rules）に誤りがあるため確かめられません（下の規則の項目を参照）。';

  const example = step('example.json（記入例）に誤りがない');
  let data: Record<string, unknown> | undefined;
  if (!fs.existsSync(folder.example)) example.problems.push('example.json がありません。様式をすべて記入した架空の例を置いてください。');
  else if (declaredProblems.length) example.problems.push(RULES_BROKEN);
  else {
    data = JSON.parse(fs.readFileSync(folder.example, 'utf8')) as Record<string, unknown>;
    const { result } = validateDocument(definition, data, { today: exampleToday(data) ?? '2024-07-01' });
    for (const e of result.errors) example.problems.push(`${e.rule} ${e.path || '（様式全体）'}：${e.message}`);
  }

  const built = step('フォルダの TypeScript（rules.ts・messages.ts）が組み込まれている（npm run build）');
  built.problems.push(...buildProblems(folder, builtFormRules));

  const rules = step('規則の id がすべて実装され、出典が書かれている');
  const own = formRules[definition.id]?.rules ?? [];
  const implemented = new Set(own.map((r) => r.id));
  const computedRules = new Set(definition.computed.map((c) => c.rule));
  const listed = definition.rules.map(ruleEntryId);
  for (const rule of definition.rules)
    if (typeof rule === 'string' && !implemented.has(rule) && !computedRules.has(rule))
      rules.problems.push(`definition.json の rules にある ${rule} が rules.ts にありません（データで書く規則なら kind などを持つオブジェクトにしてください）。`);
  for (const rule of implemented) if (!listed.includes(rule)) rules.problems.push(`rules.ts の ${rule} が definition.json の rules にありません。`);
  for (const rule of [...own, ...generalRules]) if (!rule.source?.trim()) rules.problems.push(`${rule.id} に出典（source）がありません。`);
  rules.problems.push(...declaredProblems);

  const placed = step('すべての項目が様式のどこかに印字される');
  const printed = layoutPaths(definition);
  for (const p of leafPaths(definition.fields))
    if (!printed.some((at) => p === at || p.startsWith(`${at}.`))) placed.problems.push(`項目 ${p} がどのページのブロックにもありません（印字しない項目は "printed": false）。`);

  const render = step('記入例から PDF と Excel を作成できる');
  if (data) {
    try {
      const rendered = await renderDocument(definition, data, { today: exampleToday(data) ?? '2024-07-01', xlsx: true });
      if (!rendered.pdf || !rendered.xlsx) render.problems.push('記入例に誤りがあるため作成できません（上の記入例の項目を参照）。');
    } catch (e) {
      render.problems.push(`作成中に失敗しました：${(e as Error).message}`);
    }
  } else render.problems.push(declaredProblems.length ? RULES_BROKEN : '記入例がないため確認できません。');

  const cases = step('cases.json の事例がすべて成り立つ');
  if (!fs.existsSync(folder.cases)) cases.problems.push('cases.json がありません。規則ごとに、成り立つ例と成り立たない例を書いてください。');
  else if (declaredProblems.length) cases.problems.push(RULES_BROKEN);
  else if (data) {
    try {
      const file = readCaseFile(folder.cases);
      for (const c of file.cases) {
        const { result } = validateDocument(definition, applyCase(data, c), { today: c.today ?? file.today });
        for (const line of caseMismatches(c, result)) cases.problems.push(`「${c.name}」${line}`);
      }
    } catch (e) {
      cases.problems.push((e as Error).message);
    }
  }
  return steps;
}

/**
 * What is wrong between a folder's rules.ts and the compiled program (`built`: the digest of each folder's code when
 * `npm run build` ran; undefined when the program runs from the TypeScript sources, which read the folder as it is now).
 */
export function buildProblems(folder: FormFolder, built: Readonly<Record<string, string>> | undefined): string[] {
  if (!built) return [];
  const now = formCodeDigest(folder);
  const then = built[folder.id];
  if (now === then) return [];
  const code = `${shownPath(folder.dir)} の TypeScript（rules.ts・messages.ts）`;
  if (!then) return [`${code}はまだ組み込まれていません（npm run build の後に追加されました）。npm run build を実行してから、もう一度確かめてください。`];
  if (!now) return [`${code}は削除されていますが、組み込まれたものが残っています。npm run build を実行してから、もう一度確かめてください。`];
  return [`${code}は npm run build の後に変更されています（組み込まれているのは前の内容です）。npm run build を実行してから、もう一度確かめてください。`];
}
