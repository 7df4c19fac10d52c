-- PostgreSQL's index of the words and word pairs of each field (see
-- migrations/postgres/0009_search_fields.sql). SQLite's FTS5 table serves
-- phrases and fields from its own index: nothing changes.
SELECT 1;
