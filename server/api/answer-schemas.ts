/**
 * The JSON bodies of the routes that are not built from API_ROUTES — the import's answer and the e-submission API's
 * requests and answers — as zod schemas, for the OpenAPI components. The routes do not parse with them (the domain checks
 * its input itself, with its own Japanese messages); the compile-time checks at the end keep the documented answers equal
 * to the types the code returns, and test/server/openapi.test.ts checks real answers against them.
 */
import { z } from 'zod';
import type { Imported } from '../../src/import/import-document.ts';
import type { SubmissionFinding } from '../../src/submissions/filing-check.ts';
import type { Receipt } from '../../src/submissions/receipt.ts';
import { findingSchema, jsonObjectSchema, validationResultSchema } from './contract.ts';

const STATUSES = ['received', 'reviewing', 'accepted', 'returned'] as const;
const statusSchema = z.enum(STATUSES).describe('received 受付、reviewing 審査中、accepted 受理、returned 差戻し');
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256（16進）');
const receiptNumberSchema = z.string().regex(/^[A-Z]{3}-\d{4}-\d{6}$/).describe('受付番号（例：ICH-2026-000123）');

export const importResultSchema = z
  .object({
    data: jsonObjectSchema.describe('ファイルから読み取った記入データ（正規化後）'),
    result: validationResultSchema,
  })
  .strict()
  .describe('読み込んだデータと、その検証結果');

const submissionFindingSchema = findingSchema
  .extend({
    document: z.number().int().min(0).optional().describe('指摘の対象の書類（0 から数える）'),
    attachment: z.number().int().min(0).optional().describe('指摘の対象の添付ファイル（0 から数える）'),
  })
  .strict();

export const filingRequestSchema = z
  .object({
    documents: z
      .array(z.object({ form: z.string().describe('様式の id'), data: jsonObjectSchema.describe('その様式の記入データ') }).strict())
      .min(1)
      .describe('提出する書類（届出書と、一緒に出す書類）'),
  })
  .strict()
  .describe('提出（JSON）。添付ファイルがあるときは multipart/form-data で documents（この JSON の documents 配列）と attachments を送ります。');

export const filingResultSchema = z
  .object({
    valid: z.boolean(),
    errors: z.array(submissionFindingSchema),
    warnings: z.array(submissionFindingSchema),
    computed: z.array(z.record(z.string(), z.unknown())).describe('書類ごとの計算値'),
    documents: z.array(z.object({ form: z.string(), result: validationResultSchema }).strict()),
  })
  .strict()
  .describe('提出全体の検証結果（誤りがあると 422 で返し、受け付けません）');

export const receiptSchema = z
  .object({
    receiptNumber: receiptNumberSchema,
    revision: z.number().int().min(1),
    receivedAt: z.string().describe('受付日時（日本時間、ISO 8601）'),
    status: z.literal('received'),
    municipality: z.string(),
    officeNumber: z.string(),
    sha256: z.object({ documents: z.array(sha256Schema), attachments: z.array(sha256Schema) }).strict(),
    documents: z.array(z.object({ form: z.string(), sha256: sha256Schema }).strict()),
    attachments: z.array(z.object({ name: z.string(), size: z.number().int().min(0), sha256: sha256Schema }).strict()),
    warnings: z.array(submissionFindingSchema),
    computed: z.array(z.record(z.string(), z.unknown())),
    links: z.object({ submission: z.string(), receiptPdf: z.string() }).strict(),
  })
  .strict()
  .describe('受付票');

const submissionSummarySchema = z.looseObject({
  receiptNumber: receiptNumberSchema,
  municipality: z.string(),
  officeNumber: z.string(),
  officeName: z.string().describe('事業所名（提出された書類の記載から。記載のない様式では空）'),
  kind: z.string().describe('提出の種類（最初の書類の様式の id）'),
  title: z.string(),
  status: statusSchema,
  statusLabel: z.string(),
  revision: z.number().int().min(1),
  receivedAt: z.string(),
  updatedAt: z.string(),
  links: z.looseObject({ self: z.string() }),
});

export const submissionListSchema = z.object({ submissions: z.array(submissionSummarySchema) }).strict().describe('提出の一覧（事業所は自分の提出、市は自市あての提出）');

export const submissionDetailSchema = z
  .looseObject({
    receiptNumber: receiptNumberSchema,
    municipality: z.string(),
    officeNumber: z.string(),
    kind: z.string(),
    title: z.string(),
    status: statusSchema,
    statusLabel: z.string(),
    revision: z.number().int().min(1),
    shownRevision: z.number().int().min(1),
    receivedAt: z.string(),
    updatedAt: z.string(),
    returnReason: z.string().nullable(),
    documents: z.array(z.looseObject({ index: z.number().int(), form: z.string(), title: z.string(), sha256: sha256Schema, data: jsonObjectSchema })),
    attachments: z.array(z.looseObject({ index: z.number().int(), name: z.string(), size: z.number().int(), sha256: sha256Schema, link: z.string() })),
    warnings: z.array(z.unknown()),
    computed: z.array(z.unknown()),
    revisions: z.array(z.looseObject({ revision: z.number().int(), link: z.string() })),
    history: z.array(
      z.looseObject({ revision: z.number().int(), at: z.string(), actor: z.string(), from: statusSchema.nullable(), to: statusSchema, reason: z.string().nullable() }),
    ),
    notice: z.looseObject({ form: z.string(), title: z.string(), issuedAt: z.string(), sha256: sha256Schema, link: z.string() }).nullable(),
    links: z.looseObject({ receipt: z.string(), receiptPdf: z.string() }),
  })
  .describe('提出の詳細（書類のデータ、添付ファイル、経過、通知書）');

export const statusRequestSchema = z
  .object({
    to: z.enum(['reviewing', 'accepted', 'returned']),
    reason: z.string().optional().describe('差戻しの理由（returned では必須、事業所に表示）'),
    designatedOn: z.string().optional().describe('位置付けた日（届出書・変更届出書の受理で必須、和暦も可）'),
    abolishedOn: z.string().optional().describe('位置付けを廃止した日（廃止届出書の受理で必須）'),
    addressee: z.string().optional().describe('通知書の宛名（届出のとおりでないとき）'),
    noSeal: z.boolean().optional().describe('公印を省略する'),
  })
  .strict()
  .describe('審査の状態の変更（市のトークン）');

export const statusChangeSchema = z
  .object({
    receiptNumber: receiptNumberSchema,
    status: statusSchema,
    statusLabel: z.string(),
    at: z.string(),
    notice: z.object({ form: z.string(), title: z.string(), sha256: sha256Schema, link: z.string() }).strict().nullable().describe('受理で作成した通知書'),
  })
  .strict();

/** Component name → schema, added to the OpenAPI components beside CONTRACT_SCHEMAS. */
export const ANSWER_SCHEMAS = {
  ImportResult: importResultSchema,
  FilingRequest: filingRequestSchema,
  FilingResult: filingResultSchema,
  Receipt: receiptSchema,
  SubmissionList: submissionListSchema,
  SubmissionDetail: submissionDetailSchema,
  StatusRequest: statusRequestSchema,
  StatusChange: statusChangeSchema,
} as const;

// Compile-time: what the code returns fits what is documented.
const importFits = (i: Imported): z.infer<typeof importResultSchema> => i;
const receiptFits = (r: Receipt): z.infer<typeof receiptSchema> => r;
const findingFits = (f: SubmissionFinding): z.infer<typeof submissionFindingSchema> => f;
void importFits;
void receiptFits;
void findingFits;
