/**
 * The body of a fillable 様式, generated from the same layout blocks the PDF is laid out from (`definition.pages`): the
 * printed sentences, headings and labels in the printed order, each table as a fieldset, the 別紙 as its own section.
 * Fields the paper does not print (届出日 of the 機能強化加算, 届出の目的とする加算) follow in a closing section, and
 * computed values are `<output>` elements the client fills live.
 */
import type { Block, ColumnSpec, FieldDefinition, FormDefinition, RowSpec } from '../../src/forms/definition.ts';
import { fieldAt } from '../../src/forms/fields.ts';
import { FormControls, idOf, type ControlOptions } from './form-controls.ts';
import { attrs, esc } from './html.ts';
import { ui } from '../../src/messages/form-page.ts';

type BlockOf<K extends Block['block']> = Extract<Block, { block: K }>;
const PLACEHOLDER = /\{([\w.]+)(\|weekday)?\}/g;

export class FormBody {
  readonly controls: FormControls;
  /** Computed keys that have a place on the page; the others are listed under 計算結果. */
  readonly placedComputed = new Set<string>();

  constructor(readonly definition: FormDefinition) {
    this.controls = new FormControls(definition);
  }

  field(path: string): FieldDefinition | undefined {
    return fieldAt(this.definition, path);
  }

  computed(key: string) {
    return this.definition.computed.find((c) => c.key === key);
  }

  render(): string {
    const pages = this.definition.pages.map((blocks, p) => {
      const html = blocks.map((block, b) => this.block(block, blocks[b - 1], blocks[b + 1], p)).join('\n');
      const besshi = blocks.some((block) => block.block === 'heading' && /別紙/.test(block.text));
      return `<section class="form-page${besshi ? ' form-page--besshi' : ''}">${html}</section>`;
    });
    return [...pages, this.unrenderedSection(), this.computedSection()].join('\n');
  }

  output(key: string): string {
    this.placedComputed.add(key);
    return `<output class="computed-value" data-computed="${esc(key)}">${esc(ui.notComputed)}</output>`;
  }

  block(block: Block, previous: Block | undefined, next: Block | undefined, page: number): string {
    switch (block.block) {
      case 'title':
        if (!block.text && page === 0) return ''; // the page's <h1>
        if (previous?.block === 'heading') return ''; // drawn with the heading before it (<別紙>)
        return `<h2 class="heading-l">${esc(block.text ?? this.definition.title)}</h2>`;
      case 'heading':
        if (next?.block === 'title')
          return `<h2 class="heading-l"><span class="caption">${esc(block.text)}</span>${esc(next.text ?? this.definition.title)}</h2>`;
        return `<h2 class="heading-m">${esc(block.text)}</h2>`;
      case 'paragraph': {
        const classes = ['para', block.size && block.size < 10 ? 'para--small' : '', block.align === 'center' ? 'para--center' : ''];
        return `<p class="${classes.filter(Boolean).join(' ')}">${esc(block.text)}</p>`;
      }
      case 'bullets':
        return `<div class="bullets">${block.title ? `<p class="bullets-title">${esc(block.title)}</p>` : ''}<ul>${block.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></div>`;
      case 'issuer':
        return `<p class="issuer">${esc(block.text)}</p>`;
      case 'addressee':
        if (!block.field) return `<p class="addressee">${esc(block.text ?? '')}${block.suffix ? `　${esc(block.suffix)}` : ''}</p>`;
        return this.fieldAtPath(block.field, { label: this.field(block.field)!.label, suffix: block.suffix });
      case 'filedDate': {
        const path = block.field ?? 'filedOn';
        return `<div class="filed-date">${this.fieldAtPath(path, { label: block.label ?? this.field(path)?.label ?? path })}</div>`;
      }
      case 'applicant': {
        const group = this.field(block.field)!;
        return this.controls.field(group, block.field, { label: group.printLabel || group.label });
      }
      case 'checkLine': {
        const field = this.field(block.field)!;
        return this.controls.field(field, block.field, { label: field.printLabel || field.label });
      }
      case 'fieldTable':
        return this.fieldTable(block);
      case 'groupTable':
        return this.groupTable(block);
      case 'listTable':
        return this.listTable(block);
      case 'computedLine':
        return this.computedLine(block.text);
      case 'pageBreak':
        return block.title ? `<p class="para">${esc(block.title)}</p>` : '';
      case 'spacer':
        return '';
    }
  }

  fieldAtPath(path: string, options: ControlOptions): string {
    if (this.controls.isRendered(path)) return '';
    const field = this.field(path);
    return field ? this.controls.field(field, path, options) : '';
  }

