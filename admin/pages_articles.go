package admin

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// dashboardLimit is how many articles each list of the dashboard shows.
const dashboardLimit = 10

// A stateCount is the number of articles in a state; More says there are
// more than Count.
type stateCount struct {
	Status news.Status
	Count  int
	More   bool
}

// A section is one list of the dashboard.
type section struct {
	Key      string      // message key of its heading
	State    news.Status // the state of the article list that shows it all
	Articles []*news.Article
	Comments map[uuid.UUID]string // the return comment of each, for "returned to me"
}

// handleDashboard shows what waits for the signed-in person: GET /.
func (h *Handler) handleDashboard() http.Handler {
	type data struct {
		Counts   []stateCount
		Sections []*section
	}
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		ctx, now := r.Context(), h.now()
		var d data
		for _, st := range news.Statuses() {
			p, err := h.nr.Articles(ctx, a, news.Query{Status: st, Limit: news.MaxLimit})
			if err != nil {
				return err
			}
			d.Counts = append(d.Counts, stateCount{st, len(p.Articles), p.Next != ""})
		}
		add := func(key string, q news.Query) (*section, error) {
			q.Limit = dashboardLimit
			p, err := h.nr.Articles(ctx, a, q)
			if err != nil {
				return nil, err
			}
			s := &section{Key: key, State: q.Status, Articles: p.Articles}
			d.Sections = append(d.Sections, s)
			return s, nil
		}
		if _, err := add("dash.drafts", news.Query{Status: news.StatusDraft, OwnerID: a.AccountID}); err != nil {
			return err
		}
		ret, err := add("dash.returned", news.Query{Status: news.StatusReturned, OwnerID: a.AccountID})
		if err != nil {
			return err
		}
		ret.Comments = map[uuid.UUID]string{}
		for _, art := range ret.Articles {
			if ret.Comments[art.ID], err = h.returnComment(ctx, a, art); err != nil {
				return err
			}
		}
		if a.Role.AtLeast(news.RoleEditor) {
			if _, err := add("dash.review", news.Query{Status: news.StatusSubmitted}); err != nil {
				return err
			}
		}
		if a.Role.AtLeast(news.RoleApprover) && h.nr.ApprovalRequired() {
			if _, err := add("dash.approval", news.Query{Status: news.StatusAwaitingApproval}); err != nil {
				return err
			}
		}
		if _, err := add("dash.scheduled", news.Query{Status: news.StatusPublished, From: now.Add(time.Second)}); err != nil {
			return err
		}
		if _, err := add("dash.published", news.Query{Status: news.StatusPublished, To: now}); err != nil {
			return err
		}
		h.render(w, r, http.StatusOK, "dashboard", h.newView(r, &a, "dashboard", "dash.title", d))
		return nil
	})
}

// returnComment returns the comment of the last return of a returned
// article: the note of its newest revision made by a return.
func (h *Handler) returnComment(ctx context.Context, a news.Actor, art *news.Article) (string, error) {
	revs, err := h.nr.Revisions(ctx, a, art.ID)
	if err != nil {
		return "", err
	}
	for _, rev := range slices.Backward(revs) {
		if rev.Action == news.ActionReturn {
			return rev.Note, nil
		}
	}
	return "", nil
}

// A catOption is a category in a <select>, indented by its depth.
type catOption struct {
	ID    uuid.UUID
	Name  string
	Slug  string
	Depth int
	Cat   *news.Category
}

// Indent returns the prefix that shows the option's depth.
func (c catOption) Indent() string { return strings.Repeat("— ", c.Depth) }

// categoryTree returns the categories in tree order: each after its
// parent, siblings by position, then name.
func categoryTree(cats []*news.Category) []catOption {
	children := map[uuid.UUID][]*news.Category{}
	known := map[uuid.UUID]bool{}
	for _, c := range cats {
		known[c.ID] = true
	}
	for _, c := range cats {
		parent := c.ParentID
		if !known[parent] {
			parent = uuid.Nil
		}
		children[parent] = append(children[parent], c)
	}
	var out []catOption
	var walk func(parent uuid.UUID, depth int)
	walk = func(parent uuid.UUID, depth int) {
		list := children[parent]
		slices.SortFunc(list, func(x, y *news.Category) int {
			if x.Position != y.Position {
				return x.Position - y.Position
			}
			return strings.Compare(x.Name, y.Name)
		})
		for _, c := range list {
			out = append(out, catOption{ID: c.ID, Name: c.Name, Slug: c.Slug, Depth: depth, Cat: c})
			if depth < 16 {
				walk(c.ID, depth+1)
			}
		}
	}
	walk(uuid.Nil, 0)
	return out
}

