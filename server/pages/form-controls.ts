/**
 * One field of a definition → its HTML control, named by its data path (`name` and `data-path` = `allocations.2.count`), so
 * the client builds the data the CLI takes from the inputs and puts each finding next to the input its `path` names.
 *
 * Every control is wrapped in an element carrying `data-field-for="<path>"` with an (empty) `.field-messages` slot: the client
 * writes errors and warnings there, and a finding on a row or a list (`allocations`) lands on the nearest such wrapper.
 * Repeated rows are rendered from a `<template>` whose paths hold `__i__` (index) and `__n__` (row number).
 */
import type { FieldDefinition, FormDefinition } from '../../src/forms/definition.ts';
import { fieldType } from '../../src/forms/field-types/index.ts';
import { yesNoPair } from '../../src/render/layout/overrides.ts';
import { attrs, esc, hidden } from './html.ts';
import { ui } from '../../src/messages/form-page.ts';

export const INDEX = '__i__';
export const ROW_NUMBER = '__n__';

export interface ControlOptions {
  /** The label as the 様式 prints it. */
  label: string;
  /** Context for screen readers before the label (the row a cell belongs to). */
  hiddenPrefix?: string;
  /** The printed note beside the label (「(複数選択可)」). */
  note?: string;
  /** A unit after the value (「回」). */
  suffix?: string;
  /** Lines of a text box (from the layout row), when it differs from the field's own. */
  lines?: number;
  /** Inside a repeated row: a long single choice becomes a select rather than a column of radios. */
  compact?: boolean;
}

export const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;
/** The definition path of a data path (`allocations.__i__.count` → `allocations.*.count`). */
export const definitionPath = (path: string) => path.replace(/\.(\d+|__i__)(?=\.|$)/g, '.*');

export class FormControls {
  /** Definition paths (`*` for list elements) that already have a control: the rest go to a closing section. */
  readonly rendered = new Set<string>();
  private readonly tablesOf = new Map<string, number>();

  constructor(readonly definition: FormDefinition) {}

  isRendered(path: string): boolean {
    const p = definitionPath(path);
    for (const r of this.rendered) if (p === r || p.startsWith(`${r}.`)) return true;
    return false;
  }

  hasRenderedDescendant(path: string): boolean {
    const p = definitionPath(path);
    for (const r of this.rendered) if (r.startsWith(`${p}.`)) return true;
    return false;
  }

  /** Required on paper only when every group around it is required too (an optional 報告状況 has no required box). */
  isRequired(path: string): boolean {
    let fields: FieldDefinition[] | undefined = this.definition.fields;
    let current: FieldDefinition | undefined;
    for (const part of definitionPath(path).split('.')) {
      if (current?.type === 'list') {
        current = current.item;
        fields = current?.fields;
        continue;
      }
      current = fields?.find((f) => f.key === part);
      if (!current?.required) return false;
      fields = current.fields;
    }
    return true;
  }

  field(field: FieldDefinition, path: string, options: ControlOptions): string {
    const html = this.control(field, path, options);
    this.rendered.add(definitionPath(path));
    return html;
  }

  control(field: FieldDefinition, path: string, options: ControlOptions): string {
    const control = fieldType(field).control;
    switch (control.kind) {
      case 'checkbox': {
        // A yes/no item the 様式 prints as a pair (有・無) is asked as the pair: 'no' is an answer, not an empty box.
        const pair = yesNoPair(this.definition.id, path);
        if (pair) return this.optionGroup({ ...field, options: [{ value: 'true', label: pair[0] }, { value: 'false', label: pair[1] }] }, path, options, 'radio');
        return this.checkbox(field, path, options);
      }
      case 'options':
        if (control.multiple) return this.optionGroup(field, path, options, 'checkbox');
        return (field.options?.length ?? 0) <= 6 && !options.compact ? this.optionGroup(field, path, options, 'radio') : this.select(field, path, options);
      case 'group':
        return this.group(field, path, options);
      case 'list':
        return this.list(field, path, options, (i, n) => this.listItem(field, path, i, n));
      case 'text':
        return this.textInput(field, path, options, control.attributes);
    }
  }

