/**
 * The embedded default's first start: one token of each role and the 拠点届出書 example filed by the demo office (with
 * its 運営規程案, written from the example by the clause templates), so the city inbox has something to review.
 */
import { clausePdf, clauseText } from '../clause/clause.ts';
import type { SubmissionStore } from '../store/types.ts';
import { readExample } from '../forms/folders.ts';
import { SubmissionService } from './submission-service.ts';
import { authenticate, ensureDemoTokens, type DemoTokens } from './tokens.ts';

export async function seedDemo(store: SubmissionStore): Promise<{ tokens: DemoTokens; receiptNumber: string } | null> {
  const tokens = await ensureDemoTokens(store);
  if (!tokens) return null;
  const data = readExample('ichikawa-kyoten-todokede')!;
  const principal = (await authenticate(store, tokens.office.token))!;
  const clause = await clausePdf(clauseText({ form: 'ichikawa-kyoten-todokede', data }), '運営規程案（抜粋）');
  const { receipt } = await new SubmissionService(store).file(principal, {
    documents: [{ form: 'ichikawa-kyoten-todokede', data }],
    attachments: [{ name: '運営規程案.pdf', bytes: clause }],
    idempotencyKey: 'demo-seed',
  });
  return { tokens, receiptNumber: receipt.receiptNumber };
}
