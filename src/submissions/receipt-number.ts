/**
 * 受付番号: `ICH-2026-000123` — the city's prefix, the year in Japan, and a six-digit sequence that is gap-free per city
 * and year (allocated in the same transaction as the filing, so a rolled-back filing gives its number back).
 */
export const MUNICIPALITIES: Readonly<Record<string, { prefix: string; name: string }>> = {
  ichikawa: { prefix: 'ICH', name: '市川市' },
  takatsuki: { prefix: 'TKT', name: '高槻市' },
};

export const RECEIPT_NUMBER = /^[A-Z]{3}-\d{4}-\d{6}$/;

export function formatReceiptNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function municipalityName(municipality: string): string {
  return MUNICIPALITIES[municipality]?.name ?? municipality;
}
