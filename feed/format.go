package feed

import (
	"strings"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A Format is a feed format. Its value is the name used in the format query
// parameter and, with a dot, as the file extension of the feed's URL. The
// zero Format means "not chosen"; where a format must be picked, it means
// [RSS].
type Format string

// The formats a feed is built and served in.
const (
	RSS  Format = "rss"  // RSS 2.0 with the content, dc, atom and media namespaces
	Atom Format = "atom" // Atom 1.0 (RFC 4287)
	JSON Format = "json" // JSON Feed 1.1
)

// Formats lists every format, in the order autodiscovery links present them.
var Formats = []Format{RSS, Atom, JSON}

// ParseFormat returns the format named s ("rss", "atom" or "json"). Any
// other name is an error wrapping news.ErrInvalid that names the field
// "format".
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case RSS, Atom, JSON:
		return f, nil
	}
	return "", &news.FieldError{Field: "format", Rule: formatRule(s)}
}

// formatRule is the rule an unknown format name breaks.
func formatRule(s string) string {
	return "must be rss, atom or json, not " + web.Quote(s, 40)
}

// ContentType returns the media type the format is served with, with its
// charset: "application/rss+xml; charset=utf-8",
// "application/atom+xml; charset=utf-8" or
// "application/feed+json; charset=utf-8". The zero Format gives RSS's.
func (f Format) ContentType() string {
	switch f {
	case Atom:
		return "application/atom+xml; charset=utf-8"
	case JSON:
		return "application/feed+json; charset=utf-8"
	}
	return "application/rss+xml; charset=utf-8"
}

// mediaType returns the content type without parameters, as used in the
// type attribute of links.
func (f Format) mediaType() string {
	mt, _, _ := strings.Cut(f.ContentType(), ";")
	return mt
}

// label returns the name people know the format by.
func (f Format) label() string {
	switch f {
	case Atom:
		return "Atom"
	case JSON:
		return "JSON Feed"
	}
	return "RSS"
}
