/**
 * The build step (`npm run build`, tsup.config.ts): what the command and the render threads run is compiled JavaScript in
 * dist/, current with the sources, with no TypeScript loader or bundler left to run; and `yoshiki form check` says when a
 * form folder's rules.ts has changed since the build.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DIST, staleReason } from '../scripts/build-stamp.mjs';
import { buildProblems } from '../src/check-form.ts';
import { formCodeDigest } from '../src/forms/form-code.ts';
import { formFolder, type FormFolder } from '../src/forms/folders.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

/** The packages a compiled entry loads as it starts: its static imports, and those of the chunks it imports statically. */
function loadedAtStart(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of fs.readFileSync(path.join(DIST, file), 'utf8').matchAll(/(?:^|\n)\s*import\s[^'"]*?["']([^"']+)["']/g))
      if (m[1].startsWith('./')) visit(m[1].slice(2));
      else packages.add(m[1]);
  };
  visit(entry);
  return packages;
}

describe('dist/', () => {
  it('is current with the sources (the test run builds it first when it is not)', () => {
    expect(staleReason()).toBeUndefined();
  });

  it('loads no TypeScript loader and no bundler: every import of the compiled files is a package or a file of dist/', () => {
    const files = fs.readdirSync(DIST).filter((f) => f.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['cli.js', 'render-worker.js']));
    const imported = new Set<string>();
    for (const f of files)
      for (const m of fs.readFileSync(path.join(DIST, f), 'utf8').matchAll(/(?:^|\n)\s*import\s[^'"]*?from\s*["']([^"']+)["']|import\(["']([^"']+)["']\)/g)) imported.add(m[1] ?? m[2]);
    expect([...imported].filter((s) => /^(tsx|esbuild)(\/|$)/.test(s) || s.endsWith('.ts'))).toEqual([]);
  });

  it('starts a render thread without exceljs: only a render that writes XLSX loads it (import(), not a static import)', () => {
    const packages = loadedAtStart('render-worker.js');
    expect(packages).toContain('@pdfme/generator');
    expect(packages).not.toContain('exceljs');
  });

  it('starts the command line without the server, the stores, the job queue or the PDF engine: each command loads what it needs when it runs', () => {
    const packages = loadedAtStart('cli.js');
    expect(packages).toContain('commander');
    for (const heavy of ['@pdfme/generator', 'exceljs', 'express', 'pg', 'pg-boss', 'better-sqlite3', 'oidc-provider', 'nodemailer'])
      expect(packages, heavy).not.toContain(heavy);
  });

  it('runs the command as installed: bin/yoshiki.js, with every form folder\'s rules compiled in', async () => {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/yoshiki.js'), 'form', 'check', 'forms/shizuoka/shizuoka-kesseki-taio-kiroku'], { cwd: ROOT });
    expect(stdout).toContain('✓ フォルダの TypeScript（rules.ts・messages.ts）が組み込まれている（npm run build）\n');
    expect(stdout).toContain('✓ cases.json の事例がすべて成り立つ\n');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('すべての確認が通りました。');
  }, 120_000);
});

describe('form check: a folder whose rules.ts differs from the build', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const real = formFolder('shizuoka-kesseki-taio-kiroku')!;

  /** A copy of the shipped folder (same id, under a temporary forms root), its .ts files changed by `edit`. */
  function copy(edit: (dir: string) => void): FormFolder {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-build-')), 'shizuoka', real.id);
    dirs.push(path.dirname(path.dirname(dir)));
    fs.cpSync(real.dir, dir, { recursive: true });
    edit(dir);
    return { ...real, dir, rules: path.join(dir, 'rules.ts'), definition: path.join(dir, 'definition.json') };
  }
  const built = { [real.id]: formCodeDigest(real)! };

  it('passes when the folder\'s code is the code that was built', () => {
    expect(buildProblems(copy(() => {}), built)).toEqual([]);
  });

  it('says the rules changed after the build, and to run npm run build', () => {
    const changed = copy((dir) => fs.appendFileSync(path.join(dir, 'messages.ts'), '\n// 文言を直した\n'));
    expect(buildProblems(changed, built)).toEqual([
      `${path.relative(ROOT, changed.dir).split(path.sep).join('/')} の TypeScript（rules.ts・messages.ts）は npm run build の後に変更されています（組み込まれているのは前の内容です）。npm run build を実行してから、もう一度確かめてください。`,
    ]);
  });

  it('says a rules.ts added after the build is not compiled in yet', () => {
    const added = copy(() => {});
    const [problem] = buildProblems(added, {});
    expect(problem).toMatch(/\/shizuoka-kesseki-taio-kiroku の TypeScript（rules\.ts・messages\.ts）はまだ組み込まれていません（npm run build の後に追加されました）。npm run build を実行してから、もう一度確かめてください。$/);
  });

  it('says a rules.ts removed after the build is still compiled in', () => {
    const removed = copy((dir) => {
      fs.rmSync(path.join(dir, 'rules.ts'), { force: true });
      fs.rmSync(path.join(dir, 'messages.ts'), { force: true });
    });
    const [problem] = buildProblems(removed, built);
    expect(problem).toMatch(/\/shizuoka-kesseki-taio-kiroku の TypeScript（rules\.ts・messages\.ts）は削除されていますが、組み込まれたものが残っています。npm run build を実行してから、もう一度確かめてください。$/);
  });

  it('has nothing to compare when the rules are read from the folders as they are (the TypeScript sources, as here)', () => {
    expect(buildProblems(copy((dir) => fs.appendFileSync(path.join(dir, 'messages.ts'), '\n')), undefined)).toEqual([]);
  });
});
