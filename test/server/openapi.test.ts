/**
 * GET /api/openapi.json is a valid OpenAPI 3.1 document generated from the routes and the zod schemas: structurally
 * sound (every $ref resolves, every operation answers), complete (every route the app mounts — with the e-submission
 * store, so every router — is in it, and every error code the sources can send is in ErrorResponse), every component
 * schema compiles with ajv (2020-12), and the schemas accept what the server really sends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type express from 'express';
import { createApp } from '../../server/app.ts';
import { LocalJobQueue } from '../../src/jobs/local-queue.ts';
import { API_ROUTES } from '../../server/api/index.ts';
import { ERROR_STATUS } from '../../server/error-codes.ts';
import { openApiPath } from '../../server/openapi.ts';
import { jsonSchema } from '../../src/forms/data-schema.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { printFont } from '../../src/render/font.ts';
import { validateDocument } from '../../src/validate.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { bearer, example, OFFICE_A, testClock, tinyPdf, tokens } from '../submissions/fixtures.ts';
import { formFolder } from '../../src/forms/folders.ts';

// `any`: a parsed JSON document of unknown shape, walked freely by the structural checks below.
type Json = Record<string, any>;

const definitions = [...loadDefinitions().values()];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
let doc: Json;
// The app as `yoshiki serve` builds it: with an e-submission store (SQLite in a temp folder), so every router is mounted.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-openapi-'));
let store: SubmissionStore;
let app: express.Express;

beforeAll(async () => {
  store = await openStore({ dataDir, databaseUrl: '' });
  // With the job queue `yoshiki serve` opens for SQLite (in-process), so the asynchronous batch routes are mounted too.
  app = createApp({ logger: pino({ level: 'silent' }), submissionStore: store, jobs: new LocalJobQueue() });
  const res = await request(app).get('/api/openapi.json').expect(200).expect('Content-Type', /application\/json/);
  doc = res.body;
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A layer of Express 5's router (package `router` 2.x): a route, or a middleware — a mounted router has its own stack. */
interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  rawPath?: unknown;
}

/** `METHOD /openapi/{path}` of every route in a router stack, mounted routers included (their mount path prefixed). */
function mountedRoutes(stack: RouterLayer[], prefix = ''): string[] {
  const found: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const p of [layer.route.path].flat())
        for (const [method, on] of Object.entries(layer.route.methods))
          // `_all` is route.all(): the 405 answer for the methods a path lacks, not an operation.
          if (on && method !== '_all') found.push(`${method} ${(prefix + p).replace(/:(\w+)/g, '{$1}')}`);
    } else if (layer.handle?.stack) {
      expect(typeof layer.rawPath, 'a router mounted on a path the test can read').toBe('string');
      found.push(...mountedRoutes(layer.handle.stack, layer.rawPath === '/' ? prefix : prefix + String(layer.rawPath)));
    }
  }
  return found;
}

const documentedRoutes = () => Object.entries(doc.paths as Json).flatMap(([p, item]) => Object.keys(item).map((method) => `${method} ${p}`));

/** RFC 6901: `#/components/schemas/x` → the value at that pointer in `root`. */
function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '#' || pointer === '') return root;
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** Every $ref with the schema resource it resolves against (the nearest ancestor with an $id, else the document). */
function refsIn(node: unknown, resource: unknown, found: { ref: string; resource: unknown }[] = []) {
  if (Array.isArray(node)) for (const item of node) refsIn(item, resource, found);
  else if (typeof node === 'object' && node !== null) {
    const scope = typeof (node as Json).$id === 'string' ? node : resource;
    if (typeof (node as Json).$ref === 'string') found.push({ ref: (node as Json).$ref, resource: scope });
    for (const value of Object.values(node)) refsIn(value, scope, found);
  }
  return found;
}

// Strict, but union types (`type: ["number", "string"]`) are plain 2020-12 and the data schemas use them for computed values.
const newAjv = () => new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: false });

