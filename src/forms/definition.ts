/**
 * The format of a 様式 definition (`forms/<municipality>/<form-id>/definition.json`).
 *
 * One definition is the single source for validation, PDF, XLSX and (later) the web form. It is itself
 * checked with zod when loaded, so a broken definition fails loudly with its file and path.
 */
import { z } from 'zod';
import { rulesListSchema } from './declared-rules.ts';

/** Version of this definition format; bump it with a migration when the shape changes. */
export const DEFINITION_FORMAT = 1;

const option = z.object({
  value: z.string().min(1),
  label: z.string().min(1),
});

/** Field types. Each type knows how it is normalised, validated and printed. */
export const FIELD_TYPES = [
  'text', // free text; `lines` > 1 makes it a multi-line box
  'date', // ISO in data; 和暦 accepted as input; printed 和暦
  'time', // HH:MM
  'officeNumber', // 事業所番号 / 受給者証番号: 10 ASCII digits
  'postalCode', // 7 digits, printed 〒123-4567
  'phone', // digits and hyphens
  'email',
  'kana', // よみがな: hiragana
  'boolean', // one checkbox
  'integer',
  'choice', // exactly one of options
  'choices', // any number of options
  'group', // an object of sub-fields
  'list', // an array of `item`
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDefinition {
  key: string;
  label: string;
  /** A shorter label printed beside a checkbox or in a table column, when the form prints one. */
  printLabel?: string;
  type: FieldType;
  required?: boolean;
  /** Text: printed lines the box holds on paper (layout). */
  lines?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: { value: string; label: string }[];
  fields?: FieldDefinition[];
  /** The field each element of a list is; its key is '*' (elements are addressed by index). */
  item?: FieldDefinition;
  minItems?: number;
  maxItems?: number;
  /** A note printed under the label (e.g. 「(複数選択可)」). */
  note?: string;
  /** Group rows of a table under a shared category cell (別紙: 身体障がい). */
  category?: string;
  /** The form does not print this field (e.g. targetAdditions). */
  printed?: boolean;
}

// `key` is optional here because a list's `item` is addressed by index; every other field must have one (checked below).
/** A field as written in the file: keys are checked by the parent, so the item of a list may omit it. */
interface RawField extends Omit<FieldDefinition, 'key' | 'fields' | 'item'> {
  key?: string;
  fields?: RawField[];
  item?: RawField;
}
const fieldSchema: z.ZodType<RawField> = z.lazy(() =>
  z
    .object({
      key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'key must be camelCase ASCII').optional(),
      label: z.string().min(1),
      printLabel: z.string().optional(),
      type: z.enum(FIELD_TYPES),
      required: z.boolean().optional(),
      lines: z.number().int().positive().optional(),
      maxLength: z.number().int().positive().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      options: z.array(option).min(1).optional(),
      fields: z.array(fieldSchema).min(1).optional(),
      item: fieldSchema.optional(),
      minItems: z.number().int().nonnegative().optional(),
      maxItems: z.number().int().positive().optional(),
      note: z.string().optional(),
      category: z.string().optional(),
      printed: z.boolean().optional(),
    })
    .strict()
    .superRefine((f, ctx) => {
      if ((f.type === 'choice' || f.type === 'choices') && !f.options)
        ctx.addIssue({ code: 'custom', message: `a ${f.type} field needs options`, path: ['options'] });
      if (f.type === 'group' && !f.fields) ctx.addIssue({ code: 'custom', message: 'a group needs fields', path: ['fields'] });
      if (f.type === 'list' && !f.item) ctx.addIssue({ code: 'custom', message: 'a list needs item', path: ['item'] });
      if (f.fields) checkKeys(f.fields, ctx, ['fields']);
    }),
);

function checkKeys(fields: { key?: string }[], ctx: z.RefinementCtx, at: (string | number)[]): void {
  const seen = new Set<string>();
  fields.forEach((child, i) => {
    if (!child.key) ctx.addIssue({ code: 'custom', message: 'a field needs a key', path: [...at, i, 'key'] });
    else if (seen.has(child.key)) ctx.addIssue({ code: 'custom', message: `duplicate key ${child.key}`, path: [...at, i, 'key'] });
    else seen.add(child.key);
  });
}

