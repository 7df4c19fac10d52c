package widget

import (
	"context"
	"fmt"

	"github.com/orgnews/orgnews/news"
)

// Preview returns the article page of a, which need not be public (a
// draft, an article waiting for review or scheduled), as readers will see
// it once published: the whole HTML document made by the handler's own
// article template, in lang ("vi" or "en"; anything else means
// Options.Lang). Its date is a.PublishAt, or a.UpdatedAt while no
// publish time is set. The page asks search engines not to index it and
// carries no OpenGraph tags or JSON-LD; the lists under it (same
// category, related, previous and next) are of public articles only.
//
// Preview is meant for the newsroom: its signature is that of
// admin.Options.Preview, which serves the page to signed-in staff under a
// band saying it is a preview, with Cache-Control: no-store. The handler
// never serves or caches what Preview renders, so a draft previewed never
// reaches a public page, feed, box or cache. It is safe for concurrent
// use; errors are those of the Source and of rendering.
func (h *Handler) Preview(ctx context.Context, a *news.Article, lang string) ([]byte, error) {
	if a == nil {
		return nil, fmt.Errorf("widget: preview: no article: %w", news.ErrInvalid)
	}
	if lang != "vi" && lang != "en" {
		lang = h.lang
	}
	draft := *a
	if draft.PublishAt.IsZero() {
		draft.PublishAt = draft.UpdatedAt
	}
	p, err := h.articlePage(ctx, &draft, lang)
	if err != nil {
		return nil, fmt.Errorf("widget: preview of %q: %w", a.Slug, err)
	}
	p.Robots = "noindex, nofollow"
	p.Article.OG, p.Article.JSONLD, p.Article.Breadcrumbs = nil, nil, nil
	p.Article.OEmbedJSON, p.Article.OEmbedXML = "", ""
	return h.renderPage("article.html", p)
}
