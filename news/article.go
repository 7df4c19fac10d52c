package news

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Status is the editorial state of an article.
type Status string

// The statuses an article can have. Only StatusPublished articles whose
// PublishAt has come are public.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusPublished, StatusArchived:
		return true
	}
	return false
}

// An Article is one news item. The Service fills and checks every field on
// write; a Store keeps articles as it is given them.
type Article struct {
	ID          uuid.UUID    // permanent identity; feeds use it as the item ID
	Slug        string       // current slug, unique among slugs and aliases
	Aliases     []string     // slugs the article had before, so old links keep working
	Title       string       // plain text, required, at most 300 characters
	Summary     string       // plain text, at most 1,000 characters
	Body        string       // sanitised HTML, at most 1 MiB
	Cover       *Image       // optional photo with its caption
	Attachments []Attachment // files such as the PDF of an official document
	Author      string       // plain text
	CategoryID  uuid.UUID    // the category; required
	Tags        []string     // at most 20, each at most 64 characters
	Lang        string       // BCP 47 language tag; "vi" when empty on write
	Featured    bool         // shown first on the news index
	Status      Status       // draft, published or archived
	PublishAt   time.Time    // when a published article becomes public
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// An Image is an article's cover photo.
type Image struct {
	URL     string // absolute http(s) or site-relative
	Alt     string // alternative text for screen readers
	Caption string // shown under the photo
	Width   int    // pixels, 0 if unknown
	Height  int    // pixels, 0 if unknown
	Type    string // MIME type, such as "image/jpeg"
	Size    int64  // bytes, 0 if unknown
}

// An Attachment is a file published with an article.
type Attachment struct {
	URL   string // absolute http(s) or site-relative
	Title string // link text
	Type  string // MIME type, such as "application/pdf"
	Size  int64  // bytes, 0 if unknown
}

// Visible reports whether a is public at now: published and due.
func (a *Article) Visible(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishAt.IsZero() && !a.PublishAt.After(now)
}

// Scheduled reports whether a is published but its PublishAt is after now.
func (a *Article) Scheduled(now time.Time) bool {
	return a.Status == StatusPublished && a.PublishAt.After(now)
}

// Clone returns a deep copy of a.
func (a *Article) Clone() *Article {
	if a == nil {
		return nil
	}
	cp := *a
	cp.Aliases = slices.Clone(a.Aliases)
	cp.Tags = slices.Clone(a.Tags)
	cp.Attachments = slices.Clone(a.Attachments)
	if a.Cover != nil {
		c := *a.Cover
		cp.Cover = &c
	}
	return &cp
}

// String returns the article's slug and ID, for logs.
func (a *Article) String() string { return fmt.Sprintf("%s (%s)", a.Slug, a.ID) }
