/**
 * /api/submissions — filing (office), review (city), downloads. Mount with `app.use(submissionsRouter(deps))`; the paths
 * are absolute. Filing takes `application/json` `{ "documents": [{ "form", "data" }] }` or `multipart/form-data` with a
 * `documents` field (that JSON array) and `attachments` files (PDF, 10 MB each), plus an `Idempotency-Key` header.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { attachmentFile, documentFile, noticePdf, receiptPdf } from '../../src/submissions/downloads.ts';
import { SubmissionError } from '../../src/submissions/errors.ts';
import type { FilingRequest } from '../../src/submissions/submission-service.ts';
import { filingUpload, principalOf, sendFile, serviceOf, submissionErrors, type SubmissionDeps } from './http.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import type { SubmissionService } from '../../src/submissions/submission-service.ts';
import { HttpError, MAX_JSON_DEPTH } from '../errors.ts';
import { jsonBody, jsonNestsDeeperThan } from '../json-body.ts';
import { httpMessages as h } from './messages.ts';
import { stagedAttachments } from './staged-upload.ts';

const revisionOf = (req: Request) => (typeof req.query.revision === 'string' ? req.query.revision : undefined);
const param = (req: Request, name: string) => String(req.params[name]);

/** The filing in the request, whichever way it was sent. */
function filingOf(req: Request): FilingRequest {
  const idempotencyKey = req.get('idempotency-key');
  if (req.is('multipart/form-data')) {
    let documents: unknown;
    const text = String(req.body?.documents ?? '');
    // The same bound as a JSON body (json-body.ts): what reads the filing afterwards recurses.
    if (jsonNestsDeeperThan(text)) throw new HttpError(400, 'BODY_TOO_DEEP', { limit: MAX_JSON_DEPTH });
    try {
      documents = JSON.parse(text);
    } catch {
      throw new SubmissionError(400, 'DOCUMENTS_PART', h.documentsPart());
    }
    const files = (req.files as Record<string, Express.Multer.File[]> | undefined)?.attachments ?? [];
    return { documents, idempotencyKey, attachments: stagedAttachments(files) };
  }
  if (req.is('application/json')) return { documents: (req.body as { documents?: unknown } | undefined)?.documents, idempotencyKey, attachments: [] };
  throw new SubmissionError(415, 'UNSUPPORTED_MEDIA_TYPE', h.unsupportedType());
}

/** Multipart parsing only for multipart requests; JSON bodies are parsed here too when the app has not done it. */
const filingBody = [jsonBody(), (req: Request, res: Response, next: NextFunction) => (req.is('multipart/form-data') ? filingUpload(req, res, next) : next())];

/** Authenticates before any body is read, so nobody uploads 10 MB files without a token. */
function authenticated(service: SubmissionService, options: { cookie?: boolean } = {}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.principal = await principalOf(service, req, options);
    next();
  };
}
const who = (res: Response) => res.locals.principal as Principal;

export function submissionsRouter(deps: SubmissionDeps): Router {
  const service = serviceOf(deps);
  const router = Router();

  const bearer = authenticated(service);
  // GET downloads also accept the city inbox's cookie, so links on the inbox pages open directly.
  const bearerOrCookie = authenticated(service, { cookie: true });

  router.post('/api/submissions', bearer, ...filingBody, async (req, res) => {
    const { created, receipt } = await service.file(who(res), filingOf(req));
    res.status(created ? 201 : 200).set(created ? { Location: receipt.links.submission } : { 'Idempotent-Replayed': 'true' }).json(receipt);
  });

  router.get('/api/submissions', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    const status = typeof req.query.status === 'string' ? req.query.status : undefined;
    res.set('Cache-Control', 'private, no-store').json({ submissions: await service.list(principal, status) });
  });

  router.get('/api/submissions/:no', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    res.set('Cache-Control', 'private, no-store').json(await service.detail(principal, param(req, 'no'), revisionOf(req)));
  });

  router.get('/api/submissions/:no/receipt', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    res.set('Cache-Control', 'private, no-store').json(await service.receipt(principal, param(req, 'no'), revisionOf(req)));
  });

  router.get('/api/submissions/:no/receipt.pdf', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    sendFile(res, await receiptPdf(service, principal, param(req, 'no'), revisionOf(req)), 'inline');
  });

  router.get('/api/submissions/:no/documents/:file', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    sendFile(res, await documentFile(service, principal, param(req, 'no'), param(req, 'file'), revisionOf(req)));
  });

  router.get('/api/submissions/:no/attachments/:index', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    sendFile(res, await attachmentFile(service, principal, param(req, 'no'), param(req, 'index'), revisionOf(req)));
  });

  router.get('/api/submissions/:no/notice.pdf', bearerOrCookie, async (req, res) => {
    const principal = who(res);
    sendFile(res, await noticePdf(service, principal, param(req, 'no')), 'inline');
  });

  router.post('/api/submissions/:no/status', bearer, jsonBody('100kb'), async (req, res) => {
    res.json(await service.changeStatus(who(res), param(req, 'no'), (req.body ?? {}) as Record<string, unknown>));
  });

  router.post('/api/submissions/:no/revisions', bearer, ...filingBody, async (req, res) => {
    const { created, receipt } = await service.resubmit(who(res), param(req, 'no'), filingOf(req));
    res.status(created ? 201 : 200).set(created ? {} : { 'Idempotent-Replayed': 'true' }).json(receipt);
  });

  router.use('/api/submissions', submissionErrors(deps));
  return router;
}
