/**
 * The office's side of filing in the browser. Mount with `app.use(officeRouter(deps))`; the paths are absolute.
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
 * server's own pages (sameOrigin).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import { attachmentFile, documentFile, noticePdf, receiptPdf } from '../../src/submissions/downloads.ts';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { checkFiling } from '../../src/submissions/filing-check.ts';
import { MAX_ATTACHMENT_BYTES, officeFiling } from '../../src/submissions/filing-forms.ts';
import { numberChangeFindings } from '../../src/submissions/office-number-change.ts';
import { OfficeDrafts } from '../../src/submissions/office-drafts.ts';
import { inCityHands } from '../../src/submissions/submission-service.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { isoToday } from '../../src/text/wareki.ts';
import { uploadFault } from '../routes/upload-faults.ts';
import { sameOrigin } from '../submissions/inbox-router.ts';
import { principalOf, sendError, sendFile, serviceOf, submissionErrors, type SubmissionDeps } from '../submissions/http.ts';
import { stagedAttachments, stagedStorage } from '../submissions/staged-upload.ts';
import { csrfToken as sessionCsrfToken } from '../signin/session.ts';
import { confirmPage, filingPage, filingsPage, lastReturnReason, officeRefusalPage, receiptPage } from './pages.ts';

/** The office acting in this request: a bearer token, or a signed-in session (the cookie). */
async function officePrincipal(deps: { drafts: OfficeDrafts }, req: Request): Promise<Principal> {
  return principalOf(deps.drafts.service, req, { cookie: true });
}

/** The session's CSRF token for the forms these pages render (csrfGuard in server/app.ts checks it on the post). */
const csrfToken = (req: Request) => sessionCsrfToken(req) ?? '';

const attachmentMulter = multer({
  storage: stagedStorage,
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2, parts: 3 },
  defParamCharset: 'utf8',
}).single('file');

/** One 添付書類, streamed to disk; a file over the limit is refused naming the 添付書類 as the definition names it. */
function attachmentUpload(req: Request, res: Response, next: NextFunction): void {
  attachmentMulter(req, res, (err?: unknown) => {
    const fault = err ? uploadFault(err) : undefined;
    if (fault?.kind === 'too-large' && fault.part === 'file') {
      const policy = officeFiling(String(req.params.id))?.attachments[Number(req.params.slot)];
      return sendError(res, 413, 'ATTACHMENT_TOO_LARGE', o.attachmentTooLarge(policy?.name ?? o.attachmentsTitle, MAX_ATTACHMENT_BYTES / 1024 / 1024));
    }
    next(err);
  });
}