  fieldTable(block: BlockOf<'fieldTable'>): string {
    const rows = block.rows.map((row) => this.fieldRow(row)).join('');
    if (!block.title) return `<div class="field-table">${rows}</div>`;
    return `<fieldset class="field-table fieldset"><legend class="table-legend">${esc(block.title)}</legend>${rows}</fieldset>`;
  }

  fieldRow(row: RowSpec): string {
    const paths = row.fields ?? [];
    const first = paths[0];
    const label = row.label ?? (first ? (this.field(first)?.label ?? this.computed(first)?.label) : undefined) ?? '';
    if (!paths.length) return `<div class="static-row"><p class="label">${esc(label)}</p><p>${esc(row.text ?? '')}</p></div>`;
    if (paths.length === 1) return this.single(first, label, row);
    // Several fields in one printed box (〒 and 所在地, 開始 and 終了): one fieldset named by the printed label.
    const parts = paths.map((path) => {
      const computed = this.computed(path);
      if (computed) return this.computedField(path, computed.label);
      const field = this.field(path)!;
      return this.fieldAtPath(path, { label: subLabel(field.label, label) });
    });
    const note = row.note ? `<div class="hint">${esc(row.note)}</div>` : '';
    return `<fieldset class="field fieldset field-row"><legend class="label">${esc(label)}</legend>${note}<div class="row-fields">${parts.join('')}</div></fieldset>`;
  }

  single(path: string, label: string, row: RowSpec): string {
    const computed = this.computed(path);
    if (computed) return this.computedField(path, label, row.note);
    const field = this.field(path)!;
    const note = row.note ?? field.note;
    if (field.type === 'boolean') {
      const boxLabel = field.printLabel || field.label;
      const box = this.fieldAtPath(path, { label: boxLabel, note: boxLabel === label ? note : undefined });
      if (boxLabel === label) return box;
      // The row label names the question; the box beside it says what ticking it means (利用の必要性: □必要性あり).
      return `<fieldset class="field fieldset"><legend class="label">${esc(label)}</legend>${note ? `<div class="hint">${esc(note)}</div>` : ''}${box}</fieldset>`;
    }
    return this.fieldAtPath(path, { label, note, lines: row.lines });
  }

  computedField(key: string, label: string, note?: string): string {
    const id = `c-${idOf(key).slice(2)}`;
    return `<div class="field field--computed"><p class="label" id="${id}">${esc(label)}</p>${note ? `<div class="hint">${esc(note)}</div>` : ''}<p class="computed-box">${this.output(key).replace('<output ', `<output aria-labelledby="${id}" `)}</p></div>`;
  }

