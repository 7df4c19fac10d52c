-- orgnews schema, version 8 (SQLite): the related index's snapshot
-- (news.RelatedSnapshotter). One row: the bytes news.Public wrote and the
-- public version they reflect. A process starting reads it and follows
-- the change log from that version instead of reading every article.
CREATE TABLE related_snapshot (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL,
	data    BLOB NOT NULL
);
