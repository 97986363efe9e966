/**
 * The office's side of filing in the browser, each route declared with its OpenAPI operation (server/documented-route.ts).
 * Mount with `app.use(officeRouter(deps))`; the paths are absolute.
 *
 * For the form page's client (JSON):
 *   GET    /forms/:id/draft                    the person's 一時保存 of this 様式 (and its 添付書類), or 401 when not signed in
 *   PUT    /forms/:id/draft                    autosave `{ version, data }` → the next version, or 409 DRAFT_STALE
 *   POST   /forms/:id/draft/attachments/:slot  one 添付書類 (multipart `file`, a PDF by content, 10 MB)
 *   GET    /forms/:id/previous                 「前回の届出から作成」
 * Pages (HTML):
 *   GET  /forms/:id/confirm    確認画面 of the saved draft;  POST /forms/:id/submit  files it → 303 to its receipt
 *   GET  /filings              提出一覧;  GET /filings/:no  a filing (receipt, reason, notice);  POST /filings/:no/reopen
 *   GET  /filings/:no/receipt.pdf, /notice.pdf, /documents/0.pdf, /attachments/:index   the office's own files
 * Who: the office principal of the request (officePrincipal). Every state-changing request must come from this
 * server's own pages (sameOrigin). A refusal on a JSON route is the app's error JSON (its status from
 * server/error-codes.ts); on a page, a Japanese page that says what to do.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import multer from 'multer';
import type { FormDefinition } from '../../src/forms/definition.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import { attachmentFile, documentFile, noticePdf, receiptPdf } from '../../src/submissions/downloads.ts';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { checkFiling } from '../../src/submissions/filing-check.ts';
import { MAX_ATTACHMENT_BYTES, officeFiling } from '../../src/submissions/filing-forms.ts';
import { numberChangeFindings } from '../../src/submissions/office-number-change.ts';
import { OfficeDrafts } from '../../src/submissions/office-drafts.ts';
import { inCityHands, type SubmissionService } from '../../src/submissions/submission-service.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { isoToday } from '../../src/text/wareki.ts';
import { errorResponse, fileResponse, htmlResponse, jsonResponse, redirectResponse, routerOf, SERVER_FAULT, type DocumentedRoute, type Json } from '../documented-route.ts';
import { statusOf } from '../error-codes.ts';
import { receiveUpload } from '../routes/upload-faults.ts';
import { sameOrigin } from '../submissions/inbox-router.ts';
import { filingUploadWording, principalOf, sendFile, serviceOf, type SubmissionDeps } from '../submissions/http.ts';
import { stagedAttachments, stagedStorage } from '../submissions/staged-upload.ts';
import { csrfToken as sessionCsrfToken } from '../signin/session.ts';
import { sendFormsPage } from '../pages/site-nav.ts';
import { confirmPage, filingPage, filingsPage, lastReturnReason, officeRefusalPage, receiptPage } from './pages.ts';

/** What the office's handlers are made with. */
interface OfficeContext {
  service: SubmissionService;
  drafts: OfficeDrafts;
}

/** The session's CSRF token for the forms these pages render (csrfGuard in server/app.ts checks it on the post). */
const csrfToken = (req: Request) => sessionCsrfToken(req) ?? '';
const who = (res: Response) => res.locals.principal as Principal;
const definitions = () => loadDefinitions();
const form = express.urlencoded({ extended: false, limit: '20kb' });
const json = express.json({ limit: '1mb' });
const revisionOf = (req: Request) => (typeof req.query.revision === 'string' ? req.query.revision : undefined);
const receiptNo = (req: Request) => {
  const no = String(req.params.no);
  if (!RECEIPT_NUMBER.test(no)) throw new SubmissionError('SUBMISSION_NOT_FOUND', `受付番号「${no}」の提出はありません。受付番号を確かめてください。`);
  return no;
};

