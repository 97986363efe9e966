/**
 * Versioned schema migrations. Each migration is one SQL script per dialect, applied once, in order, inside a transaction,
 * and recorded in `schema_migrations`. A database written by a newer yoshiki (a version this one does not know) is refused
 * rather than guessed at. Add a migration by appending to MIGRATIONS; never edit one that has shipped.
 */
import type { SqlDriver } from './sql.ts';

type Dialect = SqlDriver['dialect'];

export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

/** The few spellings that differ; everything else is SQL both accept. */
const SPELLING: Record<Dialect, { serial: string; bytes: string }> = {
  sqlite: { serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', bytes: 'BLOB' },
  postgres: { serial: 'SERIAL PRIMARY KEY', bytes: 'BYTEA' },
};

const APPEND_ONLY = '監査ログは追記のみです（変更・削除はできません）。';

function initialSchema(dialect: Dialect): string {
  const { serial } = SPELLING[dialect];
  const tables = `
CREATE TABLE receipt_counters (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);
CREATE TABLE submissions (
  receipt_number TEXT PRIMARY KEY,
  municipality TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  office_number TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'reviewing', 'accepted', 'returned')),
  revision INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (municipality, year, seq)
);
CREATE INDEX submissions_by_office ON submissions (office_number, received_at);
CREATE INDEX submissions_by_municipality ON submissions (municipality, status, received_at);
CREATE TABLE revisions (
  receipt_number TEXT NOT NULL REFERENCES submissions (receipt_number) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  office_number TEXT NOT NULL,
  received_at TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  warnings_json TEXT NOT NULL,
  computed_json TEXT NOT NULL,
  PRIMARY KEY (receipt_number, revision),
  UNIQUE (office_number, idempotency_key)
);
CREATE TABLE documents (
  receipt_number TEXT NOT NULL,
  revision INTEGER NOT NULL,
  position INTEGER NOT NULL,
  form TEXT NOT NULL,
  data_json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (receipt_number, revision, position),
  FOREIGN KEY (receipt_number, revision) REFERENCES revisions (receipt_number, revision) ON DELETE CASCADE
);
CREATE TABLE attachments (
  receipt_number TEXT NOT NULL,
  revision INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  location TEXT NOT NULL,
  PRIMARY KEY (receipt_number, revision, position),
  FOREIGN KEY (receipt_number, revision) REFERENCES revisions (receipt_number, revision) ON DELETE CASCADE
);
CREATE INDEX attachments_by_location ON attachments (location);
CREATE TABLE events (
  id ${serial},
  receipt_number TEXT NOT NULL REFERENCES submissions (receipt_number) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX events_by_submission ON events (receipt_number, id);
CREATE TABLE notices (
  receipt_number TEXT PRIMARY KEY REFERENCES submissions (receipt_number) ON DELETE CASCADE,
  form TEXT NOT NULL,
  data_json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  issued_at TEXT NOT NULL
);
CREATE TABLE registry_entries (
  municipality TEXT NOT NULL,
  office_number TEXT NOT NULL,
  row_json TEXT NOT NULL,
  source_form TEXT NOT NULL,
  source_json TEXT NOT NULL,
  receipt_number TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (municipality, office_number)
);
CREATE TABLE registry_history (
  id ${serial},
  municipality TEXT NOT NULL,
  office_number TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
  row_json TEXT NOT NULL,
  receipt_number TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('office', 'city')),
  office_number TEXT,
  municipality TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  CHECK ((role = 'office' AND office_number IS NOT NULL) OR (role = 'city' AND municipality IS NOT NULL))
);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
`;
  const appendOnly =
    dialect === 'sqlite'
      ? `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END;
`
      : `
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, bytes ${SPELLING.postgres.bytes} NOT NULL);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '${APPEND_ONLY}';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;
  return tables + appendOnly;
}

/**
 * The city inbox's sign-in sessions: only the SHA-256 of the random session id is stored (a copy of the database signs
 * nobody in), bound to the token it was opened with (removing the token ends its sessions). Times are epoch milliseconds.
 */
const INBOX_SESSIONS = `
CREATE TABLE inbox_sessions (
  id_hash TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL REFERENCES tokens (hash) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX inbox_sessions_by_last_seen ON inbox_sessions (last_seen_at);
`;

/**
 * One signed checkpoint per audit entry (src/store/audit-key.ts): the entry's number — which is also how many entries
 * the chain then had — and its chain hash, signed with a key kept outside the database. No reference to audit_log: a
 * checkpoint whose entry is gone is exactly what shows a truncated tail. Append-only like the log.
 */
function auditCheckpoints(dialect: Dialect): string {
  const table = `
CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY,
  head_hash TEXT NOT NULL,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL
);
`;
  return (
    table +
    (dialect === 'sqlite'
      ? `
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END;
`
      : `
CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`)
  );
}

/**
 * People who sign in with OpenID Connect (migration 4). A person is known by the issuer and subject the provider vouches
 * for (never by an e-mail address, which a provider may let someone change); the name and e-mail shown are the last the
 * provider sent. The binding to an office (事業所番号) or a city comes from an invitation (or, for the demo, the server).
 * Their sessions keep only the SHA-256 of the random session id, the synchronizer CSRF token, and, while the person is
 * still at the provider, the sign-in's state, nonce and PKCE verifier. Invitations keep only the SHA-256 of the link's
 * secret; redeemed once (redeemed_at), refused after expires_at (epoch milliseconds, as the session times).
 */
const PEOPLE = `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  name TEXT,
  email TEXT,
  role TEXT CHECK (role IN ('office', 'city')),
  office_number TEXT,
  municipality TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (issuer, subject),
  CHECK (role IS NULL OR (role = 'office' AND office_number IS NOT NULL) OR (role = 'city' AND municipality IS NOT NULL))
);
CREATE INDEX people_by_office ON people (office_number);
CREATE TABLE person_sessions (
  id_hash TEXT PRIMARY KEY,
  person_id TEXT REFERENCES people (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  login_json TEXT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX person_sessions_by_last_seen ON person_sessions (last_seen_at);
CREATE INDEX person_sessions_by_person ON person_sessions (person_id);
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('office', 'city')),
  office_number TEXT,
  municipality TEXT NOT NULL,
  email TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  redeemed_at TEXT,
  redeemed_by TEXT REFERENCES people (id) ON DELETE SET NULL,
  CHECK (role = 'city' OR office_number IS NOT NULL)
);
CREATE INDEX invitations_by_office ON invitations (office_number);
`;

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'submissions, registry, tokens, audit log', sql: { sqlite: initialSchema('sqlite'), postgres: initialSchema('postgres') } },
  { version: 2, name: 'inbox sessions (server-side, hashed ids)', sql: { sqlite: INBOX_SESSIONS, postgres: INBOX_SESSIONS } },
  { version: 3, name: 'audit checkpoints (signed chain heads)', sql: { sqlite: auditCheckpoints('sqlite'), postgres: auditCheckpoints('postgres') } },
  { version: 4, name: 'people (OpenID Connect), their sessions, invitations', sql: { sqlite: PEOPLE, postgres: PEOPLE } },
];

/** Brings the schema up to date; returns the versions applied now. */
export async function migrate(driver: SqlDriver, appliedAt: string, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return driver.transaction(async (tx) => {
    // Two server instances starting together against one PostgreSQL must not both migrate.
    if (driver.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(1498631245)');
    await driver.exec(tx, 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known)
      throw new Error(`データベースのスキーマ（版 ${newest}）がこの yoshiki（版 ${known} まで対応）より新しいため開けません。yoshiki を更新してください。`);
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await driver.exec(tx, migration.sql[driver.dialect]);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, appliedAt]);
      done.push(migration.version);
    }
    return done;
  });
}
