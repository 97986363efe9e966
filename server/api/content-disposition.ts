/**
 * `Content-Disposition: attachment` with a Japanese file name, per RFC 6266 and RFC 5987: an ASCII `filename` for old
 * clients and `filename*=UTF-8''…` (percent-encoded) that every current browser prefers.
 */

/** RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else (incl. ' ( ) *, which encodeURIComponent keeps) is %XX. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The quoted `filename` fallback: printable ASCII only, without quotes or backslashes. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

export function attachmentDisposition(asciiName: string, fileName: string): string {
  return `attachment; filename="${asciiFallback(asciiName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
