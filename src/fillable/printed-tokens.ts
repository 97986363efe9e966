/**
 * How a box that prints several values, or a value inside fixed text, is put together — read from the definition, the
 * same way the layout composes it: a fieldTable row's `format` (「{user.name}（{user.kana}）」), several `fields` side by
 * side (〒 and address), an addressee with its suffix (「… 様」), a computedLine sentence (「{filedOn}にあった…」).
 *
 * The fillable PDF uses these tokens to place one text field per value between the fixed text; the import uses them to
 * split the printed text back into values.
 */
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { fieldAt } from '../forms/fields.ts';
import { printValue } from '../forms/field-types/index.ts';

export type Token =
  | { literal: string }
  | {
      path: string;
      /** The data field; absent for a computed value, which is printed by yoshiki and never typed. */
      field?: FieldDefinition;
      /** How the layout prints it: the field, or a computed value's type (a computed date prints 「年　月　日」 when blank). */
      print?: FieldDefinition;
      /** The date prints with its weekday (（水）). */
      weekday?: boolean;
    };

export type ValueToken = Extract<Token, { path: string }>;
export const isValue = (t: Token): t is ValueToken => 'path' in t;

/** A box's tokens, keyed by the path the layout gives the box (the last value it prints). */
export interface PrintedTokens {
  /** fieldTable rows with several values or a format, and addressees with a suffix. */
  byCellPath: Map<string, Token[]>;
  /** computedLine sentences that print a data field (the layout gives such free text no path). */
  sentences: Token[][];
}

const PLACEHOLDER = /\{([\w.]+)(\|weekday)?\}/g;

function fromFormat(definition: FormDefinition, format: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of format.matchAll(PLACEHOLDER)) {
    if (m.index > last) tokens.push({ literal: format.slice(last, m.index) });
    tokens.push(valueToken(definition, m[1], m[2] !== undefined));
    last = m.index + m[0].length;
  }
  if (last < format.length) tokens.push({ literal: format.slice(last) });
  return tokens;
}

function valueToken(definition: FormDefinition, path: string, weekday = false): ValueToken {
  // A computed value (年齢) is printed by yoshiki, even where the definition also declares it as a field.
  const computed = definition.computed.find((c) => c.key === path);
  const field = fieldAt(definition, path);
  const print = field ?? (computed?.type ? { key: path, label: computed.label, type: computed.type } : undefined);
  return { path, field: computed ? undefined : field, print, ...(weekday ? { weekday } : {}) };
}

export function printedTokens(definition: FormDefinition): PrintedTokens {
  const byCellPath = new Map<string, Token[]>();
  const sentences: Token[][] = [];
  const keep = (path: string, tokens: Token[]) => {
    if (!byCellPath.has(path)) byCellPath.set(path, tokens);
  };
  for (const block of definition.pages.flat()) {
    if (block.block === 'fieldTable') {
      for (const row of block.rows) {
        const paths = row.fields ?? [];
        if (!paths.length || (paths.length === 1 && !row.format)) continue;
        if (row.format) keep(paths[paths.length - 1], fromFormat(definition, row.format));
        // Without a format the layout prints the values side by side, separated by a space.
        else keep(paths[paths.length - 1], paths.flatMap((p, i) => [...(i ? [{ literal: ' ' }] : []), valueToken(definition, p)]));
      }
    } else if (block.block === 'addressee' && block.field && block.suffix) {
      keep(block.field, [valueToken(definition, block.field), { literal: `　${block.suffix}` }]);
    } else if (block.block === 'computedLine') {
      const tokens = fromFormat(definition, block.text);
      if (tokens.some((t) => isValue(t) && t.field)) sentences.push(tokens);
    }
  }
  return { byCellPath, sentences };
}

/** The text the tokens print with no values filled in (what the blank 様式 shows). */
export function blankText(tokens: Token[]): string {
  return tokens.map((t) => (isValue(t) ? printValue(t.print, undefined) : t.literal)).join('');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Fixed text as a pattern: spaces may be missing or doubled (the layout trims a row whose last value is blank). */
const literalPattern = (s: string) => s.split(/[\s\u3000]+/).map(escape).join('[\\s\\u3000]*');

/**
 * Splits printed text back into the tokens' values. A 郵便番号 is matched by its shape; other values lazily, the last one
 * greedily, so only the last value may contain the fixed text that follows the others (an address with spaces).
 * Returns undefined when the text does not have the tokens' fixed text (the box was retyped by hand).
 */
export function splitPrinted(tokens: Token[], text: string): Map<string, string> | undefined {
  const values = tokens.filter(isValue);
  const lastValue = tokens.reduce((last, t, i) => (isValue(t) ? i : last), -1);
  const pattern = tokens
    .map((t, i) => {
      if (!isValue(t)) return literalPattern(t.literal);
      if (t.field?.type === 'postalCode') return '(〒?[\\s\\u3000]*[0-9０-９\\-－‐ー−]*)';
      return i === lastValue ? '([\\s\\S]*)' : '([\\s\\S]*?)';
    })
    .join('');
  const m = new RegExp(`^[\\s\\u3000]*${pattern}[\\s\\u3000]*$`).exec(text);
  if (!m) return undefined;
  return new Map(values.map((t, i) => [t.path, m[i + 1].trim()]));
}
