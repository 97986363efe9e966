/**
 * The notices the city issues, built from what the office filed (S002 §4-3, §27): the city must not retype the filing.
 *
 * deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data }], { designatedOn, issuedOn }, { today })
 * normalises the filing with its own definition, carries every item the notice prints over from it, adds what only the city
 * decides (`set`: 通知日, 位置付けた日 / 位置付けを廃止した日, 宛名, 公印の省略), and validates the notice with its definition.
 *
 * - 登録通知書 ← 届出書 (ichikawa-kyoten-todokede)
 * - 変更登録通知書 ← 変更届出書 (ichikawa-kyoten-henko) + the registration before the change (an earlier 届出書, 登録通知書 or
 *   変更登録通知書 of the same office): a changed item takes its 変更後, every other item the earlier value.
 * - 廃止通知書 ← 廃止届出書 (ichikawa-kyoten-haishi)
 */
import { fieldAt, getAt, isBlank, labelAt } from '../forms/fields.ts';
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { getDefinition } from '../forms/registry.ts';
import { findMunicipality } from '../forms/municipalities.ts';
import { toAsciiDigits } from '../text/characters.ts';
import { validateDocument, type ValidationResult } from '../validate.ts';

/** A filing (or an earlier notice) that cannot give the notice asked for. The CLI reports it and exits 2. */
export class DerivationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerivationError';
  }
}

export interface Filing {
  form: string;
  data: unknown;
}

interface NoticeSource {
  /** The filing the notice answers. */
  filing: string;
  /** Documents that may give the registration as it stood before a change (変更登録通知書 only). */
  earlier?: readonly string[];
}

const TODOKEDE = 'ichikawa-kyoten-todokede';
const HENKO = 'ichikawa-kyoten-henko';
const HAISHI = 'ichikawa-kyoten-haishi';
const TOROKU_TSUCHI = 'ichikawa-kyoten-toroku-tsuchi';
const HENKO_TOROKU_TSUCHI = 'ichikawa-kyoten-henko-toroku-tsuchi';
const HAISHI_TSUCHI = 'ichikawa-kyoten-haishi-tsuchi';

export const NOTICE_SOURCES: Readonly<Record<string, NoticeSource>> = {
  [TOROKU_TSUCHI]: { filing: TODOKEDE },
  [HENKO_TOROKU_TSUCHI]: { filing: HENKO, earlier: [TODOKEDE, TOROKU_TSUCHI, HENKO_TOROKU_TSUCHI] },
  [HAISHI_TSUCHI]: { filing: HAISHI },
};

/** What only the city decides; every other item of a notice is carried over from the filing. */
export const CITY_KEYS = ['issuedOn', 'designatedOn', 'abolishedOn', 'addressee', 'noSeal', 'documentNumber'] as const;

/** The items of a registration, at the same paths in the 届出書 and in both registration notices. */
const OFFICE_KEYS = ['name', 'serviceType', 'number', 'postalCode', 'address', 'tel', 'fax'] as const;
const REGISTRATION_PATHS = [...OFFICE_KEYS.map((k) => `office.${k}`), 'functions', 'functionDetails', 'liaisons'];

/**
 * The rows of the 変更届出書 the notice prints, and where each lands. `email` is not printed on the notice; `address`
 * carries the 郵便番号 with it (the change table has one cell for the whole 所在地).
 */
const CHANGE_PATHS: Record<string, string> = {
  name: 'office.name',
  serviceType: 'office.serviceType',
  number: 'office.number',
  address: 'office.address',
  tel: 'office.tel',
  fax: 'office.fax',
  functions: 'functions',
  functionDetails: 'functionDetails',
  liaisons: 'liaisons',
};

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function setAt(data: Data, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(node[part])) node[part] = {};
    node = node[part] as Data;
  }
  if (isBlank(value)) delete node[parts[parts.length - 1]];
  else node[parts[parts.length - 1]] = value;
}

const titleOf = (form: string): string => {
  try {
    return `${getDefinition(form).title}（${form}）`;
  } catch {
    return `「${form}」`;
  }
};

