/** The e-submission routers and what the server needs to start them (see the lead's wiring in server/app.ts). */
export { submissionsRouter } from './submissions-router.ts';
export { registryRouter } from './registry-router.ts';
export { inboxRouter } from './inbox-router.ts';
export type { SubmissionDeps } from './http.ts';
export { openStore } from '../../src/store/open-store.ts';
export { ensureDemoTokens, type DemoTokens } from '../../src/submissions/tokens.ts';
