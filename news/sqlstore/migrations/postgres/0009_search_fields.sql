-- A second full-text index, of the words of each field and of the pairs of
-- words that follow each other in a field, so that a ranked search finds
-- the articles that may hold a phrase in the title, say, from the index,
-- without testing the tsvector of every article that holds its words
-- anywhere. search_fields(search) turns the tsvector of search keys into
-- lexemes of the field's weight (A title, B summary, C body text) and the
-- key's folded letters (before its "_"): 'A dai' for a title word "đại",
-- 'A dai hoi' for the pair "đại hội" in a title. A folded form matches
-- every marked spelling, so the index finds a superset of the matches,
-- which a search tests on search. A pair longer than 2000 bytes is left
-- out, as lexemes are limited to 2047 bytes; a search asks for no such
-- pair.
CREATE FUNCTION search_fields(v tsvector) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
	RETURN (
		WITH k AS (
			SELECT split_part(u.lexeme, '_', 1) AS b, p.pos, p.w
			FROM unnest(v) u, unnest(u.positions, u.weights) AS p(pos, w)
		)
		SELECT array_to_tsvector(coalesce(array_agg(DISTINCT t), '{}'))
		FROM (
			SELECT k.w || ' ' || k.b AS t FROM k
			UNION ALL
			SELECT k.w || ' ' || k.b || ' ' || n.b FROM k JOIN k n ON n.pos = k.pos + 1 AND n.w = k.w
			WHERE octet_length(k.b) + octet_length(n.b) <= 2000
		) f
	);
END
$$;
CREATE INDEX articles_search_fields ON articles USING gin (search_fields(search));