  label(id: string, options: ControlOptions, required: boolean, tag: 'label' | 'legend' = 'label'): string {
    const mark = required ? ` <span class="required">${esc(ui.required)}</span>` : '';
    const text = `${hidden(options.hiddenPrefix ?? '')}${esc(options.label)}${mark}`;
    return tag === 'label' ? `<label class="label" for="${id}">${text}</label>` : `<legend class="label">${text}</legend>`;
  }

  /** The printed note and the typing hint, under the label; its id goes into aria-describedby. */
  hint(path: string, parts: (string | undefined)[], idSuffix = ''): { html: string; id?: string } {
    const texts = parts.filter((t): t is string => !!t);
    if (!texts.length) return { html: '' };
    const id = `h-${idOf(path).slice(2)}${idSuffix}`;
    return { html: `<div class="hint" id="${id}">${texts.map((t) => `<span>${esc(t)}</span>`).join('')}</div>`, id };
  }

  messages(path: string, idSuffix = ''): string {
    return `<div class="field-messages" id="m-${idOf(path).slice(2)}${idSuffix}" hidden></div>`;
  }

  textInput(field: FieldDefinition, path: string, options: ControlOptions, inputAttributes: Record<string, string> = {}): string {
    const id = idOf(path);
    const hint = this.hint(path, [options.note ?? field.note, ui.hint[field.type]]);
    const lines = options.lines ?? field.lines ?? 1;
    const common = { id, name: path, 'data-path': path, 'aria-describedby': hint.id };
    const control =
      lines > 1 || (field.type === 'text' && (field.maxLength ?? 0) > 200)
        ? `<textarea${attrs({ ...common, class: 'textarea', rows: Math.max(3, lines) })}></textarea>`
        : `<input${attrs({ type: 'text', class: 'input', ...inputAttributes, ...common })}>`;
    const suffix = options.suffix ? `<span class="suffix" aria-hidden="true">${esc(options.suffix)}</span>` : '';
    const label = this.label(id, { ...options, hiddenPrefix: options.hiddenPrefix }, this.isRequired(path));
    return `<div class="field" data-field-for="${esc(path)}">${label}${hint.html}${this.messages(path)}<div class="control">${control}${suffix}</div></div>`;
  }

  checkbox(field: FieldDefinition, path: string, options: ControlOptions): string {
    const id = idOf(path);
    const hint = this.hint(path, [options.note]);
    const input = `<input${attrs({ type: 'checkbox', class: 'checkbox-input', id, name: path, value: 'true', 'data-path': path, 'aria-describedby': hint.id })}>`;
    const label = `<label class="checkbox-label" for="${id}">${hidden(options.hiddenPrefix ?? '')}${esc(options.label)}</label>`;
    return `<div class="field field--checkbox" data-field-for="${esc(path)}">${this.messages(path)}<div class="checkbox">${input}${label}</div>${hint.html}</div>`;
  }

  optionGroup(field: FieldDefinition, path: string, options: ControlOptions, type: 'radio' | 'checkbox'): string {
    const hint = this.hint(path, [options.note ?? field.note]);
    const items = (field.options ?? [])
      .map((o, i) => {
        const id = `${idOf(path)}-${i}`;
        const input = `<input${attrs({ type, class: `${type}-input`, id, name: path, value: o.value, 'data-path': path })}>`;
        return `<div class="${type}">${input}<label class="${type}-label" for="${id}">${esc(o.label)}</label></div>`;
      })
      .join('');
    const legend = this.label('', options, this.isRequired(path), 'legend');
    return `<fieldset${attrs({ class: 'field fieldset', id: idOf(path), 'data-field-for': path, 'aria-describedby': hint.id })}>${legend}${hint.html}${this.messages(path)}<div class="${type}s">${items}</div></fieldset>`;
  }

