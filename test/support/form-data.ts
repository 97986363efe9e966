/**
 * Data as a form can hold it, for comparing what went into a fillable PDF or XLSX with what came back: blanks, unticked
 * boxes and empty lists are all "nothing". Nothing else is set aside: values the 様式 does not print (printed: false)
 * come back from its 入力専用項目 page like any other.
 */
export function asFormHoldsIt(v: unknown): unknown {
  if (v === '' || v === false || v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(asFormHoldsIt).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as object)
      .map(([k, x]) => [k, asFormHoldsIt(x)] as const)
      .filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v;
}
