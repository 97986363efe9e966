/**
 * The 運営規程案 clause an office attaches to its 届出書: 「（地域生活支援拠点等としての機能）第〇条 … 次の機能を担う。」
 * followed by each function it takes on, worded as the city's model text (S002 §5-1 … §5-5) and numbered in the seed's
 * order. The wording lives in handlebars templates (`templates/clause/`), compiled once per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { getDefinition } from '../forms/registry.ts';
import { printFont } from '../render/font.ts';
import { CELL_PADDING as PAD, CONTENT_WIDTH, lineMm, PAGE, type Cell, type LaidOutDocument, type LaidOutPage } from '../render/layout/model.ts';
import { wrapText } from '../render/layout/wrap.ts';
import { isoToday } from '../text/wareki.ts';
import type { FunctionId } from '../rules/additions.ts';
import { validateDocument } from '../validate.ts';

export const CLAUSE_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/clause/', import.meta.url));

/** S002 §5-1 … §5-5: the order the clause numbers the functions in, whatever order the filing lists them. */
export const CLAUSE_FUNCTION_ORDER: readonly FunctionId[] = ['consultation', 'emergencyAcceptance', 'emergencyResponse', 'experience', 'specialistTraining'];

export const CLAUSE_FORMS = { todokede: 'ichikawa-kyoten-todokede', henko: 'ichikawa-kyoten-henko' } as const;

/** Which of §5-4's ① (地域移行・自立の体験) / ② (短期入所等を活用した体験) the clause states; 'both' prints ① and ②. */
export type Choice54 = '1' | '2' | 'both';

export interface ClauseOptions {
  /** The article number in the office's own 運営規程; omitted → 「第〇条」 as the model prints it. */
  article?: number;
  /**
   * S002 §5-4 「担う機能に応じ、一方又は両方を記載」. Default 'both': the function the form's checkbox names is defined
   * (S002 §2 ③) as ① including ②, and the filing says nothing more, so the whole function is stated; an office that
   * takes on only one passes '1' or '2'.
   */
  choice54?: Choice54;
  /** ISO date used to validate the filing (only its functions matter here); omitted → today in Japan. */
  today?: string;
}

/** A filing that cannot give a clause (wrong form, functions missing, empty or invalid). The message is for the user. */
export class ClauseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClauseError';
  }
}

interface ClauseTemplate {
  (context: unknown): string;
}

let compiled: ClauseTemplate | undefined;

/** Compiles `clause.hbs` with one partial per function (`functions/<id>.hbs`), once. */
function clauseTemplate(): ClauseTemplate {
  if (compiled) return compiled;
  const hbs = Handlebars.create();
  for (const id of CLAUSE_FUNCTION_ORDER) {
    const source = fs.readFileSync(path.join(CLAUSE_TEMPLATES_DIR, 'functions', `${id}.hbs`), 'utf8');
    hbs.registerPartial(id, hbs.compile(source, { noEscape: true, strict: true }));
  }
  const template = hbs.compile(fs.readFileSync(path.join(CLAUSE_TEMPLATES_DIR, 'clause.hbs'), 'utf8'), { noEscape: true, strict: true });
  return (compiled = (context) => template(context));
}

const isFunctionId = (v: unknown): v is FunctionId => typeof v === 'string' && (CLAUSE_FUNCTION_ORDER as readonly string[]).includes(v);

/** The functions the clause states: the 届出書's `functions`, or a 変更届出書's functions after the change. */
function filedFunctions(form: string, data: unknown, today: string): FunctionId[] {
  if (form !== CLAUSE_FORMS.todokede && form !== CLAUSE_FORMS.henko)
    throw new ClauseError(
      `運営規程案の条文は、届出書（${CLAUSE_FORMS.todokede}）又は変更届出書（${CLAUSE_FORMS.henko}）から作成します（指定された様式：「${form}」）。`,
    );
  const { result, data: normalised } = validateDocument(getDefinition(form), data, { today });
  let at: string;
  let value: unknown;
  if (form === CLAUSE_FORMS.todokede) {
    at = 'functions';
    value = normalised.functions;
  } else {
    const changes = normalised.changes as { functions?: { after?: unknown } } | undefined;
    if (changes?.functions === undefined || changes.functions === null)
      throw new ClauseError(
        `この変更届出書では「地域生活支援拠点等として担う機能」が変更されていないため、条文に書く機能が分かりません。機能を記載した先の届出書（${CLAUSE_FORMS.todokede}）から作成してください。`,
      );
    at = 'changes.functions.after';
    value = changes.functions.after;
  }
  // Only the functions decide the clause; other findings (a late filing, a missing fax) are the filing's own business.
  const problems = result.errors.filter((e) => e.path === at || e.path.startsWith(`${at}.`)).map((e) => e.message);
  const list = Array.isArray(value) ? value : [];
  if (problems.length === 0 && list.length === 0) problems.push('「地域生活支援拠点等として担う機能」を1つ以上選んでください。');
  if (problems.length === 0 && !list.every(isFunctionId)) problems.push('「地域生活支援拠点等として担う機能」に選択肢にない値があります。');
  if (problems.length > 0) throw new ClauseError(`運営規程案の条文を作成できません：${problems.join(' ')}`);
  return CLAUSE_FUNCTION_ORDER.filter((id) => list.includes(id));
}

