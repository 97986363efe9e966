/**
 * The tools a print shop, a preflight check or an office's own software uses on yoshiki's files: poppler (pdffonts,
 * pdfinfo, pdftoppm), qpdf and LibreOffice, Debian's packages. When one is missing the tests fail with the command that
 * installs it — they are never skipped (.ci/run installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PACKAGE: Record<string, string> = { pdffonts: 'poppler-utils', pdfinfo: 'poppler-utils', pdftoppm: 'poppler-utils', qpdf: 'qpdf', soffice: 'libreoffice-calc-nogui' };

function tool(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} not found. Install it with \`apt-get update && apt-get install -y ${PACKAGE[name]}\`.`);
}

/** A fresh folder under the system temp dir, removed by the caller (or with the OS's temp files). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `yoshiki-${prefix}-`));
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts file`: one row per font the pages use. */
export function pdffonts(file: string): FontRow[] {
  const out = execFileSync(tool('pdffonts'), [file], { encoding: 'utf8', timeout: 30_000 });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name type… encoding emb sub uni object ID — the type has spaces; the last five columns do not.
      const parts = line.trim().split(/\s+/);
      const [emb, sub, uni] = parts.slice(-5, -2);
      return { name: parts[0], type: parts.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
}

/** `qpdf --check file`: exit status and what it said (0: no errors or warnings). */
export function qpdfCheck(file: string): { status: number | null; output: string } {
  const run = spawnSync(tool('qpdf'), ['--check', file], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** `pdfinfo file` as a map of its fields; with `meta`, the XMP packet (`pdfinfo -meta`). */
export function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync(tool('pdfinfo'), ['-enc', 'UTF-8', file], { encoding: 'utf8', timeout: 30_000 });
  return Object.fromEntries(
    out.split('\n').flatMap((line) => {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      return m ? [[m[1].trim(), m[2].trim()]] : [];
    }),
  );
}

export function pdfXmp(file: string): string {
  return execFileSync(tool('pdfinfo'), ['-meta', file], { encoding: 'utf8', timeout: 30_000 });
}

/**
 * Each page as a grey PNG at `dpi` (pdftoppm), in page order. Without anti-aliasing every pixel is black or white: the
 * image compresses to a few KB and comes out the same from one FreeType version to the next.
 */
export function pdfToPngs(file: string, dpi: number, outDir: string, { antialias = true } = {}): string[] {
  const prefix = path.join(outDir, path.basename(file, '.pdf'));
  const aa = antialias ? [] : ['-aa', 'no', '-aaVector', 'no'];
  execFileSync(tool('pdftoppm'), ['-r', String(dpi), '-gray', ...aa, '-png', file, prefix], { timeout: 120_000 });
  // pdftoppm numbers pages -1, -2… (or -01… when there are ten or more).
  const page = (f: string) => Number(f.slice(path.basename(prefix).length + 1, -'.png'.length));
  return fs
    .readdirSync(outDir)
    .filter((f) => f.startsWith(`${path.basename(prefix)}-`) && Number.isInteger(page(f)))
    .sort((a, b) => page(a) - page(b))
    .map((f) => path.join(outDir, f));
}

/** One page region as a grey PNG (pdftoppm -x -y -W -H, in pixels at `dpi`). */
export function pdfRegionToPng(file: string, page: number, dpi: number, region: { x: number; y: number; w: number; h: number }, outFile: string): string {
  const prefix = outFile.replace(/\.png$/, '');
  const args = ['-r', String(dpi), '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page)];
  args.push('-x', String(Math.round(region.x)), '-y', String(Math.round(region.y)), '-W', String(Math.round(region.w)), '-H', String(Math.round(region.h)));
  execFileSync(tool('pdftoppm'), [...args, file, prefix], { timeout: 60_000 });
  return `${prefix}.png`;
}

/**
 * LibreOffice headless converts every file in one run (it is slow to start), into `outDir`, with its own throwaway
 * profile so it never touches the user's. Bounded: a hung conversion fails the test rather than blocking the run.
 */
export function libreOfficeToPdf(files: string[], outDir: string, timeoutMs = 240_000): void {
  const profile = tempDir('lo-profile');
  try {
    execFileSync(tool('soffice'), ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', outDir, ...files], {
      timeout: timeoutMs,
      stdio: 'pipe',
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
