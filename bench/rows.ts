/**
 * The benchmark's rows: the example 拠点届出書 (forms/ichikawa/ichikawa-kyoten-todokede/example.json) a thousand times, each with its own
 * 事業所名, 事業所番号, 申請者 and 連携担当者, so font subsets and file names differ as they would in a real batch.
 * Written as JSONL (the data as is) and as CSV with key headers (`office.number`, `liaisons.1`).
 */
import fs from 'node:fs';
import type { FieldDefinition } from '../src/forms/definition.ts';
import { getDefinition } from '../src/forms/registry.ts';
import { formFolder } from '../src/forms/folders.ts';

export const BENCH_FORM = 'ichikawa-kyoten-todokede';

const PLACES = ['真間', '国府台', '行徳', '妙典', '八幡', '本八幡', '市川', '下総', '大洲', '南八幡', '鬼高', '北方', '宮久保', '曽谷', '稲越', '大野', '柏井', '原木', '二俣', '高谷', '大町', '須和田', '菅野', '平田', '新田', '塩焼', '湊', '福栄', '相之川', '欠真間'];
const GIVEN = ['一郎', 'さくら', '花子', '健太', '由美子', '修', '真理', '誠', '和子', '翔', '陽菜', '大輔', '美咲', '拓也', '結衣'];
const KINDS = ['ショートステイ', 'ケアホーム', '相談支援センター', 'サポートセンター', '生活支援センター'];

export function benchDocuments(count: number): Record<string, unknown>[] {
  const base = JSON.parse(fs.readFileSync(formFolder(BENCH_FORM)!.example, 'utf8'));
  return Array.from({ length: count }, (_, i) => {
    const d = structuredClone(base);
    const place = PLACES[i % PLACES.length];
    d.office.name = `${place}${KINDS[i % KINDS.length]}${Math.floor(i / PLACES.length) + 1}`;
    d.office.number = String(1210000000 + i * 7);
    d.applicant.name = `社会福祉法人 ${PLACES[(i * 7) % PLACES.length]}福祉会`;
    d.applicant.representative = `理事長　${PLACES[(i * 11) % PLACES.length]} ${GIVEN[i % GIVEN.length]}`;
    d.liaisons = [`${PLACES[(i * 3) % PLACES.length]} ${GIVEN[(i * 5) % GIVEN.length]}`, `${PLACES[(i * 13) % PLACES.length]} ${GIVEN[(i * 2) % GIVEN.length]}`];
    return d;
  });
}

/** Leaf key paths of the form with list rows numbered from 1, as batch headers write them. */
function flatten(fields: FieldDefinition[], data: unknown, prefix: string, out: Map<string, string>): void {
  for (const f of fields) {
    const key = prefix ? `${prefix}.${f.key}` : f.key;
    const value = (data as Record<string, unknown> | undefined)?.[f.key];
    if (value === undefined) continue;
    if (f.type === 'group') flatten(f.fields!, value, key, out);
    else if (f.type === 'list' && Array.isArray(value))
      value.forEach((v, i) => (f.item!.type === 'group' ? flatten(f.item!.fields!, v, `${key}.${i + 1}`, out) : out.set(`${key}.${i + 1}`, String(v))));
    else if (f.type === 'choices' && Array.isArray(value)) out.set(key, value.join(';'));
    else if (f.type === 'boolean') out.set(key, value ? '○' : '');
    else out.set(key, String(value));
  }
}

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function writeCsv(file: string, documents: Record<string, unknown>[]): void {
  const definition = getDefinition(BENCH_FORM);
  const rows = documents.map((d) => {
    const m = new Map<string, string>();
    flatten(definition.fields, d, '', m);
    return m;
  });
  const headers = [...new Set(rows.flatMap((r) => [...r.keys()]))];
  const lines = [headers, ...rows.map((r) => headers.map((h) => r.get(h) ?? ''))].map((r) => r.map(csvField).join(','));
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

export function writeJsonl(file: string, documents: Record<string, unknown>[]): void {
  fs.writeFileSync(file, documents.map((d) => JSON.stringify(d)).join('\n') + '\n');
}
