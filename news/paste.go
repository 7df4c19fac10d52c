package news

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxStyleLen bounds the style attributes the pre-pass reads; a longer one
// is dropped whole, since no editor means a text-align among 512 bytes of
// CSS. The pre-pass rewrites every style attribute to "text-align: X" or
// removes it, so bluemonday's CSS code only ever sees that one short
// declaration, checked against an enum. Its exponential case (issue #225
// upstream: the shorthand handlers, such as font's, try every way to split
// a value at spaces) is thus unreachable twice over.
const maxStyleLen = 512

// blockDebris lists the elements the policy removes that separate words;
// the pre-pass puts a newline in their place so that the text around them
// does not run together.
var blockDebris = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Main: true, atom.Aside: true, atom.Nav: true,
	atom.Address: true, atom.Center: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Pre: true, atom.Details: true, atom.Summary: true,
	atom.Form: true, atom.Fieldset: true, atom.Legend: true, atom.Hgroup: true,
}

// cleanPaste is the pre-pass: it removes the markup of office suites that
// bluemonday alone would turn into stray text or wrong emphasis, and it
// rewrites style attributes to a lone text-align declaration (or drops
// them), so the policy never parses untrusted CSS. It does not make h safe;
// the policy that runs next does.
//
// In detail: comments go, and with them the list bullets Word hides in
// <!--[if !supportLists]--> … <!--[endif]-->; namespaced tags (o:p,
// v:shape, w:sdt) go; block elements the policy drops (div, section, …)
// leave a newline so words do not run together; images on file:, data: and
// other non-web URLs go; h1 becomes h2; an align attribute becomes
// text-align; the <b style="font-weight:normal"> wrapper of Google Docs
// goes; a span styled bold, italic, underlined, struck through, raised or
// lowered becomes strong, em, u, s, sup or sub, since that is the only
// emphasis Google Docs and LibreOffice paste; text in a legacy Vietnamese
// font (.VnTime, .VnTimeH, VNI-Times, …), named by a style, a font face
// or a class of the fragment's style sheet, is converted to Unicode (see
// [LegacyFont]), and the font goes with the other styles.
func cleanPaste(h string) string {
	var (
		b      strings.Builder
		hidden bool     // inside <!--[if !supportLists]--> … <!--[endif]-->
		marker []byte   // the text hidden so far: a list item's number or bullet
		spans  []string // for each open span, the end tags of the elements it became
		bolds  []bool   // for each open b, whether it is a Docs wrapper being dropped
		fonts  legacyRuns
	)
	b.Grow(len(h))
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.CommentToken:
			c := strings.TrimSpace(string(z.Text()))
			switch {
			case strings.HasPrefix(c, "[if !support"):
				hidden, marker = true, marker[:0]
			case strings.HasPrefix(c, "[endif]") && hidden:
				hidden = false
				if m := listMarker(string(marker)); m != "" {
					b.WriteString(html.EscapeString(m) + " ")
				}
			}
		case html.DoctypeToken:
		case html.TextToken:
			switch {
			case hidden:
				marker = append(marker, z.Text()...)
			case fonts.inStyle:
				fonts.styleSheet(string(z.Raw()))
				b.Write(z.Raw())
			case fonts.current() != LegacyNone:
				b.WriteString(html.EscapeString(fonts.current().Convert(html.UnescapeString(string(z.Raw())))))
			default:
				b.Write(z.Raw())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			t := z.Token()
			a := t.DataAtom
			start := tt != html.EndTagToken
			fonts.tag(t, tt)
			if hidden {
				if a != atom.P && a != atom.Li && a != atom.Div && a != atom.Td && a != atom.Tr {
					continue
				}
				hidden = false // an unterminated conditional hides no more than its block
			}
			switch {
			case strings.Contains(t.Data, ":"):
				continue // o:p, v:shape, w:sdt, st1:place
			case blockDebris[a]:
				if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
					b.WriteByte('\n')
				}
				continue
			case a == atom.Img && start && !imageSource(attr(t, "src")):
				continue
			case a == atom.Span && start:
				open, end := spanEmphasis(attr(t, "style"))
				b.WriteString(open)
				spans = append(spans, end)
				continue
			case a == atom.Span:
				if n := len(spans); n > 0 {
					b.WriteString(spans[n-1])
					spans = spans[:n-1]
				}
				continue
			case a == atom.B && start:
				wrapper := docsWrapper(t)
				bolds = append(bolds, wrapper)
				if wrapper {
					continue
				}
			case a == atom.B:
				if n := len(bolds); n > 0 {
					wrapper := bolds[n-1]
					bolds = bolds[:n-1]
					if wrapper {
						continue
					}
				}
			}
			if rewriteTag(&t) {
				b.WriteString(t.String())
			} else {
				b.WriteString(raw)
			}
		}
	}
}

