package web

import (
	"net/url"
	"strings"

	"github.com/orgnews/orgnews/news"
)

// BaseURL parses s, a site's base URL option, as a directory URL: an
// absolute http(s) URL whose path ends in "/", without query or fragment.
// It returns nil when s is empty or not an absolute http(s) URL.
func BaseURL(s string) *url.URL {
	s = news.NormalizeLine(s)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	u.RawQuery, u.Fragment = "", ""
	return u
}
