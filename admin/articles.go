package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// articleFields are the members of a body that creates or changes an
// article.
var articleFields = []string{"slug", "title", "summary", "body", "cover", "attachments", "author", "category_id",
	"category", "tags", "lang", "featured", "note"}

// handleArticles lists the articles the caller may see: GET api/articles
// with the parameters state, category (ID or slug), author, tag, q,
// limit and cursor.
func (h *Handler) handleArticles() http.Handler {
	type answer struct {
		Articles []*articleJSON `json:"articles"`
		Next     string         `json:"next,omitempty"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		p, err := web.ParseQuery(r.URL.RawQuery, "state", "category", "author", "tag", "q", "limit", "cursor")
		if err != nil {
			return err
		}
		q := news.Query{Status: news.Status(p["state"]), Author: p["author"], Tag: p["tag"], Text: p["q"], Cursor: p["cursor"]}
		if q.Status != "" && !q.Status.Valid() {
			return &news.FieldError{Field: "state", Rule: "must be one of " + statusList()}
		}
		if q.Limit, err = limit(p["limit"]); err != nil {
			return err
		}
		if c := p["category"]; c != "" {
			if q.CategoryID, err = h.categoryID(r.Context(), a, c); err != nil {
				return err
			}
		}
		page, err := h.nr.Articles(r.Context(), a, q)
		if err != nil {
			return err
		}
		out := answer{Articles: make([]*articleJSON, len(page.Articles)), Next: page.Next}
		for i, art := range page.Articles {
			out.Articles[i] = newArticleJSON(art)
		}
		web.WriteJSON(w, http.StatusOK, out)
		return nil
	})
}

// statusList lists the statuses for an error message.
func statusList() string {
	var s []string
	for _, st := range news.Statuses() {
		s = append(s, string(st))
	}
	return strings.Join(s, ", ")
}

// limit parses the limit parameter; "" is 0, the default.
func limit(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > news.MaxLimit {
		return 0, &news.FieldError{Field: "limit", Rule: "must be a number from 1 to " + itoa(news.MaxLimit)}
	}
	return n, nil
}

// categoryID returns the ID of the category whose ID or slug is s.
func (h *Handler) categoryID(ctx context.Context, a news.Actor, s string) (uuid.UUID, error) {
	if id, err := uuid.Parse(s); err == nil {
		return id, nil
	}
	cats, err := h.nr.Categories(ctx, a)
	if err != nil {
		return uuid.Nil, err
	}
	for _, c := range cats {
		if c.Slug == s {
			return c.ID, nil
		}
	}
	return uuid.Nil, &news.FieldError{Field: "category", Rule: "no category has the ID or slug " + web.Quote(s, 64)}
}

// handleCreateArticle writes a new draft: POST api/articles with the
// article's fields and an optional note; 201 with Location and ETag.
func (h *Handler) handleCreateArticle() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		b, err := h.readBody(w, r, articleFields...)
		if err != nil {
			return err
		}
		var p news.ArticlePatch
		if err := h.readPatch(r.Context(), a, b, &p); err != nil {
			return err
		}
		in := p.Apply(news.ArticleInput{})
		art, err := h.nr.CreateArticle(r.Context(), a, in, p.Note)
		if err != nil {
			return err
		}
		w.Header().Set("Location", "articles/"+art.ID.String())
		return h.writeArticle(w, r, a, art, http.StatusCreated)
	})
}

// readPatch reads the article fields of b into p, as patch does, and the
// member category, a category's slug or ID, into p.CategoryID.
func (h *Handler) readPatch(ctx context.Context, a news.Actor, b body, p *news.ArticlePatch) error {
	if err := b.patch(p); err != nil {
		return err
	}
	if !b.has("category") {
		return nil
	}
	if b.has("category_id") {
		return &news.FieldError{Field: "category", Rule: "give category or category_id, not both"}
	}
	s, err := b.text("category")
	if err != nil {
		return err
	}
	id, err := h.categoryID(ctx, a, s)
	if err != nil {
		return err
	}
	p.CategoryID = &id
	return nil
}

// patch reads the article fields of b into p: only those present are
// set.
func (b body) patch(p *news.ArticlePatch) error {
	var err [12]error
	p.Slug, err[0] = b.str("slug")
	p.Title, err[1] = b.str("title")
	p.Summary, err[2] = b.str("summary")
	p.BodyHTML, err[3] = b.str("body")
	p.Author, err[4] = b.str("author")
	p.Lang, err[5] = b.str("lang")
	p.CategoryID, err[6] = b.id("category_id")
	p.Tags, err[7] = b.strings("tags")
	p.Featured, err[8] = b.boolean("featured")
	p.Note, err[9] = b.text("note")
	if b.has("cover") {
		var im *imageJSON
		err[10] = b.decode("cover", &im, "an object with url, alt, caption, width, height, type and size")
		cover := im.image()
		p.Cover = &cover
	}
	if b.has("attachments") {
		var as []attachmentJSON
		err[11] = b.decode("attachments", &as, "a list of objects with url, title, type and size")
		list := attachments(as)
		p.Attachments = &list
	}
	return firstErr(err[:]...)
}

// writeArticle answers art with its revision as ETag and the actions the
// actor may take on it.
func (h *Handler) writeArticle(w http.ResponseWriter, r *http.Request, a news.Actor, art *news.Article, status int) error {
	acts, err := h.nr.Actions(r.Context(), a, art)
	if err != nil {
		return err
	}
	out := newArticleJSON(art)
	out.Actions = acts
	w.Header().Set("ETag", revisionTag(art.Revision))
	web.WriteJSON(w, status, out)
	return nil
}

// revisionTag is the ETag of an article at revision n: "n", quoted.
func revisionTag(n int) string { return `"` + itoa(n) + `"` }

// pathID parses the path segment {id}; a malformed one is not found.
func pathID(r *http.Request) (uuid.UUID, error) {
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		return uuid.Nil, errNotFound
	}
	return id, nil
}

// ifMatch returns the revision r's If-Match names: "n" (quoted or not) is
// n; "*" is 0, which skips the check. Without If-Match it answers 0 when
// required is false, and 428 otherwise.
func ifMatch(r *http.Request, required bool) (int, error) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	switch {
	case v == "" && required:
		return 0, &web.Error{Status: http.StatusPreconditionRequired, Code: "precondition_required", Field: "If-Match",
			Message: "send If-Match with the revision the change was made on (the article's ETag)"}
	case v == "" || v == "*":
		return 0, nil
	}
	n, err := strconv.Atoi(strings.Trim(v, `"`))
	if err != nil || n < 1 {
		return 0, &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: "If-Match",
			Message: "If-Match must be a revision number, such as \"3\", or *"}
	}
	return n, nil
}

