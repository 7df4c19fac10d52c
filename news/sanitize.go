package news

import (
	"math"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// defaultVideoHosts are the hosts whose https iframes a Sanitizer keeps
// when SanitizerOptions.VideoHosts is nil.
var defaultVideoHosts = []string{
	"youtube.com", "www.youtube.com",
	"youtube-nocookie.com", "www.youtube-nocookie.com",
	"player.vimeo.com",
}

// SanitizerOptions configures a Sanitizer. The zero value, like a nil
// *SanitizerOptions, gives the default policy.
type SanitizerOptions struct {
	// VideoHosts are the hosts (exact names, compared without case) whose
	// https URLs may be embedded with an iframe. Nil means YouTube, YouTube
	// without cookies and Vimeo's player: youtube.com, www.youtube.com,
	// youtube-nocookie.com, www.youtube-nocookie.com and player.vimeo.com.
	// An empty non-nil slice allows no iframe at all.
	VideoHosts []string
	// SiteHosts are the organisation's own hosts, such as
	// "sokhcn.example.gov.vn". Links to them, like relative links, get no
	// rel attribute; every other http(s) link gets
	// rel="noopener noreferrer". Nil means no host is the site's own.
	SiteHosts []string
}

// A Sanitizer cleans the HTML of article bodies with one bluemonday policy,
// built once by NewSanitizer and never changed after. A Sanitizer is safe
// for concurrent use.
//
// What it keeps: p, h2–h6 (h1 becomes h2, since the page's title is the
// only h1), ul, ol (start), li, blockquote, em, strong, b, i, u, s, sub,
// sup, br, hr, a (href with http, https, mailto, tel or a relative URL;
// title), img (src, alt, title, width, height, loading), figure,
// figcaption, table, caption, thead, tbody, tfoot, tr, th (scope, colspan,
// rowspan), td (colspan, rowspan), the style attribute with nothing but
// text-align: left, right, center or justify (on p, headings, li,
// blockquote, td, th, caption and figcaption), and iframes whose src is an
// https URL on one of the video hosts, with the attributes an embedded
// player needs (allow, allowfullscreen, frameborder, width, height, title,
// loading, referrerpolicy).
//
// What it removes besides everything else: the debris of text pasted from
// Word, Google Docs and LibreOffice (mso- styles, o:p and other namespaced
// tags, conditional comments and the list bullets they hide, font, span,
// class, lang, images on file: URLs), every empty paragraph or heading
// (nothing but spaces, no-break spaces and line breaks), empty inline
// elements, target attributes (links open where the reader chooses), and
// characters that [Normalize] removes. External http(s) links get
// rel="noopener noreferrer"; links to the site itself never get nofollow.
//
// The result is well-formed HTML and valid XML 1.0 character data once
// escaped, and sanitising it again changes nothing.
type Sanitizer struct {
	policy     *bluemonday.Policy
	videoHosts map[string]bool
	siteHosts  map[string]bool
}

// maxStyleLen bounds the style attributes the pre-pass reads; a longer one
// is dropped whole, since no editor means a text-align among 512 bytes of
// CSS. The pre-pass rewrites every style attribute to "text-align: X" or
// removes it, so bluemonday's CSS code only ever sees that one short
// declaration, checked against an enum. Its exponential case (issue #225
// upstream: the shorthand handlers, such as font's, try every way to split
// a value at spaces) is thus unreachable twice over.
const maxStyleLen = 512

// NewSanitizer returns a Sanitizer for opts; nil opts means the defaults
// (see SanitizerOptions). Host names are compared without case.
func NewSanitizer(opts *SanitizerOptions) *Sanitizer {
	if opts == nil {
		opts = &SanitizerOptions{}
	}
	video := opts.VideoHosts
	if video == nil {
		video = defaultVideoHosts
	}
	s := &Sanitizer{videoHosts: hostSet(video), siteHosts: hostSet(opts.SiteHosts)}
	s.policy = newPolicy(s.videoHosts)
	return s
}

// hostSet returns the lower-cased hosts as a set.
func hostSet(hosts []string) map[string]bool {
	m := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			m[h] = true
		}
	}
	return m
}

