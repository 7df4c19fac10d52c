-- orgnews schema, version 2 (SQLite): the newsroom.
-- Every article of version 1 keeps its row and its seq (which
-- article_search rows point at); it gets no owner (the nil UUID: written by
-- a program or an import) and revision 0 (never saved in the newsroom).

-- public_version moves only with what readers can see (see
-- news.PublicVersioner); it starts at the change version, so that it never
-- stands below a version a cache may have keyed on.
ALTER TABLE store_version ADD COLUMN public_version INTEGER NOT NULL DEFAULT 0;
UPDATE store_version SET public_version = version;

-- The articles table is rebuilt rather than altered, so that the new
-- columns, which filters read, come before body as in version 1: a filter
-- never reads a long body's overflow pages.
CREATE TABLE articles_v2 (
	seq         INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	category_id TEXT NOT NULL,
	status      TEXT NOT NULL,
	publish_at  INTEGER NOT NULL,
	featured    INTEGER NOT NULL,
	lang        TEXT NOT NULL,
	author_key  TEXT NOT NULL,
	owner_id    TEXT NOT NULL,
	revision    INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	slug        TEXT NOT NULL,
	author      TEXT NOT NULL,
	title       TEXT NOT NULL,
	summary     TEXT NOT NULL,
	aliases     TEXT NOT NULL,
	tags        TEXT NOT NULL,
	cover       TEXT,
	attachments TEXT NOT NULL,
	body        TEXT NOT NULL
);
INSERT INTO articles_v2 (seq, id, category_id, status, publish_at, featured, lang, author_key, owner_id, revision,
	created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body)
SELECT seq, id, category_id, status, publish_at, featured, lang, author_key, '00000000-0000-0000-0000-000000000000', 0,
	created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body
FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
CREATE INDEX articles_latest ON articles (publish_at DESC, id DESC);
CREATE INDEX articles_category ON articles (category_id, publish_at DESC, id DESC);
CREATE INDEX articles_status ON articles (status, publish_at DESC, id DESC);
CREATE INDEX articles_author ON articles (author_key, publish_at DESC, id DESC);
CREATE INDEX articles_owner ON articles (owner_id, publish_at DESC, id DESC);

-- Revisions are numbered per article from 1. snapshot is JSON (the
-- editable fields), read only when one revision is shown.
CREATE TABLE revisions (
	article_id    TEXT NOT NULL,
	number        INTEGER NOT NULL,
	actor_id      TEXT NOT NULL,
	actor_name    TEXT NOT NULL,
	at            INTEGER NOT NULL,
	action        TEXT NOT NULL,
	status        TEXT NOT NULL,
	note          TEXT NOT NULL,
	base          INTEGER NOT NULL,
	restored_from INTEGER NOT NULL,
	rejected      INTEGER NOT NULL,
	snapshot      TEXT NOT NULL,
	PRIMARY KEY (article_id, number)
) WITHOUT ROWID;

-- username is folded by the Newsroom and unique; categories is the scope
-- as a JSON list of IDs.
CREATE TABLE accounts (
	id            TEXT PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL,
	email         TEXT NOT NULL,
	role          TEXT NOT NULL,
	categories    TEXT NOT NULL,
	disabled      INTEGER NOT NULL,
	password_hash TEXT NOT NULL,
	totp_secret   TEXT NOT NULL,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- Sessions and API tokens are kept by the SHA-256 of their token, never
-- the token.
CREATE TABLE sessions (
	hash            BLOB PRIMARY KEY,
	account_id      TEXT NOT NULL,
	created_at      INTEGER NOT NULL,
	last_seen       INTEGER NOT NULL,
	idle_expires_at INTEGER NOT NULL,
	expires_at      INTEGER NOT NULL,
	address         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions (account_id, created_at DESC);
CREATE INDEX sessions_idle ON sessions (idle_expires_at);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
	id           TEXT PRIMARY KEY,
	hash         BLOB NOT NULL UNIQUE,
	name         TEXT NOT NULL,
	account_id   TEXT NOT NULL,
	role         TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,
	last_used_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX api_tokens_account ON api_tokens (account_id, created_at DESC, id);

-- The audit log. seq is assigned by the store, one above the highest,
-- under the write lock: no gaps, in commit order. The triggers refuse any
-- UPDATE or DELETE, whoever runs it.
CREATE TABLE audit_log (
	seq         INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL,
	actor_id    TEXT NOT NULL,
	actor_name  TEXT NOT NULL,
	address     TEXT NOT NULL,
	action      TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id   TEXT NOT NULL,
	detail      TEXT NOT NULL,
	outcome     TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);
CREATE INDEX audit_log_address ON audit_log (address, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
-- Sign-in throttling counts the recent failures of a username and of an
-- address on every attempt: these read only the entries of the window,
-- however long the history of failures before it.
CREATE INDEX audit_log_throttle_object ON audit_log (object_type, object_id, action, outcome, at);
CREATE INDEX audit_log_throttle_address ON audit_log (address, action, outcome, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
