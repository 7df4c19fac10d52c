package feed

import (
	"encoding/xml"
	"io"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// atomFeed extends gorilla/feeds' AtomFeed with xml:lang, several links
// (alternate, self and hub) and entries that carry more than AtomEntry can.
type atomFeed struct {
	*feeds.AtomFeed
	XMLName xml.Name     `xml:"feed"`
	Lang    string       `xml:"xml:lang,attr,omitempty"`
	Links   []atomLink   `xml:"link"`  // replaces AtomFeed.Link
	Entries []*atomEntry `xml:"entry"` // replaces AtomFeed.Entries
}

// FeedXml returns f itself, so feeds.WriteXML encodes it.
func (f *atomFeed) FeedXml() any { return f }

// atomEntry extends gorilla/feeds' AtomEntry with xml:lang, categories with
// a term and a label (AtomEntry's Category is a bare string, which RFC 4287
// does not allow), links with titles and content in a CDATA section.
type atomEntry struct {
	*feeds.AtomEntry
	XMLName    xml.Name       `xml:"entry"`
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	Content    *atomContent   `xml:"content,omitempty"` // replaces AtomEntry.Content
	Links      []atomLink     `xml:"link"`              // replaces AtomEntry.Links
	Categories []atomCategory `xml:"category"`          // replaces AtomEntry.Category
}

// atomContent is gorilla/feeds' AtomContent written as a CDATA section, as
// RSS's content:encoded is: the same text to every XML parser, without
// escaping each "<", ">", "&" and quote of the markup, which made Atom the
// slowest format to write and the largest. encoding/xml splits any "]]>"
// in the text across two sections.
type atomContent struct {
	Content string `xml:",cdata"`
	Type    string `xml:"type,attr"`
}

// atomLink is gorilla/feeds' AtomLink with a title.
type atomLink struct {
	feeds.AtomLink
	Title string `xml:"title,attr,omitempty"`
}

// atomCategory is <category term="…" label="…"/>.
type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// writeAtom encodes d as Atom 1.0: the summary as type="text", the body as
// type="html" in a CDATA section, the cover and every attachment as rel="enclosure" links.
func (d *document) writeAtom(w io.Writer) error {
	f := &atomFeed{
		AtomFeed: &feeds.AtomFeed{
			Xmlns:    nsAtom,
			Title:    d.title,
			Id:       d.id,
			Updated:  d.updated.Format(time.RFC3339),
			Icon:     d.icon,
			Subtitle: d.description,
			Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: d.author}},
		},
		Lang:    d.lang,
		Entries: make([]*atomEntry, 0, len(d.items)),
	}
	if d.home != "" {
		f.Links = append(f.Links, link(d.home, "alternate", "text/html", 0, ""))
	}
	if d.self != "" {
		f.Links = append(f.Links, link(d.self, "self", Atom.mediaType(), 0, ""))
	}
	if d.hub != "" {
		f.Links = append(f.Links, link(d.hub, "hub", "", 0, ""))
	}
	for _, e := range d.items {
		x := &atomEntry{
			AtomEntry: &feeds.AtomEntry{
				Title:     e.title,
				Id:        e.id,
				Updated:   e.updated.Format(time.RFC3339),
				Published: e.published.Format(time.RFC3339),
			},
			Lang: e.lang,
		}
		if e.summary != "" {
			x.Summary = &feeds.AtomSummary{Content: e.summary, Type: "text"}
		}
		if e.body != "" {
			x.Content = &atomContent{Content: e.body, Type: "html"}
		}
		if e.author != "" {
			x.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: e.author}}
		}
		if e.link != "" {
			x.Links = append(x.Links, link(e.link, "alternate", "text/html", 0, ""))
		}
		if c := e.cover; c != nil {
			x.Links = append(x.Links, link(c.URL, "enclosure", c.Type, c.Size, c.Alt))
		}
		for _, at := range e.attachments {
			x.Links = append(x.Links, link(at.URL, "enclosure", at.Type, at.Size, at.Title))
		}
		if e.category != "" {
			x.Categories = append(x.Categories, atomCategory{Term: e.categorySlug, Label: e.category})
		}
		for _, t := range e.tags {
			x.Categories = append(x.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, x)
	}
	return feeds.WriteXML(f, w)
}

// link returns an Atom link; a size of 0 leaves the length out.
func link(href, rel, typ string, size int64, title string) atomLink {
	l := atomLink{AtomLink: feeds.AtomLink{Href: href, Rel: rel, Type: typ}, Title: title}
	if size > 0 {
		l.Length = strconv.FormatInt(size, 10)
	}
	return l
}
