/**
 * src/rules/index.ts finds each 様式 folder's rules.ts by listing forms/ with node:fs in Node; the browser bundle never
 * runs that code — esbuild writes the module out as static imports at bundle time (src/rules/form-rules-plugin.ts) —
 * but the browser type check still follows its imports. These declarations cover exactly those imports; any other use
 * of them from web/ is refused by esbuild's browser platform when the bundle is built (test/server/pages.test.ts).
 */
declare module 'node:fs' {
  const fs: { existsSync(path: string): boolean; readFileSync(path: string, encoding: 'utf8'): string; readdirSync(path: string, options: { withFileTypes: true }): { name: string; isDirectory(): boolean }[] };
  export default fs;
}
declare module 'node:path' {
  const path: { join(...parts: string[]): string; relative(from: string, to: string): string; sep: string };
  export default path;
}
declare module 'node:url' {
  export function fileURLToPath(url: URL | string): string;
  export function pathToFileURL(path: string): URL;
}