  select(field: FieldDefinition, path: string, options: ControlOptions): string {
    const id = idOf(path);
    const hint = this.hint(path, [options.note ?? field.note]);
    const items = [`<option value="">${esc(ui.selectPlaceholder)}</option>`, ...(field.options ?? []).map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`)].join('');
    const select = `<select${attrs({ class: 'select', id, name: path, 'data-path': path, 'aria-describedby': hint.id })}>${items}</select>`;
    return `<div class="field" data-field-for="${esc(path)}">${this.label(id, options, this.isRequired(path))}${hint.html}${this.messages(path)}<div class="control">${select}</div></div>`;
  }

  /** A group of sub-fields, each labelled as the 様式 prints it beside the group (申請者: 所在地 / 名称 / 代表者). */
  group(field: FieldDefinition, path: string, options: ControlOptions): string {
    const children = (field.fields ?? [])
      .map((child) => this.field(child, `${path}.${child.key}`, { label: child.printLabel || child.label, compact: options.compact }))
      .join('');
    const hint = this.hint(path, [options.note ?? field.note]);
    return `<fieldset${attrs({ class: 'field fieldset group', 'data-field-for': path, 'aria-describedby': hint.id })}>${this.label('', options, false, 'legend')}${hint.html}${this.messages(path)}${children}</fieldset>`;
  }

  /** A row of a list whose columns are not laid out by a listTable: each sub-field with its own label. */
  listItem(list: FieldDefinition, path: string, i: string, n: string): string {
    const item = list.item!;
    const rowPath = `${path}.${i}`;
    if (item.type !== 'group') {
      const control = this.field(item, rowPath, { label: ui.rowItemLabel(item.label, n), compact: true });
      return `<div class="list-row list-row--single" data-row="${i}">${control}${this.removeButton(list.label, n)}</div>`;
    }
    const fields = (item.fields ?? []).map((f) => this.field(f, `${rowPath}.${f.key}`, { label: f.printLabel || f.label, compact: true })).join('');
    return `<fieldset class="list-row" data-row="${i}"><legend class="row-legend">${esc(ui.rowLegend(n))}</legend><div class="row-fields">${fields}</div>${this.removeButton(list.label, n)}</fieldset>`;
  }

  removeButton(listLabel: string, n: string): string {
    return `<div class="row-actions"><button type="button" class="button button--secondary button--small" data-remove-row>${hidden(ui.removeRowContext(listLabel, n))}${esc(ui.removeRow)}</button></div>`;
  }

  /**
   * Repeatable rows: the rows a person starts with (at least one, or the minimum the 様式 asks for), a template for more,
   * and the add button. The same list may be laid out by several tables (事業所 and their 情報共有); each is one of these,
   * and the client keeps their row counts equal.
   */
  list(field: FieldDefinition, path: string, options: ControlOptions, row: (i: string, n: string) => string): string {
    this.rendered.add(definitionPath(path));
    // The second table of a list gets ids of its own.
    const nth = (this.tablesOf.get(path) ?? 0) + 1;
    this.tablesOf.set(path, nth);
    const idSuffix = nth > 1 ? `--${nth}` : '';
    const initial = Math.min(Math.max(1, field.minItems ?? 0), field.maxItems ?? Infinity);
    const rows = Array.from({ length: initial }, (_, i) => row(String(i), String(i + 1))).join('');
    const template = row(INDEX, ROW_NUMBER);
    const hint = this.hint(path, [options.note ?? field.note, field.maxItems ? ui.maxRows(field.maxItems) : undefined], idSuffix);
    const legend = this.label('', options, this.isRequired(path), 'legend');
    const add = `<button type="button" class="button button--secondary" data-add-row>${hidden(ui.addRowContext(field.label))}${esc(ui.addRow)}</button>`;
    return (
      `<fieldset${attrs({ class: 'field fieldset list', 'data-field-for': path, 'data-list': path, 'data-list-label': field.label, 'data-max': field.maxItems, 'aria-describedby': hint.id })}>` +
      `${legend}${hint.html}${this.messages(path, idSuffix)}<div class="list-rows">${rows}</div>` +
      `<p class="list-empty" hidden>${esc(ui.noRows)}</p><template>${template}</template>${add}</fieldset>`
    );
  }
}
