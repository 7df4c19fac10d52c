-- orgnews schema, version 1 (SQLite).
-- Times are INTEGER microseconds since the Unix epoch, UTC; IDs are UUID text.

-- The change version: one row, incremented by every write transaction.
CREATE TABLE store_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO store_version (id, version) VALUES (1, 0);

CREATE TABLE categories (
	id          TEXT PRIMARY KEY,
	slug        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL,
	parent_id   TEXT,
	position    INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX categories_parent ON categories (parent_id);

-- seq is the stable rowid that article_search rows point at.
-- aliases, attachments, tags and cover are JSON, kept exactly as given;
-- article_slugs and article_tags index them. The columns filters read come
-- first and body last, so that a filter never reads a long body's overflow
-- pages.
CREATE TABLE articles (
	seq         INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	category_id TEXT NOT NULL,
	status      TEXT NOT NULL,
	publish_at  INTEGER NOT NULL,
	featured    INTEGER NOT NULL,
	lang        TEXT NOT NULL,
	author_key  TEXT NOT NULL,
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
CREATE INDEX articles_latest ON articles (publish_at DESC, id DESC);
CREATE INDEX articles_category ON articles (category_id, publish_at DESC, id DESC);
CREATE INDEX articles_status ON articles (status, publish_at DESC, id DESC);
CREATE INDEX articles_author ON articles (author_key, publish_at DESC, id DESC);

-- Current slugs and aliases share one namespace.
CREATE TABLE article_slugs (
	slug       TEXT PRIMARY KEY,
	article_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_slugs_article ON article_slugs (article_id);

-- One row per distinct tag key (news.Slugify of the tag) of an article.
CREATE TABLE article_tags (
	tag_key    TEXT NOT NULL,
	article_id TEXT NOT NULL,
	publish_at INTEGER NOT NULL,
	PRIMARY KEY (tag_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_latest ON article_tags (tag_key, publish_at DESC, article_id DESC);
CREATE INDEX article_tags_article ON article_tags (article_id);

-- Folded words (news.Words) of the title, and of the summary and body text;
-- rowid is articles.seq.
CREATE VIRTUAL TABLE article_search USING fts5 (
	title,
	body,
	tokenize = 'unicode61 remove_diacritics 0'
);
