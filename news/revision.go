package news

import (
	"slices"
	"strings"
	"time"
	"unicode"

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
	OldURLs     *[]string // see ArticleInput.OldURLs
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
		p.Featured == nil && p.OldURLs == nil
}

// fields names the fields p sets, for the audit log: "title, body".
func (p *ArticlePatch) fields() string {
	var names []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"slug", p.Slug != nil}, {"title", p.Title != nil}, {"summary", p.Summary != nil},
		{"body", p.BodyHTML != nil}, {"cover", p.Cover != nil}, {"attachments", p.Attachments != nil},
		{"author", p.Author != nil}, {"category", p.CategoryID != nil}, {"tags", p.Tags != nil},
		{"lang", p.Lang != nil}, {"featured", p.Featured != nil},
		{"old_urls", p.OldURLs != nil},
	} {
		if f.set {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, ", ")
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
	if p.OldURLs != nil {
		in.OldURLs = *p.OldURLs
	}
	return in
}

// InputOf returns the editable fields of a as an ArticleInput, with its
// current slug: the starting point of a patch.
func InputOf(a *Article) ArticleInput {
	c := a.Clone()
	return ArticleInput{Slug: c.Slug, Title: c.Title, Summary: c.Summary, BodyHTML: c.Body, Cover: c.Cover,
		Attachments: c.Attachments, Author: c.Author, CategoryID: c.CategoryID, Tags: c.Tags, Lang: c.Lang,
		Featured: c.Featured, OldURLs: c.OldURLs}
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

// DiffText returns the diff from a to b: a list of equal, deleted and
// inserted runs, adjacent runs of one kind merged. It compares lines
// first, then, where lines were replaced, their words (each word with the
// white space after it), each time keeping the most in common (a longest
// common subsequence after the common beginning and end). Joining the
// equal and deleted texts gives a, the equal and inserted texts b.
// Identical texts give one equal run; two empty texts give nil.
//
// When the lines (or the words of replaced lines) left after the common
// beginning and end number more than maxDiffCells when multiplied, they
// are one deletion and one insertion.
func DiffText(a, b string) []DiffOp {
	var lines differ
	lines.diff(splitLines(a), splitLines(b))
	var d differ
	ops := lines.ops
	for i := 0; i < len(ops); i++ {
		op := ops[i]
		if i+1 < len(ops) && op.Kind != DiffEqual && ops[i+1].Kind != DiffEqual {
			// A replacement: compare its words.
			del, ins := op.Text, ops[i+1].Text
			if op.Kind == DiffInsert {
				del, ins = ins, del
			}
			var words differ
			words.diff(splitWords(del), splitWords(ins))
			for _, w := range words.ops {
				d.add(w.Kind, w.Text)
			}
			i++
			continue
		}
		d.add(op.Kind, op.Text)
	}
	return d.ops
}

// maxDiffCells bounds the table of the longest common subsequence: 4
// million cells of 4 bytes, some 2,000 lines against 2,000.
const maxDiffCells = 4 << 20

// A differ collects the runs of a diff.
type differ struct{ ops []DiffOp }

// add appends text of kind k, merging it into the last run of that kind.
func (d *differ) add(k DiffKind, text string) {
	if text == "" {
		return
	}
	if n := len(d.ops); n > 0 && d.ops[n-1].Kind == k {
		d.ops[n-1].Text += text
		return
	}
	d.ops = append(d.ops, DiffOp{Kind: k, Text: text})
}

// diff adds the runs from the tokens a to b.
func (d *differ) diff(a, b []string) {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for _, t := range a[:pre] {
		d.add(DiffEqual, t)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) <= maxDiffCells {
		d.lcs(ma, mb)
	} else {
		d.add(DiffDelete, strings.Join(ma, ""))
		d.add(DiffInsert, strings.Join(mb, ""))
	}
	for _, t := range a[len(a)-suf:] {
		d.add(DiffEqual, t)
	}
}

// lcs adds the runs from a to b by a table of the lengths of their longest
// common subsequences, deletions before insertions where both fit.
func (d *differ) lcs(a, b []string) {
	n, m := len(a), len(b)
	// t[i*(m+1)+j] is the length of the LCS of a[i:] and b[j:].
	t := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				t[i*(m+1)+j] = t[(i+1)*(m+1)+j+1] + 1
			default:
				t[i*(m+1)+j] = max(t[(i+1)*(m+1)+j], t[i*(m+1)+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			d.add(DiffEqual, a[i])
			i, j = i+1, j+1
		case t[(i+1)*(m+1)+j] >= t[i*(m+1)+j+1]:
			d.add(DiffDelete, a[i])
			i++
		default:
			d.add(DiffInsert, b[j])
			j++
		}
	}
	for ; i < n; i++ {
		d.add(DiffDelete, a[i])
	}
	for ; j < m; j++ {
		d.add(DiffInsert, b[j])
	}
}

// splitWords cuts s into words, each with the white space that follows
// it; white space at the start is a token of its own.
func splitWords(s string) []string {
	var out []string
	start, inSpace := 0, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && inSpace && i > 0 {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// splitLines cuts s into lines, each with its newline.
func splitLines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		out = append(out, line)
	}
	return out
}

// bodyText returns the plain text of a sanitised body for a diff: one
// line per block (paragraph, heading, list item), each normalised to one
// line, empty ones dropped.
func bodyText(body string) string {
	var lines []string
	for line := range strings.SplitSeq(htmlText(body, '\n'), "\n") {
		if line = NormalizeLine(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// Diff compares the snapshots of two revisions (see RevisionDiff). A
// revision without a snapshot counts as empty.
func Diff(from, to *Revision) *RevisionDiff {
	var a, b ArticleSnapshot
	if from.Snapshot != nil {
		a = *from.Snapshot
	}
	if to.Snapshot != nil {
		b = *to.Snapshot
	}
	return &RevisionDiff{
		From:    from.Number,
		To:      to.Number,
		Title:   DiffText(a.Title, b.Title),
		Summary: DiffText(a.Summary, b.Summary),
		Body:    DiffText(bodyText(a.Body), bodyText(b.Body)),
	}
}
