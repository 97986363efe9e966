import { describe, expect, it } from 'vitest';
import { billingStartMonth } from '../../src/rules/common/billing.ts';

describe('F-START: the month from which the addition may be claimed (S002 §6-5)', () => {
  it.each([
    ['2024-05-01', '2024-06'],
    ['2024-05-15', '2024-06'],
    ['2024-05-16', '2024-07'],
    ['2024-05-31', '2024-07'],
    ['2024-11-16', '2025-01'],
    ['2024-12-15', '2025-01'],
    ['2024-12-16', '2025-02'],
  ])('filed on %s → claimed from %s', (filedOn, month) => expect(billingStartMonth(filedOn)).toBe(month));
});
