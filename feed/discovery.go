package feed

import (
	"html/template"
	"strings"

	"github.com/orgnews/orgnews/news"
)

// A Link is a feed a page advertises to feed readers and browsers.
type Link struct {
	Format Format // the feed's format; "" means RSS
	Title  string // shown by readers that offer a choice, such as "Tin tức (RSS)"
	Href   string // the feed's absolute URL
}

// AutodiscoveryLinks returns one
// <link rel="alternate" type="…" title="…" href="…"> tag per link, one a
// line, for the <head> of an HTML page. Titles and URLs are escaped, and
// a URL that is not http(s) or site-relative (javascript:, data:) is
// dropped with its tag, so the result is safe to insert as it is: it is
// template.HTML for use in an html/template page. Links with an empty
// Href are skipped.
func AutodiscoveryLinks(links ...Link) template.HTML {
	var b strings.Builder
	for _, l := range links {
		href := news.NormalizeLine(l.Href)
		if !safeHref(href) {
			continue
		}
		b.WriteString(`<link rel="alternate" type="`)
		b.WriteString(template.HTMLEscapeString(l.Format.mediaType()))
		b.WriteString(`" title="`)
		b.WriteString(template.HTMLEscapeString(news.NormalizeLine(l.Title)))
		b.WriteString(`" href="`)
		b.WriteString(template.HTMLEscapeString(href))
		b.WriteString("\">\n")
	}
	return template.HTML(b.String()) // every value is escaped above
}

// safeHref reports whether href is an absolute http(s) URL or a path on the
// same site ("/tin-tuc/feed.rss"), and not one a browser would read as
// another host ("//evil.example", "/\\evil.example").
func safeHref(href string) bool {
	if strings.ContainsAny(href, "\\ ") {
		return false
	}
	if isHTTP(href) {
		return true
	}
	return strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//")
}