// listFilter is the article list's filters, as the form holds them.
type listFilter struct {
	State, Category, Author, Text, Cursor string
}

// handleArticleList lists the articles the person may see, filtered by
// state, category, author and words, a page at a time: GET
// articles?state=&category=&author=&q=&cursor=.
func (h *Handler) handleArticleList() http.Handler {
	type data struct {
		Filter     listFilter
		States     []news.Status
		Categories []catOption
		Names      map[uuid.UUID]string
		Articles   []*news.Article
		Next       string // the path of the next page
		First      string // the path of the first page, when this is not it
	}
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		qs := r.URL.Query()
		f := listFilter{State: qs.Get("state"), Category: qs.Get("category"), Author: qs.Get("author"), Text: qs.Get("q"), Cursor: qs.Get("cursor")}
		q := news.Query{Status: news.Status(f.State), Author: f.Author, Text: f.Text, Cursor: f.Cursor}
		if q.Status != "" && !q.Status.Valid() {
			return &news.FieldError{Field: "state", Rule: "must be one of " + statusList()}
		}
		cats, err := h.nr.Categories(r.Context(), a)
		if err != nil {
			return err
		}
		if f.Category != "" {
			if q.CategoryID, err = h.categoryID(r.Context(), a, f.Category); err != nil {
				return err
			}
		}
		page, err := h.nr.Articles(r.Context(), a, q)
		if err != nil {
			return err
		}
		d := data{Filter: f, States: news.Statuses(), Categories: categoryTree(cats), Names: categoryNames(cats), Articles: page.Articles}
		keep := url.Values{}
		for k, v := range map[string]string{"state": f.State, "category": f.Category, "author": f.Author, "q": f.Text} {
			if v != "" {
				keep.Set(k, v)
			}
		}
		list := h.cookiePath(r) + "articles?"
		if f.Cursor != "" {
			d.First = list + keep.Encode()
		}
		if page.Next != "" {
			keep.Set("cursor", page.Next)
			d.Next = list + keep.Encode()
		}
		h.render(w, r, http.StatusOK, "articles", h.newView(r, &a, "articles", "list.title", d))
		return nil
	})
}

// categoryNames maps category IDs to names.
func categoryNames(cats []*news.Category) map[uuid.UUID]string {
	out := make(map[uuid.UUID]string, len(cats))
	for _, c := range cats {
		out[c.ID] = c.Name
	}
	return out
}

// articleForm is what the editor's form holds, as typed.
type articleForm struct {
	Title, Summary, Body, CategoryID, Tags, Author, Lang string
	Featured                                             bool
	CoverURL, CoverAlt, CoverCaption                     string
	Attachments                                          string // one a line: "URL | title"
	Note                                                 string
	Revision                                             int
}

// formOf returns the form of art.
func formOf(art *news.Article) articleForm {
	f := articleForm{Title: art.Title, Summary: art.Summary, Body: art.Body, CategoryID: art.CategoryID.String(),
		Tags: strings.Join(art.Tags, ", "), Author: art.Author, Lang: art.Lang, Featured: art.Featured, Revision: art.Revision}
	if art.Cover != nil {
		f.CoverURL, f.CoverAlt, f.CoverCaption = art.Cover.URL, art.Cover.Alt, art.Cover.Caption
	}
	var lines []string
	for _, at := range art.Attachments {
		lines = append(lines, at.URL+" | "+at.Title)
	}
	f.Attachments = strings.Join(lines, "\n")
	return f
}