export function officeRouter(deps: SubmissionDeps): Router {
  const service = serviceOf(deps);
  const drafts = new OfficeDrafts(service);
  const router = Router();
  const definitions = () => loadDefinitions();
  const who = (res: Response) => res.locals.principal as Principal;
  const form = express.urlencoded({ extended: false, limit: '20kb' });
  const json = express.json({ limit: '1mb' });

  /** JSON routes: the principal, or 401 JSON with a Japanese message. */
  const signedIn = async (req: Request, res: Response, next: NextFunction) => {
    res.locals.principal = drafts.office(await officePrincipal({ drafts }, req));
    res.set('Cache-Control', 'private, no-store');
    next();
  };

  /* ---- JSON for the form page ---- */

  router.get('/forms/:id/draft', signedIn, async (req, res) => {
    const id = String(req.params.id);
    const draft = await drafts.draft(who(res), id);
    res.json({
      draft: draft ? { version: draft.version, data: draft.data, savedAt: draft.savedAt, revises: draft.revises } : null,
      attachments: (draft?.attachments ?? []).map((a) => ({ slot: a.slot, name: a.name, fileName: a.fileName, size: a.size, savedAt: a.savedAt })),
    });
  });

  router.put('/forms/:id/draft', sameOrigin, signedIn, json, async (req, res) => {
    const body = (req.body ?? {}) as { version?: unknown; data?: unknown };
    res.json(await drafts.save(who(res), String(req.params.id), body));
  });

  router.post('/forms/:id/draft/attachments/:slot', sameOrigin, signedIn, attachmentUpload, async (req, res) => {
    const slot = /^\d{1,2}$/.test(String(req.params.slot)) ? Number(req.params.slot) : -1;
    if (!req.file) throw new SubmissionError(400, 'ATTACHMENT_MISSING', o.noFile());
    await drafts.attach(who(res), String(req.params.id), slot, stagedAttachments([req.file])[0]);
    const draft = await drafts.draft(who(res), String(req.params.id));
    const a = draft!.attachments.find((x) => x.slot === slot)!;
    res.json({ attachment: { slot: a.slot, name: a.name, fileName: a.fileName, size: a.size, savedAt: a.savedAt }, message: o.attachmentSaved(a.name.replace(/\.pdf$/, ''), a.fileName) });
  });

  router.get('/forms/:id/previous', signedIn, async (req, res) => {
    const id = String(req.params.id);
    const prefill = await drafts.previous(who(res), id);
    if (!prefill) return sendError(res, 404, 'NO_PREVIOUS_FILING', o.noPrevious(drafts.fileable(id).title));
    res.json(prefill);
  });

  // JSON answers for the JSON routes above.
  router.use(['/forms/:id/draft', '/forms/:id/previous'], submissionErrors(deps));

  /* ---- pages ---- */

  /** HTML routes: the principal, or a Japanese page that says what to do (401 sign in, 403 an office's page). */
  const page = (handler: (req: Request, res: Response, principal: Principal) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = drafts.office(await officePrincipal({ drafts }, req));
      res.set('Cache-Control', 'private, no-store');
      await handler(req, res, principal);
    } catch (e) {
      if (!(e instanceof SubmissionError)) return next(e);
      const title = e.status === 401 ? 'サインインしてください' : e.status === 404 ? '見つかりません' : '操作できません';
      const message = e.status === 401 ? o.notSignedIn() : e.message;
      // Signed out: back to this page after signing in (a GET page; after a post, the 提出一覧).
      const returnTo = e.status === 401 ? (req.method === 'GET' ? req.path : '/filings') : undefined;
      res.status(e.status).type('html').send(officeRefusalPage(title, message, returnTo));
    }
  };

  router.get(
    '/forms/:id/confirm',
    page(async (req, res, principal) => {
      const definition = drafts.fileable(String(req.params.id));
      const draft = await drafts.draft(principal, definition.id);
      if (!draft) throw new SubmissionError(404, 'DRAFT_NOT_FOUND', o.noDraft());
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
      res.type('html').send(
        confirmPage({
          definition,
          draft,
          errors: [...checked.result.errors, ...numberErrors],
          warnings: checked.result.warnings,
          openFiling: open && !draft.revises ? { receiptNumber: open.receiptNumber, status: open.status, refused: blocking !== undefined } : undefined,
          csrfToken: csrfToken(req),
        }),
      );
    }),
  );

  router.post(
    '/forms/:id/submit',
    sameOrigin,
    form,
    page(async (req, res, principal) => {
      const definition = drafts.fileable(String(req.params.id));
      try {
        const receipt = await drafts.submit(principal, definition.id, (req.body as { version?: unknown } | undefined)?.version);
        res.redirect(303, `/filings/${receipt.receiptNumber}/received${receipt.revision > 1 ? `?revision=${receipt.revision}` : ''}`);
      } catch (e) {
        // Refused at filing (the rules, or one open filing only): back to the 確認画面, which shows why.
        if (e instanceof SubmissionError && (e.status === 422 || e.code === 'OPEN_FILING_EXISTS')) {
          res.status(e.status).type('html').send(officeRefusalPage('提出できませんでした', e.message));
          return;
        }
        throw e;
      }
    }),
  );

  router.get(
    '/filings',
    page(async (req, res, principal) => {
      const office = drafts.office(principal);
      const heads = (await service.store.list({ officeNumber: office.officeNumber })).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
      const rows = [];
      for (const head of heads) {
        const record = head.status === 'returned' || head.status === 'accepted' ? await service.store.submission(head.receiptNumber) : undefined;
        const notice = record?.notice ? { title: definitions().get(record.notice.form)?.title ?? record.notice.form } : undefined;
        rows.push({ head, returnReason: head.status === 'returned' && record ? lastReturnReason(record.events) : undefined, notice });
      }
      res.type('html').send(filingsPage(office.officeNumber, rows, definitions(), csrfToken(req)));
    }),
  );

  const receiptNo = (req: Request) => {
    const no = String(req.params.no);
    if (!RECEIPT_NUMBER.test(no)) throw new SubmissionError(404, 'SUBMISSION_NOT_FOUND', `受付番号「${no}」の提出はありません。受付番号を確かめてください。`);
    return no;
  };
  const revisionOf = (req: Request) => (typeof req.query.revision === 'string' ? req.query.revision : undefined);

  router.get(
    '/filings/:no/received',
    page(async (req, res, principal) => {
      const record = await service.record(principal, receiptNo(req), revisionOf(req), { what: 'receipt' });
      res.type('html').send(receiptPage(record, definitions()));
    }),
  );

  router.get(
    '/filings/:no',
    page(async (req, res, principal) => {
      const record = await service.record(principal, receiptNo(req), revisionOf(req), { what: 'detail' });
      res.type('html').send(filingPage(record, definitions(), csrfToken(req)));
    }),
  );

  router.post(
    '/filings/:no/reopen',
    sameOrigin,
    form,
    page(async (req, res, principal) => {
      const kind = await drafts.reopen(principal, receiptNo(req));
      res.redirect(303, `/forms/${kind}`);
    }),
  );

  /* ---- the office's own files (the same as /api/submissions/…, for links on these pages) ---- */

  router.get('/filings/:no/receipt.pdf', signedIn, async (req, res) => sendFile(res, await receiptPdf(service, who(res), String(req.params.no), revisionOf(req)), 'inline'));
  router.get('/filings/:no/notice.pdf', signedIn, async (req, res) => sendFile(res, await noticePdf(service, who(res), String(req.params.no)), 'inline'));
  router.get('/filings/:no/documents/:file', signedIn, async (req, res) =>
    sendFile(res, await documentFile(service, who(res), String(req.params.no), String(req.params.file), revisionOf(req))),
  );
  router.get('/filings/:no/attachments/:index', signedIn, async (req, res) =>
    sendFile(res, await attachmentFile(service, who(res), String(req.params.no), String(req.params.index), revisionOf(req))),
  );
  router.use('/filings', submissionErrors(deps));

  return router;
}

/**
 * The 確認画面 checks the draft's attachments by what they are (stored PDFs, checked when uploaded), so it passes a
 * minimal PDF in their place: only the presence of an attachment matters to the rules it runs.
 */
const PDF_PLACEHOLDER = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'));
