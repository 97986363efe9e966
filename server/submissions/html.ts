/** Small HTML helpers for the registry and inbox pages: escaping and one accessible page shell (lang="ja"). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((v, i) => {
    const text = Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.value : escapeHtml(x))).join('') : v instanceof Html ? v.value : escapeHtml(v);
    out += text + strings[i + 1];
  });
  return new Html(out);
}

const STYLE = `
body { font-family: "BIZ UDPGothic", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 1.5rem; line-height: 1.6; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; font-size: 1.15rem; margin-bottom: .5rem; }
th, td { border: 1px solid #555; padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
a { color: #0645ad; }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.note { color: #333; font-size: .95rem; }
.error { border-left: 5px solid #b10e1e; padding: .5rem 1rem; background: #fdf2f2; }
label { display: block; font-weight: bold; margin-top: .6rem; }
`;

export function page(title: string, body: Html, options: { main?: boolean } = {}): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${options.main === false ? body.value : `<main>\n${body.value}\n</main>`}
</body>
</html>
`;
}
