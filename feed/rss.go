package feed

import (
	"encoding/xml"
	"html"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// Namespaces of the RSS extensions the feed uses.
const (
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

// rssDoc is the <rss> element: gorilla/feeds' RssFeedXml with the dc, atom
// and media namespaces declared, around the extended channel.
type rssDoc struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	ContentNS string   `xml:"xmlns:content,attr"`
	DCNS      string   `xml:"xmlns:dc,attr"`
	AtomNS    string   `xml:"xmlns:atom,attr"`
	MediaNS   string   `xml:"xmlns:media,attr"`
	Channel   *rssChannel
}

// FeedXml returns d itself, so feeds.WriteXML encodes it.
func (d *rssDoc) FeedXml() any { return d }

// rssChannel extends gorilla/feeds' RssFeed with atom:link rel="self" and
// rel="hub" and items that carry more than RssItem can.
type rssChannel struct {
	*feeds.RssFeed
	XMLName   xml.Name      `xml:"channel"`
	AtomLinks []rssAtomLink `xml:"atom:link"`
	Items     []*rssItem    `xml:"item"` // replaces RssFeed.Items
}

// rssAtomLink is <atom:link href="…" rel="self" type="application/rss+xml"/>
// or <atom:link href="…" rel="hub"/>.
type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rssItem extends gorilla/feeds' RssItem with dc:creator, several
// categories and Media RSS attachments.
type rssItem struct {
	*feeds.RssItem
	XMLName    xml.Name   `xml:"item"`
	Categories []string   `xml:"category"` // replaces RssItem.Category
	Creator    string     `xml:"dc:creator,omitempty"`
	Media      []rssMedia `xml:"media:content"`
}

// rssMedia is a Media RSS <media:content>: one attachment with its type,
// size and title.
type rssMedia struct {
	URL      string         `xml:"url,attr"`
	Type     string         `xml:"type,attr,omitempty"`
	FileSize int64          `xml:"fileSize,attr,omitempty"`
	Medium   string         `xml:"medium,attr,omitempty"`
	Title    *rssMediaTitle `xml:"media:title"`
}

// rssMediaTitle is <media:title type="plain">.
type rssMediaTitle struct {
	Type  string `xml:"type,attr"`
	Title string `xml:",chardata"`
}

// writeRSS encodes d as RSS 2.0, each item as the package documentation
// describes.
func (d *document) writeRSS(w io.Writer) error {
	ch := &rssChannel{
		RssFeed: &feeds.RssFeed{
			Title:         d.title,
			Link:          d.home,
			Description:   d.description,
			Language:      d.lang,
			PubDate:       d.published.Format(time.RFC1123Z),
			LastBuildDate: d.updated.Format(time.RFC1123Z),
			Generator:     generator,
		},
		Items: make([]*rssItem, 0, len(d.items)),
	}
	if d.self != "" {
		ch.AtomLinks = append(ch.AtomLinks, rssAtomLink{Href: d.self, Rel: "self", Type: RSS.mediaType()})
	}
	if d.hub != "" {
		ch.AtomLinks = append(ch.AtomLinks, rssAtomLink{Href: d.hub, Rel: "hub"})
	}
	if d.icon != "" {
		ch.Image = &feeds.RssImage{Url: d.icon, Title: d.title, Link: d.home}
	}
	for _, e := range d.items {
		it := &rssItem{
			RssItem: &feeds.RssItem{
				Title:       e.title,
				Link:        e.link,
				Description: html.EscapeString(e.summary),
				Guid:        &feeds.RssGuid{Id: e.id, IsPermaLink: "false"},
				PubDate:     e.published.Format(time.RFC1123Z),
			},
			Categories: e.categories(),
			Creator:    e.author,
		}
		if e.body != "" {
			it.Content = &feeds.RssContent{Content: e.body}
		}
		it.Enclosure = e.enclosure()
		for _, at := range e.attachments {
			m := rssMedia{URL: at.URL, Type: at.Type, FileSize: at.Size, Medium: medium(at.Type)}
			if at.Title != "" {
				m.Title = &rssMediaTitle{Type: "plain", Title: at.Title}
			}
			it.Media = append(it.Media, m)
		}
		ch.Items = append(ch.Items, it)
	}
	return feeds.WriteXML(&rssDoc{
		Version:   "2.0",
		ContentNS: nsContent,
		DCNS:      nsDC,
		AtomNS:    nsAtom,
		MediaNS:   nsMedia,
		Channel:   ch,
	}, w)
}

// enclosure returns the item's RSS enclosure: the cover, or else the
// first attachment, whose type and size are known. RSS requires both, and
// a guessed type or a length of 0 misleads readers that download
// enclosures, so a file without them is no enclosure; nil when there is
// none.
func (e *entry) enclosure() *feeds.RssEnclosure {
	if c := e.cover; c != nil && c.Type != "" && c.Size > 0 {
		return &feeds.RssEnclosure{Url: c.URL, Type: c.Type, Length: strconv.FormatInt(c.Size, 10)}
	}
	for _, at := range e.attachments {
		if at.Type != "" && at.Size > 0 {
			return &feeds.RssEnclosure{Url: at.URL, Type: at.Type, Length: strconv.FormatInt(at.Size, 10)}
		}
	}
	return nil
}

// medium returns the Media RSS medium of a MIME type: image, audio, video
// or, for anything else (PDF, office files), document.
func medium(typ string) string {
	kind, _, _ := strings.Cut(typ, "/")
	switch kind {
	case "image", "audio", "video":
		return kind
	}
	return "document"
}

// octetStream is the MIME type of a file whose type is unknown.
const octetStream = "application/octet-stream"

// generator names the software in RSS's generator element.
const generator = "orgnews"
