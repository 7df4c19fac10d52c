package news

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Bounds of Article.OldURLs, checked by the Service on every write.
const (
	MaxOldURLLen = 2000 // bytes of one old URL, as given and as normalised
	MaxOldURLs   = 20   // len(Article.OldURLs), after duplicates are dropped
)

// trackingParams are query parameters that only say where a visitor came
// from; NormalizeOldURL drops them (and every "utm_…" parameter), so that
// a shared link with them still finds its article.
var trackingParams = []string{"fbclid", "gclid"}

// NormalizeOldURL returns the canonical form of an old URL: an article's
// address on the site it came from, given as an absolute http(s) URL
// ("https://stp.example.gov.vn/tin-tuc/dai-hoi-123.html?p=1") or as a path
// ("/tin-tuc/dai-hoi-123.html", "/?p=123"). The form keeps the path and
// the query only, so that a request for the same page on this site, under
// whatever host, finds the same string:
//
//   - the scheme and host are dropped, and so is the fragment; several
//     slashes at the start of the path are one;
//   - percent-encoding is decoded and the text put in Unicode NFC, so
//     "/tin-t%E1%BB%A9c/x.html", "/tin-tức/x.html" and its NFD spelling
//     are one URL; only what must stay encoded is encoded again (%, ?, #,
//     spaces and control characters, bytes that are not UTF-8, and &, =,
//   - in the query, where a space is written "+");
//   - the path and the query's parameter names are lower-cased, since the
//     portals that old sites ran on (IIS, ASP.NET) mostly ignored their
//     case, and a link written "/Tin-Tuc/Dai-Hoi.aspx" must find
//     "/tin-tuc/dai-hoi.aspx"; parameter values keep their case, as they
//     may be identifiers whose case matters;
//   - query parameters keep their order; empty ones ("a=1&&b=2") and the
//     tracking parameters "utm_…", "fbclid" and "gclid" are dropped, and
//     a parameter with an empty value is written without "=".
//
// The result is deterministic and NormalizeOldURL of it is itself. It
// fails with a *FieldError (wrapping ErrInvalid) naming "old_url" when raw
// is empty, longer than MaxOldURLLen bytes (as given or normalised), not
// a path starting with "/" nor an http(s) URL, or the site's root with no
// query ("/"), which would take over the home page. It is safe for
// concurrent use.
func NormalizeOldURL(raw string) (string, error) {
	bad := func(format string, args ...any) (string, error) {
		return "", &FieldError{Field: "old_url", Rule: fmt.Sprintf(format, args...)}
	}
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return bad("required")
	case len(raw) > MaxOldURLLen:
		return bad("longer than %d bytes (has %d)", MaxOldURLLen, len(raw))
	}
	s, ok := stripOrigin(s)
	if !ok {
		return bad("not a path starting with / or an http(s) URL")
	}
	s, _, _ = strings.Cut(s, "#")
	p, q, _ := strings.Cut(s, "?")
	p = "/" + strings.TrimLeft(unescapeOldURL(p, false), "/")
	out := escapeOldURL(canonicalText(lowerValid(p)), false)
	if query := normalizeOldQuery(q); query != "" {
		out += "?" + query
	}
	switch {
	case out == "/":
		return bad("the site's root with no query: it would take over the home page")
	case len(out) > MaxOldURLLen:
		return bad("longer than %d bytes once normalised (has %d)", MaxOldURLLen, len(out))
	}
	return out, nil
}

// stripOrigin returns s without its scheme and host when it is an
// http(s) URL or a scheme-relative one ("//host/path"), starting with "/"
// then; ok is false when s is neither such a URL nor a path.
func stripOrigin(s string) (string, bool) {
	rest, found := "", false
	for _, scheme := range []string{"http://", "https://", "//"} {
		if len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			rest, found = s[len(scheme):], true
			break
		}
	}
	if !found {
		return s, strings.HasPrefix(s, "/")
	}
	i := strings.IndexAny(rest, "/?#")
	if i < 0 {
		return "/", true
	}
	if rest[i] != '/' {
		return "/" + rest[i:], true
	}
	return rest[i:], true
}

// normalizeOldQuery returns the canonical form of an old URL's raw query,
// as NormalizeOldURL describes.
func normalizeOldQuery(q string) string {
	var params []string
	for _, piece := range strings.Split(q, "&") {
		rawName, rawValue, _ := strings.Cut(piece, "=")
		name := canonicalText(lowerValid(unescapeOldURL(rawName, true)))
		if name == "" || strings.HasPrefix(name, "utm_") || slices.Contains(trackingParams, name) {
			continue
		}
		param := escapeOldURL(name, true)
		if value := canonicalText(unescapeOldURL(rawValue, true)); value != "" {
			param += "=" + escapeOldURL(value, true)
		}
		params = append(params, param)
	}
	return strings.Join(params, "&")
}

// unescapeOldURL decodes the percent-escapes of s, and in a query "+" as
// a space. A "%" not followed by two hexadecimal digits stays as it is.
func unescapeOldURL(s string, query bool) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case c == '+' && query:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapeOldURL percent-encodes in s what an old URL's canonical form keeps
// encoded (see NormalizeOldURL); in a query a space is written "+".
func escapeOldURL(s string, query bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := s[i]
		switch {
		case r == utf8.RuneError && size == 1,
			c < 0x20, c == 0x7f, c == '%', c == '?', c == '#',
			c == ' ' && !query,
			query && (c == '&' || c == '=' || c == '+'),
			r >= 0x80 && r <= 0x9f: // C1 control characters, two bytes each
			for _, by := range []byte(s[i : i+size]) {
				b.WriteByte('%')
				b.WriteByte(hex[by>>4])
				b.WriteByte(hex[by&0xf])
			}
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// lowerValid returns s lower-cased, leaving bytes that are not UTF-8 as
// they are (strings.ToLower would turn them into U+FFFD).
func lowerValid(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		i += size
	}
	return b.String()
}

// canonicalText returns s in NFC when it is valid UTF-8, and s otherwise
// (its bytes are then kept, each escaped).
func canonicalText(s string) string {
	if !utf8.ValidString(s) {
		return s
	}
	return norm.NFC.String(s)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// normalizeOldURLs returns the old URLs with each in its canonical form
// (see NormalizeOldURL), duplicates after the first dropped; a URL that
// NormalizeOldURL refuses is kept as given, for validateArticle to report.
func normalizeOldURLs(urls []string) []string {
	var out []string
	for _, u := range urls {
		if n, err := NormalizeOldURL(u); err == nil {
			u = n
		}
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// checkOldURLs adds the rules the article's old URLs break, if any.
func (es *FieldErrors) checkOldURLs(urls []string) {
	if len(urls) > MaxOldURLs {
		es.add("old_urls", "more than %d", MaxOldURLs)
	}
	for i, u := range urls {
		if _, err := NormalizeOldURL(u); err != nil {
			es.add(fmt.Sprintf("old_urls[%d]", i), "%s", err.(*FieldError).Rule)
		}
	}
}
