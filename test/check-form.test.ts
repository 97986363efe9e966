/**
 * `yoshiki form check` on the declared rules of a folder: a copy of a real 様式 folder (高槻市 様式1) in a forms root of its
 * own, its definition.json changed the way a city's IT person might get it wrong. The check refuses it in Japanese, naming
 * the file and the rule id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormFolder, type CheckStep } from '../src/check-form.ts';
import { FORMS_DIR, shownPath } from '../src/forms/folders.ts';

const FORM = 'takatsuki-renkei-kakunin';
let root: string;

/** A copy of forms/takatsuki/<FORM>/ under a fresh root, its definition's `rules` changed by `edit`. */
function copyWith(name: string, edit: (rules: unknown[]) => unknown[]): string {
  const dir = path.join(root, name, 'takatsuki', FORM);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(FORMS_DIR, 'takatsuki', 'municipality.json'), path.join(root, name, 'takatsuki', 'municipality.json'));
  for (const file of fs.readdirSync(path.join(FORMS_DIR, 'takatsuki', FORM))) fs.copyFileSync(path.join(FORMS_DIR, 'takatsuki', FORM, file), path.join(dir, file));
  const definition = JSON.parse(fs.readFileSync(path.join(dir, 'definition.json'), 'utf8'));
  definition.rules = edit(definition.rules);
  fs.writeFileSync(path.join(dir, 'definition.json'), JSON.stringify(definition, null, 2));
  return dir;
}

const problemsOf = (steps: CheckStep[], name: string) => steps.find((s) => s.name === name)?.problems;
const RULES_STEP = '規則の id がすべて実装され、出典が書かれている';
const withRule = (id: string, change: Record<string, unknown>) => (rules: unknown[]) =>
  rules.map((r) => (typeof r === 'object' && r !== null && (r as { id: string }).id === id ? { ...r, ...change } : r));

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-form-check-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('yoshiki form check: declared rules', () => {
  it('the folder as published passes every step', async () => {
    const dir = copyWith('as-is', (rules) => rules);
    const steps = await checkFormFolder(dir, path.join(root, 'as-is'));
    expect(steps.filter((s) => s.problems.length > 0)).toEqual([]);
  }, 60_000);

  it('refuses a declared rule pointing at a path the definition does not have, naming the file and the rule id', async () => {
    const dir = copyWith('missing-path', withRule('RK-DATES', { dates: [{ path: 'core.acceptedOn', param: 'accepted' }, { path: 'filedOn', param: 'filed' }, { path: 'receiptOn', param: 'received' }] }));
    const steps = await checkFormFolder(dir, path.join(root, 'missing-path'));
    const file = shownPath(path.join(dir, 'definition.json'));
    expect(file).toMatch(/takatsuki\/takatsuki-renkei-kakunin\/definition\.json$/);
    expect(problemsOf(steps, RULES_STEP)).toEqual([`${file} の規則 RK-DATES：項目「receiptOn」がこの様式にありません（fields にも computed にもない）。項目のパスを確かめてください。`]);
  }, 60_000);

  it('refuses a message that is neither a code nor a template of the folder, an id used twice and a rule without its seed reference', async () => {
    const dir = copyWith('messages-ids', (rules) => [
      ...withRule('RK-CHANGE', { message: 'RK-CHANGED', source: '—' })(rules),
      { kind: 'atLeastOneOf', id: 'RK-CORE', severity: 'error', source: 'S000 Q2', message: 'RK-CORE', paths: ['offices'] },
    ]);
    const steps = await checkFormFolder(dir, path.join(root, 'messages-ids'));
    const file = shownPath(path.join(dir, 'definition.json'));
    expect(problemsOf(steps, RULES_STEP)).toEqual([
      `${file} の rules に規則 RK-CORE が2回あります。id は様式の中で1つにしてください。`,
      `${file} の規則 RK-CHANGE：出典（source）に、規則のもとになる資料と節（例：S000 Q5）を書いてください。`,
      `${file} の規則 RK-CHANGE：メッセージ「RK-CHANGED」が src/messages/ja.ts にも、この様式のフォルダの messages.ts にもありません。コードか messages.ts のテンプレート名を確かめてください。`,
      `${file} の規則 RK-CORE：同じ id の規則が rules.ts にもあります。どちらか一方にしてください。`,
    ]);
  }, 60_000);

  it('names a kind that does not exist and the kinds there are', async () => {
    const dir = copyWith('unknown-kind', withRule('RK-CHANGE', { kind: 'requiredWhen' }));
    const steps = await checkFormFolder(dir, path.join(root, 'unknown-kind'));
    const file = shownPath(path.join(dir, 'definition.json'));
    expect(problemsOf(steps, 'definition.json が様式定義の形式どおりである')?.[0]).toBe(
      `${file} の rules の規則 RK-CHANGE：種類（kind）"requiredWhen" はありません。使える種類は requiredIf、atLeastOneOf、distinctRows、countDistinctAtLeast、sumAtMost、dateOrder、mentionsOneOf、monthOnce です。`,
    );
  }, 60_000);

  it('refuses an expression that is not arithmetic', async () => {
    const dir = copyWith('expression', (rules) => [
      ...rules,
      { kind: 'sumAtMost', id: 'RK-SUM', severity: 'error', source: 'S000 Q1', message: 'RK-OFFICES', list: 'offices', column: 'number', atMost: 'require("fs")' },
    ]);
    const steps = await checkFormFolder(dir, path.join(root, 'expression'));
    const file = shownPath(path.join(dir, 'definition.json'));
    expect(problemsOf(steps, 'cases.json の事例がすべて成り立つ')).toEqual(['規則の定義（definition.json の rules）に誤りがあるため確かめられません（下の規則の項目を参照）。']);
    expect(problemsOf(steps, RULES_STEP)).toEqual([`${file} の規則 RK-SUM：式「require("fs")」の9文字目「"」は使えません（項目のパス、数、＋－×÷、括弧だけが使えます）。`]);
  }, 60_000);
});
