-- Search keys (news.SearchKeys) replace folded words, so that a search
-- matches a word typed with marks by its marks: a word typed without marks
-- is a prefix query on its key ('dai_':*), a marked word an exact one.
-- search holds the keys with their positions, for phrases, weighted by
-- field (title A, summary B, body text C), so that a search ranks by field;
-- title_search is no longer needed.
--
-- The keys are computed in Go: every article is queued in search_reindex,
-- and the store indexes the queue, in batches, when it opens.
ALTER TABLE articles DROP COLUMN title_search;
CREATE TABLE search_reindex (
	id uuid PRIMARY KEY
);
INSERT INTO search_reindex (id) SELECT id FROM articles;
