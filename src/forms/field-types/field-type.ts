/**
 * What a field type is: one module per type (text, date, 郵便番号, 事業所番号, choice, list, …) owns everything that
 * differs between types — how a typed value is normalised, the schema of the normalised value, how it prints on the 様式,
 * how a person types it into a fillable PDF, how printed text or a spreadsheet cell reads back, and which web control it
 * gets. The callers (normalize.ts, data-schema.ts, the layout, the fillable PDF, the import, the batch's cells and
 * template, the form page's controls) ask the registry (index.ts) instead of switching on the type, so a new type is one
 * module here plus one line in the registry.
 */
import type { z } from 'zod';
import type { FieldDefinition, FieldType } from '../definition.ts';

/** A spreadsheet cell as the readers give it: CSV cells are strings; XLSX cells may be numbers, booleans or dates. */
export type CellValue = string | number | boolean | Date;

/** Why a typed date could not be read (the three G-DATE messages). */
export type DateProblem = 'format' | 'era-range' | 'impossible';

/** A typed value after normalisation; `problem` when it could not be normalised (the value is then kept as typed). */
export interface Normalised {
  value: unknown;
  problem?: DateProblem;
}

/** What the schema builder hands a type: the base string schema (required checked) and the nested builder. */
export interface SchemaParts {
  /** `z.string()` that reports a blank required box once, as G-REQUIRED. */
  text(): z.ZodString;
  /** The schema of a nested field (a group's member, a list's item) at a path below this one. */
  nested(field: FieldDefinition, pathSuffix: string): z.ZodType;
  /** The schema of a group's members (with the computed keys a rule may give). */
  members(fields: FieldDefinition[]): z.ZodType;
}

/** Helpers a type gets for what its members or items print / read as (a list prints its items). */
export interface Recurse {
  print(field: FieldDefinition | undefined, value: unknown): string;
  typed(field: FieldDefinition, value: unknown): string;
  readPrinted(field: FieldDefinition, text: string): unknown;
}

/** The web control a type gets: a text box (with its attributes), a checkbox, a set of options, or a container. */
export type WebControl =
  | { kind: 'text'; attributes?: Record<string, string> }
  | { kind: 'checkbox' }
  | { kind: 'options'; multiple: boolean }
  | { kind: 'group' }
  | { kind: 'list' };

export interface FieldTypeModule {
  type: FieldType;
  /**
   * What a blank value (empty, or only spaces) becomes: '' for a text box — it stays a box left empty — and undefined
   * (absent) for a checkbox, number, choice or container.
   */
  blank: '' | undefined;
  /** A typed text → the canonical value. Absent: the text is kept as typed (names are never normalised). */
  normalise?(field: FieldDefinition, text: string): Normalised;
  /**
   * The zod schema of the normalised value; every check carries the rule id it enforces as its message. A text-like type
   * (blank '') that is optional also accepts '' — the builder adds that.
   */
  schema(field: FieldDefinition, parts: SchemaParts): z.ZodType;
  /** What the 様式 prints for a value (never blank). */
  print(field: FieldDefinition, value: unknown, recurse: Recurse): string;
  /** What the 様式 prints for a blank box: the 「年　月　日」 of a date, the 〒 of a postal code. */
  printedBlank: string;
  /** What a person types into a fillable PDF field for the value (和暦 dates, 郵便番号 with its hyphen). */
  typed(field: FieldDefinition, value: unknown, recurse: Recurse): string;
  /** The value a printed (or typed) text stands for — print undone — or undefined when the box is blank. */
  readPrinted(field: FieldDefinition, text: string, recurse: Recurse): unknown;
  /** A non-empty spreadsheet cell → the value `yoshiki render` would read from JSON (anything else passes as typed). */
  fromCell(field: FieldDefinition, cell: CellValue): unknown;
  /** The value as a spreadsheet cell of the batch template ('' for what a cell cannot hold). */
  toCell(field: FieldDefinition, value: unknown): string;
  /** The longest usual value, to size a narrow box's font by; undefined for free text. */
  typical?: string;
  /** The usual width (mm) of the value inside a printed sentence; undefined when it shares what is left. */
  slotMm?: number;
  control: WebControl;
}
