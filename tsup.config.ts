/**
 * `npm run build`: the TypeScript compiled once into dist/, which `npm start`, bin/yoshiki.js and the render threads run
 * (no TypeScript loader, no esbuild at run time).
 *
 *   dist/cli.js            the command line (and the server it starts), from src/cli/main.ts
 *   dist/render-worker.js  a render thread (src/render-worker.ts), started by the render pool
 *   dist/web/form.js       the web form's script for the browser (web/form.ts), served as /assets/form.js
 *
 * Why tsup (esbuild) and not tsc: the program is bundled, not compiled file by file. The sources import each other with
 * `.ts` names and find their data beside themselves (`new URL('../../forms/', import.meta.url)`); each form folder's
 * rules.ts is found by listing forms/ at run time (src/rules/index.ts), which compiled code replaces by static imports
 * written at build time (form-rules-plugin.ts); and the browser needs a bundle anyway. esbuild does all of that in one
 * pass of about a second on two cores, where tsc needs tens of seconds and would still leave the rules and the browser
 * script to another tool. Types are checked by `npm run typecheck` (tsc --noEmit), not here.
 * npm packages are not bundled (tsup leaves the dependencies as imports): dist/ runs beside node_modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { formRulesPlugin } from './src/rules/form-rules-plugin.ts';

const ROOT = path.dirname(new URL(import.meta.url).pathname);
const DIST = path.join(ROOT, 'dist');

/**
 * Each source file's `import.meta.url` becomes the URL of that source file, computed from where the bundle runs
 * (`new URL('../src/forms/folders.ts', import.meta.url)`): paths such as `new URL('../../forms/', import.meta.url)`
 * still point into the checkout, wherever the checkout is moved after the build. Every node output lies directly in dist/
 * (entries and shared chunks alike), so one relative path serves every file.
 */
const sourceFileUrls: Plugin = {
  name: 'yoshiki-source-file-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const relative = path.relative(DIST, args.path).split(path.sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

export default defineConfig([
  {
    name: 'node',
    entry: { cli: 'src/cli/main.ts', 'render-worker': 'src/render-worker.ts' },
    outDir: 'dist',
    // The browser script is written beside by the other half of the build, at the same time.
    clean: ['!web/**'],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Shared modules become chunks the CLI and the render threads both load; `import()` stays lazy (exceljs is loaded
    // only by a render that writes XLSX).
    splitting: true,
    sourcemap: true,
    shims: false,
    dts: false,
    // The form rules first: it writes src/rules/index.ts out whole, with no import.meta.url left in it.
    esbuildPlugins: [formRulesPlugin, sourceFileUrls],
  },
  {
    name: 'browser',
    entry: { form: 'web/form.ts' },
    outDir: 'dist/web',
    clean: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    splitting: false,
    minify: true,
    sourcemap: false,
    dts: false,
    // Everything the browser runs is in the one file, npm packages included.
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.legalComments = 'none';
      options.charset = 'utf8';
    },
    esbuildPlugins: [formRulesPlugin],
  },
]);