// handleArticle answers one article: GET api/articles/{id}.
func (h *Handler) handleArticle() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		art, err := h.nr.Article(r.Context(), a, id)
		if err != nil {
			return err
		}
		return h.writeArticle(w, r, a, art, http.StatusOK)
	})
}

// handlePatchArticle changes the fields sent: PATCH api/articles/{id}
// with If-Match, the fields, an optional note and autosave. A stale
// If-Match is 409 with the current revision; the change is kept as a
// revision of its own.
func (h *Handler) handlePatchArticle() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		base, err := ifMatch(r, true)
		if err != nil {
			return err
		}
		b, err := h.readBody(w, r, append(articleFields[:len(articleFields):len(articleFields)], "autosave")...)
		if err != nil {
			return err
		}
		p := news.ArticlePatch{Base: base}
		if err := h.readPatch(r.Context(), a, b, &p); err != nil {
			return err
		}
		auto, err := b.boolean("autosave")
		if err != nil {
			return err
		}
		p.Autosave = auto != nil && *auto
		art, err := h.nr.PatchArticle(r.Context(), a, id, p)
		if err != nil {
			return err
		}
		return h.writeArticle(w, r, a, art, http.StatusOK)
	})
}

// handleDeleteArticle deletes an article: DELETE api/articles/{id}, with
// If-Match when the caller wants it checked; 204.
func (h *Handler) handleDeleteArticle() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		base, err := ifMatch(r, false)
		if err != nil {
			return err
		}
		if err := h.nr.DeleteArticle(r.Context(), a, id, base); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

