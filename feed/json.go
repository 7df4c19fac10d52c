package feed

import (
	"cmp"
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"
)

// jsonFeedVersion is the JSON Feed version written in every feed.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed extends gorilla/feeds' JSONFeed with items that carry a
// language, and always writes "items", which JSON Feed requires even when
// empty.
type jsonFeed struct {
	*feeds.JSONFeed
	Items []*jsonItem `json:"items"` // replaces JSONFeed.Items
}

// jsonItem extends gorilla/feeds' JSONItem with JSON Feed 1.1's language
// and attachments whose size is size_in_bytes, as the specification names
// it (feeds.JSONAttachment writes "size", a 32-bit number).
type jsonItem struct {
	*feeds.JSONItem
	Language    string           `json:"language,omitempty"`
	Attachments []jsonAttachment `json:"attachments,omitempty"` // replaces JSONItem.Attachments
}

// jsonAttachment is a JSON Feed 1.1 attachment.
type jsonAttachment struct {
	URL         string `json:"url"`
	MIMEType    string `json:"mime_type"`
	Title       string `json:"title,omitempty"`
	SizeInBytes int64  `json:"size_in_bytes,omitempty"`
}

// writeJSON encodes d as JSON Feed 1.1, compact and ending in a newline:
// the body as content_html (the summary, or else the title, as
// content_text when the body is empty), the cover as image, every attachment (with its MIME type, size and
// title) in attachments, the category and tags as tags.
func (d *document) writeJSON(w io.Writer) error {
	authors := []*feeds.JSONAuthor{{Name: d.author}}
	f := &jsonFeed{
		JSONFeed: &feeds.JSONFeed{
			Version:     jsonFeedVersion,
			Title:       d.title,
			Language:    d.lang,
			HomePageUrl: d.home,
			FeedUrl:     d.self,
			Description: d.description,
			Icon:        d.icon,
			Author:      authors[0],
			Authors:     authors,
		},
		Items: make([]*jsonItem, 0, len(d.items)),
	}
	if d.hub != "" {
		f.Hubs = []*feeds.JSONHub{{Type: "WebSub", Url: d.hub}}
	}
	for _, e := range d.items {
		it := &jsonItem{
			JSONItem: &feeds.JSONItem{
				Id:            e.id,
				Url:           e.link,
				Title:         e.title,
				ContentHTML:   e.body,
				Summary:       e.summary,
				PublishedDate: &e.published,
				ModifiedDate:  &e.updated,
				Tags:          e.categories(),
			},
			Language: e.lang,
		}
		if e.body == "" {
			// JSON Feed 1.1 requires content_html or content_text.
			it.ContentText = cmp.Or(e.summary, e.title)
		}
		if e.author != "" {
			a := &feeds.JSONAuthor{Name: e.author}
			it.Author, it.Authors = a, []*feeds.JSONAuthor{a}
		}
		if e.cover != nil {
			it.Image = e.cover.URL
		}
		for _, at := range e.attachments {
			it.Attachments = append(it.Attachments, jsonAttachment{
				URL: at.URL, MIMEType: cmp.Or(at.Type, octetStream), // JSON Feed requires mime_type
				Title: at.Title, SizeInBytes: at.Size,
			})
		}
		f.Items = append(f.Items, it)
	}
	// Compact, not indented as gorilla/feeds writes it: readers do not
	// need the white space, and indenting a feed of full bodies costs
	// more than encoding it.
	return json.NewEncoder(w).Encode(f)
}
