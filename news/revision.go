package news

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// A Revision is one saved state of an article: every save through the
// Newsroom (an edit, an autosave, a transition, a restore) adds one, and a
// stale save is kept as one of its own, so nothing written is lost.
type Revision struct {
	ArticleID uuid.UUID
	// Number counts the article's revisions from 1, in the order they
	// were saved. The store assigns it.
	Number    int
	ActorID   uuid.UUID // the account that saved it; uuid.Nil for a program
	ActorName string    // its display name at the time
	At        time.Time
	Action    Action // what made it: create, edit, a transition, restore-revision, or conflict
	Status    Status // the article's status after it (for a rejected one, the status it was made on)
	// Note is the saver's note, or the comment of a return or of another
	// transition.
	Note string
	// Base is the revision the change was made on (0 for the first one);
	// for a restore, the revision restored is in RestoredFrom.
	Base         int
	RestoredFrom int // the restored revision; 0 unless Action is ActionRestore
	// Rejected marks a change refused as stale: it is kept here but is
	// not the article's content.
	Rejected bool
	// Snapshot is the article's editable fields in this revision. Lists of
	// revisions leave it nil; NewsroomStore.Revision fills it.
	Snapshot *ArticleSnapshot
}

// Clone returns a deep copy of r.
func (r *Revision) Clone() *Revision {
	if r == nil {
		return nil
	}
	cp := *r
	cp.Snapshot = r.Snapshot.Clone()
	return &cp
}

// An ArticleSnapshot is the editable fields of an article at a revision.
type ArticleSnapshot struct {
	Title       string
	Summary     string
	Body        string // sanitised HTML
	Cover       *Image
	Attachments []Attachment
	Tags        []string
	CategoryID  uuid.UUID
	Author      string
	Lang        string
	Featured    bool
	PublishAt   time.Time
}

// SnapshotOf returns the editable fields of a.
func SnapshotOf(a *Article) *ArticleSnapshot {
	s := &ArticleSnapshot{Title: a.Title, Summary: a.Summary, Body: a.Body, Cover: a.Cover,
		Attachments: a.Attachments, Tags: a.Tags, CategoryID: a.CategoryID, Author: a.Author,
		Lang: a.Lang, Featured: a.Featured, PublishAt: a.PublishAt}
	return s.Clone()
}

// Clone returns a deep copy of s.
func (s *ArticleSnapshot) Clone() *ArticleSnapshot {
	if s == nil {
		return nil
	}
	cp := *s
	cp.Attachments = slices.Clone(s.Attachments)
	cp.Tags = slices.Clone(s.Tags)
	if s.Cover != nil {
		c := *s.Cover
		cp.Cover = &c
	}
	return &cp
}

// ArticlePatch is a partial update of an article: a nil field is left as
// it is, a non-nil one replaces the field (a pointer to "" empties a text
// field, a pointer to a nil slice empties a list). It carries the revision
// it was made on.
type ArticlePatch struct {
	// Base is the article's revision the change was made on (HTTP:
	// If-Match). When it is no longer the current revision the save is
	// refused with a *StaleError and the change is kept as a revision of
	// its own. 0 skips the check (a program that knows it is alone).
	Base        int
	Slug        *string
	Title       *string
	Summary     *string
	BodyHTML    *string
	Cover       **Image // a pointer to nil removes the cover
	Attachments *[]Attachment
	Author      *string
	CategoryID  *uuid.UUID
	Tags        *[]string
	Lang        *string
	Featured    *bool
	// Note is the revision's note, such as "sửa lỗi chính tả"; optional.
	Note string
	// Autosave marks a save the editor made by itself; the revision
	// records it as an edit with the note "autosave" when Note is empty.
	Autosave bool
}

// Empty reports whether p changes no field.
func (p *ArticlePatch) Empty() bool {
	return p.Slug == nil && p.Title == nil && p.Summary == nil && p.BodyHTML == nil && p.Cover == nil &&
		p.Attachments == nil && p.Author == nil && p.CategoryID == nil && p.Tags == nil && p.Lang == nil &&
		p.Featured == nil
}

// Apply returns in with the fields p sets replaced.
func (p *ArticlePatch) Apply(in ArticleInput) ArticleInput {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&in.Slug, p.Slug)
	set(&in.Title, p.Title)
	set(&in.Summary, p.Summary)
	set(&in.BodyHTML, p.BodyHTML)
	set(&in.Author, p.Author)
	set(&in.Lang, p.Lang)
	if p.Cover != nil {
		in.Cover = *p.Cover
	}
	if p.Attachments != nil {
		in.Attachments = *p.Attachments
	}
	if p.CategoryID != nil {
		in.CategoryID = *p.CategoryID
	}
	if p.Tags != nil {
		in.Tags = *p.Tags
	}
	if p.Featured != nil {
		in.Featured = *p.Featured
	}
	return in
}

// InputOf returns the editable fields of a as an ArticleInput, with its
// current slug: the starting point of a patch.
func InputOf(a *Article) ArticleInput {
	c := a.Clone()
	return ArticleInput{Slug: c.Slug, Title: c.Title, Summary: c.Summary, BodyHTML: c.Body, Cover: c.Cover,
		Attachments: c.Attachments, Author: c.Author, CategoryID: c.CategoryID, Tags: c.Tags, Lang: c.Lang,
		Featured: c.Featured}
}

// A DiffOp is one piece of a diff: text both sides share, or text only
// the old or only the new side has.
type DiffOp struct {
	Kind DiffKind
	Text string
}

// DiffKind says which side a DiffOp's text is on.
type DiffKind string

// The kinds of DiffOp.
const (
	DiffEqual  DiffKind = "equal"  // on both sides
	DiffDelete DiffKind = "delete" // only in the old revision
	DiffInsert DiffKind = "insert" // only in the new revision
)

// A RevisionDiff compares the title, summary and body text of two
// revisions of an article, word by word; the body is compared as plain
// text, paragraph breaks kept as newlines.
type RevisionDiff struct {
	From, To int // revision numbers
	Title    []DiffOp
	Summary  []DiffOp
	Body     []DiffOp
}

// DiffText returns the word diff from a to b: the shortest list of
// equal, deleted and inserted runs (longest common subsequence of words,
// whitespace kept with the word before it). Joining the equal and deleted
// texts gives a, the equal and inserted b.
func DiffText(a, b string) []DiffOp {
	return nil
}

// Diff compares the snapshots of two revisions (see RevisionDiff).
func Diff(from, to *Revision) *RevisionDiff {
	return &RevisionDiff{From: from.Number, To: to.Number}
}
