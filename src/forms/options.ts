/**
 * What a typed choice means. A choice is matched against the options the 様式 prints by NFKC and without spaces, so
 * 「就労継続支援Ａ型」 (全角 letters) or 「自立訓練(機能訓練)」 (半角 brackets) is the option 「就労継続支援A型」 /
 * 「自立訓練（機能訓練）」. Only choices are matched this way — names and other text are never NFKC-normalised (that would
 * rewrite the compatibility ideographs people's names are written with).
 */
import type { FieldDefinition } from './definition.ts';

/** The comparable form of an option text: NFKC, no spaces (half- or full-width). */
export const optionKey = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The option value `text` stands for — its value, or the label the 様式 prints — or undefined when none matches.
 * An exact value always wins; then the value, then the label, compared by `optionKey`.
 */
export function matchOption(field: Pick<FieldDefinition, 'options'>, text: string): string | undefined {
  const options = field.options ?? [];
  if (options.some((o) => o.value === text)) return text;
  const wanted = optionKey(text);
  if (wanted === '') return undefined;
  return (options.find((o) => optionKey(o.value) === wanted) ?? options.find((o) => optionKey(o.label) === wanted))?.value;
}

/** True for text a person left blank: empty, or only spaces (half- or full-width), tabs and line breaks. */
export const isBlankText = (s: string): boolean => s.trim() === '';
