/**
 * A filing process for the crash test: files 拠点届出書 (with a PDF attachment) in a loop and prints each receipt number
 * the moment the store has committed it — what a client would have received. The test kills it with SIGKILL at a random
 * point. Usage: node --import tsx crash-child.ts <dataDir>   (or DATABASE_URL=… crash-child.ts -)
 */
import crypto from 'node:crypto';
import { openStore } from '../../src/store/open-store.ts';
import { SubmissionService } from '../../src/submissions/submission-service.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { example, OFFICE_A, tinyPdf } from './examples.ts';

const dataDir = process.argv[2];
const store = await openStore(dataDir === '-' ? {} : { dataDir, databaseUrl: '' });
const service = new SubmissionService(store, { clock: () => new Date('2024-06-20T10:00:00+09:00') });
// The 拠点届出書 takes one open filing per office (filing.oneOpenFiling): each filing is another office's.
const officeOf = (i: number) => `${OFFICE_A.slice(0, 2)}${String(process.pid % 1000).padStart(3, '0')}${String(i).padStart(5, '0')}`;
const principalOf = (officeNumber: string): Principal => ({ role: 'office', officeNumber, tokenId: 'crash', actor: `office:${officeNumber}#crash` });
const documentsOf = (officeNumber: string) => {
  const data = example('ichikawa-kyoten-todokede');
  data.office.number = officeNumber;
  return [{ form: 'ichikawa-kyoten-todokede', data }];
};
const base = Buffer.from(await tinyPdf('crash'));

process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const key = `${process.pid}-${i}-${crypto.randomBytes(4).toString('hex')}`;
  // Each attachment differs (a comment after the end marker), so every filing writes a new file.
  const bytes = new Uint8Array(Buffer.concat([base, Buffer.from(`\n%${key}\n%%EOF\n`)]));
  const office = officeOf(i);
  const { receipt } = await service.file(principalOf(office), { documents: documentsOf(office), attachments: [{ name: '運営規程案.pdf', bytes }], idempotencyKey: key });
  process.stdout.write(`${receipt.receiptNumber}\n`);
}