describe('the OpenAPI 3.1 document', () => {
  it('is OpenAPI 3.1.0 with info', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('yoshiki API');
    expect(doc.info.version).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
  });

  it('has an operation for every route the app mounts, and none for a route it does not', () => {
    const mounted = [...new Set(mountedRoutes((app as unknown as { router: { stack: RouterLayer[] } }).router.stack))].sort();
    // The walk itself must see every router: the API, the pages, the fillable and batch uploads, e-submission.
    expect(mounted).toEqual(
      expect.arrayContaining([
        'get /api/forms',
        'get /forms/{id}',
        'post /api/forms/{id}/import',
        'post /api/forms/{id}/batch',
        'post /api/submissions',
        'get /registry.csv',
        'post /inbox/{no}/status',
      ]),
    );
    expect(documentedRoutes().sort()).toEqual(mounted);
  });

  it('generates the JSON API operations from the route list', () => {
    for (const route of API_ROUTES) expect(doc.paths[openApiPath(route.path)][route.method].operationId).toBe(route.operationId);
  });

  it('every operation has a unique operationId, its path parameters and described responses (a 2xx, or a 3xx for a redirect)', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        expect(METHODS).toContain(method);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name);
        expect(declared).toEqual(templated);
        for (const p of op.parameters ?? []) expect(p.in === 'path' ? p.required : true).toBe(true);
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => /^[23]\d\d$/.test(s)), `${method} ${path}`).toBe(true);
        for (const [status, response] of Object.entries(op.responses as Json)) {
          expect(status).toMatch(/^([1-5]\d\d|default)$/);
          expect(typeof response.description).toBe('string');
        }
      }
    }
  });

  it('documents the error answers: 404 for a 様式 id, 400/413/415 for a JSON body, 422 for a refused render, 503 for a full render queue', () => {
    const pdf = doc.paths['/api/forms/{id}/pdf'].post;
    expect(Object.keys(pdf.responses).sort()).toEqual(['200', '400', '404', '405', '413', '415', '422', '500', '503']);
    expect(Object.keys(pdf.responses['503'].headers)).toEqual(['Retry-After']);
    expect(Object.keys(doc.paths['/api/forms/{id}/validate'].post.responses)).not.toContain('503');
    expect(pdf.responses['422'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ValidationResult' });
    expect(pdf.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
    expect(Object.keys(pdf.responses['200'].headers)).toEqual(['Content-Disposition', 'X-Yoshiki-Warnings', 'X-Yoshiki-Errors']);
    expect(Object.keys(doc.paths['/api/forms'].get.responses).sort()).toEqual(['200', '405', '500']);
  });

  it('every $ref resolves', () => {
    const refs = refsIn(doc, doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const { ref, resource } of refs) expect(resolvePointer(resource, ref), ref).toBeDefined();
  });

  it('has a component schema per 様式, the same JSON Schema validation uses, with its example as the request example', () => {
    const body = doc.paths['/api/forms/{id}/validate'].post.requestBody.content['application/json'];
    for (const d of definitions) {
      expect(doc.components.schemas[d.id]).toEqual(jsonSchema(d));
      expect(body.schema.anyOf).toContainEqual({ $ref: `#/components/schemas/${d.id}` });
      expect(body.examples[d.id].value).toEqual(JSON.parse(fs.readFileSync(formFolder(d.id)!.example, 'utf8')));
    }
    expect(doc.paths['/api/forms/{id}/pdf'].post.requestBody).toEqual(doc.paths['/api/forms/{id}/validate'].post.requestBody);
  });
});

describe('component schemas (ajv, JSON Schema 2020-12)', () => {
  it('every component schema compiles', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(expect.arrayContaining(['ErrorResponse', 'ValidationResult', 'FormSummaryList', 'FormDefinition', ...definitions.map((d) => d.id)]));
    for (const name of names) expect(() => newAjv().compile(doc.components.schemas[name]), name).not.toThrow();
  });

  it('accept what the API answers: the list, a definition, a result, an error', async () => {
    const check = (name: string, value: unknown) => {
      const validate = newAjv().compile(doc.components.schemas[name]);
      expect(validate(value), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    check('FormSummaryList', (await request(app).get('/api/forms')).body);
    for (const d of definitions) check('FormDefinition', (await request(app).get(`/api/forms/${d.id}`)).body);
    const invalid = await request(app).post('/api/forms/ichikawa-kino-kyoka/validate').set('Content-Type', 'application/json').send('{"filedOn":"R6.2.30"}');
    expect(invalid.body.valid).toBe(false);
    check('ValidationResult', invalid.body);
    check('ErrorResponse', (await request(app).get('/api/forms/no-such-form')).body);
    check('ErrorResponse', (await request(app).post('/api/forms/ichikawa-kino-kyoka/pdf').set('Content-Type', 'text/plain').send('x')).body);
  });

  it("each 様式's schema accepts its example once normalised (the schema describes normalised data)", () => {
    for (const d of definitions) {
      const example = JSON.parse(fs.readFileSync(formFolder(d.id)!.example, 'utf8'));
      const { data } = validateDocument(d, example, { today: '2024-07-31', canDraw: printFont().canDraw });
      const validate = newAjv().compile(doc.components.schemas[d.id]);
      expect(validate(data), `${d.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

/** Every `.ts` file under a folder. */
const sourcesIn = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesIn(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('the routes outside the generated API: uploads, e-submission, pages', () => {
  it('lists in ErrorResponse every error code the sources can answer with', () => {
    const errorCodes: string[] = doc.components.schemas.ErrorResponse.properties.error.properties.code.enum;
    // The ways a router or the domain names a code: an error class or helper taking the code first, or an upload wording.
    const patterns = [/\b(?:SubmissionError|ImportError|HttpError|httpError|refuse)\(\s*'([A-Z_]+)'/g, /\bcode: '([A-Z_]+)', message:/g];
    const used = new Set<string>();
    for (const file of [...sourcesIn('src'), ...sourcesIn('server')]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((code) => !errorCodes.includes(code))).toEqual([]);
    expect(errorCodes).toEqual(expect.arrayContaining(['FILE_MISSING', 'NOT_FILLABLE', 'WRONG_FORM', 'UNREADABLE_FILE', 'UNSUPPORTED_MEDIA_TYPE', 'INVALID_OPTION', 'SERVER_BUSY']));
  });

  it('lists exactly the codes of the one code → status table, and names each code only under the status the table gives it', () => {
    const errorCodes: string[] = doc.components.schemas.ErrorResponse.properties.error.properties.code.enum;
    expect([...errorCodes].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
    const misplaced: string[] = [];
    for (const [p, item] of Object.entries(doc.paths as Json))
      for (const [method, op] of Object.entries(item as Json))
        for (const [status, response] of Object.entries(op.responses as Json)) {
          const named = String((response as Json).description ?? '').match(/\b[A-Z][A-Z_]+[A-Z]\b/g) ?? [];
          for (const code of named.filter((c) => Object.hasOwn(ERROR_STATUS, c)))
            if (ERROR_STATUS[code as keyof typeof ERROR_STATUS] !== Number(status)) misplaced.push(`${method} ${p} ${status}: ${code}`);
        }
    expect(misplaced).toEqual([]);
  });

  it('asks for a bearer token on every e-submission route (the GET ones also take the session cookies), and on nothing else', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'yoshiki_session' }),
      inboxCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'yoshiki_inbox' }),
    });
    for (const [p, item] of Object.entries(doc.paths as Json))
      for (const [method, op] of Object.entries(item as Json)) {
        if (p.startsWith('/api/submissions')) {
          expect(op.security, `${method} ${p}`).toEqual(method === 'get' ? [{ bearerAuth: [] }, { sessionCookie: [] }, { inboxCookie: [] }] : [{ bearerAuth: [] }]);
          expect(op.responses['401'], `${method} ${p}`).toBeDefined();
        } else if (p.startsWith('/filings') || /^\/forms\/\{id\}\/(draft|previous|confirm|submit)/.test(p)) {
          // The office's pages and their JSON (server/office): the signed-in person, or the office's token.
          expect(op.security, `${method} ${p}`).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
          expect(op.responses['401'], `${method} ${p}`).toBeDefined();
        } else if (['/signout', '/account', '/inbox/invitations'].includes(p) || (p === '/invitations/{secret}' && method === 'post'))
          expect(op.security, `${method} ${p}`).toEqual([{ sessionCookie: [] }]);
        else if (!p.startsWith('/inbox')) expect(op.security, `${method} ${p}`).toBeUndefined();
      }
  });

  it('documents the uploads as multipart with a file part, and their answers with media types and error codes', () => {
    const batch = doc.paths['/api/forms/{id}/batch'].post;
    expect(batch.requestBody.content['multipart/form-data'].schema).toMatchObject({ required: ['file'], properties: { file: {}, format: {}, combined: {}, sheet: {}, name: {} } });
    expect(Object.keys(batch.responses).sort()).toEqual(['200', '400', '404', '405', '413', '415', '422', '500', '503']);
    expect(Object.keys(batch.responses['200'].content)).toEqual(['application/zip']);
    expect(Object.keys(batch.responses['200'].headers)).toEqual(['Content-Disposition', 'X-Yoshiki-Rows', 'X-Yoshiki-Rendered', 'X-Yoshiki-Refused']);
    const imported = doc.paths['/api/forms/{id}/import'].post;
    expect(Object.keys(imported.requestBody.content)).toEqual(['multipart/form-data', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream']);
    expect(imported.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportResult' });
    expect(imported.responses['422'].description).toContain('UNREADABLE_FILE、NOT_FILLABLE、WRONG_FORM');
    expect(imported.responses['400'].description).toContain('FILE_MISSING');
    expect(Object.keys(doc.paths['/api/forms/{id}/fillable.pdf'].get.responses['200'].content)).toEqual(['application/pdf']);
    const filing = doc.paths['/api/submissions'].post;
    expect(Object.keys(filing.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(filing.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    expect(Object.keys(doc.paths['/registry.xlsx'].get.responses['200'].content)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });
});

describe('the schemas accept what the uploads and the e-submission API answer', () => {
  const check = (name: string, value: unknown) => {
    const validate = newAjv().compile(doc.components.schemas[name]);
    expect(validate(value), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  };

  it('the import: its result, and its errors', async () => {
    const { renderDocument } = await import('../../src/render/render.ts');
    const form = 'takatsuki-renkei-kaijo';
    const xlsx = (await renderDocument(form, example(form), { today: '2024-06-20', pdf: false, xlsx: true })).xlsx!;
    const imported = await request(app).post(`/api/forms/${form}/import?today=2024-06-20`).attach('file', Buffer.from(xlsx), 'filled.xlsx');
    expect(imported.status).toBe(200);
    check('ImportResult', imported.body);
    const missing = await request(app).post(`/api/forms/${form}/import`);
    expect(missing.body.error.code).toBe('FILE_MISSING');
    check('ErrorResponse', missing.body);
    const notAFile = await request(app).post(`/api/forms/${form}/import`).attach('file', Buffer.from('plain text'), 'a.txt');
    expect(notAFile.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    check('ErrorResponse', notAFile.body);
  }, 60_000);

  it('the batch upload: its errors', async () => {
    const unreadable = await request(app).post('/api/forms/ichikawa-kyoten-todokede/batch').attach('file', Buffer.from('事業所番号\r\n'), 'a.csv');
    expect(unreadable.body.error.code).toBe('UNREADABLE_FILE');
    check('ErrorResponse', unreadable.body);
    const option = await request(app).post('/api/forms/ichikawa-kyoten-todokede/batch').field('format', 'docx').attach('file', Buffer.from('x'), 'a.csv');
    expect(option.body.error.code).toBe('INVALID_OPTION');
    check('ErrorResponse', option.body);
  });

  it('e-submission: a receipt, the list, the detail, a status change, a refused filing, a missing token', async () => {
    const t = await tokens(store, testClock());
    const filing = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'openapi-1')
      .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }]))
      .attach('attachments', Buffer.from(await tinyPdf()), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
    expect(filing.status, JSON.stringify(filing.body)).toBe(201);
    check('Receipt', filing.body);
    const no = filing.body.receiptNumber as string;
    expect(filing.body.officeNumber).toBe(OFFICE_A);

    check('SubmissionList', (await request(app).get('/api/submissions').set(bearer(t.officeA)).expect(200)).body);
    check('SubmissionDetail', (await request(app).get(`/api/submissions/${no}`).set(bearer(t.ichikawa)).expect(200)).body);
    check('Receipt', (await request(app).get(`/api/submissions/${no}/receipt`).set(bearer(t.officeA)).expect(200)).body);
    check('StatusChange', (await request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send({ to: 'reviewing' }).expect(200)).body);

    const invalid = { ...example('ichikawa-kyoten-todokede'), filedOn: '令和6年2月30日' };
    const refused = await request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', 'openapi-2').send({ documents: [{ form: 'ichikawa-kyoten-todokede', data: invalid }] });
    expect(refused.status).toBe(422);
    check('FilingResult', refused.body);

    const anonymous = await request(app).get('/api/submissions');
    expect(anonymous.status).toBe(401);
    check('ErrorResponse', anonymous.body);
    check('ErrorResponse', (await request(app).get('/registry.csv?municipality=nowhere').expect(404)).body);
  }, 60_000);
});
