package news

import (
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
// entities included, is copied byte for byte.
func AbsoluteURLs(h, base string) string {
	bu, err := url.Parse(base)
	if err != nil || (bu.Scheme != "http" && bu.Scheme != "https") || bu.Host == "" {
		return h
	}
	var b strings.Builder
	b.Grow(len(h) + len(h)/8)
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			// Token unescapes the tag's text in place: copy it first.
			raw := string(z.Raw())
			t := z.Token()
			if resolveAttrs(bu, t.Attr) {
				b.WriteString(t.String())
			} else {
				b.WriteString(raw)
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// resolveAttrs resolves the href, src and srcset values of attrs against
// base in place, and reports whether one changed.
func resolveAttrs(base *url.URL, attrs []html.Attribute) bool {
	changed := false
	for i, a := range attrs {
		var v string
		switch a.Key {
		case "href", "src":
			v = resolve(base, a.Val)
		case "srcset":
			v = resolveSrcset(base, a.Val)
		default:
			continue
		}
		if v != a.Val {
			attrs[i].Val = v
			changed = true
		}
	}
	return changed
}

// resolve returns ref resolved against base, or ref without surrounding
// white space when it is absolute, empty or does not parse.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil || ref == "" || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
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
