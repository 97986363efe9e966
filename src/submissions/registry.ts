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
import { csvCell } from '../csv-cell.ts';

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

export function registryCsv(entries: RegistryEntry[]): string {
  const lines = [REGISTRY_COLUMNS.map((c) => csvCell(c.label)).join(',')];
  for (const e of entries) lines.push(REGISTRY_COLUMNS.map((c) => csvCell(e.row[c.key] ?? '')).join(','));
  // The BOM tells Excel the file is UTF-8; CRLF is what RFC 4180 asks for.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function registryXlsx(entries: RegistryEntry[], title: string): Promise<Buffer> {
  // Loaded when a spreadsheet is asked for: exceljs takes a third of a second to load, and filing never needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yoshiki';
  workbook.title = title;
  const sheet = workbook.addWorksheet('一覧表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const widths = [28, 16, 40, 15, 15, 16, 14, 28, 40];
  sheet.columns = REGISTRY_COLUMNS.map((c, i) => ({ key: c.key, width: widths[i], style: { numFmt: '@' } }));
  const header = sheet.addRow(REGISTRY_COLUMNS.map((c) => c.label));
  header.font = { bold: true };
  // Strings only (exceljs writes a JS string as a shared string): a value never becomes a number (事業所番号 keeps its
  // leading zeros) or a formula (a formula would have to be given as { formula }).
  for (const e of entries) sheet.addRow(REGISTRY_COLUMNS.map((c) => e.row[c.key] ?? ''));
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    }),
  );
  sheet.pageSetup.printTitlesRow = '1:1';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
