package news

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ellipsis ends an excerpt that was cut.
const ellipsis = "…"

// Excerpt returns the plain text of the HTML fragment h, at most n
// characters (runes) long. Tags are removed (block elements and line breaks
// separate words; the content of script, style and similar elements is
// dropped, and so are photo captions, figcaption, which are not the
// article's text), character references are decoded, the text is normalised (see
// [Normalize]) and every run of white space becomes one space. When the
// text is longer than n it is cut at the last word boundary that fits,
// trailing punctuation is dropped and "…" is appended; the ellipsis counts
// in n. A single word longer than n is cut between characters, never inside
// a character or before a combining mark.
//
// Excerpt returns "" when n <= 0 or h has no text. The result is plain
// text, not HTML: escape it before writing it into a page. Excerpt is safe
// for concurrent use.
func Excerpt(h string, n int) string {
	if n <= 0 {
		return ""
	}
	text := NormalizeLine(htmlText(h, ' '))
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	return cutText(text, n-1) + ellipsis
}

// cutText returns the longest prefix of the one-line text s that has at
// most max runes and ends at a word boundary, without trailing spaces or
// punctuation. A first word longer than max runes is cut inside.
func cutText(s string, max int) string {
	if max <= 0 {
		return ""
	}
	// end is the byte offset just past max runes.
	end, count := 0, 0
	for end < len(s) && count < max {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		count++
	}
	next, _ := utf8.DecodeRuneInString(s[end:])
	cut := s[:end]
	if end < len(s) && next != ' ' {
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		} else {
			// One long word: do not leave a base letter without its marks.
			for next != utf8.RuneError && unicode.IsMark(next) && cut != "" {
				r, size := utf8.DecodeLastRuneInString(cut)
				cut = cut[:len(cut)-size]
				next = r
			}
		}
	}
	return strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' && r != '”' && r != '»'
	})
}

// htmlText returns the text of an HTML fragment with entities decoded and
// sep wherever a block element or a line break separates words.
func htmlText(h string, sep byte) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(h))
	var (
		skip  atom.Atom // element whose content is being skipped, or 0
		depth int       // how many skip elements are open
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case tt == html.EndTagToken && a == skip && skip != 0:
				if depth--; depth == 0 {
					skip = 0
				}
			case tt == html.StartTagToken && skip == 0 && skipContent[a]:
				skip, depth = a, 1
			case tt == html.StartTagToken && a == skip && skip != 0:
				depth++
			}
			if !inlineElement[a] {
				b.WriteByte(sep)
			}
		}
	}
}

// skipContent lists the elements whose content is not the text a reader
// reads as the article.
var skipContent = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
	atom.Head: true, atom.Title: true, atom.Textarea: true, atom.Select: true,
	atom.Noembed: true, atom.Noframes: true, atom.Xmp: true,
	atom.Figcaption: true, // a caption describes a photo, not the news
}

// inlineElement lists the elements that do not separate words.
var inlineElement = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.Font: true, atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true,
	atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true,
	atom.Var: true, atom.Del: true, atom.Ins: true, atom.Tt: true, atom.Big: true,
	atom.Wbr: true,
}
