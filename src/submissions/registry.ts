/**
 * 市川市地域生活支援拠点等一覧表 (S002 §4-3): the city registers each office it places as a 地域生活支援拠点等 and publishes
 * 「事業所名、サービス種類、所在地、電話番号、FAX 番号、位置付けた日、事業所番号、事業者名及び地域生活支援拠点等として
 * 担う機能」 — in that order. A row is built from the registration notice (登録通知書 / 変更登録通知書), itself derived from
 * the filing, so nothing is retyped. Published as CSV (UTF-8 with BOM, for Excel) and XLSX (every cell a string).
 */
import { getAt } from '../forms/fields.ts';
import { loadMunicipalities } from '../forms/municipalities.ts';
import { getDefinition } from '../forms/registry.ts';
import { formatWareki } from '../text/wareki.ts';
import type { Json, RegistryEntry } from '../store/types.ts';
import { tableCsv, tableXlsx } from './table-export.ts';

export const REGISTRY_COLUMNS = [
  { key: 'officeName', label: '事業所名' },
  { key: 'serviceType', label: 'サービス種類' },
  { key: 'address', label: '所在地' },
  { key: 'tel', label: '電話番号' },
  { key: 'fax', label: 'FAX 番号' },
  { key: 'designatedOn', label: '位置付けた日' },
  { key: 'officeNumber', label: '事業所番号' },
  { key: 'operatorName', label: '事業者名' },
  { key: 'functions', label: '担う機能' },
] as const;

/** The registry title of each city that publishes one (`registryTitle` in its municipality.json). */
export const REGISTRY_TITLE: Readonly<Record<string, string>> = Object.assign(
  Object.create(null) as Record<string, string>,
  Object.fromEntries([...loadMunicipalities().values()].flatMap((m) => (m.registryTitle ? [[m.id, m.registryTitle]] : []))),
);

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The published row from a registration notice's (normalised) data. */
export function registryRow(noticeForm: string, data: Json): Record<string, string> {
  const postal = text(getAt(data, 'office.postalCode'));
  const options = getDefinition(noticeForm).fields.find((f) => f.key === 'functions')?.options ?? [];
  const functions = Array.isArray(data.functions) ? data.functions.map((v) => options.find((o) => o.value === v)?.label ?? String(v)) : [];
  const designatedOn = text(data.designatedOn);
  return {
    officeName: text(getAt(data, 'office.name')),
    serviceType: text(getAt(data, 'office.serviceType')),
    address: [/^\d{7}$/.test(postal) ? `〒${postal.slice(0, 3)}-${postal.slice(3)}` : postal, text(getAt(data, 'office.address'))].filter(Boolean).join(' '),
    tel: text(getAt(data, 'office.tel')),
    fax: text(getAt(data, 'office.fax')),
    designatedOn: /^\d{4}-\d{2}-\d{2}$/.test(designatedOn) ? formatWareki(designatedOn) : designatedOn,
    officeNumber: text(getAt(data, 'office.number')),
    operatorName: text(data.operatorName),
    functions: functions.join('、'),
  };
}

const WIDTHS = [28, 16, 40, 15, 15, 16, 14, 28, 40];
const COLUMNS = REGISTRY_COLUMNS.map((c, i) => ({ label: c.label, width: WIDTHS[i] }));
const rowsOf = (entries: RegistryEntry[]) => entries.map((e) => REGISTRY_COLUMNS.map((c) => e.row[c.key] ?? ''));

export function registryCsv(entries: RegistryEntry[]): string {
  return tableCsv(COLUMNS, rowsOf(entries));
}

export function registryXlsx(entries: RegistryEntry[], title: string): Promise<Buffer> {
  return tableXlsx('一覧表', title, COLUMNS, rowsOf(entries));
}