/** A computed value: derived by a rule, shown in `computed`, and checked against the input when the input carries it. */
const computedSchema = z
  .object({
    key: z.string().min(1),
    label: z.string().min(1),
    rule: z.string().min(1),
    /** How the value prints and compares: a `date` prints in 和暦 and a typed-in 和暦 date compares as the same day. */
    type: z.enum(['date', 'integer', 'text']).optional(),
  })
  .strict();

/* ---------- layout blocks: the order and shape of the printed page, derived from fields ---------- */

const text = z.string().min(1);
const rowSchema = z
  .object({
    /** Printed label; defaults to the (first) field's label. */
    label: z.string().optional(),
    note: z.string().optional(),
    /** One or more fields printed in the value cell, separated by a space (e.g. 〒 and the address). */
    fields: z.array(z.string()).min(1).optional(),
    /** Fixed text printed in the value cell when no field is given (e.g. 「(該当者が複数名いる場合は…)」). */
    text: z.string().optional(),
    /** Printed lines of the value cell (its height); defaults from the field. */
    lines: z.number().int().positive().optional(),
    /**
     * How the value cell prints its fields, as the paper arranges them: `{path}` is a field's printed value,
     * `{path|weekday}` a date with its weekday (令和6年6月5日（水）). E.g. 「{user.birthDate}（{user.age}歳）」.
     */
    format: z.string().optional(),
    /** The label stands on its own line above a full-width box (free-text sections: 【その他（特記事項）】). */
    stacked: z.boolean().optional(),
  })
  .strict();

const columnSchema = z
  .object({
    title: z.string(),
    /** Field keys relative to the row object. Several booleans print as 「□者 □児」. */
    fields: z.array(z.string()).optional(),
    /** Relative width. */
    width: z.number().positive().default(1),
    /** A unit printed after the value (「回」). */
    suffix: z.string().optional(),
  })
  .strict();

export const blockSchema = z.discriminatedUnion('block', [
  z.object({ block: z.literal('title'), text: z.string().optional(), size: z.number().optional() }).strict(),
  z.object({ block: z.literal('filedDate'), field: z.string().optional(), label: z.string().optional() }).strict(),
  z.object({ block: z.literal('addressee'), text: z.string().optional(), field: z.string().optional(), suffix: z.string().optional() }).strict(),
  z.object({ block: z.literal('issuer'), text: text, seal: z.boolean().optional() }).strict(),
  z.object({ block: z.literal('applicant'), field: z.string() }).strict(),
  z
    .object({
      block: z.literal('paragraph'),
      text: text,
      align: z.enum(['left', 'center', 'right']).optional(),
      size: z.number().optional(),
      indent: z.number().optional(),
    })
    .strict(),
  z.object({ block: z.literal('bullets'), title: z.string().optional(), items: z.array(text).min(1) }).strict(),
  z
    .object({
      block: z.literal('fieldTable'),
      rows: z.array(rowSchema).min(1),
      labelWidth: z.number().optional(),
      title: z.string().optional(),
      /** The 様式 fixes its boxes: a multi-line text keeps its lines and continues on the 続紙 (see listTable). */
      fixed: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      block: z.literal('groupTable'),
      field: z.string(),
      title: z.string().optional(),
      /** Column titles for the row-label area (category + label). */
      labelTitle: z.string().optional(),
      labelWidth: z.number().optional(),
      columns: z.array(columnSchema).min(1),
      /** Print the rows whose values are all empty too (paper forms print every row). */
      lines: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      block: z.literal('listTable'),
      field: z.string(),
      title: z.string().optional(),
      columns: z.array(columnSchema).min(1),
      /** Rows printed on the page even when empty; more items add rows (or, `fixed`, continue on the 続紙). */
      rows: z.number().int().positive(),
      /**
       * The 様式 fixes the table's rows (its note: 「記載欄が不足する場合は適宜欄を追加すること（別紙可）」): items beyond
       * `rows` continue on the document's 続紙, and the table says so. Without it the table grows and flows across pages.
       */
      fixed: z.boolean().optional(),
      /** A label printed in the first column of every row (「種類」 / 「(1)」) */
      numbered: z.boolean().optional(),
      lines: z.number().int().positive().optional(),
      /** A closing row: label + computed key. */
      total: z.object({ label: z.string(), computed: z.string(), suffix: z.string().optional() }).strict().optional(),
    })
    .strict(),
  z
    .object({
      block: z.literal('computedLine'),
      /** A sentence with `{key}` placeholders: computed values or fields (「{filedOn}にあった…届出について」). */
      text: z.string(),
      indent: z.number().optional(),
    })
    .strict(),
  z.object({ block: z.literal('heading'), text: text }).strict(),
  /** A checkbox on a line of its own, its label beside it (「□ 本人同意を得ている」). */
  z.object({ block: z.literal('checkLine'), field: z.string() }).strict(),
  z.object({ block: z.literal('pageBreak'), title: z.string().optional() }).strict(),
  z.object({ block: z.literal('spacer'), height: z.number().positive() }).strict(),
]);
export type Block = z.infer<typeof blockSchema>;
export type RowSpec = z.infer<typeof rowSchema>;
export type ColumnSpec = z.infer<typeof columnSchema>;

