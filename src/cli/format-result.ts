/** The result contract as a person reads it on a terminal, in Japanese. */
import type { FormDefinition } from '../forms/definition.ts';
import type { ValidationResult } from '../validate.ts';

export function formatResult(definition: FormDefinition, result: ValidationResult): string {
  const lines: string[] = [];
  const head = result.valid ? '誤りはありません' : '誤りがあります';
  lines.push(`${definition.title}（${definition.id}）：${head}（誤り ${result.errors.length}件、確認 ${result.warnings.length}件）`);
  for (const f of result.errors) lines.push(`  誤り [${f.rule}]${f.path ? ` ${f.path}` : ''}: ${f.message}`);
  for (const f of result.warnings) lines.push(`  確認 [${f.rule}]${f.path ? ` ${f.path}` : ''}: ${f.message}`);
  const computed = Object.entries(result.computed);
  if (computed.length) {
    lines.push('  計算値:');
    for (const [key, value] of computed) {
      const label = definition.computed.find((c) => c.key === key)?.label ?? key;
      lines.push(`    ${label}（${key}）= ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
