package widget

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"
)

// alignStyles are the only style attributes the news publishing service
// keeps in an article's body, as its sanitiser writes them.
var alignStyles = []string{"text-align: left", "text-align: right", "text-align: center", "text-align: justify"}

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
	var attr strings.Builder
	attr.WriteString("'unsafe-hashes'")
	for _, s := range alignStyles {
		sum := sha256.Sum256([]byte(s))
		attr.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
	}
	return "default-src 'none'; script-src 'self'; style-src " + assets + "; style-src-attr " + attr.String() +
		"; img-src " + self + " https: data:; font-src 'self'; frame-src https:; form-action " + self +
		"; base-uri 'none'; frame-ancestors " + ancestors
}
