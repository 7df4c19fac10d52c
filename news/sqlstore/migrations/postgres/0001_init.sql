-- orgnews schema, version 1 (PostgreSQL).
-- Times are bigint microseconds since the Unix epoch, UTC, as in SQLite, so
-- ordering and cursors are exact and identical on both databases.

-- The change version: one row, incremented by every write transaction. The
-- row lock it takes also serialises writers.
CREATE TABLE store_version (
	id      integer PRIMARY KEY CHECK (id = 1),
	version bigint NOT NULL
);
INSERT INTO store_version (id, version) VALUES (1, 0);

CREATE TABLE categories (
	id          uuid PRIMARY KEY,
	slug        text NOT NULL UNIQUE,
	name        text NOT NULL,
	description text NOT NULL,
	parent_id   uuid,
	position    bigint NOT NULL,
	created_at  bigint NOT NULL,
	updated_at  bigint NOT NULL
);
CREATE INDEX categories_parent ON categories (parent_id);

-- aliases, attachments, tags and cover are JSON text, kept exactly as given;
-- article_slugs and article_tags index them. search holds the folded words
-- (news.Words) of title, summary and body text; title_search those of the
-- title alone, for ranking.
CREATE TABLE articles (
	id           uuid PRIMARY KEY,
	category_id  uuid NOT NULL,
	status       text NOT NULL,
	publish_at   bigint NOT NULL,
	featured     boolean NOT NULL,
	lang         text NOT NULL,
	author_key   text NOT NULL,
	created_at   bigint NOT NULL,
	updated_at   bigint NOT NULL,
	slug         text NOT NULL,
	author       text NOT NULL,
	title        text NOT NULL,
	summary      text NOT NULL,
	aliases      text NOT NULL,
	tags         text NOT NULL,
	cover        text,
	attachments  text NOT NULL,
	body         text NOT NULL,
	search       tsvector NOT NULL,
	title_search tsvector NOT NULL
);
CREATE INDEX articles_latest ON articles (publish_at DESC, id DESC);
CREATE INDEX articles_category ON articles (category_id, publish_at DESC, id DESC);
CREATE INDEX articles_status ON articles (status, publish_at DESC, id DESC);
CREATE INDEX articles_author ON articles (author_key, publish_at DESC, id DESC);
CREATE INDEX articles_search ON articles USING gin (search);

-- Current slugs and aliases share one namespace.
CREATE TABLE article_slugs (
	slug       text PRIMARY KEY,
	article_id uuid NOT NULL
);
CREATE INDEX article_slugs_article ON article_slugs (article_id);

-- One row per distinct tag key (news.Slugify of the tag) of an article.
CREATE TABLE article_tags (
	tag_key    text NOT NULL,
	article_id uuid NOT NULL,
	publish_at bigint NOT NULL,
	PRIMARY KEY (tag_key, article_id)
);
CREATE INDEX article_tags_latest ON article_tags (tag_key, publish_at DESC, article_id DESC);
CREATE INDEX article_tags_article ON article_tags (article_id);