/** The filing normalised by its own definition (ISO dates, ASCII codes); a filing with errors gives no notice. */
function normalisedFiling(filing: Filing, today: string): Data {
  const definition = getDefinition(filing.form);
  const { data, result } = validateDocument(definition, filing.data, { today });
  if (!result.valid) {
    const lines = result.errors.map((f) => `  [${f.rule}]${f.path ? ` ${f.path}` : ''}: ${f.message}`);
    throw new DerivationError(
      `${titleOf(filing.form)}に誤りがあるため、通知書を作成できません。届出の内容を直してから作成してください。\n${lines.join('\n')}`,
    );
  }
  return data;
}

const DEFAULT_ADDRESSEE = '{applicant.name}　{applicant.representative}';

/**
 * 宛名: the applicant as the filing names it, in the city's wording (municipality.json `noticeAddressee.format`; by default
 * 名称 then 代表者: 「社会福祉法人 みどりの杜会　理事長　真間 花子」). A blank item leaves no doubled or trailing space.
 */
function addresseeOf(filing: Data, municipality: string | undefined): string {
  const format = (municipality && findMunicipality(municipality)?.noticeAddressee?.format) || DEFAULT_ADDRESSEE;
  return format
    .replace(/\{([\w.]+)\}/g, (_, path: string) => text(getAt(filing, path)))
    .replace(/[ 　]{2,}/g, (run) => run[0])
    .replace(/^[ 　]+|[ 　]+$/g, '');
}

/** The notice's header items, common to the three notices. */
function header(filing: Data, municipality: string | undefined): Data {
  const data: Data = {};
  setAt(data, 'addressee', addresseeOf(filing, municipality));
  setAt(data, 'filedOn', getAt(filing, 'filedOn'));
  setAt(data, 'operatorName', text(getAt(filing, 'applicant.name')));
  return data;
}

/** 変更後 of the 所在地 row: 「〒272-0023 千葉県…」 gives both cells; a bare address leaves the 郵便番号 to be supplied. */
function splitAddress(after: string): { postalCode?: string; address: string } {
  const m = /^〒?\s*([0-9０-９]{3})[-－‐ー−]?([0-9０-９]{4})[\s　]+(.+)$/su.exec(after.trim());
  return m ? { postalCode: toAsciiDigits(`${m[1]}${m[2]}`), address: m[3].trim() } : { address: after.trim() };
}

function pickFilings(noticeFormId: string, source: NoticeSource, filings: Filing[]): { filing: Filing; earlier?: Filing } {
  const notice = titleOf(noticeFormId);
  const main = filings.filter((f) => f.form === source.filing);
  const others = filings.filter((f) => f.form !== source.filing);
  if (main.length === 0) {
    const given = filings.length ? `指定された${filings.map((f) => titleOf(f.form)).join('、')}からは作成できません。` : '';
    throw new DerivationError(`${notice}は${titleOf(source.filing)}から作成します。${given}`);
  }
  if (main.length > 1) throw new DerivationError(`${notice}のもとになる${titleOf(source.filing)}は1件だけ指定してください（${main.length}件指定されています）。`);
  if (others.length && !source.earlier)
    throw new DerivationError(`${notice}は${titleOf(source.filing)}だけから作成します。${others.map((f) => titleOf(f.form)).join('、')}は使いません。`);
  if (others.length > 1) throw new DerivationError(`${notice}の変更前の内容として指定できるのは1件だけです（${others.length}件指定されています）。`);
  const earlier = others[0];
  if (earlier && !source.earlier!.includes(earlier.form))
    throw new DerivationError(
      `${notice}の変更前の内容には、${source.earlier!.map(titleOf).join('、')}のいずれかを指定してください。${titleOf(earlier.form)}は使えません。`,
    );
  return { filing: main[0], earlier };
}

function registrationNotice(filing: Data, municipality: string | undefined): Data {
  const data = header(filing, municipality);
  for (const path of REGISTRATION_PATHS) setAt(data, path, getAt(filing, path));
  return data;
}

