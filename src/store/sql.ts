/**
 * The small SQL surface both back ends offer. Queries are written once with `?` placeholders in SQL that SQLite and
 * PostgreSQL both accept (the PostgreSQL driver numbers the placeholders); what differs between them — how a transaction
 * takes its write lock, how a row is locked, where attachment bytes live — is behind this interface.
 */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlTx {
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

/**
 * Content-addressed attachment bytes: the key is the SHA-256, so writing the same file twice is harmless. Writes and
 * removals happen inside a transaction holding the blob lock (see SqlDriver.lockBlobs), so a purge never removes bytes
 * that a filing in progress is about to point at.
 */
export interface BlobStore {
  /** Stores the bytes (durably, before returning) and returns where they are, for the attachments table. */
  put(tx: SqlTx, sha256: string, bytes: Uint8Array | { file: string }): Promise<string>;
  get(location: string): Promise<Uint8Array | undefined>;
  /** Removes bytes no row refers to any more (retention). */
  remove(tx: SqlTx, location: string): Promise<void>;
  /** Every stored location (to find bytes no row refers to, after a crash or a purge). */
  list(tx: SqlTx): Promise<string[]>;
  /** Removes half-written temporary files a killed process left behind; returns how many. */
  removeTemporary(tx: SqlTx): Promise<number>;
}

export interface SqlDriver extends SqlTx {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction that already holds the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a plain BEGIN,
   * with rows locked by `forUpdate`). Commits when `fn` resolves, rolls back when it throws.
   */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** Appended to a SELECT that reads a row it will change (`FOR UPDATE` in PostgreSQL; SQLite's lock is the whole db). */
  readonly forUpdate: string;
  /** Serialises appends to the audit chain inside a transaction (PostgreSQL: an advisory lock; SQLite: already serial). */
  lockAuditChain(tx: SqlTx): Promise<void>;
  /**
   * Filings take the blob lock shared, a purge exclusive (PostgreSQL: advisory locks; SQLite: the write lock already
   * excludes everything else).
   */
  lockBlobs(tx: SqlTx, exclusive: boolean): Promise<void>;
  /** Runs a script of several statements (migrations). */
  exec(tx: SqlTx, script: string): Promise<void>;
  isUniqueViolation(error: unknown): boolean;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}
