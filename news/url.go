package news

import (
	"math"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
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
// (https:, mailto:, tel:, …) are left as they are. It is meant for
// sanitised HTML, such as article bodies put in feeds or embedded on other
// sites; the rest of h is copied unchanged. When base is not an absolute
// http(s) URL, h is returned unchanged. AbsoluteURLs is safe for
// concurrent use.
//
// The result is what an html.Tokenizer pass gives: tags with a rewritten
// URL are written again as html.Token.String writes them, everything else
// is copied byte for byte. Markup in the form the sanitiser writes is
// read without the tokenizer, and a fragment without anything to resolve
// is returned as it is, without allocating.
func AbsoluteURLs(h, base string) string {
	r := resolverFor(base)
	if r == nil {
		return h
	}
	if out, ok := r.scan(h); ok {
		return out
	}
	return r.tokenize(h)
}

// A resolver resolves URLs against a base URL. It is safe for concurrent
// use.
type resolver struct {
	base *url.URL // not modified
	// root and dir are what a path-absolute ("/a/b") and a path-relative
	// ("a/b") plain reference (see prefix) resolve to without it:
	// resolve(ref) == root + ref, or dir + ref. They are computed on first
	// use; rootOK and dirOK report whether the resolved probes had the
	// expected form; rootHTML and dirHTML are root and dir escaped as
	// html.Token.String escapes attribute values.
	once              sync.Once
	root, dir         string
	rootHTML, dirHTML string
	rootOK, dirOK     bool
}

// lastResolver is the resolver of the base AbsoluteURLs was last called
// with, since feeds and pages resolve body after body against one base.
var lastResolver atomic.Pointer[baseResolver]

// A baseResolver is a base URL with its resolver, nil when the base is not
// an absolute http(s) URL.
type baseResolver struct {
	base string
	r    *resolver
}

// resolverFor returns the resolver of base, or nil when base is not an
// absolute http(s) URL.
func resolverFor(base string) *resolver {
	if last := lastResolver.Load(); last != nil && last.base == base {
		return last.r
	}
	br := &baseResolver{base: base}
	if bu, err := url.Parse(base); err == nil && (bu.Scheme == "http" || bu.Scheme == "https") && bu.Host != "" {
		br.r = &resolver{base: bu}
	}
	lastResolver.Store(br)
	return br.r
}

// tokenize is AbsoluteURLs with the html.Tokenizer: every start tag is
// parsed into an html.Token, and written again when a URL in it changed.
func (r *resolver) tokenize(h string) string {
	var b strings.Builder
	b.Grow(len(h) + len(h)/8)
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			t := z.Token()
			changed := false
			for i, a := range t.Attr {
				var v string
				switch a.Key {
				case "href", "src":
					v = r.resolve(a.Val)
				case "srcset":
					v = r.resolveSrcset(a.Val)
				default:
					continue
				}
				if v != a.Val {
					t.Attr[i].Val = v
					changed = true
				}
			}
			if changed {
				b.WriteString(t.String())
			} else {
				b.WriteString(raw)
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// scan is tokenize for markup in the plain form the sanitiser writes, read
// without the tokenizer; it reports false when h holds anything else (a
// comment, a raw text element such as <script>, upper-case or unquoted
// markup, a tag cut off at the end), for tokenize to handle. What scan
// accepts, the tokenizer reads the same way: text up to a "<" followed by
// a letter or "/", start tags of lower-case names and attributes with
// quoted or no values, separated by white space, ending in ">" or "/>",
// and end tags "</name>".
func (r *resolver) scan(h string) (string, bool) {
	var (
		b    strings.Builder
		done int        // h[:done] is written to b
		t    scannedTag // the tag being read, reused
	)
	for i := 0; ; {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 || i+j+1 >= len(h) {
			break
		}
		i += j
		c := h[i+1]
		switch {
		case 'a' <= c && c <= 'z':
			if !t.read(h, i) {
				return "", false
			}
			if t.rewrite {
				raw := h[i:t.end]
				if text, changed := r.resolveTag(&t, raw); changed {
					if b.Len() == 0 {
						b.Grow(len(h) + len(h)/8)
					}
					b.WriteString(h[done:i])
					if text != "" {
						b.WriteString(text)
					} else {
						t.write(&b, raw)
					}
					done = t.end
				}
			}
			i = t.end
		case c == '/':
			k := i + 2
			if k >= len(h) || h[k] < 'a' || h[k] > 'z' {
				return "", false
			}
			for k < len(h) && isTagNameByte(h[k]) {
				k++
			}
			if k >= len(h) || h[k] != '>' {
				return "", false
			}
			i = k + 1
		case 'A' <= c && c <= 'Z', c == '!', c == '?':
			return "", false
		default:
			i++ // a "<" that starts no tag is text
		}
	}
	if done == 0 {
		return h, true
	}
	b.WriteString(h[done:])
	return b.String(), true
}

// maxScanAttrs is the number of attributes a scannedTag holds; a tag with
// more to rewrite is tokenized.
const maxScanAttrs = 16

// A scannedTag is a start tag as scan reads it. Its attributes are offsets
// into the tag's text, so reading one stores no pointer.
type scannedTag struct {
	end     int // the index just past the tag
	name    int // the length of "<" and the name
	attrs   [maxScanAttrs]scannedAttr
	n       int  // attributes read, possibly more than maxScanAttrs
	closing bool // ends in "/>"
	rewrite bool // has an href, src or srcset attribute
	escaped bool // has a value the tokenizer would change when reading it
	// canonical reports whether the tag's text is as html.Token.String
	// writes it: attributes plain and after one space each, nothing
	// before the end.
	canonical bool
	// For the attributes whose value resolveTag changed: the new value is
	// prefix[i] + value[i].
	prefix, value [maxScanAttrs]string
}

// A scannedAttr is an attribute of a scannedTag: its key and value as
// offsets into the tag's text, the key's kind, whether its text is
// already as html.Token.String writes it (key="value", nothing to
// escape), whether resolveTag changed its value, and whether the new
// value is written verbatim, needing no escaping.
type scannedAttr struct {
	keyStart, keyEnd, valStart, valEnd int32
	kind                               attrKind
	plain, changed, verbatim           bool
}

// Flags of valueBytes.
const (
	unescaped  = 1 << iota // the tokenizer changes it when reading a value: &, NUL, CR
	escapedOut             // html.Token.String escapes it (see attrEscapes)
)

// valueBytes holds, for every byte, the flags of how attribute values
// treat it.
var valueBytes = func() (t [256]uint8) {
	for _, c := range []byte("&\x00\r") {
		t[c] |= unescaped
	}
	for c, esc := range attrEscapes {
		if esc != "" {
			t[c] |= escapedOut
		}
	}
	return t
}()

// An attrKind tells the attributes AbsoluteURLs rewrites from the others.
type attrKind uint8

// The kinds of attributes.
const (
	otherAttr  attrKind = iota
	urlAttr             // href, src
	srcsetAttr          // srcset
)

// read reads the start tag at h[i] ("<" and a lower-case letter) into t,
// and reports whether it is in the form scan accepts.
func (t *scannedTag) read(h string, i int) bool {
	t.n, t.closing, t.rewrite, t.escaped, t.canonical = 0, false, false, false, true
	k := i + 1
	for k < len(h) && isTagNameByte(h[k]) {
		k++
	}
	t.name = k - i
	if rawTextElement(h[i+1 : k]) {
		return false
	}
	ws := 0 // bytes of white space since the name or the last attribute
	for k < len(h) {
		switch c := h[k]; {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f':
			ws++
			k++
		case c == '>':
			t.end = k + 1
			t.canonical = t.canonical && ws == 0
			return t.end-i <= math.MaxInt32
		case c == '/':
			if k+1 >= len(h) || h[k+1] != '>' {
				return false
			}
			t.end, t.closing = k+2, true
			t.canonical = t.canonical && ws == 0
			return t.end-i <= math.MaxInt32
		case ws > 0 && isAttrNameByte(c):
			t.canonical = t.canonical && ws == 1 && h[k-1] == ' '
			a := scannedAttr{keyStart: int32(k - i)}
			for k < len(h) && isAttrNameByte(h[k]) {
				k++
			}
			a.keyEnd = int32(k - i)
			switch h[i+int(a.keyStart) : k] {
			case "href", "src":
				a.kind, t.rewrite = urlAttr, true
			case "srcset":
				a.kind, t.rewrite = srcsetAttr, true
			}
			if k >= len(h) {
				return false
			}
			switch h[k] {
			case '=':
				if k+1 >= len(h) || (h[k+1] != '"' && h[k+1] != '\'') {
					return false
				}
				q := strings.IndexByte(h[k+2:], h[k+1])
				if q < 0 {
					return false
				}
				a.valStart, a.valEnd = int32(k+2-i), int32(k+2+q-i)
				var f uint8
				for _, c := range []byte(h[k+2 : k+2+q]) {
					f |= valueBytes[c]
				}
				t.escaped = t.escaped || f&unescaped != 0
				a.plain = f&escapedOut == 0 && h[k+1] == '"'
				k += q + 3
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				a.valStart, a.valEnd = a.keyEnd, a.keyEnd
				a.plain = false
			default:
				return false
			}
			if t.n < len(t.attrs) {
				t.attrs[t.n] = a
			}
			t.n++
			t.canonical = t.canonical && a.plain
			ws = 0
		default:
			return false
		}
	}
	return false
}

// resolveTag resolves the URLs of the tag t, whose text is raw, and
// reports whether tokenize would write it otherwise than raw. When the
// tokenizer has to read the tag, text is what tokenize writes for it;
// otherwise text is "" and t holds the new values.
func (r *resolver) resolveTag(t *scannedTag, raw string) (text string, changed bool) {
	if t.escaped || t.n > len(t.attrs) || duplicateKey(raw, t.attrs[:t.n]) {
		// The tokenizer unescapes values and drops repeated attributes:
		// let it read this tag.
		text = r.tokenize(raw)
		return text, text != raw
	}
	for j := range t.attrs[:t.n] {
		a := &t.attrs[j]
		a.changed, a.verbatim = false, false
		val := raw[a.valStart:a.valEnd]
		switch a.kind {
		case urlAttr:
			ref := strings.TrimSpace(val)
			if hasScheme(ref) {
				if ref != val {
					t.prefix[j], t.value[j], a.changed = "", ref, true
				}
			} else if prefix, ok := r.prefixHTML(ref); ok {
				// A plain reference needs no escaping.
				t.prefix[j], t.value[j], a.changed, a.verbatim = prefix, ref, true, true
			} else if v := resolve(r.base, ref); v != val {
				t.prefix[j], t.value[j], a.changed = "", v, true
			}
		case srcsetAttr:
			if v := r.resolveSrcset(val); v != val {
				t.prefix[j], t.value[j], a.changed = "", v, true
			}
		}
		changed = changed || a.changed
	}
	return "", changed
}

// write writes t, whose text is raw, with the values resolveTag changed,
// to b as html.Token.String writes a start tag.
func (t *scannedTag) write(b *strings.Builder, raw string) {
	if t.canonical {
		// Only the changed values differ from raw.
		done := 0
		for j, a := range t.attrs[:t.n] {
			if !a.changed {
				continue
			}
			b.WriteString(raw[done:a.valStart])
			t.writeValue(b, j)
			done = int(a.valEnd)
		}
		b.WriteString(raw[done:])
		return
	}
	b.WriteString(raw[:t.name])
	for j, a := range t.attrs[:t.n] {
		switch {
		case a.changed:
			b.WriteByte(' ')
			b.WriteString(raw[a.keyStart:a.keyEnd])
			b.WriteString(`="`)
			t.writeValue(b, j)
			b.WriteByte('"')
		case a.plain:
			b.WriteByte(' ')
			b.WriteString(raw[a.keyStart : a.valEnd+1])
		default:
			b.WriteByte(' ')
			b.WriteString(raw[a.keyStart:a.keyEnd])
			b.WriteString(`="`)
			writeEscaped(b, raw[a.valStart:a.valEnd])
			b.WriteByte('"')
		}
	}
	if t.closing {
		b.WriteString("/>")
	} else {
		b.WriteByte('>')
	}
}

// writeValue writes the new value of the attribute j, escaped.
func (t *scannedTag) writeValue(b *strings.Builder, j int) {
	if t.attrs[j].verbatim {
		b.WriteString(t.prefix[j])
		b.WriteString(t.value[j])
		return
	}
	writeEscaped(b, t.prefix[j])
	writeEscaped(b, t.value[j])
}

// writeEscaped writes s to b escaped as html.Token.String escapes
// attribute values.
func writeEscaped(b *strings.Builder, s string) {
	done := 0
	for i := 0; i < len(s); i++ {
		if esc := attrEscapes[s[i]]; esc != "" {
			b.WriteString(s[done:i])
			b.WriteString(esc)
			done = i + 1
		}
	}
	b.WriteString(s[done:])
}

// attrEscapes are the escapes html.Token.String writes in attribute
// values, by byte.
var attrEscapes = [256]string{'&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\r': "&#13;"}

// isTagNameByte reports whether c may be part of a tag name scan accepts.
func isTagNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
}

// isAttrNameByte reports whether c may be part of an attribute name scan
// accepts.
func isAttrNameByte(c byte) bool {
	return isTagNameByte(c) || c == '_' || c == ':' || c == '.'
}

// rawTextElement reports whether the html.Tokenizer reads what follows the
// start tag name as raw text.
func rawTextElement(name string) bool {
	switch name {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
		return true
	}
	return false
}

// duplicateKey reports whether two of the attributes of the tag raw have
// the same key.
func duplicateKey(raw string, attrs []scannedAttr) bool {
	for i, a := range attrs {
		for _, b := range attrs[:i] {
			if raw[a.keyStart:a.keyEnd] == raw[b.keyStart:b.keyEnd] {
				return true
			}
		}
	}
	return false
}

// resolve returns ref resolved against the base, or ref unchanged when it
// is absolute, empty or does not parse.
func (r *resolver) resolve(ref string) string {
	prefix, rest := r.resolveParts(ref)
	return prefix + rest
}

// resolveParts returns ref resolved against the base as prefix + rest,
// without allocating for an absolute reference (prefix is "") or a plain
// one that resolves by appending it (see resolver.prefix).
func (r *resolver) resolveParts(ref string) (prefix, rest string) {
	ref = strings.TrimSpace(ref)
	if hasScheme(ref) {
		return "", ref
	}
	if prefix, ok := r.prefix(ref); ok {
		return prefix, ref
	}
	return "", resolve(r.base, ref)
}

// hasScheme reports whether ref starts with a scheme and a colon
// ("https:", "mailto:"), which resolve leaves as it is whether url.Parse
// accepts the rest or not.
func hasScheme(ref string) bool {
	for i := 0; i < len(ref); i++ {
		switch c := ref[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// prefix returns what ref is appended to when it resolves by appending:
// a plain reference, of letters, digits, "-", "_", "~", "." and "/" only,
// without "." or ".." segments, that starts with one "/" or with none.
func (r *resolver) prefix(ref string) (string, bool) {
	if ref == "" || strings.HasPrefix(ref, "//") {
		return "", false
	}
	seg := 0 // start of the current segment
	for i := 0; i <= len(ref); i++ {
		if i < len(ref) && ref[i] != '/' {
			if !plainURLByte[ref[i]] {
				return "", false
			}
			continue
		}
		if s := ref[seg:i]; s == "." || s == ".." {
			return "", false
		}
		seg = i + 1
	}
	r.once.Do(r.prefixes)
	if ref[0] == '/' {
		return r.root, r.rootOK
	}
	return r.dir, r.dirOK
}

// prefixHTML is prefix with the prefix escaped as html.Token.String
// escapes attribute values.
func (r *resolver) prefixHTML(ref string) (string, bool) {
	if _, ok := r.prefix(ref); !ok {
		return "", false
	}
	if ref[0] == '/' {
		return r.rootHTML, true
	}
	return r.dirHTML, true
}

// prefixes computes root and dir from the resolved probes "/" and "z".
func (r *resolver) prefixes() {
	r.root, r.rootOK = strings.CutSuffix(resolve(r.base, "/"), "/")
	r.dir, r.dirOK = strings.CutSuffix(resolve(r.base, "z"), "z")
	var b strings.Builder
	writeEscaped(&b, r.root)
	r.rootHTML = b.String()
	b.Reset()
	writeEscaped(&b, r.dir)
	r.dirHTML = b.String()
}

// plainURLByte reports, for every byte, whether it is a letter, a digit,
// "-", "_", "~" or ".": the characters of a path segment that resolve by
// appending.
var plainURLByte = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '~' || c == '.'
	}
	return t
}()

// resolve returns ref resolved against base, or ref unchanged when it is
// absolute, empty or does not parse.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil || ref == "" || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
}

// resolveSrcset resolves each URL of a srcset value ("a.jpg 1x, b.jpg 2x")
// against the base and keeps the descriptors. As in the HTML standard, a
// URL runs to the next white space, so it may hold commas
// ("w_300,h_200.jpg"), and commas at its end separate it from the next
// candidate.
func (r *resolver) resolveSrcset(srcset string) string {
	var b strings.Builder
	b.Grow(len(srcset) + 64)
	rest := srcset
	for first := true; ; first = false {
		i := 0
		for i < len(rest) && (rest[i] == ',' || srcsetSpace[rest[i]]) {
			i++
		}
		rest = rest[i:]
		if rest == "" {
			return b.String()
		}
		end := 0
		for end < len(rest) && !srcsetSpace[rest[end]] {
			end++
		}
		ref, desc := rest[:end], ""
		rest = rest[end:]
		trimmed := len(ref)
		for trimmed > 0 && ref[trimmed-1] == ',' {
			trimmed--
		}
		if trimmed < len(ref) {
			ref = ref[:trimmed] // the candidate ends at its URL
		} else if i := strings.IndexByte(rest, ','); i >= 0 {
			desc, rest = rest[:i], rest[i+1:]
		} else {
			desc, rest = rest, ""
		}
		if !first {
			b.WriteString(", ")
		}
		prefix, resolved := r.resolveParts(ref)
		b.WriteString(prefix)
		b.WriteString(resolved)
		for d := range strings.FieldsSeq(desc) {
			b.WriteByte(' ')
			b.WriteString(d)
		}
	}
}

// srcsetSpace reports, for every byte, whether it is white space that
// separates the parts of a srcset candidate.
var srcsetSpace = [256]bool{' ': true, '\t': true, '\n': true, '\f': true, '\r': true}
