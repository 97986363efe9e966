/** A problem with what the user gave the CLI (missing file, bad JSON, bad option): exit 2 with a Japanese message. */
export class InputError extends Error {}

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface CommandIo {
  out(s: string): void;
  err(s: string): void;
  exit: { code: number };
}
