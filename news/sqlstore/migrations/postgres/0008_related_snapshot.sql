-- orgnews schema, version 8 (PostgreSQL): the related index's snapshot
-- (news.RelatedSnapshotter). One row: the bytes news.Public wrote and the
-- public version they reflect. A process starting reads it and follows
-- the change log from that version instead of reading every article.
CREATE TABLE related_snapshot (
	id      integer PRIMARY KEY CHECK (id = 1),
	version bigint NOT NULL,
	data    bytea NOT NULL
);
