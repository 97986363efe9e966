/**
 * The field-type registry: one module per type (field-type.ts says what a module owns). Every caller that treats types
 * differently asks `fieldType(field)`; adding a type is a module and a line here (and its name in FIELD_TYPES).
 */
import type { FieldDefinition, FieldType } from '../definition.ts';
import { boolean } from './boolean.ts';
import { choice, choices } from './choices.ts';
import { email, kana, officeNumber, phone, time } from './codes.ts';
import { group, list } from './containers.ts';
import { date } from './date.ts';
import type { FieldTypeModule, Recurse } from './field-type.ts';
import { integer } from './integer.ts';
import { postalCode } from './postal-code.ts';
import { text } from './text.ts';

export const FIELD_TYPE_MODULES: { readonly [T in FieldType]: FieldTypeModule & { type: T } } = {
  text: text as FieldTypeModule & { type: 'text' },
  date: date as FieldTypeModule & { type: 'date' },
  time: time as FieldTypeModule & { type: 'time' },
  officeNumber: officeNumber as FieldTypeModule & { type: 'officeNumber' },
  postalCode: postalCode as FieldTypeModule & { type: 'postalCode' },
  phone: phone as FieldTypeModule & { type: 'phone' },
  email: email as FieldTypeModule & { type: 'email' },
  kana: kana as FieldTypeModule & { type: 'kana' },
  boolean: boolean as FieldTypeModule & { type: 'boolean' },
  integer: integer as FieldTypeModule & { type: 'integer' },
  choice: choice as FieldTypeModule & { type: 'choice' },
  choices: choices as FieldTypeModule & { type: 'choices' },
  group: group as FieldTypeModule & { type: 'group' },
  list: list as FieldTypeModule & { type: 'list' },
};

export const fieldType = (field: Pick<FieldDefinition, 'type'>): FieldTypeModule => FIELD_TYPE_MODULES[field.type];

/** What a value prints as on the 様式 (和暦 dates, 〒123-4567, option labels, ■/□); blank boxes print their blank. */
export function printValue(field: FieldDefinition | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return field ? fieldType(field).printedBlank : '';
  if (!field) return String(value);
  return fieldType(field).print(field, value, RECURSE);
}

/** What a person types into a fillable PDF field for `value`. */
export function typedValue(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return '';
  return fieldType(field).typed(field, value, RECURSE);
}

/** The value printed text stands for, or undefined when the box is blank. */
export function readPrintedValue(field: FieldDefinition, text: string): unknown {
  if (text.trim() === '') return undefined;
  return fieldType(field).readPrinted(field, text, RECURSE);
}

const RECURSE: Recurse = { print: printValue, typed: typedValue, readPrinted: readPrintedValue };

export { BLANK_DATE } from './date.ts';
export { hasMarks, tickedBefore } from './marks.ts';
export { normaliseChoices } from './choices.ts';
export type { CellValue, FieldTypeModule, WebControl } from './field-type.ts';
