// Types of build-stamp.mjs for the TypeScript that imports it (test/support/build-setup.ts).
export declare const ROOT: string;
export declare const DIST: string;
export declare function buildInputs(): string[];
export declare function inputsDigest(): string;
export declare function writeStamp(): void;
export declare function staleReason(): string | undefined;
export declare function ensureBuilt(options?: { log?: (s: string) => void }): boolean;