/** The office acting in this request (a bearer token, or a signed-in session); its answers are its own (no cache). */
async function officeActing(drafts: OfficeDrafts, req: Request, res: Response): Promise<Principal> {
  const principal = drafts.office(await principalOf(drafts.service, req, { cookie: true }));
  res.set('Cache-Control', 'private, no-store');
  return principal;
}

/** JSON routes: the office acting in this request, else the error JSON (401/403). */
const signedIn =
  ({ drafts }: OfficeContext): RequestHandler =>
  async (req, res, next) => {
    res.locals.principal = await officeActing(drafts, req, res);
    next();
  };

/** The office's pages: the header menu (server/pages/site-nav.ts); this router is mounted only where sign-in is. */
const OFFICE_NAV = { signIn: true } as const;

/** HTML routes: the principal, or a Japanese page that says what to do (401 sign in, 403 an office's page, 404). */

const page =
  ({ drafts }: OfficeContext, handler: (req: Request, res: Response, principal: Principal) => Promise<void>) =>
  async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res, await officeActing(drafts, req, res));
    } catch (e) {
      if (!(e instanceof SubmissionError)) return next(e);
      const status = statusOf(e.code);
      const title = status === 401 ? 'サインインしてください' : status === 404 ? '見つかりません' : '操作できません';
      const message = status === 401 ? o.notSignedIn() : e.message;
      // Signed out: back to this page after signing in (a GET page; after a post, the 提出一覧).
      const returnTo = status === 401 ? (req.method === 'GET' ? req.path : '/filings') : undefined;
      sendFormsPage(req, res, officeRefusalPage(title, message, returnTo), OFFICE_NAV, status);
    }
  };

/** One 添付書類, streamed to disk; a file over the limit is refused naming the 添付書類 as the definition names it. */
const attachmentUpload: RequestHandler = (req, res, next) =>
  receiveUpload(
    multer({ storage: stagedStorage, limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2, parts: 3 }, defParamCharset: 'utf8' }).single('file'),
    (fault) => {
      if (fault.kind !== 'too-large' || fault.part !== 'file') return filingUploadWording(fault);
      const policy = officeFiling(String(req.params.id))?.attachments[Number(req.params.slot)];
      return { code: 'ATTACHMENT_TOO_LARGE', message: o.attachmentTooLarge(policy?.name ?? o.attachmentsTitle, MAX_ATTACHMENT_BYTES / 1024 / 1024) };
    },
  )(req, res, next);

/**
 * The 確認画面 checks the draft's attachments by what they are (stored PDFs, checked when uploaded), so it passes a
 * minimal PDF in their place: only the presence of an attachment matters to the rules it runs.
 */
const PDF_PLACEHOLDER = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'));

/* ---- what the operations share ---- */

const SECURITY = [{ bearerAuth: [] }, { sessionCookie: [] }];
const WHO = {
  401: errorResponse('サインインしていない', ['UNAUTHENTICATED', 'INVALID_TOKEN', 'SESSION_EXPIRED']),
  403: errorResponse('事業所でない、又はこのサーバーのページ以外から送られた', ['OFFICE_ONLY']),
};
const receiptNumber: Json = { name: 'no', in: 'path', required: true, description: '受付番号', schema: { type: 'string', pattern: RECEIPT_NUMBER.source } };
const revision: Json = { name: 'revision', in: 'query', required: false, description: '版（省略時は最新）', schema: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } };
const op = (operationId: string, summary: string, extra: Json): Json => ({ operationId, summary, tags: ['office'], security: SECURITY, ...extra });
const pageAnswer = (description: string) => htmlResponse(description);
const formId = (definitions: FormDefinition[]): Json => ({
  name: 'id',
  in: 'path',
  required: true,
  description: '事業所が提出する様式の id',
  schema: { type: 'string', enum: definitions.filter((d) => d.filing?.issuedBy === 'office').map((d) => d.id) },
});
const DRAFT: Json = { type: 'object', properties: { version: { type: 'integer' }, data: { type: 'object' }, savedAt: { type: 'string' }, revises: { type: ['string', 'null'] } } };
const ATTACHMENT: Json = { type: 'object', properties: { slot: { type: 'integer' }, name: { type: 'string' }, fileName: { type: 'string' }, size: { type: 'integer' }, savedAt: { type: 'string' } } };
const NOT_FILEABLE = errorResponse('事業所が提出する様式でない', ['FORM_NOT_FILEABLE']);