// reListMarker matches the numbers and letters of ordered list items:
// "1.", "2)", "a.", "iv.", "1.2.".
var reListMarker = regexp.MustCompile(`^([0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})([.)]([0-9]{1,3}[.)])*)$`)

// listMarker returns the text Word hides as a list item's marker, with its
// white space trimmed, when it numbers the item ("1.", "a)"), and "" when it
// is a bullet symbol ("·", "o", "§") that says nothing.
func listMarker(text string) string {
	m := strings.TrimFunc(text, unicode.IsSpace)
	if !reListMarker.MatchString(m) {
		return ""
	}
	return m
}

// rewriteTag renames h1 to h2 and replaces the style and align attributes
// of t by a lone text-align style, reporting whether it changed t.
func rewriteTag(t *html.Token) bool {
	changed := false
	if t.DataAtom == atom.H1 {
		t.Data, t.DataAtom, changed = "h2", atom.H2, true
	}
	align := ""
	if v, ok := takeAttr(t, "style"); ok {
		align, changed = textAlign(v), true
	}
	if v, ok := takeAttr(t, "align"); ok {
		if align == "" {
			align = alignValue(v)
		}
		changed = true
	}
	if align != "" {
		t.Attr = append(t.Attr, html.Attribute{Key: "style", Val: "text-align: " + align})
	}
	return changed
}

// takeAttr removes every attribute key from t and returns the value of the
// first.
func takeAttr(t *html.Token, key string) (string, bool) {
	i := slices.IndexFunc(t.Attr, func(a html.Attribute) bool { return a.Key == key })
	if i < 0 {
		return "", false
	}
	v := t.Attr[i].Val
	t.Attr = slices.DeleteFunc(t.Attr, func(a html.Attribute) bool { return a.Key == key })
	return v, true
}

// docsWrapper reports whether the b start tag t is the wrapper Google Docs
// puts around pasted text, which is not bold.
func docsWrapper(t html.Token) bool {
	if strings.HasPrefix(attr(t, "id"), "docs-internal-guid") {
		return true
	}
	w, ok := declaration(attr(t, "style"), "font-weight")
	return ok && (w == "normal" || w == "400")
}

// spanEmphasis returns the start and end tags of the emphasis elements that
// the style of a span asks for ("font-weight:700" gives "<strong>" and
// "</strong>"), or two empty strings.
func spanEmphasis(style string) (start, end string) {
	if style == "" || len(style) > maxStyleLen {
		return "", ""
	}
	var names []string
	if w, ok := declaration(style, "font-weight"); ok {
		switch w {
		case "bold", "bolder", "600", "700", "800", "900":
			names = append(names, "strong")
		}
	}
	if v, ok := declaration(style, "font-style"); ok && (v == "italic" || v == "oblique") {
		names = append(names, "em")
	}
	deco, _ := declaration(style, "text-decoration")
	if line, ok := declaration(style, "text-decoration-line"); ok {
		deco = line
	}
	if strings.Contains(deco, "underline") {
		names = append(names, "u")
	}
	if strings.Contains(deco, "line-through") {
		names = append(names, "s")
	}
	switch v, _ := declaration(style, "vertical-align"); v {
	case "super":
		names = append(names, "sup")
	case "sub":
		names = append(names, "sub")
	}
	for i, n := range names {
		start += "<" + n + ">"
		end += "</" + names[len(names)-1-i] + ">"
	}
	return start, end
}

