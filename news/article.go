package news

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Status is the editorial state of an article.
type Status string

// The statuses an article can have: the states of the newsroom's workflow
// (see the package documentation for who moves an article between them).
// Only StatusPublished articles whose PublishAt has come are public; a
// published article whose PublishAt is still ahead is scheduled.
const (
	StatusDraft            Status = "draft"             // bản nháp: being written
	StatusSubmitted        Status = "submitted"         // chờ biên tập: submitted for editing
	StatusAwaitingApproval Status = "awaiting_approval" // chờ duyệt: edited, awaiting approval
	StatusReturned         Status = "returned"          // trả lại: sent back to the writer with a comment
	StatusPublished        Status = "published"         // đã đăng (or scheduled: hẹn giờ đăng)
	StatusArchived         Status = "archived"          // lưu trữ: withdrawn from every public read
)

// Statuses lists every status in workflow order.
func Statuses() []Status {
	return []Status{StatusDraft, StatusSubmitted, StatusAwaitingApproval, StatusReturned, StatusPublished, StatusArchived}
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusSubmitted, StatusAwaitingApproval, StatusReturned, StatusPublished, StatusArchived:
		return true
	}
	return false
}

// article returns "a draft article", "an awaiting approval article" and
// so on, for messages.
func (s Status) article() string {
	name := strings.ReplaceAll(string(s), "_", " ")
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name + " article"
	}
	return "a " + name + " article"
}

// Label returns the Vietnamese name of s used in the newsroom, such as
// "chờ duyệt", or s itself when it is unknown.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "bản nháp"
	case StatusSubmitted:
		return "chờ biên tập"
	case StatusAwaitingApproval:
		return "chờ duyệt"
	case StatusReturned:
		return "trả lại"
	case StatusPublished:
		return "đã đăng"
	case StatusArchived:
		return "lưu trữ"
	}
	return string(s)
}

// An Article is one news item. The Service fills and checks every field on
// write; a Store keeps articles as it is given them.
type Article struct {
	ID      uuid.UUID // permanent identity; feeds use it as the item ID
	Slug    string    // current slug, unique among slugs and aliases
	Aliases []string  // slugs the article had before, so old links keep working
	// OldURLs are the article's addresses on the site it came from, path
	// and query only, in the form NormalizeOldURL gives
	// ("/tin-tuc/dai-hoi-chi-bo-123.html", "/?p=123"): a request for one
	// of them is sent on to the article. At most MaxOldURLs; an old URL
	// belongs to one article.
	OldURLs     []string
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
	Status      Status       // the workflow state: see Status
	PublishAt   time.Time    // when a published article becomes public
	CreatedAt   time.Time
	// UpdatedAt is when the content (title, summary, body, cover,
	// attachments, author, tags, language) last changed; pages and feeds
	// show an article as updated when it is after PublishAt. Workflow
	// steps and edits that change no content leave it, and a first
	// publication with an earlier date (back-dating) brings it down to
	// PublishAt.
	UpdatedAt time.Time
	// OwnerID is the account that created the article in the newsroom
	// (its writer: a contributor sees only the articles they own);
	// uuid.Nil for an article written by a program or an import.
	OwnerID uuid.UUID
	// Revision is the number of the article's current revision: the last
	// one saved through the Newsroom, 0 for an article never saved there.
	// A change made on an older revision is stale (see ArticlePatch.Base).
	Revision int
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
	cp.OldURLs = slices.Clone(a.OldURLs)
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