  /** A sentence with computed values and fields in it; a field named only here gets its input right below. */
  computedLine(text: string): string {
    const inputs: string[] = [];
    let html = '';
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      html += esc(text.slice(last, m.index));
      last = m.index! + m[0].length;
      const key = m[1];
      if (this.computed(key)) html += this.output(key);
      else {
        html += `<span class="echo"${attrs({ 'data-echo': key, 'data-weekday': m[2] ? 'true' : undefined })}></span>`;
        const field = this.field(key);
        if (field && !this.controls.isRendered(key)) inputs.push(this.controls.field(field, key, { label: field.label }));
      }
    }
    html += esc(text.slice(last));
    return `<p class="computed-line">${html}</p>${inputs.join('')}`;
  }

  groupTable(block: BlockOf<'groupTable'>): string {
    const group = this.field(block.field)!;
    const rows = (group.fields ?? []).filter((f) => f.type === 'group');
    let html = '';
    rows.forEach((row, i) => {
      if (row.category && rows[i - 1]?.category !== row.category) html += `<fieldset class="fieldset category"><legend class="label">${esc(row.category)}</legend>`;
      const rowPath = `${block.field}.${row.key}`;
      const cells = block.columns.map((column) => this.columnCell(column, rowPath, row.fields!, row.label)).join('');
      html += `<fieldset class="group-row" data-field-for="${esc(rowPath)}"><legend class="row-legend">${esc(row.label)}</legend>${this.controls.messages(rowPath)}<div class="row-fields">${cells}</div></fieldset>`;
      if (row.category && rows[i + 1]?.category !== row.category) html += '</fieldset>';
    });
    const legend = block.title ?? group.label;
    return `<fieldset class="fieldset group-table" data-field-for="${esc(block.field)}"><legend class="table-legend">${esc(legend)}</legend>${this.controls.messages(block.field)}${html}</fieldset>`;
  }

  /** A column of a table row: one field labelled with the column title, or several under it (受入可: □者 □児). */
  columnCell(column: ColumnSpec, rowPath: string, rowFields: FieldDefinition[], rowLabel: string): string {
    const fields = (column.fields ?? []).flatMap((key) => {
      const field = fieldAt({ fields: rowFields }, key);
      return field ? [{ key, field }] : [];
    });
    const prefix = `${rowLabel} `;
    if (fields.length === 1) {
      const { key, field } = fields[0];
      return this.controls.field(field, `${rowPath}.${key}`, { label: column.title || field.label, hiddenPrefix: prefix, suffix: column.suffix, compact: true });
    }
    const controls = fields
      .map(({ key, field }) => this.controls.field(field, `${rowPath}.${key}`, { label: field.printLabel || field.label, hiddenPrefix: `${prefix}${column.title} `, compact: true }))
      .join('');
    return `<fieldset class="fieldset column-group"><legend class="label">${esc(column.title)}</legend><div class="inline-options">${controls}</div></fieldset>`;
  }

  listTable(block: BlockOf<'listTable'>): string {
    const list = this.field(block.field)!;
    const item = list.item!;
    const columnKeys = new Set(block.columns.flatMap((c) => c.fields ?? []));
    // A second table of the same list (情報共有 of each 事業所) names the row by what the first one asked (its 事業所名).
    const echoKey = ['name', 'office'].find((k) => item.fields?.some((f) => f.key === k) && !columnKeys.has(k));
    const row = (i: string, n: string) => {
      const rowPath = `${block.field}.${i}`;
      const legendText = block.numbered ? `(${n})` : ui.rowLegend(n);
      const echo = echoKey ? ` <span class="echo" data-echo="${esc(`${rowPath}.${echoKey}`)}"></span>` : '';
      const context = `${list.label} ${legendText}`;
      const cells =
        item.type === 'group'
          ? block.columns.map((column) => this.columnCell(column, rowPath, item.fields!, context)).join('')
          : this.controls.field(item, rowPath, { label: block.columns[0]?.title || item.label, hiddenPrefix: `${context} `, compact: true });
      return `<fieldset class="list-row" data-row="${i}"><legend class="row-legend">${esc(legendText)}${echo}</legend><div class="row-fields">${cells}</div>${this.controls.removeButton(list.label, n)}</fieldset>`;
    };
    const total = block.total
      ? `<p class="list-total"><span class="list-total-label">${esc(block.total.label)}</span> ${this.output(block.total.computed)}${block.total.suffix ? ` ${esc(block.total.suffix)}` : ''}</p>`
      : '';
    return this.controls.list(list, block.field, { label: block.title ?? list.label }, row) + total;
  }

  /** Fields the layout does not print (or prints nowhere this walk reached): asked for at the end, labelled by definition. */
  unrenderedSection(): string {
    const parts: string[] = [];
    let allUnprinted = true;
    const visit = (fields: FieldDefinition[], prefix: string) => {
      for (const field of fields) {
        const path = prefix ? `${prefix}.${field.key}` : field.key;
        if (this.controls.isRendered(path)) continue;
        if (field.type === 'group' && this.controls.hasRenderedDescendant(path)) visit(field.fields ?? [], path);
        else if (!this.controls.hasRenderedDescendant(path)) {
          parts.push(this.controls.field(field, path, { label: field.label }));
          allUnprinted &&= field.printed === false;
        }
      }
    };
    visit(this.definition.fields, '');
    if (!parts.length) return '';
    const title = allUnprinted ? ui.unprintedTitle : ui.otherTitle;
    return `<section class="form-page form-page--extra" aria-labelledby="extra-title"><h2 class="heading-m" id="extra-title">${esc(title)}</h2>${allUnprinted ? `<p class="para para--small">${esc(ui.unprintedLead)}</p>` : ''}${parts.join('')}</section>`;
  }

  /** Computed values with no place on the paper (算定開始月, 単位数の合計): shown, never typed (the client hides a list value). */
  computedSection(): string {
    const rest = this.definition.computed.filter((c) => !this.placedComputed.has(c.key));
    if (!rest.length) return '';
    const items = rest.map((c) => `<div class="computed-item"><dt id="c-${idOf(c.key).slice(2)}">${esc(c.label)}</dt><dd>${this.output(c.key).replace('<output ', `<output aria-labelledby="c-${idOf(c.key).slice(2)}" `)}</dd></div>`).join('');
    return `<section class="computed-section" aria-labelledby="computed-title"><h2 class="heading-m" id="computed-title">${esc(ui.computedTitle)}</h2><p class="para para--small">${esc(ui.computedLead)}</p><dl class="computed-list">${items}</dl></section>`;
  }
}

/** A field's label inside a box that prints several (「事業所（施設）の所在地 郵便番号」 under 「事業所（施設）の所在地」 → 「郵便番号」). */
export function subLabel(label: string, rowLabel: string): string {
  const rest = label.startsWith(`${rowLabel} `) ? label.slice(rowLabel.length + 1).trim() : '';
  return rest || label;
}
