-- orgnews schema, version 3 (PostgreSQL): the media library
-- (news.MediaStore). A record per upload; its variants as JSON (read with
-- the record); each file's content in media_files, keyed by its
-- content-hash name, with the record it belongs to.
CREATE TABLE media (
	id         text COLLATE "C" PRIMARY KEY,
	kind       text NOT NULL,
	name       text NOT NULL,
	type       text NOT NULL,
	width      integer NOT NULL,
	height     integer NOT NULL,
	variants   text NOT NULL,
	created_at bigint NOT NULL,
	creator_id uuid NOT NULL,
	creator    text NOT NULL
);
CREATE INDEX media_newest ON media (created_at DESC, id DESC);

CREATE TABLE media_files (
	key      text PRIMARY KEY,
	media_id text NOT NULL,
	content  bytea NOT NULL
);
CREATE INDEX media_files_media ON media_files (media_id);
