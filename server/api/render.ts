/**
 * POST /api/forms/:id/pdf and /xlsx: the filing-ready file, or 422 with the result contract when the document has errors.
 * `?draft=1` renders it anyway, 「下書き」 across every page. The counts of findings travel in headers so a client
 * that saves the file still learns of warnings (G-OVERFLOW …). Drawn on a render thread (src/render/pool.ts): a full
 * queue answers 503 SERVER_BUSY with Retry-After (server/errors.ts); a client that goes away frees its thread.
 */
import { RenderAbortedError } from '../../src/render/pool.ts';
import { renderOnPool } from '../../src/render/render.ts';
import { attachmentDisposition } from './content-disposition.ts';
import { clientGone, definitionOf, draftOf, renderPoolOf, todayOf } from './request.ts';
import type { ApiRoute } from './route.ts';

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof MEDIA_TYPES;

const LABEL: Record<Format, string> = { pdf: 'PDF', xlsx: 'Excel（XLSX）' };

function renderRoute(format: Format): ApiRoute {
  return {
    method: 'post',
    path: `/forms/:id/${format}`,
    operationId: format === 'pdf' ? 'renderPdf' : 'renderXlsx',
    summary: `記入データから ${LABEL[format]} を作成する`,
    description: '誤りがあると作成せず 422 で検証結果を返します。?draft=1 なら誤りがあっても「下書き」入りで作成します。',
    formBody: true,
    query: ['today', 'draft'],
    rendersOnPool: true,
    responses: {
      200: {
        description: `${LABEL[format]}（ファイル名は様式の表題）`,
        body: { file: MEDIA_TYPES[format] },
        headers: ['Content-Disposition', 'X-Yoshiki-Warnings', 'X-Yoshiki-Errors'],
      },
      422: { description: '誤りがあるため作成しませんでした（検証結果）', body: { json: 'ValidationResult' }, headers: ['X-Yoshiki-Warnings', 'X-Yoshiki-Errors'] },
    },
    handle: async (req, res) => {
      const definition = definitionOf(res);
      const draft = draftOf(req);
      const signal = clientGone(res);
      const options = { today: todayOf(req), draft, pdf: format === 'pdf', xlsx: format === 'xlsx' };
      const rendered = await renderOnPool(renderPoolOf(req), definition.id, req.body, options, signal).catch((e: unknown) => {
        // Nobody is left to answer.
        if (e instanceof RenderAbortedError) return undefined;
        throw e;
      });
      if (!rendered) return;
      const { result } = rendered;
      res
        .set('Cache-Control', 'no-store')
        .set('X-Yoshiki-Warnings', String(result.warnings.length))
        .set('X-Yoshiki-Errors', String(result.errors.length));
      const bytes = format === 'pdf' ? rendered.pdf : rendered.xlsx;
      if (!bytes) {
        res.status(422).json(result);
        return;
      }
      const suffix = draft ? '（下書き）' : '';
      res
        .type(MEDIA_TYPES[format])
        .set('Content-Disposition', attachmentDisposition(`${definition.id}${draft ? '-draft' : ''}.${format}`, `${definition.title}${suffix}.${format}`))
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  };
}

export const renderRoutes: ApiRoute[] = [renderRoute('pdf'), renderRoute('xlsx')];