// readArticleForm reads the editor's form from r.
func readArticleForm(r *http.Request) articleForm {
	f := articleForm{Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), Body: r.PostFormValue("body"),
		CategoryID: r.PostFormValue("category_id"), Tags: r.PostFormValue("tags"), Author: r.PostFormValue("author"),
		Lang: r.PostFormValue("lang"), Featured: r.PostFormValue("featured") != "",
		CoverURL: r.PostFormValue("cover_url"), CoverAlt: r.PostFormValue("cover_alt"), CoverCaption: r.PostFormValue("cover_caption"),
		Attachments: r.PostFormValue("attachments"), Note: r.PostFormValue("note")}
	f.Revision, _ = strconv.Atoi(r.PostFormValue("revision"))
	return f
}

// patch returns the change f makes to cur (nil for a new article): every
// field, keeping the size and type of a cover or attachment whose URL
// stays.
func (f articleForm) patch(cur *news.Article) (news.ArticlePatch, error) {
	p := news.ArticlePatch{Base: f.Revision, Title: &f.Title, Summary: &f.Summary, BodyHTML: &f.Body, Author: &f.Author,
		Lang: &f.Lang, Featured: &f.Featured, Note: f.Note}
	id, err := uuid.Parse(f.CategoryID)
	if err != nil {
		return p, &news.FieldError{Field: "category_id", Rule: "choose a category"}
	}
	p.CategoryID = &id
	tags := []string{}
	for t := range strings.SplitSeq(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	p.Tags = &tags
	var cover *news.Image
	if u := strings.TrimSpace(f.CoverURL); u != "" {
		cover = &news.Image{URL: u, Alt: f.CoverAlt, Caption: f.CoverCaption}
		if cur != nil && cur.Cover != nil && cur.Cover.URL == u {
			cover.Width, cover.Height, cover.Type, cover.Size = cur.Cover.Width, cur.Cover.Height, cur.Cover.Type, cur.Cover.Size
		}
	}
	p.Cover = &cover
	atts := []news.Attachment{}
	for line := range strings.SplitSeq(f.Attachments, "\n") {
		u, title, _ := strings.Cut(line, "|")
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		at := news.Attachment{URL: u, Title: strings.TrimSpace(title)}
		if cur != nil {
			for _, old := range cur.Attachments {
				if old.URL == u {
					at.Type, at.Size = old.Type, old.Size
				}
			}
		}
		atts = append(atts, at)
	}
	p.Attachments = &atts
	return p, nil
}

// A conflictView is the choice offered after a stale save.
type conflictView struct {
	Current *news.Revision
	Kept    int
}

// editorData is what the editor page shows.
type editorData struct {
	Article    *news.Article // nil for a new article
	Form       articleForm
	Categories []catOption
	Tags       []string // the tags in use, for suggestions
	Langs      []string
	CanEdit    bool
	Actions    []news.Action // the workflow steps the person may take
	CanDelete  bool
	Returned   string // the comment of the last return
	Conflict   *conflictView
	Preview    bool
	Tomorrow8  string // 8:00 tomorrow in the site's zone, for the time fields
	Now        string // now, for the time fields' minimum
	EditorJS   string // the rich-text editor's bundle, when there is one
	EditorCSS  string
	Upload     *uploadView // the upload area, nil without a media library
}

// editorPage builds the editor's data for art (nil: a new article), with
// form as typed.
func (h *Handler) editorPage(ctx context.Context, a news.Actor, art *news.Article, form articleForm) (*editorData, error) {
	cats, err := h.nr.Categories(ctx, a)
	if err != nil {
		return nil, err
	}
	d := &editorData{Article: art, Form: form, Categories: categoryTree(cats), Langs: []string{"vi", "en"},
		CanEdit: art == nil, Preview: h.preview != nil}
	if d.Form.Lang == "" {
		d.Form.Lang = news.DefaultLang
	}
	now := h.now().In(h.loc)
	d.Now = now.Format(localTimeFormat)
	d.Tomorrow8 = time.Date(now.Year(), now.Month(), now.Day()+1, 8, 0, 0, 0, h.loc).Format(localTimeFormat)
	d.EditorJS, _ = h.assets.url("editor/editor.js")
	d.EditorCSS, _ = h.assets.url("editor/editor.css")
	if d.Tags, err = h.tagsInUse(ctx, a); err != nil {
		return nil, err
	}
	if art == nil {
		return d, nil
	}
	acts, err := h.nr.Actions(ctx, a, art)
	if err != nil {
		return nil, err
	}
	for _, act := range acts {
		switch {
		case act == news.ActionEdit:
			d.CanEdit = true
		case act == news.ActionDelete:
			d.CanDelete = true
		case slices.Contains(transitions, act):
			d.Actions = append(d.Actions, act)
		}
	}
	if art.Status == news.StatusReturned {
		if d.Returned, err = h.returnComment(ctx, a, art); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// localTimeFormat is the value of an <input type="datetime-local">.
const localTimeFormat = "2006-01-02T15:04"

// tagsInUse returns the most used tags of the articles the person sees
// and of the public ones, most used first, for the tag field's first
// suggestions; the page's script asks api/tags for more as one types.
func (h *Handler) tagsInUse(ctx context.Context, a news.Actor) ([]string, error) {
	counts, err := h.nr.Tags(ctx, a, "", news.MaxTagLimit)
	if err != nil {
		return nil, err
	}
	tags := make([]string, len(counts))
	for i, tc := range counts {
		tags[i] = tc.Tag
	}
	return tags, nil
}

// renderEditor shows the editor with the status; err, when not nil, is
// the refusal shown on it.
func (h *Handler) renderEditor(w http.ResponseWriter, r *http.Request, a news.Actor, status int, d *editorData, err error) error {
	title := "ed.new"
	if d.Article != nil {
		title = "ed.edit"
	}
	v := h.newView(r, &a, "editor", title, d)
	if d.EditorJS != "" {
		v.Scripts = append(v.Scripts, d.EditorJS)
	}
	if d.EditorCSS != "" {
		v.Styles = append(v.Styles, d.EditorCSS)
	}
	if d.Upload = h.uploadOf(r); d.Upload != nil {
		h.script(v, "media.js")
	}
	h.script(v, "editor-page.js")
	return h.renderForm(w, r, status, v, err)
}

// handleNewArticle shows the editor of a new article: GET articles/new.
func (h *Handler) handleNewArticle() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		d, err := h.editorPage(r.Context(), a, nil, articleForm{Author: a.Name})
		if err != nil {
			return err
		}
		return h.renderEditor(w, r, a, http.StatusOK, d, nil)
	})
}

