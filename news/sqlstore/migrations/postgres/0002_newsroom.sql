-- orgnews schema, version 2 (PostgreSQL): the newsroom.
-- Every article of version 1 keeps its row; it gets no owner (the nil UUID:
-- written by a program or an import) and revision 0 (never saved in the
-- newsroom).

-- public_version moves only with what readers can see (see
-- news.PublicVersioner); it starts at the change version, so that it never
-- stands below a version a cache may have keyed on.
ALTER TABLE store_version ADD COLUMN public_version bigint NOT NULL DEFAULT 0;
UPDATE store_version SET public_version = version;

ALTER TABLE articles ADD COLUMN owner_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE articles ADD COLUMN revision integer NOT NULL DEFAULT 0;
CREATE INDEX articles_owner ON articles (owner_id, publish_at DESC, id DESC);

-- Revisions are numbered per article from 1. snapshot is JSON (the
-- editable fields), read only when one revision is shown.
CREATE TABLE revisions (
	article_id    uuid NOT NULL,
	number        integer NOT NULL,
	actor_id      uuid NOT NULL,
	actor_name    text NOT NULL,
	at            bigint NOT NULL,
	action        text NOT NULL,
	status        text NOT NULL,
	note          text NOT NULL,
	base          integer NOT NULL,
	restored_from integer NOT NULL,
	rejected      boolean NOT NULL,
	snapshot      text NOT NULL,
	PRIMARY KEY (article_id, number)
);

-- username is folded by the Newsroom and unique; categories is the scope
-- as a JSON list of IDs.
CREATE TABLE accounts (
	id            uuid PRIMARY KEY,
	username      text NOT NULL UNIQUE,
	display_name  text NOT NULL,
	email         text NOT NULL,
	role          text NOT NULL,
	categories    text NOT NULL,
	disabled      boolean NOT NULL,
	password_hash text NOT NULL,
	totp_secret   text NOT NULL,
	created_at    bigint NOT NULL,
	updated_at    bigint NOT NULL
);

-- Sessions and API tokens are kept by the SHA-256 of their token, never
-- the token.
CREATE TABLE sessions (
	hash            bytea PRIMARY KEY,
	account_id      uuid NOT NULL,
	created_at      bigint NOT NULL,
	last_seen       bigint NOT NULL,
	idle_expires_at bigint NOT NULL,
	expires_at      bigint NOT NULL,
	address         text NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id, created_at DESC);
CREATE INDEX sessions_idle ON sessions (idle_expires_at);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
	id           uuid PRIMARY KEY,
	hash         bytea NOT NULL UNIQUE,
	name         text NOT NULL,
	account_id   uuid NOT NULL,
	role         text NOT NULL,
	created_at   bigint NOT NULL,
	expires_at   bigint NOT NULL,
	last_used_at bigint NOT NULL
);
CREATE INDEX api_tokens_account ON api_tokens (account_id, created_at DESC, id);

-- The audit log. seq is assigned by the store, one above the highest,
-- under the lock of the store_version row: no gaps, in commit order. The
-- trigger refuses any UPDATE, DELETE or TRUNCATE, whoever runs it.
CREATE TABLE audit_log (
	seq         bigint PRIMARY KEY,
	at          bigint NOT NULL,
	actor_id    uuid NOT NULL,
	actor_name  text NOT NULL,
	address     text NOT NULL,
	action      text NOT NULL,
	object_type text NOT NULL,
	object_id   text NOT NULL,
	detail      text NOT NULL,
	outcome     text NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);
CREATE INDEX audit_log_address ON audit_log (address, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
-- Sign-in throttling counts the recent failures of a username and of an
-- address on every attempt: these read only the entries of the window,
-- however long the history of failures before it.
CREATE INDEX audit_log_throttle_object ON audit_log (object_type, object_id, action, outcome, at);
CREATE INDEX audit_log_throttle_address ON audit_log (address, action, outcome, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
