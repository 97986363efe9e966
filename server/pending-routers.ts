/**
 * Stand-ins for the routers of the other two server pieces until they are wired: the form pages
 * (server/pages/router.ts, `formPagesRouter()`) and the fillable API (server/routes/fillable.ts, `fillableRouter()`).
 * Each answers nothing, so every request falls through to the 404 handler. The lead replaces the import in app.ts
 * with the real ones and deletes this file.
 */
import express, { type Router } from 'express';

export function formPagesRouter(): Router {
  return express.Router();
}

export function fillableRouter(): Router {
  return express.Router();
}
