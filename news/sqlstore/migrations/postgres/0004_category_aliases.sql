-- orgnews schema, version 4 (PostgreSQL): category aliases. A category
-- keeps the slugs it had before (news.Category.Aliases, as JSON text) so
-- that old links keep working; category_slugs holds every category's slug
-- and aliases, one namespace, as article_slugs does for articles.
ALTER TABLE categories ADD COLUMN aliases text NOT NULL DEFAULT '[]';

CREATE TABLE category_slugs (
	slug        text PRIMARY KEY,
	category_id uuid NOT NULL
);
CREATE INDEX category_slugs_category ON category_slugs (category_id);
INSERT INTO category_slugs (slug, category_id) SELECT slug, id FROM categories;
