package admin

import (
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// The JSON forms of the domain's values. Member names are snake_case;
// times are RFC 3339 in UTC; optional times are left out when zero.

// imageJSON is a news.Image.
type imageJSON struct {
	URL     string `json:"url"`
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Type    string `json:"type,omitempty"`
	Size    int64  `json:"size,omitempty"`
}

// attachmentJSON is a news.Attachment.
type attachmentJSON struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	Type  string `json:"type,omitempty"`
	Size  int64  `json:"size,omitempty"`
}

func newImageJSON(im *news.Image) *imageJSON {
	if im == nil {
		return nil
	}
	return &imageJSON{URL: im.URL, Alt: im.Alt, Caption: im.Caption, Width: im.Width, Height: im.Height, Type: im.Type, Size: im.Size}
}

func (im *imageJSON) image() *news.Image {
	if im == nil {
		return nil
	}
	return &news.Image{URL: im.URL, Alt: im.Alt, Caption: im.Caption, Width: im.Width, Height: im.Height, Type: im.Type, Size: im.Size}
}

func newAttachmentsJSON(as []news.Attachment) []attachmentJSON {
	out := make([]attachmentJSON, len(as))
	for i, a := range as {
		out[i] = attachmentJSON(a)
	}
	return out
}

func attachments(as []attachmentJSON) []news.Attachment {
	out := make([]news.Attachment, len(as))
	for i, a := range as {
		out[i] = news.Attachment(a)
	}
	return out
}

// articleJSON is a news.Article as the newsroom sees it, whatever its
// state.
type articleJSON struct {
	ID          uuid.UUID        `json:"id"`
	Slug        string           `json:"slug"`
	Aliases     []string         `json:"aliases,omitempty"`
	Title       string           `json:"title"`
	Summary     string           `json:"summary"`
	Body        string           `json:"body"`
	Cover       *imageJSON       `json:"cover,omitempty"`
	Attachments []attachmentJSON `json:"attachments"`
	Author      string           `json:"author"`
	CategoryID  uuid.UUID        `json:"category_id"`
	Tags        []string         `json:"tags"`
	Lang        string           `json:"lang"`
	Featured    bool             `json:"featured"`
	Status      news.Status      `json:"status"`
	StatusLabel string           `json:"status_label"` // Vietnamese: "chờ duyệt"
	PublishAt   *time.Time       `json:"publish_at,omitempty"`
	CreatedAt   time.Time        `json:"created_at"`
	UpdatedAt   time.Time        `json:"updated_at"`
	OwnerID     uuid.UUID        `json:"owner_id"`
	Revision    int              `json:"revision"`
	// Actions are the workflow actions the caller may take now, on the
	// answers about one article.
	Actions []news.Action `json:"actions,omitempty"`
}

func newArticleJSON(a *news.Article) *articleJSON {
	tags := a.Tags
	if tags == nil {
		tags = []string{}
	}
	return &articleJSON{ID: a.ID, Slug: a.Slug, Aliases: a.Aliases, Title: a.Title, Summary: a.Summary, Body: a.Body,
		Cover: newImageJSON(a.Cover), Attachments: newAttachmentsJSON(a.Attachments), Author: a.Author,
		CategoryID: a.CategoryID, Tags: tags, Lang: a.Lang, Featured: a.Featured, Status: a.Status,
		StatusLabel: a.Status.Label(), PublishAt: optTime(a.PublishAt), CreatedAt: a.CreatedAt.UTC(),
		UpdatedAt: a.UpdatedAt.UTC(), OwnerID: a.OwnerID, Revision: a.Revision}
}

// snapshotJSON is a news.ArticleSnapshot.
type snapshotJSON struct {
	Title       string           `json:"title"`
	Summary     string           `json:"summary"`
	Body        string           `json:"body"`
	Cover       *imageJSON       `json:"cover,omitempty"`
	Attachments []attachmentJSON `json:"attachments"`
	Tags        []string         `json:"tags"`
	CategoryID  uuid.UUID        `json:"category_id"`
	Author      string           `json:"author"`
	Lang        string           `json:"lang"`
	Featured    bool             `json:"featured"`
	PublishAt   *time.Time       `json:"publish_at,omitempty"`
}

// revisionJSON is a news.Revision; Snapshot only on the answer about one.
type revisionJSON struct {
	Number       int           `json:"number"`
	ArticleID    uuid.UUID     `json:"article_id"`
	ActorID      uuid.UUID     `json:"actor_id"`
	ActorName    string        `json:"actor_name"`
	At           time.Time     `json:"at"`
	Action       news.Action   `json:"action"`
	Status       news.Status   `json:"status"`
	Note         string        `json:"note,omitempty"`
	Base         int           `json:"base"`
	RestoredFrom int           `json:"restored_from,omitempty"`
	Rejected     bool          `json:"rejected,omitempty"`
	Snapshot     *snapshotJSON `json:"snapshot,omitempty"`
}