function changeRegistrationNotice(henko: Data, earlier: Data | undefined, earlierForm: string | undefined, municipality: string | undefined): Data {
  const data = header(henko, municipality);
  const changes = isObject(henko.changes) ? henko.changes : {};
  const changed = (item: string) => {
    const row = changes[item];
    return isObject(row) && (!isBlank(row.before) || !isBlank(row.after));
  };
  const unchanged = Object.keys(CHANGE_PATHS).filter((item) => !changed(item));
  if (unchanged.length && !earlier)
    throw new DerivationError(
      `${titleOf(HENKO_TOROKU_TSUCHI)}は変更のない項目を先の届出から転記します。先の${titleOf(TODOKEDE)}、${titleOf(TOROKU_TSUCHI)}又は${titleOf(HENKO_TOROKU_TSUCHI)}も指定してください。`,
    );
  if (earlier) {
    // The 変更届出書 names the office as registered; the earlier document must be that office's.
    const registered = toAsciiDigits(text(getAt(henko, 'office.number')));
    const before = toAsciiDigits(text(getAt(earlier, 'office.number')));
    if (registered !== before)
      throw new DerivationError(
        `${titleOf(HENKO)}の事業所（${text(getAt(henko, 'office.name'))}、事業所番号 ${registered}）と、変更前の内容として指定された${titleOf(earlierForm!)}の事業所（${text(getAt(earlier, 'office.name'))}、事業所番号 ${before}）が一致しません。同じ事業所の届出書又は通知書を指定してください。`,
      );
    for (const path of REGISTRATION_PATHS) setAt(data, path, getAt(earlier, path));
  }
  for (const [item, path] of Object.entries(CHANGE_PATHS)) {
    if (!changed(item)) continue;
    const after = (changes[item] as Data).after;
    if (item === 'address') {
      const { postalCode, address } = splitAddress(text(after));
      setAt(data, 'office.postalCode', postalCode);
      setAt(data, path, address);
    } else setAt(data, path, typeof after === 'string' ? after.trim() : after);
  }
  return data;
}

function abolitionNotice(filing: Data, municipality: string | undefined): Data {
  const data = header(filing, municipality);
  for (const key of ['name', 'serviceType', 'number', 'postalCode', 'address']) setAt(data, `office.${key}`, getAt(filing, `office.${key}`));
  return data;
}

/** What only the city decides, then what the filings left blank (a 郵便番号 the 変更届 did not give); filed items stay as filed. */
function applySet(definition: FormDefinition, data: Data, set: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) continue;
    const city = (CITY_KEYS as readonly string[]).includes(key);
    if (!city && !isBlank(getAt(data, key)))
      throw new DerivationError(
        `「${labelAt(definition, key)}」（${key}）は届出の内容から転記する項目のため、指定できません。内容が違う場合は届出書（変更届出書）で届け出てもらってください。`,
      );
    setAt(data, key, value);
  }
}

/** Keys in the order of the definition (then any others), so the notice's JSON reads like the printed page. */
function ordered(fields: FieldDefinition[], data: Data): Data {
  const out: Data = {};
  for (const f of fields) {
    if (!(f.key in data)) continue;
    const v = data[f.key];
    out[f.key] = f.type === 'group' && f.fields && isObject(v) ? ordered(f.fields, v) : v;
  }
  for (const [k, v] of Object.entries(data)) if (!(k in out)) out[k] = v;
  return out;
}

export function deriveNotice(
  noticeFormId: string,
  filings: Filing[],
  set: Record<string, unknown>,
  options: { today: string },
): { data: Record<string, unknown>; result: ValidationResult } {
  const source = NOTICE_SOURCES[noticeFormId];
  if (!source)
    throw new DerivationError(
      `${titleOf(noticeFormId)}は市が発行する通知書ではありません。次のいずれかを指定してください：${Object.keys(NOTICE_SOURCES).join('、')}。`,
    );
  const definition = getDefinition(noticeFormId);
  const picked = pickFilings(noticeFormId, source, filings);
  const filing = normalisedFiling(picked.filing, options.today);
  const earlier = picked.earlier ? normalisedFiling(picked.earlier, options.today) : undefined;

  const data =
    noticeFormId === TOROKU_TSUCHI
      ? registrationNotice(filing, definition.municipality)
      : noticeFormId === HENKO_TOROKU_TSUCHI
        ? changeRegistrationNotice(filing, earlier, picked.earlier?.form, definition.municipality)
        : abolitionNotice(filing, definition.municipality);
  applySet(definition, data, set);

  const validated = validateDocument(definition, ordered(definition.fields, data), { today: options.today });
  return { data: validated.data, result: validated.result };
}

/** The type a `--set key=value` should have in a notice (booleans from 'true' / 'false'); undefined when the key is not a field. */
export function setFieldType(noticeFormId: string, key: string): FieldDefinition['type'] | undefined {
  return fieldAt(getDefinition(noticeFormId), key)?.type;
}
