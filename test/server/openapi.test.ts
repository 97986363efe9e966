/**
 * GET /api/openapi.json is a valid OpenAPI 3.1 document generated from the routes and the zod schemas: structurally
 * sound (every $ref resolves, every operation answers), every component schema compiles with ajv (2020-12), and the
 * schemas accept what the API really sends.
 */
import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { API_ROUTES } from '../../server/api/index.ts';
import { openApiPath } from '../../server/openapi.ts';
import { jsonSchema } from '../../src/forms/data-schema.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { printFont } from '../../src/render/font.ts';
import { validateDocument } from '../../src/validate.ts';

// `any`: a parsed JSON document of unknown shape, walked freely by the structural checks below.
type Json = Record<string, any>;

const app = createApp({ logger: pino({ level: 'silent' }) });
const definitions = [...loadDefinitions().values()];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
let doc: Json;

beforeAll(async () => {
  const res = await request(app).get('/api/openapi.json').expect(200).expect('Content-Type', /application\/json/);
  doc = res.body;
});

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

  it('has a path for every route, generated from the route list', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/api/forms', '/api/forms/{id}', '/api/forms/{id}/schema', '/api/forms/{id}/validate', '/api/forms/{id}/pdf', '/api/forms/{id}/xlsx', '/api/openapi.json'].sort(),
    );
    for (const route of API_ROUTES) expect(doc.paths[openApiPath(route.path)][route.method].operationId).toBe(route.operationId);
  });

  it('every operation has a unique operationId, its path parameters and described responses (a 2xx among them)', () => {
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
        expect(statuses.some((s) => /^2\d\d$/.test(s)), `${method} ${path}`).toBe(true);
        for (const [status, response] of Object.entries(op.responses as Json)) {
          expect(status).toMatch(/^([1-5]\d\d|default)$/);
          expect(typeof response.description).toBe('string');
        }
      }
    }
  });

  it('documents the error answers: 404 for a 様式 id, 400/413/415 for a JSON body, 422 for a refused render', () => {
    const pdf = doc.paths['/api/forms/{id}/pdf'].post;
    expect(Object.keys(pdf.responses).sort()).toEqual(['200', '400', '404', '405', '413', '415', '422', '500']);
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
      expect(body.examples[d.id].value).toEqual(JSON.parse(fs.readFileSync(`examples/${d.id}.json`, 'utf8')));
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
      const example = JSON.parse(fs.readFileSync(`examples/${d.id}.json`, 'utf8'));
      const { data } = validateDocument(d, example, { today: '2024-07-31', canDraw: printFont().canDraw });
      const validate = newAjv().compile(doc.components.schemas[d.id]);
      expect(validate(data), `${d.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
