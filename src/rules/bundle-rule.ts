/**
 * The shape of a rule across documents (bundle.ts) — on its own, below both the rules that are written in TypeScript
 * (bundle.ts) and the ones declared as data (declared/month-once.ts), so neither imports the other to name it.
 */
import type { MessageCode, MessageParams, MessageTemplate } from '../messages/ja.ts';
import type { Severity } from './rule.ts';

export interface BundleDocument {
  form: string;
  /** Normalised data (ISO dates, ASCII codes). */
  data: Record<string, any>;
}

export interface BundleHit {
  /** Index of the document the finding belongs to. */
  document: number;
  path: string;
  params?: MessageParams;
}

export interface BundleRule {
  id: string;
  severity: Severity;
  source: string;
  message: MessageCode | MessageTemplate;
  check(documents: BundleDocument[]): BundleHit[];
}
