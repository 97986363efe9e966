/**
 * The fillable 様式 pages, in process (supertest against an app that mounts only the pages router): every 様式 has a page
 * with its title and every label its paper prints, a control for every field named by its data path, and the bundled
 * client; an unknown 様式 has a Japanese 404 page. Adding a definition adds its tests.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FormDefinition } from '../../src/forms/definition.ts';
import { fieldAt } from '../../src/forms/fields.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { formPagesRouter } from '../../server/pages/router.ts';
import { printedLabels } from '../../src/render/layout/printed-labels.ts';

const app = express().use(formPagesRouter());
const definitions = [...loadDefinitions().values()];

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** The text of an HTML page (tags dropped, entities decoded, white space removed) to look printed labels up in. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])
    .replace(/[\s\u3000]+/g, '');
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
/** The page without the row templates (their ids repeat with __i__ in every copy a person adds). */
const withoutTemplates = (html: string) => html.replace(/<template>[\s\S]*?<\/template>/g, '');


/** Every data path the person can type at: leaves, with list elements as their first row (`allocations.0.count`). */
function leafPaths(fields: FieldDefinition[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    if (f.type === 'group') return leafPaths(f.fields!, path);
    if (f.type === 'list') return f.item!.type === 'group' ? leafPaths(f.item!.fields!, `${path}.0`) : [`${path}.0`];
    return [path];
  });
}

describe('GET / and /forms', () => {
  it('sends / to the list of 様式', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/forms');
  });

  it('lists every 様式 with a link to its page, in Japanese', async () => {
    const res = await request(app).get('/forms');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('<h1 class="heading-xl">様式の一覧</h1>');
    for (const d of definitions) expect(res.text).toContain(`<a href="/forms/${d.id}">${d.title}</a>`);
  });
});

