-- orgnews schema (SQLite): article old URLs. An article keeps its paths
-- on the site it came from (news.Article.OldURLs, as JSON; 'null' for
-- none, as the articles written before read back); article_old_urls holds
-- every article's old URLs, each belonging to one article, as
-- article_slugs does for slugs.
ALTER TABLE articles ADD COLUMN old_urls TEXT NOT NULL DEFAULT 'null';

CREATE TABLE article_old_urls (
	path       TEXT PRIMARY KEY,
	article_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_old_urls_article ON article_old_urls (article_id);
