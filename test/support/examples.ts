/** A fresh copy of a 様式's example (`forms/<municipality>/<form-id>/example.json`), for a test to change. */
import { readExample } from '../../src/forms/folders.ts';

// any: tests change examples freely, the way a person edits the JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const example = (form: string): any => {
  const data = readExample(form);
  if (!data) throw new Error(`様式 ${form} に example.json がありません`);
  return data;
};
