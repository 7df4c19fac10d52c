package widget

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/orgnews/orgnews/feed"
)

// newFeeds returns the handler of the feed routes, o defaulted as
// Options.Feed says, or nil when the handler's BaseURL is not absolute.
func (h *Handler) newFeeds(o feed.Options) *feed.Handler {
	if !h.base.IsAbs() {
		return nil
	}
	o.BaseURL, o.Title, o.Language = cmp.Or(o.BaseURL, h.baseS), cmp.Or(o.Title, h.siteName(h.lang)), cmp.Or(o.Language, h.lang)
	o.Location, o.Logger, o.MaxAge = cmp.Or(o.Location, h.loc), cmp.Or(o.Logger, h.log), cmp.Or(o.MaxAge, h.maxAge)
	fh, err := feed.New(h.src, &o)
	if err != nil {
		panic("widget: feeds: " + err.Error())
	}
	return fh
}

// handleFeed serves a feed in format f: the whole site, or the category or
// tag named by the route's {slug} or {tag}.
func (h *Handler) handleFeed(f feed.Format) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.feeds == nil {
			h.notFound(w, r)
			return
		}
		w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		h.feeds.Serve(w, r, feed.Variant{Format: f, Category: r.PathValue("slug"), Tag: r.PathValue("tag")})
	})
}

// feedGroup returns the feeds under dir ("" for the whole site,
// "categories/{slug}/" or "tags/{tag}/") in every format, named name in
// the page and title in feed readers' lists. It returns nil when feeds
// are not served.
func (h *Handler) feedGroup(dir, name, title string) []feedGroup {
	if h.feeds == nil {
		return nil
	}
	g := feedGroup{Name: name, Links: make([]feedLink, 0, len(feed.Formats))}
	for _, f := range feed.Formats {
		mt, _, _ := strings.Cut(f.ContentType(), ";")
		label := map[feed.Format]string{feed.RSS: "RSS", feed.Atom: "Atom", feed.JSON: "JSON Feed"}[f]
		g.Links = append(g.Links, feedLink{URL: h.abs(dir + "feed." + string(f)), Type: mt, Title: title + " (" + label + ")", Label: label})
	}
	return []feedGroup{g}
}