// declaration returns the lower-cased value of the last declaration of
// property prop in the style attribute value css, without !important.
func declaration(css, prop string) (string, bool) {
	val, found := "", false
	for decl := range strings.SplitSeq(css, ";") {
		p, v, ok := strings.Cut(decl, ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(p), prop) {
			continue
		}
		v = strings.ToLower(strings.TrimSpace(v))
		val, found = strings.TrimSpace(strings.TrimSuffix(v, "!important")), true
	}
	return val, found
}

// attr returns the value of t's attribute key, or "".
func attr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// imageSource reports whether src may be an image's source: an http(s) URL
// or a relative one (not file:, data:, blob:, cid: …).
func imageSource(src string) bool {
	src = strings.TrimSpace(src)
	if src == "" {
		return false
	}
	u, err := url.Parse(src)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	}
	return false
}

// textAlign returns the value of the last text-align declaration in the
// style attribute value css if it is left, right, center or justify, or ""
// when there is none or css is longer than maxStyleLen.
func textAlign(css string) string {
	if len(css) > maxStyleLen {
		return ""
	}
	v, _ := declaration(css, "text-align")
	return alignValue(v)
}

// alignValue returns v, lower-cased, if it is an alignment the policy
// keeps, or "".
func alignValue(v string) string {
	switch v = strings.ToLower(strings.TrimSpace(v)); v {
	case "left", "right", "center", "justify":
		return v
	}
	return ""
}

// legacyRuns follows, through a fragment's tags, which legacy Vietnamese
// encoding its text is in: the font of the innermost open element that
// names one, from its style's font-family, its face (font) or its class
// (a rule of the fragment's style sheet, as Word writes for the whole
// document's font in p.MsoNormal).
type legacyRuns struct {
	inStyle bool              // inside a style element
	classes map[string]Legacy // class name → the encoding its rule's font says
	open    []legacyFont      // the open elements that name a font, innermost last
}

// legacyFont is an open element that names a font, and its encoding.
type legacyFont struct {
	tag string
	enc Legacy
}

// reFontRule matches a rule of a style sheet that names a font-family:
// its selectors and the family.
var reFontRule = regexp.MustCompile(`(?i)([^{}]*)\{[^{}]*?font-family\s*:\s*([^;{}]*)`)

// styleSheet records the classes whose rules in css set a legacy font.
func (f *legacyRuns) styleSheet(css string) {
	for _, m := range reFontRule.FindAllStringSubmatch(css, -1) {
		enc := LegacyFont(m[2])
		for sel := range strings.SplitSeq(m[1], ",") {
			sel = strings.TrimSpace(sel)
			_, class, ok := strings.Cut(sel, ".")
			if !ok || class == "" || strings.ContainsAny(class, " .:>+~[") {
				continue
			}
			if f.classes == nil {
				f.classes = map[string]Legacy{}
			}
			f.classes[strings.ToLower(class)] = enc
		}
	}
}

// tag follows a start or end tag t of type tt.
func (f *legacyRuns) tag(t html.Token, tt html.TokenType) {
	if t.DataAtom == atom.Style {
		f.inStyle = tt == html.StartTagToken
		return
	}
	if tt == html.EndTagToken {
		for i := len(f.open) - 1; i >= 0; i-- {
			if f.open[i].tag == t.Data {
				f.open = f.open[:i]
				break
			}
		}
		return
	}
	if tt == html.SelfClosingTagToken || voidElement(t.DataAtom) {
		return
	}
	family, ok := declaration(attr(t, "style"), "font-family")
	if !ok && t.DataAtom == atom.Font {
		family, ok = attr(t, "face"), attr(t, "face") != ""
	}
	if ok {
		f.open = append(f.open, legacyFont{t.Data, LegacyFont(family)})
		return
	}
	for c := range strings.FieldsSeq(strings.ToLower(attr(t, "class"))) {
		if enc, ok := f.classes[c]; ok {
			f.open = append(f.open, legacyFont{t.Data, enc})
			return
		}
	}
}

// current returns the encoding of the text at this point.
func (f *legacyRuns) current() Legacy {
	if n := len(f.open); n > 0 {
		return f.open[n-1].enc
	}
	return LegacyNone
}

// voidElement reports whether elements a have no end tag.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
