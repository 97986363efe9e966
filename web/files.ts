/** Files in and out of the browser: a download from bytes, the name a server gives in Content-Disposition, reading JSON. */

/** The file name of `Content-Disposition` (RFC 6266: `filename*=UTF-8''…` wins over `filename="…"`). */
export function fileNameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  return plain ? (plain[1] ?? plain[2]).trim() : undefined;
}

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; the URL is released a little later for slower browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export type JsonRead = { ok: true; value: unknown } | { ok: false };

export async function readJsonFile(file: File): Promise<JsonRead> {
  try {
    return { ok: true, value: JSON.parse(await file.text()) };
  } catch {
    return { ok: false };
  }
}
