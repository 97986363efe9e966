#!/usr/bin/env node
/**
 * Whether dist/ was built from the sources in the checkout, by content: dist/build-info.json keeps a digest of every
 * file the build reads (src/, server/, web/, each form folder's TypeScript, the build config, package.json). Contents and
 * not modification times, because git sets every file's time to the moment of the checkout or the pull.
 *
 *   node scripts/build-stamp.mjs write    after a successful build (npm run build does it)
 *   node scripts/build-stamp.mjs check    exit 0 when dist/ is current, 1 when it is missing or older than the sources
 *   node scripts/build-stamp.mjs ensure   builds when it is not current (npm start and npm test run this first)
 *
 * Plain JavaScript so that it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
const INFO = path.join(DIST, 'build-info.json');
/** What the build produces and the run needs; a build-info.json beside a missing output is no build. */
const OUTPUTS = ['cli.js', 'render-worker.js', 'web/form.js'];
const INPUT_DIRS = ['src', 'server', 'web'];
const INPUT_FILES = ['tsup.config.ts', 'package.json'];

function listFiles(dir, keep) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, keep));
    else if (keep(entry.name)) out.push(full);
  }
  return out;
}

/** Every file the build reads, relative to the repository, sorted. */
export function buildInputs() {
  const files = [
    ...INPUT_DIRS.flatMap((d) => listFiles(path.join(ROOT, d), () => true)),
    // Only a form's code is compiled; its JSON (definition, example, layout, cases) is read when the program runs.
    ...listFiles(path.join(ROOT, 'forms'), (name) => name.endsWith('.ts')),
    ...INPUT_FILES.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f)),
  ];
  return files.map((f) => path.relative(ROOT, f).split(path.sep).join('/')).sort();
}

export function inputsDigest() {
  const hash = createHash('sha256');
  for (const file of buildInputs()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file))).update('\0');
  return hash.digest('hex');
}

export function writeStamp() {
  fs.writeFileSync(INFO, `${JSON.stringify({ digest: inputsDigest(), builtAt: new Date().toISOString() }, null, 2)}\n`);
}

/** Why dist/ cannot be used as it is, or undefined when it is current. */
export function staleReason() {
  if (!fs.existsSync(INFO) || OUTPUTS.some((f) => !fs.existsSync(path.join(DIST, f)))) return 'dist/ がありません';
  const { digest } = JSON.parse(fs.readFileSync(INFO, 'utf8'));
  return digest === inputsDigest() ? undefined : 'dist/ がソースより古くなっています';
}

/** Runs `npm run build` when dist/ is not current; throws when the build fails. */
export function ensureBuilt({ log = (s) => process.stderr.write(s) } = {}) {
  const reason = staleReason();
  if (!reason) return false;
  log(`[yoshiki] ${reason}。npm run build を実行します。\n`);
  const npm = process.env.npm_execpath;
  // Inside an npm script npm_execpath is npm's own entry (run with node); elsewhere npm is on PATH.
  const run = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('[yoshiki] npm run build が失敗しました（上の出力を参照）。');
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'write') writeStamp();
  else if (command === 'check') {
    const reason = staleReason();
    if (reason) process.stderr.write(`[yoshiki] ${reason}。npm run build を実行してください。\n`);
    process.exitCode = reason ? 1 : 0;
  } else if (command === 'ensure') {
    try {
      ensureBuilt();
    } catch (e) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 1;
    }
  } else {
    process.stderr.write('usage: node scripts/build-stamp.mjs write|check|ensure\n');
    process.exitCode = 2;
  }
}
