/** POST /api/forms/:id/validate: the result contract, 200 whether the document is valid or not. */
import { printFont } from '../../src/render/font.ts';
import { validateDocument } from '../../src/validate.ts';
import { definitionOf, todayOf } from './request.ts';
import type { ApiRoute } from './route.ts';

export const validateRoute: ApiRoute = {
  method: 'post',
  path: '/forms/:id/validate',
  operationId: 'validateForm',
  summary: '記入データを様式の規則で検証する',
  description: '誤りがあっても 200 で検証結果を返します（valid が false）。日付は和暦でも入力できます。',
  formBody: true,
  query: ['today'],
  responses: { 200: { description: '検証結果（valid, errors, warnings, computed）', body: { json: 'ValidationResult' } } },
  handle: (req, res) => {
    const { result } = validateDocument(definitionOf(res), req.body, { today: todayOf(req), canDraw: printFont().canDraw });
    // The answer repeats personal data (names in messages); no cache may keep it.
    res.set('Cache-Control', 'no-store').json(result);
  },
};
