-- orgnews schema, version 3 (SQLite): the media library (news.MediaStore).
-- A record per upload; its variants as JSON (read with the record); each
-- file's content in media_files, keyed by its content-hash name, with the
-- record it belongs to.
CREATE TABLE media (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL,
	type       TEXT NOT NULL,
	width      INTEGER NOT NULL,
	height     INTEGER NOT NULL,
	variants   TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	creator_id TEXT NOT NULL,
	creator    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX media_newest ON media (created_at DESC, id DESC);

CREATE TABLE media_files (
	key      TEXT PRIMARY KEY,
	media_id TEXT NOT NULL,
	content  BLOB NOT NULL
);
CREATE INDEX media_files_media ON media_files (media_id);
