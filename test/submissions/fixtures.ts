/** Shared pieces of the submission tests: example filings, a tiny real PDF, a test clock, an app with the routers. */
import type express from 'express';
import { pino } from 'pino';
import type { SubmissionStore } from '../../src/store/types.ts';
import type { Clock } from '../../src/submissions/clock.ts';
import { createToken } from '../../src/submissions/tokens.ts';
import { createApp } from '../../server/app.ts';

import { example, OFFICE_A, OFFICE_B, type ExampleData } from './examples.ts';

export { example, OFFICE_A, OFFICE_B, tinyPdf } from './examples.ts';

/** Starts at `iso` and moves one second on at every reading, so events have distinct times. */
export function testClock(iso = '2024-05-20T10:00:00+09:00'): Clock & { set(iso: string): void } {
  let t = new Date(iso).getTime();
  const clock = (() => new Date((t += 1000))) as Clock & { set(iso: string): void };
  clock.set = (next: string) => void (t = new Date(next).getTime());
  return clock;
}

/** The app as `yoshiki serve` builds it, with this store and clock: every router and the one error handler, mounted by production. */
export function appFor(store: SubmissionStore, clock: Clock): express.Express {
  // A pino logger, as the server passes one (silent: the tests read responses, not logs).
  return createApp({ submissionStore: store, clock, logger: pino({ level: 'silent' }) });
}

export async function tokens(store: SubmissionStore, clock: Clock) {
  const t = async (spec: Parameters<typeof createToken>[1]) => (await createToken(store, spec, 'test', clock)).token;
  return {
    officeA: await t({ role: 'office', officeNumber: OFFICE_A }),
    officeB: await t({ role: 'office', officeNumber: OFFICE_B }),
    ichikawa: await t({ role: 'city', municipality: 'ichikawa' }),
    takatsuki: await t({ role: 'city', municipality: 'takatsuki' }),
  };
}

/** A 変更届出書 from office A (the example 届出書's office): new 電話番号, as registered before the change. */
export function henkoOfOfficeA(): ExampleData {
  const todokede = example('ichikawa-kyoten-todokede');
  return {
    filedOn: '令和6年6月17日',
    applicant: todokede.applicant,
    office: { name: todokede.office.name, number: OFFICE_A },
    changes: { tel: { before: todokede.office.tel, after: '047-332-9999' } },
    changedOn: '令和6年6月10日',
  };
}

/**
 * The example 変更届出書 (office B) without its change of 担う機能: a change of telephone, FAX, 具体的内容 and 連携担当者, which
 * needs no new 運営規程案 (test/submissions/attachments.test.ts), so it can be filed as plain JSON.
 */
export function henkoOfOfficeB(): ExampleData {
  const henko = example('ichikawa-kyoten-henko');
  delete henko.changes.functions;
  return henko;
}

export function haishiOfOfficeA(): ExampleData {
  const todokede = example('ichikawa-kyoten-todokede');
  return {
    filedOn: '令和6年7月1日',
    applicant: todokede.applicant,
    office: {
      name: todokede.office.name,
      serviceType: todokede.office.serviceType,
      number: OFFICE_A,
      postalCode: todokede.office.postalCode,
      address: todokede.office.address,
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A supertest parser that keeps the body as bytes (`.buffer(true).parse(binary)`). */
export { asBuffer as binary } from '../support/binary-body.ts';
