-- orgnews schema, version 5 (SQLite): the change log (news.ChangeLogger).
-- Every write that moves public_version records here the articles it
-- touched, in the same transaction, so that a reader keeping an index of
-- the public articles reads only those. changes_from is the public version
-- from which the log is complete: writes at or before it are pruned, or
-- an import replaced the lot. It starts at the current public version.
ALTER TABLE store_version ADD COLUMN changes_from INTEGER NOT NULL DEFAULT 0;
UPDATE store_version SET changes_from = public_version;

CREATE TABLE public_changes (
	version    INTEGER NOT NULL,
	article_id TEXT NOT NULL,
	PRIMARY KEY (version, article_id)
) WITHOUT ROWID;