// handleCreateForm creates a draft from the editor: POST articles/new;
// on success the editor of the new draft, on a refusal the form again
// with what was typed.
func (h *Handler) handleCreateForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		f := readArticleForm(r)
		p, err := f.patch(nil)
		if err == nil {
			err = h.fillMedia(r.Context(), &p)
		}
		var art *news.Article
		if err == nil {
			art, err = h.nr.CreateArticle(r.Context(), a, p.Apply(news.ArticleInput{}), p.Note)
		}
		if err != nil {
			d, derr := h.editorPage(r.Context(), a, nil, f)
			if derr != nil {
				return derr
			}
			return h.renderEditor(w, r, a, 0, d, err)
		}
		h.redirect(w, r, "articles/"+art.ID.String(), "created")
		return nil
	})
}

// pageArticle loads the article of the path's {id} for a.
func (h *Handler) pageArticle(r *http.Request, a news.Actor) (*news.Article, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return h.nr.Article(r.Context(), a, id)
}

// handleEditor shows an article in the editor: GET articles/{id}.
func (h *Handler) handleEditor() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		art, err := h.pageArticle(r, a)
		if err != nil {
			return err
		}
		d, err := h.editorPage(r.Context(), a, art, formOf(art))
		if err != nil {
			return err
		}
		return h.renderEditor(w, r, a, http.StatusOK, d, nil)
	})
}

