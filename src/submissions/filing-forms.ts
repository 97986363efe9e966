/**
 * Which 様式 an office may file, whose 事業所番号 each one names, and which need an attachment.
 *
 * The office a filing belongs to is the office of the token. Each form names its own office number at:
 * - 拠点届出書, 変更届出書, 廃止届出書, 地域体制強化共同支援加算 届出書: `office.number` (the office the filing is about);
 * - 高槻市 様式1・2・3 (事業所間連携): `core.number`, the コア連携事業所 — it (or the guardian through it) hands the
 *   確認書 and the 記録 to 子育て支援課 (S000: 「保護者またはコア連携事業所が子育て支援課へ提出」, 記録は「コア連携事業所が作成し…提出」);
 * - 機能強化加算 届出書 names no number: it travels with the office's 拠点届出書 (KK-BUNDLE), whose number is checked;
 * - 地域体制強化共同支援加算 記録書兼報告書 names no number: it is the filing office's own record.
 * A number the form names must equal the token's; the notices (通知書) are the city's and are never filed by an office.
 */
import { isBlank } from '../forms/fields.ts';

export const OFFICE_NUMBER_PATH: Readonly<Record<string, string | null>> = {
  'ichikawa-kyoten-todokede': 'office.number',
  'ichikawa-kyoten-henko': 'office.number',
  'ichikawa-kyoten-haishi': 'office.number',
  'ichikawa-taisei-kyoka-todokede': 'office.number',
  'ichikawa-kino-kyoka': null,
  'ichikawa-taisei-kyoka-kiroku': null,
  'takatsuki-renkei-kakunin': 'core.number',
  'takatsuki-renkei-kaijo': 'core.number',
  'takatsuki-renkei-kaigi-kiroku': 'core.number',
};

/** Forms the city issues; an office cannot file them. */
export const CITY_ISSUED = new Set(['ichikawa-kyoten-toroku-tsuchi', 'ichikawa-kyoten-henko-toroku-tsuchi', 'ichikawa-kyoten-haishi-tsuchi']);

/** An attachment a filing needs: what it is, where the seed asks for it, and — when only some filings need it — why this one does. */
export interface AttachmentRequirement {
  what: string;
  source: string;
  /** The change that makes it necessary (「「地域生活支援拠点等として担う機能」を変更する」), for a conditional requirement. */
  because?: string;
}

/** Forms that are not complete without an attached PDF, and what it is. */
export const REQUIRED_ATTACHMENT: Readonly<Record<string, AttachmentRequirement>> = {
  // S002 §4-1 必要書類: ① 届出書 ② 担う機能を規定した運営規程案
  'ichikawa-kyoten-todokede': { what: '担う機能を規定した運営規程案', source: 'S002 §4-1' },
  // S002 §27 廃止届出書 「※ 添付書類 ・運営規程案」 — listed without condition: the 運営規程 no longer states the functions.
  'ichikawa-kyoten-haishi': { what: '地域生活支援拠点等の機能を担わなくなった後の運営規程案', source: 'S002 §27 廃止届出書' },
  // S000 (コア連携事業所 加算算定要件): 「各事業所の個別支援計画の写しも添付が必須となります。」
  'takatsuki-renkei-kaigi-kiroku': { what: '各事業所の個別支援計画の写し', source: 'S000 コア連携事業所' },
};

/**
 * The rows of a 変更届出書 whose change needs a new 運営規程案 (S002 §27 変更届出書 「※ 添付書類 ・運営規程案」). The 運営規程案
 * is the one 「担う機能を規定した」 (§4-1 ②, §5: the article 「次の機能を担う」), so it changes with 「地域生活支援拠点等として
 * 担う機能」, and with 「サービス種類」, since the article stands in the 運営規程 of the service. A change of name, number,
 * address, telephone, FAX, e-mail, the 具体的内容 or the 連携担当者 leaves that article as it is.
 */
export const HENKO_CHARTER_ROWS: Readonly<Record<string, string>> = {
  functions: '地域生活支援拠点等として担う機能',
  serviceType: 'サービス種類',
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const written = (v: unknown) => !isBlank(v);

/** What `form`, filled in with `data` (normalised), needs attached; undefined when nothing is required. */
export function requiredAttachment(form: string, data: unknown): AttachmentRequirement | undefined {
  if (REQUIRED_ATTACHMENT[form]) return REQUIRED_ATTACHMENT[form];
  if (form !== 'ichikawa-kyoten-henko') return undefined;
  const changes = isObject(data) && isObject(data.changes) ? data.changes : {};
  const changed = Object.keys(HENKO_CHARTER_ROWS).filter((key) => {
    const row = changes[key];
    return isObject(row) && (written(row.before) || written(row.after));
  });
  if (changed.length === 0) return undefined;
  return {
    what: '変更後の担う機能を規定した運営規程案',
    source: 'S002 §4-1, §27 変更届出書',
    because: changed.map((key) => `「${HENKO_CHARTER_ROWS[key]}」`).join('と'),
  };
}

export const MAX_DOCUMENTS = 20;
export const MAX_ATTACHMENTS = 20;
/** 10 MB per attachment (the issue's limit). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Judged by content, never by the file name: a PDF file begins with `%PDF-` and ends with `%%EOF` (ISO 32000-1 §7.5.2,
 * §7.5.5). The end marker catches an upload cut short; a little trailing junk after it is tolerated, as readers do.
 */
export function looksLikePdf(bytes: Uint8Array): boolean {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return false;
  return Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1').includes('%%EOF');
}
