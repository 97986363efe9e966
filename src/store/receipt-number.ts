/**
 * 受付番号: `ICH-2026-000123` — the city's prefix, the year in Japan, and a six-digit sequence that is gap-free per city
 * and year (allocated in the same transaction as the filing, so a rolled-back filing gives its number back).
 */
import { loadMunicipalities } from '../forms/municipalities.ts';

/** Each city's 受付番号 prefix and name, from its `forms/<municipality>/municipality.json` (no inherited keys: ids come from requests). */
export const MUNICIPALITIES: Readonly<Record<string, { prefix: string; name: string }>> = Object.assign(
  Object.create(null) as Record<string, { prefix: string; name: string }>,
  Object.fromEntries([...loadMunicipalities().values()].map((m) => [m.id, { prefix: m.receiptPrefix, name: m.name }])),
);

export const RECEIPT_NUMBER = /^[A-Z]{3}-\d{4}-\d{6}$/;

export function formatReceiptNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function municipalityName(municipality: string): string {
  return MUNICIPALITIES[municipality]?.name ?? municipality;
}
