/**
 * The arithmetic a declared rule may state — 「a × 100」 for (c) ≦ (a)×100 — read by a small recursive-descent parser into a
 * tree, never evaluated as code: paths (data paths or computed keys), non-negative numbers, + − × ÷ (or + - * /) and
 * parentheses. Anything else is refused with the position of the first character that does not fit.
 */

export type Expression =
  | { op: 'number'; value: number }
  | { op: 'path'; path: string }
  | { op: '+' | '-' | '*' | '/'; left: Expression; right: Expression }
  | { op: 'negate'; operand: Expression };

export class ExpressionError extends Error {}

const OPERATORS: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };

type Token = { kind: 'number'; value: number } | { kind: 'path'; path: string } | { kind: 'op'; op: '+' | '-' | '*' | '/' } | { kind: '(' | ')' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^[\s\u3000]+/.exec(rest);
    const number = /^\d+(\.\d+)?/.exec(rest);
    const path = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*/.exec(rest);
    if (space) i += space[0].length;
    else if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
    } else if (path) {
      tokens.push({ kind: 'path', path: path[0] });
      i += path[0].length;
    } else if (OPERATORS[source[i]]) tokens.push({ kind: 'op', op: OPERATORS[source[i++]] });
    else if (source[i] === '(' || source[i] === ')') tokens.push({ kind: source[i++] as '(' | ')' });
    else throw new ExpressionError(`式「${source}」の${i + 1}文字目「${source[i]}」は使えません（項目のパス、数、＋－×÷、括弧だけが使えます）`);
  }
  return tokens;
}

/** Parses `source` (expression := term (± term)*, term := factor (×÷ factor)*, factor := number | path | −factor | (expression)). */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let at = 0;
  const fail = (): never => {
    throw new ExpressionError(`式「${source}」を読み取れません（${at < tokens.length ? `${at + 1}つ目の記号の位置` : '式の終わり'}）`);
  };
  const expression = (): Expression => {
    let left = term();
    for (let t = tokens[at]; t?.kind === 'op' && (t.op === '+' || t.op === '-'); t = tokens[at]) {
      at++;
      left = { op: t.op, left, right: term() };
    }
    return left;
  };
  const term = (): Expression => {
    let left = factor();
    for (let t = tokens[at]; t?.kind === 'op' && (t.op === '*' || t.op === '/'); t = tokens[at]) {
      at++;
      left = { op: t.op, left, right: factor() };
    }
    return left;
  };
  const factor = (): Expression => {
    const t = tokens[at++];
    if (!t) return fail();
    if (t.kind === 'number') return { op: 'number', value: t.value };
    if (t.kind === 'path') return { op: 'path', path: t.path };
    if (t.kind === 'op' && t.op === '-') return { op: 'negate', operand: factor() };
    if (t.kind === '(') {
      const inner = expression();
      if (tokens[at++]?.kind !== ')') return fail();
      return inner;
    }
    return fail();
  };
  const tree = expression();
  if (at !== tokens.length) fail();
  return tree;
}

/** The paths an expression reads (for `yoshiki form check`). */
export function expressionPaths(e: Expression): string[] {
  if (e.op === 'path') return [e.path];
  if (e.op === 'number') return [];
  if (e.op === 'negate') return expressionPaths(e.operand);
  return [...expressionPaths(e.left), ...expressionPaths(e.right)];
}

/** The value, or undefined when a path is not a finite number or a division is by zero (the rule then has nothing to say). */
export function evaluateExpression(e: Expression, valueOf: (path: string) => unknown): number | undefined {
  switch (e.op) {
    case 'number':
      return e.value;
    case 'path': {
      const v = valueOf(e.path);
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    }
    case 'negate': {
      const v = evaluateExpression(e.operand, valueOf);
      return v === undefined ? undefined : -v;
    }
    default: {
      const l = evaluateExpression(e.left, valueOf);
      const r = evaluateExpression(e.right, valueOf);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      if (e.op === '*') return l * r;
      return r === 0 ? undefined : l / r;
    }
  }
}