// handleSaveForm saves the editor's form: POST articles/{id}, the
// revision it was made on in "revision". A stale save shows the form
// again, as typed, with the choice between keeping it (the form now
// carries the current revision, so saving again overwrites), taking the
// current revision, or comparing the two: the domain kept the change as
// a revision, so nothing is lost either way.
func (h *Handler) handleSaveForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		art, err := h.pageArticle(r, a)
		if err != nil {
			return err
		}
		f := readArticleForm(r)
		p, err := f.patch(art)
		if err == nil {
			err = h.fillMedia(r.Context(), &p)
		}
		if err == nil {
			_, err = h.nr.PatchArticle(r.Context(), a, art.ID, p)
		}
		if err == nil {
			h.redirect(w, r, "articles/"+art.ID.String(), "saved")
			return nil
		}
		var se *news.StaleError
		var conflict *conflictView
		if errors.As(err, &se) && se.Current != nil {
			conflict = &conflictView{Current: se.Current, Kept: se.Kept}
			f.Revision = se.Current.Number
			if art, err = h.nr.Article(r.Context(), a, art.ID); err != nil {
				return err
			}
			err = se
		}
		d, derr := h.editorPage(r.Context(), a, art, f)
		if derr != nil {
			return derr
		}
		d.Conflict = conflict
		return h.renderEditor(w, r, a, 0, d, err)
	})
}

// handleStepForm takes a workflow step from the editor: POST
// articles/{id}/step with action, revision, comment, and for approve
// and schedule "at" (now, tomorrow-8 or custom) with publish_at, a
// datetime-local in the site's time zone. action "delete" deletes the
// article.
func (h *Handler) handleStepForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		art, err := h.pageArticle(r, a)
		if err != nil {
			return err
		}
		action := news.Action(r.PostFormValue("action"))
		base, _ := strconv.Atoi(r.PostFormValue("revision"))
		switch {
		case action == news.ActionDelete:
			err = h.nr.DeleteArticle(r.Context(), a, art.ID, base)
			if err == nil {
				h.redirect(w, r, "articles", "deleted")
				return nil
			}
		case !slices.Contains(transitions, action):
			err = &news.FieldError{Field: "action", Rule: "must be a workflow step"}
		default:
			in := news.TransitionInput{Action: action, Base: base, Comment: strings.TrimSpace(r.PostFormValue("comment"))}
			in.PublishAt, err = h.publishAt(r)
			if err == nil {
				_, err = h.nr.Transition(r.Context(), a, art.ID, in)
			}
			if err == nil {
				h.redirect(w, r, "articles/"+art.ID.String(), "step")
				return nil
			}
		}
		d, derr := h.editorPage(r.Context(), a, art, formOf(art))
		if derr != nil {
			return derr
		}
		return h.renderEditor(w, r, a, 0, d, err)
	})
}

// publishAt reads the time of a step: "at" now (zero: the domain's now),
// tomorrow-8 (8:00 tomorrow in the site's zone) or custom (publish_at).
func (h *Handler) publishAt(r *http.Request) (time.Time, error) {
	switch r.PostFormValue("at") {
	case "", "now":
		return time.Time{}, nil
	case "tomorrow-8":
		now := h.now().In(h.loc)
		return time.Date(now.Year(), now.Month(), now.Day()+1, 8, 0, 0, 0, h.loc), nil
	case "custom":
		t, err := time.ParseInLocation(localTimeFormat, r.PostFormValue("publish_at"), h.loc)
		if err != nil {
			return time.Time{}, &news.FieldError{Field: "publish_at", Rule: "must be a date and time"}
		}
		return t, nil
	}
	return time.Time{}, &news.FieldError{Field: "at", Rule: "must be now, tomorrow-8 or custom"}
}

// handlePreview shows a draft as readers would see it, through
// Options.Preview, under a band that says it is a preview: GET
// articles/{id}/preview. Only signed-in staff who may see the article
// get it; it is never cached.
func (h *Handler) handlePreview() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		if h.preview == nil {
			return errNotFound
		}
		art, err := h.pageArticle(r, a)
		if err != nil {
			return err
		}
		l := h.locale(r)
		doc, err := h.preview(r.Context(), art, l.Lang())
		if err != nil {
			return err
		}
		var band bytes.Buffer
		v := h.newView(r, &a, "preview", "ed.preview", art)
		v.CSS, _ = h.assets.url("preview.css")
		if err := h.pages["editor"].ExecuteTemplate(&band, "preview-band", v); err != nil {
			return err
		}
		setPageHeaders(w)
		// The body's text-align attributes show as readers will see them.
		w.Header().Set("Content-Security-Policy", pageCSP+"; style-src-attr "+web.AlignStyleSources())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(withBand(doc, band.Bytes())) // an error means the client went away
		return nil
	})
}

