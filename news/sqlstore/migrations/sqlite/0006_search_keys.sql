-- Search keys (news.SearchKeys) replace folded words, so that a search
-- matches a word typed with marks by its marks: a word typed without marks
-- is a prefix query on its key ("dai_"*), a marked word an exact one. The
-- title, the summary and the body text are columns of their own, so that a
-- search ranks by field. rowid is articles.seq.
--
-- The keys are computed in Go: every article is queued in search_reindex,
-- and the store indexes the queue, in batches, when it opens.
DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts5 (
	title,
	summary,
	body,
	tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*'' tokenchars ''_'''
);
CREATE TABLE search_reindex (
	seq INTEGER PRIMARY KEY
);
INSERT INTO search_reindex (seq) SELECT seq FROM articles;