// handleTransition moves an article through the workflow: POST
// api/articles/{id}/<action> with {"comment", "publish_at"}, and If-Match
// when the step was decided on a revision.
func (h *Handler) handleTransition(action news.Action) http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		base, err := ifMatch(r, false)
		if err != nil {
			return err
		}
		b, err := h.readBody(w, r, "comment", "publish_at")
		if err != nil {
			return err
		}
		comment, err1 := b.text("comment")
		at, err2 := b.time("publish_at")
		if err := firstErr(err1, err2); err != nil {
			return err
		}
		art, err := h.nr.Transition(r.Context(), a, id, news.TransitionInput{Action: action, Base: base, Comment: comment, PublishAt: at})
		if err != nil {
			return err
		}
		return h.writeArticle(w, r, a, art, http.StatusOK)
	})
}

// handleRevisions lists an article's revisions, oldest first: GET
// api/articles/{id}/revisions.
func (h *Handler) handleRevisions() http.Handler {
	type answer struct {
		Revisions []*revisionJSON `json:"revisions"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if err := noQuery(r); err != nil {
			return err
		}
		revs, err := h.nr.Revisions(r.Context(), a, id)
		if err != nil {
			return err
		}
		out := answer{Revisions: make([]*revisionJSON, len(revs))}
		for i, rev := range revs {
			out.Revisions[i] = newRevisionJSON(rev)
		}
		web.WriteJSON(w, http.StatusOK, out)
		return nil
	})
}

// noQuery refuses a query string on a route that takes no parameters.
func noQuery(r *http.Request) error {
	_, err := web.ParseQuery(r.URL.RawQuery)
	return err
}

// pathRevision parses the article ID and the revision number {n}; a
// malformed one is not found.
func pathRevision(r *http.Request) (uuid.UUID, int, error) {
	id, err := pathID(r)
	if err != nil {
		return uuid.Nil, 0, err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return uuid.Nil, 0, errNotFound
	}
	return id, n, nil
}

// handleRevision answers one revision with its snapshot: GET
// api/articles/{id}/revisions/{n}.
func (h *Handler) handleRevision() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, n, err := pathRevision(r)
		if err != nil {
			return err
		}
		if err := noQuery(r); err != nil {
			return err
		}
		rev, err := h.nr.Revision(r.Context(), a, id, n)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, newRevisionJSON(rev))
		return nil
	})
}

// handleDiff compares two revisions' title, summary and body text: GET
// api/articles/{id}/revisions/{n}/diff?to=m.
func (h *Handler) handleDiff() http.Handler {
	type op struct {
		Kind news.DiffKind `json:"kind"`
		Text string        `json:"text"`
	}
	type answer struct {
		From    int  `json:"from"`
		To      int  `json:"to"`
		Title   []op `json:"title"`
		Summary []op `json:"summary"`
		Body    []op `json:"body"`
	}
	ops := func(in []news.DiffOp) []op {
		out := make([]op, len(in))
		for i, o := range in {
			out[i] = op(o)
		}
		return out
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, n, err := pathRevision(r)
		if err != nil {
			return err
		}
		q, err := web.ParseQuery(r.URL.RawQuery, "to")
		if err != nil {
			return err
		}
		to, err := strconv.Atoi(q["to"])
		if err != nil || to < 1 {
			return &news.FieldError{Field: "to", Rule: "must be the number of the revision to compare with"}
		}
		d, err := h.nr.Diff(r.Context(), a, id, n, to)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, answer{d.From, d.To, ops(d.Title), ops(d.Summary), ops(d.Body)})
		return nil
	})
}

// handleRestore makes an old revision's fields current, as a new
// revision: POST api/articles/{id}/revisions/{n}/restore, with If-Match
// when the caller wants it checked.
func (h *Handler) handleRestore() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, n, err := pathRevision(r)
		if err != nil {
			return err
		}
		base, err := ifMatch(r, false)
		if err != nil {
			return err
		}
		if _, err := h.readBody(w, r); err != nil {
			return err
		}
		art, err := h.nr.RestoreRevision(r.Context(), a, id, n, base)
		if err != nil {
			return err
		}
		return h.writeArticle(w, r, a, art, http.StatusOK)
	})
}
