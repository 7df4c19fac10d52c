package news

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxURLLen is the longest URL CheckURL accepts, in bytes.
const maxURLLen = 2048

// CheckURL reports why s cannot be stored as the URL of a cover image, an
// attachment or a link, or nil when it can. A storable URL is an absolute
// http or https URL with a host and no user name or password, or a path on
// the site itself starting with one "/" ("/uploads/a.pdf"); it is at most
// 2,048 bytes and holds no white space, control or invisible characters.
// javascript:, data:, vbscript:, file: and every other scheme are refused.
//
// The error is a *FieldError with an empty Field whose Rule is a short
// phrase such as "scheme not allowed: javascript"; it wraps ErrInvalid. A
// caller names the field with &FieldError{Field: "cover.url", Rule:
// err.Error()}. The empty string is refused with the rule "empty";
// callers skip optional empty URLs themselves. CheckURL is safe for
// concurrent use.
func CheckURL(s string) error {
	bad := func(rule string) error { return &FieldError{Rule: rule} }
	switch {
	case s == "":
		return bad("empty")
	case len(s) > maxURLLen:
		return bad("longer than 2048 bytes")
	case !utf8.ValidString(s):
		return bad("not valid UTF-8")
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || dropRune(r) }):
		return bad("contains white space or control characters")
	case strings.ContainsRune(s, '\\'):
		return bad("contains a backslash")
	}
	if strings.HasPrefix(s, "/") {
		if strings.HasPrefix(s, "//") {
			return bad("protocol-relative URL: write https://")
		}
		if _, err := url.Parse(s); err != nil {
			return bad("not a valid URL path")
		}
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return bad("not a valid URL")
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return bad("not an absolute http(s) URL or a path starting with /")
	default:
		return bad("scheme not allowed: " + strings.ToLower(u.Scheme))
	}
	switch {
	case u.Host == "" || u.Hostname() == "":
		return bad("missing host")
	case u.User != nil:
		return bad("user name or password in URL")
	}
	return nil
}

// AbsoluteURLs returns the HTML fragment h with every href, src and srcset
// URL resolved against base, an absolute http(s) URL such as
// "https://sokhcn.example.gov.vn/tin-tuc/". URLs that are already absolute
// (https:, mailto:, tel:, …), empty, or that do not parse are left as they
// are, but for the white space around them, which goes from every URL. It
// is meant for sanitised HTML, such as article bodies put in feeds
// or embedded on other sites. When base is not an absolute http(s) URL, h
// is returned unchanged. AbsoluteURLs is safe for concurrent use.
//
// It is one html.Tokenizer pass: a start tag with a URL that changed is
// written again as html.Token.String writes it; everything else, text and
// entities included, is copied byte for byte. It reads only the tags that
// hold "href" or "src", without html.Token, resolves no URL that is
// already absolute http(s), and skips a fragment it cannot change: a cold
// build of a feed of 50 full articles (feed's BenchmarkBuild) makes a
// quarter fewer allocations than with html.Token.
func AbsoluteURLs(h, base string) string {
	bu, err := url.Parse(base)
	if err != nil || (bu.Scheme != "http" && bu.Scheme != "https") || bu.Host == "" || !mayChange(h) {
		return h
	}
	out := make([]byte, 0, len(h)+len(h)/8)
	var attrs []urlAttr
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return string(out)
		}
		start := len(out)
		raw := z.Raw()
		out = append(out, raw...)
		// Only a tag holding "href" or "src" is read: TagName and TagAttr
		// copy what they return, and rewrite raw in place (so it is
		// copied first).
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !hasURLAttr(raw) {
			continue
		}
		attrs = attrs[:0]
		changed := false
		for more := true; more; {
			var a urlAttr
			if a.key, a.val, more = z.TagAttr(); a.key == nil {
				break
			}
			a.resolved, a.changed = resolveAttr(bu, a.key, a.val)
			changed = changed || a.changed
			attrs = append(attrs, a)
		}
		if changed {
			name, _ := z.TagName()
			out = appendTag(append(out[:start], '<'), name, attrs, tt == html.SelfClosingTagToken)
		}
	}
}

// A urlAttr is an attribute of a tag AbsoluteURLs reads: its key and
// unescaped value as html.Tokenizer.TagAttr returns them, and the value
// resolved when changed.
type urlAttr struct {
	key, val []byte
	resolved string
	changed  bool
}