var (
	reDimension = regexp.MustCompile(`^[0-9]{1,5}%?$`)
	reSpan      = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
	reStart     = regexp.MustCompile(`^-?[0-9]{1,6}$`)
	reAllow     = regexp.MustCompile(`^[a-z-]{1,40}(; ?[a-z-]{1,40}){0,15};?$`)
)

// newPolicy builds the bluemonday policy that keeps iframes from the given
// video hosts.
func newPolicy(videoHosts map[string]bool) *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.AllowElements("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
		"em", "strong", "b", "i", "u", "s", "sub", "sup", "br", "hr",
		"figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td")
	p.AllowAttrs("start").Matching(reStart).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a", "img", "iframe")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(reDimension).OnElements("img", "iframe")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img", "iframe")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("colspan", "rowspan").Matching(reSpan).OnElements("th", "td")
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center", "justify").
		OnElements("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "caption", "figcaption")
	if len(videoHosts) > 0 {
		hosts := make([]string, 0, len(videoHosts))
		for h := range videoHosts {
			hosts = append(hosts, regexp.QuoteMeta(h))
		}
		slices.Sort(hosts)
		// Scheme and host are compared without case; the path keeps it.
		src := regexp.MustCompile(`^(?i:https://(` + strings.Join(hosts, "|") + `))(/[^\s]*)?$`)
		p.AllowAttrs("src").Matching(src).OnElements("iframe")
		p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|allowfullscreen|true)$`)).OnElements("iframe")
		p.AllowAttrs("allow").Matching(reAllow).OnElements("iframe")
		p.AllowAttrs("frameborder").Matching(regexp.MustCompile(`^[01]$`)).OnElements("iframe")
		p.AllowAttrs("referrerpolicy").Matching(regexp.MustCompile(
			`^(no-referrer|no-referrer-when-downgrade|origin|origin-when-cross-origin|same-origin|strict-origin|strict-origin-when-cross-origin)$`)).
			OnElements("iframe")
	}
	p.SkipElementsContent("xml", "head", "template", "svg", "math", "textarea", "select")
	return p
}

// defaultSanitizer is the Sanitizer of Sanitize, built on first use.
var defaultSanitizer = sync.OnceValue(func() *Sanitizer { return NewSanitizer(nil) })

// Sanitize returns h cleaned by the default Sanitizer (NewSanitizer(nil)):
// see [Sanitizer] for what it keeps. It is safe for concurrent use.
func Sanitize(h string) string {
	return defaultSanitizer().Sanitize(h)
}

// Sanitize returns the HTML fragment h reduced to what the policy keeps
// (see [Sanitizer]). It runs in three passes: a token pass that clears
// office debris and rewrites style attributes, the bluemonday policy, and
// a pass over the tree an HTML5 parser builds from the policy's output,
// which applies the structural rules and renders balanced HTML. Each pass
// is linear in practice, including on hostile input (see
// BenchmarkSanitizeHostile); elements nested more than 512 deep, which
// the parser refuses, are flattened to 64 levels.
//
// The result is valid UTF-8 made of XML 1.0 characters, and
// s.Sanitize(s.Sanitize(h)) == s.Sanitize(h). The empty string, and a
// fragment with nothing to keep, give "".
func (s *Sanitizer) Sanitize(h string) string {
	h = cleanPaste(Normalize(h))
	h = s.policy.Sanitize(h)
	return s.tidy(h)
}

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
// emphasis Google Docs and LibreOffice paste.
func cleanPaste(h string) string {
	var (
		b      strings.Builder
		hidden bool     // inside <!--[if !supportLists]--> … <!--[endif]-->
		marker []byte   // the text hidden so far: a list item's number or bullet
		spans  []string // for each open span, the end tags of the elements it became
		bolds  []bool   // for each open b, whether it is a Docs wrapper being dropped
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
			if hidden {
				marker = append(marker, z.Text()...)
			} else {
				b.Write(z.Raw())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			t := z.Token()
			a := t.DataAtom
			start := tt != html.EndTagToken
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

// tidy is the post-pass over the policy's output: it parses the fragment
// as a browser would, normalises text and attribute values, checks iframe
// hosts, sets rel on links, removes empty paragraphs and inline elements,
// and renders the tree back, which balances every tag.
func (s *Sanitizer) tidy(h string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(h), body)
	if err != nil {
		// The parser refuses more than 512 open elements. Only hostile
		// input nests that deep: flatten it and parse again. With at most
		// maxDepth elements open, the second parse cannot fail.
		nodes, err = html.ParseFragment(strings.NewReader(capDepth(h, maxDepth)), body)
		if err != nil {
			return ""
		}
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	mergeText(body)
	s.clean(body)
	mergeText(body)
	tidySpace(body)
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return ""
		}
	}
	return b.String()
}

// maxDepth is how deeply capDepth lets elements nest.
const maxDepth = 64

// capDepth drops the start and end tags of elements nested deeper than max
// in the policy's output h, keeping their content. It counts open elements
// from the tags alone, as written, so it can only overestimate the depth
// the parser would see; the parser's implied elements (tbody, tr, reopened
// formatting elements) add a bounded number on top.
func capDepth(h string, max int) string {
	type open struct {
		name string
		kept bool
	}
	var (
		b     strings.Builder
		stack []open
		depth int // kept elements on the stack
	)
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Br, atom.Hr, atom.Img:
				b.Write(z.Raw())
				continue
			}
			kept := depth < max
			if kept {
				depth++
				b.Write(z.Raw())
			}
			stack = append(stack, open{string(name), kept})
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(stack) - 1
			for i >= 0 && stack[i].name != string(name) {
				i--
			}
			if i < 0 {
				b.Write(z.Raw())
				continue
			}
			if stack[i].kept {
				b.Write(z.Raw())
			}
			for _, o := range stack[i:] {
				if o.kept {
					depth--
				}
			}
			stack = stack[:i]
		default:
			b.Write(z.Raw())
		}
	}
}

// mergeText joins adjacent text nodes under n and normalises every text
// node and attribute value, so that text split by a removed element is
// normalised as one.
func mergeText(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			if next != nil && next.Type == html.TextNode {
				var b strings.Builder
				b.WriteString(c.Data)
				for next != nil && next.Type == html.TextNode {
					b.WriteString(next.Data)
					n.RemoveChild(next)
					next = c.NextSibling
				}
				c.Data = b.String()
			}
			c.Data = Normalize(c.Data)
			if c.Data == "" {
				n.RemoveChild(c)
			}
		case html.ElementNode:
			for i := range c.Attr {
				c.Attr[i].Val = Normalize(c.Attr[i].Val)
			}
			mergeText(c)
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
		}
		c = next
	}
}

// clean applies the structural rules to the children of n, bottom up.
func (s *Sanitizer) clean(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type != html.ElementNode {
			c = next
			continue
		}
		s.clean(c)
		switch c.DataAtom {
		case atom.Iframe:
			for c.FirstChild != nil {
				c.RemoveChild(c.FirstChild)
			}
			if !s.videoSource(getAttr(c, "src")) {
				n.RemoveChild(c)
			}
		case atom.Img:
			if getAttr(c, "src") == "" {
				n.RemoveChild(c)
			}
		case atom.A:
			c.Attr = slices.DeleteFunc(c.Attr, func(a html.Attribute) bool { return a.Key == "rel" || a.Key == "target" })
			if s.external(getAttr(c, "href")) {
				c.Attr = append(c.Attr, html.Attribute{Key: "rel", Val: "noopener noreferrer"})
			}
		}
		if c.Parent == n && emptyRemoved[c.DataAtom] && blank(c) {
			if inlineElement[c.DataAtom] && hasText(c) {
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
			}
			n.RemoveChild(c)
		}
		c = next
	}
}

// blockContainer lists the elements whose children are mostly blocks, where
// white space between children and line breaks next to blocks mean nothing.
var blockContainer = map[atom.Atom]bool{
	atom.Body: true, atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Figure: true, atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true,
}

// blockElement lists the elements the policy keeps that are blocks.
var blockElement = map[atom.Atom]bool{
	atom.P: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Blockquote: true, atom.Hr: true,
	atom.Figure: true, atom.Figcaption: true, atom.Table: true, atom.Caption: true,
	atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}

// tidySpace cleans the children of every block container under and
// including n: a text child that is only white space goes when it is the
// first or last child, and becomes one newline when it is next to a block; a run of line breaks between
// two blocks (or a block and the container's edge) goes, as it only stood
// for the space between paragraphs.
func tidySpace(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tidySpace(c)
	}
	if !blockContainer[n.DataAtom] {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Br && besideBlocks(c) {
			n.RemoveChild(c)
		}
		c = next
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		// Removing line breaks can leave text nodes side by side: join them
		// so that the rules below see the whole run of white space.
		for c.Type == html.TextNode && next != nil && next.Type == html.TextNode {
			c.Data += next.Data
			n.RemoveChild(next)
			next = c.NextSibling
		}
		if c.Type == html.TextNode && strings.TrimFunc(c.Data, unicode.IsSpace) == "" {
			switch {
			case c.PrevSibling == nil || next == nil:
				n.RemoveChild(c)
			case isBlock(c.PrevSibling) || isBlock(next):
				c.Data = "\n"
			}
		}
		c = next
	}
}

// besideBlocks reports whether the line break br has, before and after it
// (across white space and other line breaks), a block element or the edge
// of its parent.
func besideBlocks(br *html.Node) bool {
	skip := func(n *html.Node) bool {
		return n.Type == html.TextNode && strings.TrimFunc(n.Data, unicode.IsSpace) == "" ||
			n.Type == html.ElementNode && n.DataAtom == atom.Br
	}
	prev := br.PrevSibling
	for prev != nil && skip(prev) {
		prev = prev.PrevSibling
	}
	next := br.NextSibling
	for next != nil && skip(next) {
		next = next.NextSibling
	}
	return (prev == nil || isBlock(prev)) && (next == nil || isBlock(next))
}

// isBlock reports whether n is a block element.
func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && blockElement[n.DataAtom]
}

// emptyRemoved lists the elements removed when blank.
var emptyRemoved = map[atom.Atom]bool{
	atom.P: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Figcaption: true, atom.Caption: true, atom.Figure: true,
	atom.A: true, atom.Em: true, atom.Strong: true, atom.B: true, atom.I: true, atom.U: true,
	atom.S: true, atom.Sub: true, atom.Sup: true,
}

// blank reports whether n holds nothing but white space (including
// no-break spaces) and line breaks.
func blank(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimFunc(c.Data, unicode.IsSpace) != "" {
				return false
			}
		case html.ElementNode:
			if c.DataAtom != atom.Br {
				return false
			}
		}
	}
	return true
}

// hasText reports whether n has a text child (which, n being blank, is
// white space).
func hasText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode || c.DataAtom == atom.Br {
			return true
		}
	}
	return false
}

// getAttr returns the value of n's attribute key, or "".
func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// videoSource reports whether src is an https URL on a video host.
func (s *Sanitizer) videoSource(src string) bool {
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "https" || u.User != nil || u.Port() != "" {
		return false
	}
	return s.videoHosts[strings.ToLower(u.Hostname())]
}

// external reports whether href leads to another site: an absolute or
// protocol-relative http(s) URL whose host is not one of the site's.
func (s *Sanitizer) external(href string) bool {
	u, err := url.Parse(href)
	if err != nil {
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		if u.Host == "" {
			return false
		}
	default:
		return false // mailto:, tel:
	}
	return !s.siteHosts[strings.ToLower(u.Hostname())]
}

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