/** An office's own file (the same as /api/submissions/…, for links on these pages). */
const fileRoute = (file: string, operationId: string, summary: string, parameters: Json[], notFound: Json, send: (c: OfficeContext, req: Request, res: Response) => Promise<void>): DocumentedRoute<OfficeContext> => ({
  method: 'get',
  path: `/filings/:no/${file}`,
  operation: op(operationId, summary, {
    parameters: [receiptNumber, ...parameters],
    responses: { 200: fileResponse(summary, 'application/pdf'), ...WHO, 404: notFound, 500: SERVER_FAULT },
  }),
  handlers: (context) => [signedIn(context), (req, res) => send(context, req, res)],
});

export const OFFICE_ROUTES: DocumentedRoute<OfficeContext>[] = [
  /* ---- JSON for the form page ---- */
  {
    method: 'get',
    path: '/forms/:id/draft',
    operation: (definitions) =>
      op('officeDraft', 'この様式の一時保存（サインインした人の、最新の版と添付書類）', {
        parameters: [formId(definitions)],
        responses: { 200: jsonResponse('一時保存（なければ draft: null）', { type: 'object', properties: { draft: { oneOf: [DRAFT, { type: 'null' }] }, attachments: { type: 'array', items: ATTACHMENT } } }), ...WHO, 404: NOT_FILEABLE, 500: SERVER_FAULT },
      }),
    handlers: (context) => [
      signedIn(context),
      async (req, res) => {
        const draft = await context.drafts.draft(who(res), String(req.params.id));
        res.json({
          draft: draft ? { version: draft.version, data: draft.data, savedAt: draft.savedAt, revises: draft.revises } : null,
          attachments: (draft?.attachments ?? []).map((a) => ({ slot: a.slot, name: a.name, fileName: a.fileName, size: a.size, savedAt: a.savedAt })),
        });
      },
    ],
  },
  {
    method: 'put',
    path: '/forms/:id/draft',
    operation: (definitions) =>
      op('officeSaveDraft', '一時保存する（読み込んだ版を version に。より新しい版があれば 409 で断り、上書きしない）', {
        parameters: [formId(definitions)],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version', 'data'], properties: { version: { type: 'integer', minimum: 0 }, data: { type: 'object' } } } } } },
        responses: {
          200: jsonResponse('保存した版', { type: 'object', properties: { version: { type: 'integer' }, savedAt: { type: 'string' } } }),
          400: errorResponse('version 又は data の誤り', ['DRAFT_VERSION', 'DRAFT_DATA', 'INVALID_JSON']),
          ...WHO,
          404: NOT_FILEABLE,
          409: errorResponse('別のタブ・端末でより新しい版が保存されている（error.version に最新の版）', ['DRAFT_STALE']),
          413: errorResponse('1 MB を超える', ['PAYLOAD_TOO_LARGE']),
          500: SERVER_FAULT,
        },
      }),
    handlers: (context) => [
      sameOrigin,
      signedIn(context),
      json,
      async (req, res) => {
        const body = (req.body ?? {}) as { version?: unknown; data?: unknown };
        res.json(await context.drafts.save(who(res), String(req.params.id), body));
      },
    ],
  },
  {
    method: 'post',
    path: '/forms/:id/draft/attachments/:slot',
    operation: (definitions) =>
      op('officeAttach', '添付書類を一時保存に加える（内容で PDF と確かめる、10 MB まで、同じ欄は置き換え）', {
        parameters: [formId(definitions), { name: 'slot', in: 'path', required: true, description: '様式の定める添付書類の番号（0 から）', schema: { type: 'string', pattern: '^[0-9]{1,2}$' } }],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
        responses: {
          200: jsonResponse('添付した書類', { type: 'object', properties: { attachment: ATTACHMENT, message: { type: 'string' } } }),
          400: errorResponse('ファイルがない、又は multipart の誤り', ['ATTACHMENT_MISSING', 'MULTIPART', 'UNEXPECTED_FILE']),
          ...WHO,
          404: errorResponse('様式又は添付書類の欄がない', ['FORM_NOT_FILEABLE', 'ATTACHMENT_SLOT']),
          413: errorResponse('10 MB を超える', ['ATTACHMENT_TOO_LARGE', 'PAYLOAD_TOO_LARGE']),
          422: errorResponse('PDF でない', ['ATTACHMENT_NOT_PDF']),
          500: SERVER_FAULT,
        },
      }),
    handlers: (context) => [
      sameOrigin,
      signedIn(context),
      attachmentUpload,
      async (req, res) => {
        const { drafts } = context;
        const slot = /^\d{1,2}$/.test(String(req.params.slot)) ? Number(req.params.slot) : -1;
        if (!req.file) throw new SubmissionError('ATTACHMENT_MISSING', o.noFile());
        await drafts.attach(who(res), String(req.params.id), slot, stagedAttachments([req.file])[0]);
        const draft = await drafts.draft(who(res), String(req.params.id));
        const a = draft!.attachments.find((x) => x.slot === slot)!;
        res.json({ attachment: { slot: a.slot, name: a.name, fileName: a.fileName, size: a.size, savedAt: a.savedAt }, message: o.attachmentSaved(a.name.replace(/\.pdf$/, ''), a.fileName) });
      },
    ],
  },
  {
    method: 'get',
    path: '/forms/:id/previous',
    operation: (definitions) =>
      op('officePrevious', '前回の届出から作成（前回の提出の内容。変更届は登録内容を変更前に）', {
        parameters: [formId(definitions)],
        responses: {
          200: jsonResponse('写す内容', { type: 'object', properties: { data: { type: 'object' }, from: { type: 'string' }, registered: { type: 'object' } } }),
          ...WHO,
          404: errorResponse('前回の届出がない、又は事業所が提出する様式でない', ['NO_PREVIOUS_FILING', 'FORM_NOT_FILEABLE']),
          500: SERVER_FAULT,
        },
      }),
    handlers: (context) => [
      signedIn(context),
      async (req, res) => {
        const id = String(req.params.id);
        const prefill = await context.drafts.previous(who(res), id);
        if (!prefill) throw new SubmissionError('NO_PREVIOUS_FILING', o.noPrevious(context.drafts.fileable(id).title));
        res.json(prefill);
      },
    ],
  },

  /* ---- pages ---- */
  {
    method: 'get',
    path: '/forms/:id/confirm',
    operation: (definitions) =>
      op('officeConfirmPage', '確認画面（印刷される値、添付書類、確認事項、提出できない理由）', {
        parameters: [formId(definitions)],
        responses: { 200: htmlResponse('確認画面'), 401: pageAnswer('サインインを求めるページ'), 403: pageAnswer('事業所でない'), 404: pageAnswer('一時保存がない、又は様式がない'), 500: SERVER_FAULT },
      }),
    handlers: (context) => [
      page(context, async (req, res, principal) => {
        const { drafts, service } = context;
        const definition = drafts.fileable(String(req.params.id));
        const draft = await drafts.draft(principal, definition.id);
        if (!draft) throw new SubmissionError('DRAFT_NOT_FOUND', o.noDraft());
        const office = drafts.office(principal);
        // The same check as the filing itself, so the 確認画面 shows what 提出 would refuse, before it is pressed.
        const checked = await checkFiling(service.store, {
          officeNumber: office.officeNumber,
          documents: [{ form: definition.id, data: draft.data }],
          attachments: draft.attachments.map((a) => ({ name: a.name, bytes: PDF_PLACEHOLDER })),
          today: isoToday(service.clock()),
          exceptReceipt: draft.revises ?? undefined,
        });
        const numberErrors = checked.documents.length ? await numberChangeFindings(service.store, { municipality: checked.municipality, officeNumber: office.officeNumber, documents: checked.documents }) : [];
        const openFilings = await drafts.openFilings(principal, definition.id, draft.revises);
        const blocking = officeFiling(definition.id)?.oneOpenFiling ? openFilings.find(inCityHands) : undefined;
        const open = blocking ?? openFilings[0];
        sendFormsPage(
          req,
          res,
          confirmPage({
            definition,
            draft,
            errors: [...checked.result.errors, ...numberErrors],
            warnings: checked.result.warnings,
            openFiling: open && !draft.revises ? { receiptNumber: open.receiptNumber, status: open.status, refused: blocking !== undefined } : undefined,
            csrfToken: csrfToken(req),
          }),
          OFFICE_NAV,
        );
      }),
    ],
  },
  {
    method: 'post',
    path: '/forms/:id/submit',
    operation: (definitions) =>
      op('officeSubmit', '確認した一時保存を提出する（差し戻された提出なら同じ受付番号の次の版）', {
        parameters: [formId(definitions)],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required: ['version'], properties: { version: { type: 'string' } } } } } },
        responses: {
          303: redirectResponse('受付のページへ'),
          401: pageAnswer('サインインを求めるページ'),
          403: pageAnswer('事業所でない、又はこのサーバーのページ以外から送られた'),
          404: pageAnswer('一時保存がない'),
          409: pageAnswer('確認の後に変更された、又は同じ様式が手続中'),
          422: pageAnswer('提出できない理由'),
          500: SERVER_FAULT,
        },
      }),
    handlers: (context) => [
      sameOrigin,
      form,
      page(context, async (req, res, principal) => {
        const definition = context.drafts.fileable(String(req.params.id));
        try {
          const receipt = await context.drafts.submit(principal, definition.id, (req.body as { version?: unknown } | undefined)?.version);
          res.redirect(303, `/filings/${receipt.receiptNumber}/received${receipt.revision > 1 ? `?revision=${receipt.revision}` : ''}`);
        } catch (e) {
          // Refused at filing (the rules, or one open filing only): back to the 確認画面, which shows why.
          if (e instanceof SubmissionError && (statusOf(e.code) === 422 || e.code === 'OPEN_FILING_EXISTS')) {
            sendFormsPage(req, res, officeRefusalPage('提出できませんでした', e.message), OFFICE_NAV, statusOf(e.code));
            return;
          }
          throw e;
        }
      }),
    ],
  },
  {
    method: 'get',
    path: '/filings',
    operation: op('officeFilingsPage', '提出一覧（状態、受付番号、和暦の日時、差戻しの理由、通知書、修正して再提出）', {
      responses: { 200: htmlResponse('提出一覧'), 401: pageAnswer('サインインを求めるページ'), 403: pageAnswer('事業所でない'), 500: SERVER_FAULT },
    }),
    handlers: (context) => [
      page(context, async (req, res, principal) => {
        const { drafts, service } = context;
        const office = drafts.office(principal);
        const heads = (await service.store.list({ officeNumber: office.officeNumber })).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
        const rows = [];
        for (const head of heads) {
          const record = head.status === 'returned' || head.status === 'accepted' ? await service.store.submission(head.receiptNumber) : undefined;
          const notice = record?.notice ? { title: definitions().get(record.notice.form)?.title ?? record.notice.form } : undefined;
          rows.push({ head, returnReason: head.status === 'returned' && record ? lastReturnReason(record.events) : undefined, notice });
        }
        sendFormsPage(req, res, filingsPage(office.officeNumber, rows, definitions(), csrfToken(req)), { ...OFFICE_NAV, current: 'filings' });
      }),
    ],
  },
  {
    method: 'get',
    path: '/filings/:no/received',
    operation: op('officeReceiptPage', '受付のページ（受付番号、和暦の受付日時、次に行われること、受付票）', {
      parameters: [receiptNumber, revision],
      responses: { 200: htmlResponse('受付のページ'), 401: pageAnswer('サインインを求めるページ'), 403: pageAnswer('事業所でない'), 404: pageAnswer('提出がない'), 500: SERVER_FAULT },
    }),
    handlers: (context) => [
      page(context, async (req, res, principal) => {
        const record = await context.service.record(principal, receiptNo(req), revisionOf(req), { what: 'receipt' });
        sendFormsPage(req, res, receiptPage(record, definitions()), OFFICE_NAV);
      }),
    ],
  },
  {
    method: 'get',
    path: '/filings/:no',
    operation: op('officeFilingPage', '提出の詳細', {
      parameters: [receiptNumber, revision],
      responses: { 200: htmlResponse('提出の詳細'), 401: pageAnswer('サインインを求めるページ'), 403: pageAnswer('事業所でない'), 404: pageAnswer('提出がない'), 500: SERVER_FAULT },
    }),
    handlers: (context) => [
      page(context, async (req, res, principal) => {
        const record = await context.service.record(principal, receiptNo(req), revisionOf(req), { what: 'detail' });
        sendFormsPage(req, res, filingPage(record, definitions(), csrfToken(req)), OFFICE_NAV);
      }),
    ],
  },
  {
    method: 'post',
    path: '/filings/:no/reopen',
    operation: op('officeReopen', '修正して再提出（提出した内容と添付書類を一時保存に戻す）', {
      parameters: [receiptNumber],
      responses: {
        303: redirectResponse('様式の記入ページへ'),
        401: pageAnswer('サインインを求めるページ'),
        403: pageAnswer('事業所でない、又はこのサーバーのページ以外から送られた'),
        404: pageAnswer('提出がない'),
        409: pageAnswer('差戻し中でない'),
        500: SERVER_FAULT,
      },
    }),
    handlers: (context) => [
      sameOrigin,
      form,
      page(context, async (req, res, principal) => {
        const kind = await context.drafts.reopen(principal, receiptNo(req));
        res.redirect(303, `/forms/${kind}`);
      }),
    ],
  },

  /* ---- the office's own files ---- */
  fileRoute('receipt.pdf', 'officeReceiptPdf', '受付票（PDF）', [revision], errorResponse('提出がない', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND']), async ({ service }, req, res) =>
    sendFile(res, await receiptPdf(service, who(res), String(req.params.no), revisionOf(req)), 'inline'),
  ),
  fileRoute('notice.pdf', 'officeNoticePdf', '通知書（PDF、受理の後）', [], errorResponse('提出又は通知書がない', ['SUBMISSION_NOT_FOUND', 'NOTICE_NOT_FOUND']), async ({ service }, req, res) =>
    sendFile(res, await noticePdf(service, who(res), String(req.params.no)), 'inline'),
  ),
  fileRoute(
    'documents/:file',
    'officeDocument',
    '提出した様式（PDF 又は Excel）',
    [{ name: 'file', in: 'path', required: true, description: '0.pdf、0.xlsx …', schema: { type: 'string', pattern: '^[0-9]{1,2}\\.(pdf|xlsx)$' } }, revision],
    errorResponse('提出又は書類がない', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'DOCUMENT_NOT_FOUND']),
    async ({ service }, req, res) => sendFile(res, await documentFile(service, who(res), String(req.params.no), String(req.params.file), revisionOf(req))),
  ),
  fileRoute(
    'attachments/:index',
    'officeAttachment',
    '添付した書類（提出したとおり）',
    [{ name: 'index', in: 'path', required: true, description: '0 から', schema: { type: 'string', pattern: '^[0-9]{1,2}$' } }, revision],
    errorResponse('提出又は添付書類がない', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'ATTACHMENT_NOT_FOUND']),
    async ({ service }, req, res) => sendFile(res, await attachmentFile(service, who(res), String(req.params.no), String(req.params.index), revisionOf(req))),
  ),
];

export function officeRouter(deps: SubmissionDeps): Router {
  const service = serviceOf(deps);
  return routerOf(OFFICE_ROUTES, { service, drafts: new OfficeDrafts(service) });
}
