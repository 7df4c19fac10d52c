package news

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