// withBand returns doc with band right after its <body> tag (at its
// start when it has none).
func withBand(doc, band []byte) []byte {
	lower := bytes.ToLower(doc)
	at := 0
	if i := bytes.Index(lower, []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(doc[i:], '>'); j >= 0 {
			at = i + j + 1
		}
	}
	out := make([]byte, 0, len(doc)+len(band))
	out = append(out, doc[:at]...)
	out = append(out, band...)
	return append(out, doc[at:]...)
}

// handleRevisionsPage lists an article's revisions, with the choice of
// two to compare, a restore button each, and, for admins, the article's
// audit trail: GET articles/{id}/revisions.
func (h *Handler) handleRevisionsPage() http.Handler {
	type data struct {
		Article    *news.Article
		Revisions  []*news.Revision
		CanRestore bool
		Trail      []*news.AuditEntry
	}
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		art, err := h.pageArticle(r, a)
		if err != nil {
			return err
		}
		revs, err := h.nr.Revisions(r.Context(), a, art.ID)
		if err != nil {
			return err
		}
		slices.Reverse(revs)
		acts, err := h.nr.Actions(r.Context(), a, art)
		if err != nil {
			return err
		}
		d := data{Article: art, Revisions: revs, CanRestore: slices.Contains(acts, news.ActionRestore)}
		if a.Role == news.RoleAdmin {
			page, err := h.nr.Audit(r.Context(), a, news.AuditFilter{ObjectType: news.ObjectArticle, ObjectID: art.ID.String(), Limit: news.MaxLimit})
			if err != nil {
				return err
			}
			d.Trail = page.Entries
		}
		h.render(w, r, http.StatusOK, "revisions", h.newView(r, &a, "revisions", "rev.title", d))
		return nil
	})
}

// handleRestoreForm restores a revision: POST
// articles/{id}/revisions/{n}/restore with the current revision in
// "revision".
func (h *Handler) handleRestoreForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, n, err := pathRevision(r)
		if err != nil {
			return err
		}
		base, _ := strconv.Atoi(r.PostFormValue("revision"))
		if _, err := h.nr.RestoreRevision(r.Context(), a, id, n, base); err != nil {
			return err
		}
		h.redirect(w, r, "articles/"+id.String(), "restored")
		return nil
	})
}

// A diffSide is one column of the side-by-side diff: the operations
// that show on that side.
type diffSide struct {
	Title, Summary, Body []news.DiffOp
}

// handleDiffPage compares two revisions side by side: GET
// articles/{id}/diff?from=n&to=m.
func (h *Handler) handleDiffPage() http.Handler {
	type data struct {
		Article  *news.Article
		From, To int
		Old, New diffSide
	}
	side := func(ops []news.DiffOp, skip news.DiffKind) []news.DiffOp {
		var out []news.DiffOp
		for _, o := range ops {
			if o.Kind != skip {
				out = append(out, o)
			}
		}
		return out
	}
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		art, err := h.pageArticle(r, a)
		if err != nil {
			return err
		}
		from, err1 := strconv.Atoi(r.URL.Query().Get("from"))
		to, err2 := strconv.Atoi(r.URL.Query().Get("to"))
		if err1 != nil || err2 != nil || from < 1 || to < 1 {
			return &news.FieldError{Field: "from", Rule: "from and to must be revision numbers"}
		}
		d, err := h.nr.Diff(r.Context(), a, art.ID, from, to)
		if err != nil {
			return err
		}
		out := data{Article: art, From: d.From, To: d.To,
			Old: diffSide{side(d.Title, news.DiffInsert), side(d.Summary, news.DiffInsert), side(d.Body, news.DiffInsert)},
			New: diffSide{side(d.Title, news.DiffDelete), side(d.Summary, news.DiffDelete), side(d.Body, news.DiffDelete)}}
		h.render(w, r, http.StatusOK, "diff", h.newView(r, &a, "diff", "diff.title", out))
		return nil
	})
}