func newRevisionJSON(r *news.Revision) *revisionJSON {
	out := &revisionJSON{Number: r.Number, ArticleID: r.ArticleID, ActorID: r.ActorID, ActorName: r.ActorName,
		At: r.At.UTC(), Action: r.Action, Status: r.Status, Note: r.Note, Base: r.Base,
		RestoredFrom: r.RestoredFrom, Rejected: r.Rejected}
	if s := r.Snapshot; s != nil {
		tags := s.Tags
		if tags == nil {
			tags = []string{}
		}
		out.Snapshot = &snapshotJSON{Title: s.Title, Summary: s.Summary, Body: s.Body, Cover: newImageJSON(s.Cover),
			Attachments: newAttachmentsJSON(s.Attachments), Tags: tags, CategoryID: s.CategoryID, Author: s.Author,
			Lang: s.Lang, Featured: s.Featured, PublishAt: optTime(s.PublishAt)}
	}
	return out
}

// categoryJSON is a news.Category.
type categoryJSON struct {
	ID          uuid.UUID `json:"id"`
	Slug        string    `json:"slug"`
	Aliases     []string  `json:"aliases,omitempty"` // old slugs, which still lead to the category
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	ParentID    uuid.UUID `json:"parent_id"`
	Position    int       `json:"position"`
}

func newCategoryJSON(c *news.Category) *categoryJSON {
	return &categoryJSON{ID: c.ID, Slug: c.Slug, Aliases: c.Aliases, Name: c.Name, Description: c.Description, ParentID: c.ParentID, Position: c.Position}
}

// accountJSON is a news.Account without its password hash and TOTP
// secret, which no answer ever holds.
type accountJSON struct {
	ID          uuid.UUID   `json:"id"`
	Username    string      `json:"username"`
	DisplayName string      `json:"display_name"`
	Email       string      `json:"email,omitempty"`
	Role        news.Role   `json:"role"`
	RoleLabel   string      `json:"role_label"` // Vietnamese: "biên tập viên"
	Categories  []uuid.UUID `json:"categories"`
	Disabled    bool        `json:"disabled"`
	TOTP        bool        `json:"totp"` // whether it has a second factor
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

func newAccountJSON(a *news.Account) *accountJSON {
	cats := a.Categories
	if cats == nil {
		cats = []uuid.UUID{}
	}
	return &accountJSON{ID: a.ID, Username: a.Username, DisplayName: a.DisplayName, Email: a.Email, Role: a.Role,
		RoleLabel: a.Role.Label(), Categories: cats, Disabled: a.Disabled, TOTP: a.HasTOTP(),
		CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()}
}

// actorJSON is who is signed in.
type actorJSON struct {
	AccountID  uuid.UUID   `json:"account_id"`
	Username   string      `json:"username"`
	Name       string      `json:"name"`
	Role       news.Role   `json:"role"`
	RoleLabel  string      `json:"role_label"`
	Categories []uuid.UUID `json:"categories"`
	TokenID    *uuid.UUID  `json:"token_id,omitempty"` // when acting with an API token
	NeedsTOTP  bool        `json:"needs_totp,omitempty"`
}

func newActorJSON(a news.Actor) *actorJSON {
	cats := a.Categories
	if cats == nil {
		cats = []uuid.UUID{}
	}
	out := &actorJSON{AccountID: a.AccountID, Username: a.Username, Name: a.Name, Role: a.Role,
		RoleLabel: a.Role.Label(), Categories: cats, NeedsTOTP: a.NeedsTOTP}
	if a.TokenID != uuid.Nil {
		out.TokenID = &a.TokenID
	}
	return out
}

// tokenJSON is a news.APIToken without its hash; Token, the secret, only
// in the answer that creates it.
type tokenJSON struct {
	ID         uuid.UUID  `json:"id"`
	Token      string     `json:"token,omitempty"`
	Name       string     `json:"name"`
	AccountID  uuid.UUID  `json:"account_id"`
	Role       news.Role  `json:"role"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
}

func newTokenJSON(t *news.APIToken) *tokenJSON {
	return &tokenJSON{ID: t.ID, Name: t.Name, AccountID: t.AccountID, Role: t.Role, CreatedAt: t.CreatedAt.UTC(),
		ExpiresAt: t.ExpiresAt.UTC(), LastUsedAt: optTime(t.LastUsedAt)}
}

// optTime returns nil for the zero time and the time in UTC otherwise.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