describe.each(definitions.map((d) => [d.id, d] as const))('GET /forms/%s', (id, definition) => {
  const get = () => request(app).get(`/forms/${id}`);

  it('is a Japanese page titled with the 様式, with a skip link and the client script', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain(`<title>${definition.title} | `);
    expect(res.text).toContain(`<h1 class="heading-xl">${definition.title}</h1>`);
    expect(res.text).toContain('<a class="skip-link" href="#main">本文へ移動</a>');
    expect(res.text).toContain('<script type="module" src="/assets/form.js"></script>');
    expect(res.text).toContain('入力内容に誤りがあります');
    for (const button of ['PDFをダウンロード', 'Excelをダウンロード', '入力内容を保存（JSON）', '保存した入力内容を読み込む']) expect(res.text).toContain(button);
  });

  it('shows every label the 様式 prints', async () => {
    const text = textOf((await get()).text);
    for (const label of printedLabels(definition)) expect(text, label).toContain(squash(label));
  });

  it('has a control for every field, named by its data path, each with a label', async () => {
    const html = withoutTemplates((await get()).text);
    const paths = new Set([...html.matchAll(/<(?:input|select|textarea)[^>]*\bdata-path="([^"]+)"/g)].map((m) => m[1]));
    for (const path of leafPaths(definition.fields)) expect(paths, path).toContain(path);
    for (const path of paths) expect(fieldAt(definition, path), path).toBeDefined();
    const ids = [...html.matchAll(/<(?:input|select|textarea)[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    for (const controlId of ids) expect(html, controlId).toContain(`for="${controlId}"`);
    const allIds = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(allIds.filter((x, i) => allIds.indexOf(x) !== i)).toEqual([]);
  });

  it('carries its definition for the client, which cannot break out of the script element', async () => {
    const res = await get();
    const json = /<script type="application\/json" id="form-definition">([\s\S]*?)<\/script>/.exec(res.text)![1];
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(definition)));
    expect(json).not.toContain('</');
  });

  it('loads nothing from another server', async () => {
    const res = await get();
    expect(res.text).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
  });
});

describe('the 様式 pages name their parts as the 様式 does', () => {
  it('kino-kyoka: repeatable coordinator and allocation rows with named buttons, and live (a) (b) (c) and check', async () => {
    const html = (await request(app).get('/forms/ichikawa-kino-kyoka')).text;
    expect(html).toContain('data-list="coordinators"');
    expect(html).toContain('data-list="allocations"');
    expect(html).toMatch(/<button type="button" class="button button--secondary" data-add-row><span class="visually-hidden">拠点コーディネーターの配置状況に<\/span>行を追加<\/button>/);
    expect(html).toContain('<span class="visually-hidden">地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）の1行目を</span>削除');
    for (const key of ['a', 'b', 'c', 'check']) expect(html).toContain(`data-computed="${key}"`);
    expect(html).toContain('name="allocations.0.count"');
    expect(html).toContain('name="allocations.__i__.count"'); // the template of a new row
  });

  it('todokede: dates accept 和暦 with a hint, choices are a fieldset of checkboxes, the 別紙 is its own section', async () => {
    const html = (await request(app).get('/forms/ichikawa-kyoten-todokede')).text;
    expect(html).toMatch(/<input type="text" class="input width-date" autocomplete="off" id="f-filedOn" name="filedOn" data-path="filedOn" aria-describedby="h-filedOn">/);
    expect(html).toContain('例：令和6年5月1日');
    expect(html).toMatch(/<fieldset class="field fieldset" id="f-functions" data-field-for="functions"[^>]*><legend class="label">地域生活支援拠点等として担う機能/);
    expect(html).toContain('type="checkbox" class="checkbox-input" id="f-functions-0" name="functions" value="consultation"');
    expect(html).toContain('<select class="select" id="f-office-serviceType"');
    expect(html).toMatch(/<section class="form-page form-page--besshi"><h2 class="heading-l"><span class="caption">&lt;別紙&gt;<\/span>緊急時に受入れ可能な障がいの種類<\/h2>/);
    expect(html).toContain('様式に印刷されない項目');
  });

  it('よみがな fields are text boxes with a hint', async () => {
    const html = (await request(app).get('/forms/takatsuki-renkei-kakunin')).text;
    expect(html).toContain('name="child.kana"');
    expect(html).toContain('ひらがなで入力してください');
  });
});

describe('assets and errors', () => {
  it('serves the bundled client as JavaScript, with the rules in it and nothing of Node', async () => {
    const res = await request(app).get('/assets/form.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8/);
    expect(res.text.length).toBeGreaterThan(10_000);
    // (booleans, not toContain: a failure must not print half a megabyte of bundle)
    expect(res.text.includes('入力内容に誤りがあります'), 'the summary heading').toBe(true);
    expect(res.text.includes('は10桁の数字で入力してください'), 'the rule messages').toBe(true);
    expect(/require\(["']node:|from ?["']node:/.test(res.text), 'a Node import').toBe(false);
    // Weak, since the plain and the compressed answers share it; a revalidation with it (alone or in a list) gets a 304.
    expect(res.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
    const again = await request(app).get('/assets/form.js').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
    const inList = await request(app).get('/assets/form.js').set('If-None-Match', `"other", ${res.headers.etag.slice(2)}`);
    expect(inList.status).toBe(304);
    const other = await request(app).get('/assets/form.js').set('If-None-Match', 'W/"other"');
    expect(other.status).toBe(200);
  }, 60_000);

  it('serves the CSS and the fallback font from this server', async () => {
    const css = await request(app).get('/assets/form.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.text).toContain("url('/assets/fonts/biz-udpgothic-400.ttf')");
    const font = await request(app).get('/assets/fonts/biz-udpgothic-400.ttf').buffer(true);
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/ttf');
  });

  it('answers an unknown 様式 with a 404 page in Japanese', async () => {
    const res = await request(app).get('/forms/no-such-form');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('様式が見つかりません');
    expect(res.text).toContain('様式「no-such-form」はありません。');
    expect(res.text).toContain('<a href="/forms">様式の一覧へ戻る</a>');
  });

  it('escapes what a person puts in the address', async () => {
    const res = await request(app).get('/forms/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;');
  });
});