/**
 * How a 様式 travels as an online filing (the city inbox). Every form that can be filed says so here — whose 事業所番号 it
 * names, who files it, what must be attached — so that a city adds a fileable 様式 as a folder and no default is silent.
 * A form without `filing` cannot be filed online; `issuedBy: "city"` marks the city's own notices (通知書).
 */
const attachmentSchema = z
  .object({
    /** As the seed names it: 「担う機能を規定した運営規程案」. */
    name: z.string().min(1),
    /** Where the seed asks for it: 「S002 §4-1」. */
    source: z.string().min(1),
    /**
     * Required only when one of these data paths is filled in (a 変更届 that changes 担う機能); the message names what
     * was changed. Left out: always required.
     */
    whenWritten: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const filingSchema = z.discriminatedUnion('issuedBy', [
  z
    .object({
      issuedBy: z.literal('office'),
      /**
       * The data path of the 事業所番号 the filing is about, which must be the filer's own; null (said, never assumed) for a
       * form that names no number — it then travels with another filing or is the filer's own record (`officeNumberNote`).
       */
      officeNumber: z.string().min(1).nullable(),
      officeNumberNote: z.string().min(1).optional(),
      /** Who hands it in: the office, or (高槻市 様式1・2, S000 Q5/Q10) the 保護者 or the office on the family's behalf. */
      filedBy: z.array(z.enum(['office', 'guardian'])).min(1).default(['office']),
      attachments: z.array(attachmentSchema).default([]),
      /** What the city's 受理 does: the notice it issues from the filing, the date it needs, the registry change. */
      acceptance: z
        .object({
          notice: z.string().min(1),
          date: z.object({ key: z.enum(['designatedOn', 'abolishedOn']), label: z.string().min(1) }).strict(),
          registry: z.enum(['added', 'changed', 'removed']),
        })
        .strict()
        .optional(),
    })
    .strict()
    .refine((f) => f.officeNumber !== null || f.officeNumberNote !== undefined, {
      message: 'officeNumber が null の様式は、番号を持たない理由を officeNumberNote に書いてください',
      path: ['officeNumberNote'],
    }),
  z.object({ issuedBy: z.literal('city') }).strict(),
]);
export type FilingPolicy = z.infer<typeof filingSchema>;
export type AttachmentPolicy = z.infer<typeof attachmentSchema>;

export const definitionSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(DEFINITION_FORMAT),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(1),
    version: z.string().min(1),
    municipality: z.string().min(1),
    source: z.object({ seed: z.string(), section: z.string() }).strict(),
    /** Who a filled-in document is from, the PDF's Author: the filer's name field, or the issuer of a notice. */
    author: z.union([z.object({ field: z.string() }).strict(), z.object({ text: z.string().min(1) }).strict()]),
    fields: z.array(fieldSchema).min(1),
    computed: z.array(computedSchema).default([]),
    /** Rule ids implemented by rules.ts or computed values, and rules declared as data (src/forms/declared-rules.ts). */
    rules: rulesListSchema,
    filing: filingSchema.optional(),
    /**
     * Identity items (申請者 所在地・名称・代表者, 事業所名, 所在地, names in tables; `*` for a list index): they always
     * print whole on the face, never on a continuation sheet. The first names the document on every 続紙 page.
     */
    identity: z.array(z.string()).optional(),
    pages: z.array(z.array(blockSchema).min(1)).min(1),
  })
  .strict()
  .superRefine((d, ctx) => checkKeys(d.fields, ctx, ['fields']));

export type FormDefinition = Omit<z.infer<typeof definitionSchema>, 'fields'> & { fields: FieldDefinition[] };
export type ComputedDefinition = z.infer<typeof computedSchema>;
