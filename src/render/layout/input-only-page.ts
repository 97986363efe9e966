/**
 * Values a 様式 does not print (`printed: false`: 届出の目的とする加算, 公印の省略, a 届出日 the paper has no box for) still
 * belong to the document, so the files a person fills in and sends back carry them too, on a page of their own after the
 * 様式: 「入力専用項目（様式には印刷されません）」. The fillable PDF puts its fields on that page; the XLSX writes it as
 * the sheet 「入力専用項目」 (render-xlsx.ts).
 *
 * Why a page of its own, and not the margin of the 様式's last page: the printed pages stay exactly the 様式 (a margin
 * may be full, and what sits in it prints on the paper), and every value stays in sight and editable — a hidden field
 * would carry data nobody can see or correct.
 *
 * The page is laid out by the print layout itself, from blocks derived here (a fieldTable of label and value boxes; a
 * checkLine 「□ 公印の省略（押印廃止）」 per yes/no, so its label is not printed twice). Its boxes therefore get fields
 * (fillable-fields.ts) and defined names (render-xlsx.ts) by the same scheme as the printed pages, and an import reads
 * them without knowing which page they are on.
 */
import type { Block, FieldDefinition, FormDefinition, RowSpec } from '../../forms/definition.ts';
import { fieldAt, labelAt } from '../../forms/fields.ts';
import type { PrintFont } from '../font.ts';
import { layoutDocument } from './layout.ts';
import type { LaidOutPage } from './model.ts';

export const INPUT_ONLY_TITLE = '入力専用項目（様式には印刷されません）';
export const INPUT_ONLY_LEAD =
  'ここに記入した項目は様式には印刷されませんが、このファイルを読み込むとデータとして取り込まれます。提出する様式として印刷する必要はありません。';

/**
 * The data paths of the fields the 様式 does not print, in definition order. A group not printed gives each of its fields
 * a row. Rows of a list have no fixed number on a page of their own, so a list of groups (or a column of a list) that is
 * not printed is refused here, where a definition's author meets it first (conformance tests), rather than dropped.
 */
export function unprintedPaths(definition: Pick<FormDefinition, 'id' | 'fields'>): string[] {
  const paths: string[] = [];
  const refuse = (path: string) => {
    throw new Error(`[yoshiki/fillable] ${definition.id}: field '${path}' is not printed and is (in) a list of groups; the 入力専用項目 page cannot hold it`);
  };
  const unprinted = (field: FieldDefinition, path: string): void => {
    if (field.type === 'group') for (const child of field.fields ?? []) unprinted(child, `${path}.${child.key}`);
    else if (field.type === 'list' && field.item?.type === 'group') refuse(path);
    else paths.push(path);
  };
  const visit = (fields: FieldDefinition[], prefix: string): void => {
    for (const field of fields) {
      const path = prefix ? `${prefix}.${field.key}` : field.key;
      if (field.printed === false) unprinted(field, path);
      else if (field.type === 'group') visit(field.fields ?? [], path);
      else if (field.type === 'list' && field.item && hasUnprinted(field.item)) refuse(`${path}.*`);
    }
  };
  visit(definition.fields, '');
  return paths;
}

function hasUnprinted(field: FieldDefinition): boolean {
  return field.printed === false || (field.fields ?? []).some(hasUnprinted) || (field.item ? hasUnprinted(field.item) : false);
}

/** The blocks of the page: its title and lead, then a row per value in definition order. */
function inputOnlyBlocks(definition: FormDefinition, paths: string[]): Block[] {
  const blocks: Block[] = [
    { block: 'title', text: INPUT_ONLY_TITLE, size: 12 },
    { block: 'paragraph', text: INPUT_ONLY_LEAD, size: 9 },
  ];
  let rows: RowSpec[] = [];
  const table = () => {
    if (rows.length) blocks.push({ block: 'fieldTable', rows });
    rows = [];
  };
  for (const path of paths) {
    if (fieldAt(definition, path)?.type === 'boolean') {
      table();
      blocks.push({ block: 'checkLine', field: path });
    } else rows.push({ label: labelAt(definition, path), fields: [path] });
  }
  table();
  return blocks;
}

/**
 * The 入力専用項目 page(s) of a 様式 with `data` in it (`{}` for the blank fillable PDF), or none when the 様式 prints
 * every field. More than one page only when the values need it (many fields, or a long text continued on a 別紙).
 */
export function inputOnlyPages(definition: FormDefinition, data: Record<string, unknown>, font: PrintFont): LaidOutPage[] {
  const paths = unprintedPaths(definition);
  if (paths.length === 0) return [];
  // The 様式's own definition with only this page: same fields, so the same paths, labels and layout sizes.
  return layoutDocument({ definition: { ...definition, pages: [inputOnlyBlocks(definition, paths)] }, data, computed: {}, font }).pages;
}