// resolveAttr returns the value of an href, src or srcset attribute
// resolved against base, and whether it differs from val.
func resolveAttr(base *url.URL, key, val []byte) (string, bool) {
	var v string
	switch string(key) {
	case "href", "src":
		if absoluteHTTP(val) {
			return "", false
		}
		v = resolve(base, string(val))
	case "srcset":
		v = resolveSrcset(base, string(val))
	default:
		return "", false
	}
	return v, v != string(val)
}

// appendTag appends the tag name, with its attributes, as
// html.Token.String writes it after the "<".
func appendTag(out, name []byte, attrs []urlAttr, selfClosing bool) []byte {
	out = append(out, name...)
	for _, a := range attrs {
		v := string(a.val)
		if a.changed {
			v = a.resolved
		}
		out = append(append(append(append(out, ' '), a.key...), `="`...), html.EscapeString(v)...)
		out = append(out, '"')
	}
	if selfClosing {
		out = append(out, '/')
	}
	return append(out, '>')
}

// absoluteHTTP reports whether v is an http or https URL with no white
// space around it, which resolve returns as it is.
func absoluteHTTP(v []byte) bool {
	if len(v) == 0 || len(bytes.TrimSpace(v)) != len(v) {
		return false
	}
	return hasPrefixFold(v, "http:") || hasPrefixFold(v, "https:")
}

// hasPrefixFold reports whether v starts with the lower-case ASCII prefix
// in any case.
func hasPrefixFold(v []byte, prefix string) bool {
	return len(v) >= len(prefix) && strings.EqualFold(string(v[:len(prefix)]), prefix)
}

// mayChange reports whether the tokenizer pass may change h: when h has a
// tag, and may have a URL attribute or end inside a tag, which the
// tokenizer drops ("a <b" becomes "a "). Without quotes, h ending in ">"
// ends every tag.
func mayChange(h string) bool {
	return strings.Contains(h, "<") && (hasURLAttr(h) || !strings.HasSuffix(h, ">") || strings.ContainsAny(h, `"'`))
}

// hasURLAttr reports whether h holds "href" or "src" in any case (as the
// tokenizer lower-cases attribute names), so may have a URL attribute.
func hasURLAttr[T string | []byte](h T) bool {
	for i := 0; i+3 <= len(h); i++ {
		if h[i]|0x20 == 's' && h[i+1]|0x20 == 'r' && h[i+2]|0x20 == 'c' ||
			i+4 <= len(h) && h[i]|0x20 == 'h' && h[i+1]|0x20 == 'r' && h[i+2]|0x20 == 'e' && h[i+3]|0x20 == 'f' {
			return true
		}
	}
	return false
}

// resolve returns ref resolved against base, or ref without surrounding
// white space when it is absolute, empty or does not parse.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil || ref == "" || u.Scheme != "" {
		return ref
	}
	// A base whose query ends in white space ("http://x/? ") would pass it
	// on; a second pass would trim it, so it is trimmed here.
	return strings.TrimSpace(base.ResolveReference(u).String())
}

// resolveSrcset resolves each URL of a srcset value ("a.jpg 1x, b.jpg 2x")
// against base and keeps the descriptors. As in the HTML standard, a URL
// runs to the next white space, so it may hold commas ("w_300,h_200.jpg"),
// and commas at its end separate it from the next candidate.
func resolveSrcset(base *url.URL, srcset string) string {
	var cands []string
	rest := srcset
	for {
		rest = strings.TrimLeft(rest, ", \t\n\f\r")
		if rest == "" {
			return strings.Join(cands, ", ")
		}
		end := strings.IndexAny(rest, " \t\n\f\r")
		if end < 0 {
			end = len(rest)
		}
		ref, desc := rest[:end], ""
		rest = rest[end:]
		if trimmed := strings.TrimRight(ref, ","); trimmed != ref {
			ref = trimmed // the candidate ends at its URL
		} else if i := strings.IndexByte(rest, ','); i >= 0 {
			desc, rest = rest[:i], rest[i+1:]
		} else {
			desc, rest = rest, ""
		}
		cand := resolve(base, ref)
		if d := strings.Join(strings.Fields(desc), " "); d != "" {
			cand += " " + d
		}
		cands = append(cands, cand)
	}
}