/** The clause text for a filing, lines separated by "\n", without a final newline. */
export function clauseText(filing: { form: string; data: unknown }, options: ClauseOptions = {}): string {
  const { article, choice54 = 'both' } = options;
  if (article !== undefined && !(Number.isInteger(article) && article > 0))
    throw new ClauseError(`条番号は1以上の整数で指定してください（指定された値：「${article}」）。`);
  if (!['1', '2', 'both'].includes(choice54))
    throw new ClauseError(`体験の機会・場の提供機能（S002 §5-4）の記載は 1（①）、2（②）又は both（両方）で指定してください（指定された値：「${choice54}」）。`);
  const functions = filedFunctions(filing.form, filing.data, options.today ?? isoToday(new Date()));
  const text = clauseTemplate()({
    article: article === undefined ? '〇' : String(article),
    functions: functions.map((id, i) => ({ number: i + 1, partial: id })),
    experience: { first: choice54 !== '2', second: choice54 !== '1', both: choice54 === 'both' },
  });
  return text.replace(/\n+$/, '');
}

const TEXT_SIZE = 10.5;
const TITLE_SIZE = 14;
/** 「(1) 」 and 「① 」 hang: a wrapped item continues under its text, not under its number. */
const MARKER = /^(\(\d+\)|[①-⑳]) /;

/**
 * The clause on A4 pages in the print font, through the same renderer as the 様式. Each line of `text` is a paragraph:
 * its leading full-width spaces indent it, an item marker hangs, and a paragraph may continue onto the next page.
 * `title` (e.g. 「運営規程案」) is printed centred above the clause when given; it is also the PDF's title.
 */
export async function clausePdf(text: string, title?: string): Promise<Uint8Array> {
  const font = printFont();
  const bodyLine = lineMm(TEXT_SIZE);
  const pages: LaidOutPage[] = [{ cells: [] }];
  let y = PAGE.top;
  const page = () => pages[pages.length - 1];
  const bottom = PAGE.height - PAGE.bottom;
  const textCell = (x: number, w: number, lines: string[], size = TEXT_SIZE, align: Cell['align'] = 'left', role: Cell['role'] = 'text'): Cell => ({
    x,
    y,
    w,
    h: lines.length * lineMm(size) + PAD,
    border: false,
    lines,
    size,
    align,
    valign: 'top',
    role,
  });

  if (title) {
    page().cells.push(textCell(PAGE.left, CONTENT_WIDTH, [title], TITLE_SIZE, 'center', 'title'));
    y += lineMm(TITLE_SIZE) + PAD + 4;
  }

  for (const paragraph of text.split('\n')) {
    const body = paragraph.replace(/^\u3000+/, '');
    const indent = font.widthMm(paragraph.slice(0, paragraph.length - body.length), TEXT_SIZE);
    const marker = MARKER.exec(body)?.[0] ?? '';
    const hang = font.widthMm(marker, TEXT_SIZE);
    const x = PAGE.left + indent + hang;
    const width = CONTENT_WIDTH - indent - hang;
    // Cells pad their text by PAD on each side (as the 様式 layout does), so the text wraps inside that.
    const lines = body === '' ? [] : wrapText(body.slice(marker.length), width - 2 * PAD, (s) => font.widthMm(s, TEXT_SIZE)).map((l) => l.text);
    if (lines.length === 0) {
      y += bodyLine;
      continue;
    }
    let first = true;
    while (lines.length > 0) {
      if (y + bodyLine + PAD > bottom && page().cells.length > 0) {
        pages.push({ cells: [] });
        y = PAGE.top;
      }
      const fit = Math.max(1, Math.floor((bottom - y - PAD) / bodyLine));
      const chunk = lines.splice(0, fit);
      if (first && marker) page().cells.push(textCell(PAGE.left + indent, hang + PAD * 2, [marker.trimEnd()]));
      page().cells.push(textCell(x, width, chunk));
      y += chunk.length * bodyLine;
      first = false;
    }
    y += 1.5;
  }

  const doc: LaidOutDocument = { title: title ?? '運営規程案（地域生活支援拠点等としての機能）', pages, overflows: [] };
  // The PDF engine loads with the first clause drawn: the command line registers `yoshiki clause` (its forms, its
  // options) from this module, and every command would otherwise load the engine at start.
  const { renderPdf } = await import('../render/pdf/render-pdf.ts');
  return renderPdf(doc, font);
}
