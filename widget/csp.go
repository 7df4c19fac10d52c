package widget

import (
	"net/url"

	"github.com/orgnews/orgnews/internal/web"
)

// pageCSP returns the Content-Security-Policy of the pages: nothing inline
// but the text-align style attributes of article bodies (allowed by hash),
// scripts, styles and fonts only from the site itself and the handler's
// assets, images from the web, video players in https frames (the
// sanitiser keeps only those of its video hosts), forms sent only to the
// site, and framing by the page ancestors.
func (h *Handler) pageCSP(ancestors string) string {
	self, assets := "'self'", "'self'"
	if h.base.IsAbs() {
		origin := (&url.URL{Scheme: h.base.Scheme, Host: h.base.Host}).String()
		self += " " + origin
		assets += " " + origin + (&url.URL{Path: h.base.Path + "assets/"}).EscapedPath()
	}
	return "default-src 'none'; script-src 'self'; style-src " + assets + "; style-src-attr " + web.AlignStyleSources() +
		"; img-src " + self + " https: data:; font-src 'self'; frame-src https:; form-action " + self +
		"; base-uri 'none'; frame-ancestors " + ancestors
}
