/** Every operation the OpenAPI document lists besides those generated from API_ROUTES (see operation.ts). */
import type { FormDefinition } from '../../src/forms/definition.ts';
import type { DocumentedOperation } from './operation.ts';
import { pageOperations } from './pages.ts';
import { signinOperations } from './signin.ts';
import { submissionOperations } from './submissions.ts';
import { uploadOperations } from './uploads.ts';

export { OPERATION_SCHEMAS } from './schemas.ts';
export type { DocumentedOperation } from './operation.ts';

export function documentedOperations(definitions: FormDefinition[]): DocumentedOperation[] {
  return [...uploadOperations(definitions), ...submissionOperations, ...pageOperations(definitions), ...signinOperations];
}

/** How the e-submission routes know who asks (referenced by each operation's `security`). */
export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'yoshiki token create で作成したトークン（事業所 --role office、市 --role city）。サーバーには SHA-256 だけを保存します。',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'yoshiki_session',
    description:
      'OpenID Connect でサインインした人のクッキー（サーバー側セッションの ID）。GET の提出 API とページで使えます。状態を変える送信には、そのセッションの CSRF トークン（フォームの _csrf 又はヘッダー x-csrf-token）が必要です。',
  },
  inboxCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'yoshiki_inbox',
    description: '市の受付一覧（/inbox）にサインインしたときのクッキー（サーバー側セッションの ID。トークンそのものではありません）。GET の提出 API と受付一覧のページで使えます。',
  },
} as const;
