package admin

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// handleCategories lists every category: GET api/categories.
func (h *Handler) handleCategories() http.Handler {
	return listing(h, "categories", h.nr.Categories, newCategoryJSON)
}

// handleTags suggests tags: GET api/tags?prefix=…&limit=… answers
// {"tags":[{"tag":"Khoa học","count":12},…]}, the tags starting with the
// prefix (folded) of the articles the person sees and of the public ones,
// most used first (see news.Newsroom.Tags).
func (h *Handler) handleTags() http.Handler {
	type tagJSON struct {
		Tag   string `json:"tag"`
		Count int    `json:"count"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		p, err := web.ParseQuery(r.URL.RawQuery, "prefix", "limit")
		if err != nil {
			return err
		}
		n := 0
		if p["limit"] != "" {
			if n, err = strconv.Atoi(p["limit"]); err != nil || n < 1 {
				return &news.FieldError{Field: "limit", Rule: fmt.Sprintf("must be from 1 to %d", news.MaxTagLimit)}
			}
		}
		tags, err := h.nr.Tags(r.Context(), a, p["prefix"], n)
		if err != nil {
			return err
		}
		out := make([]tagJSON, len(tags))
		for i, t := range tags {
			out[i] = tagJSON{Tag: t.Tag, Count: t.Count}
		}
		web.WriteJSON(w, http.StatusOK, map[string][]tagJSON{"tags": out})
		return nil
	})
}

// listing answers a GET route that takes no parameters with the list
// fetch returns, each item made JSON by conv, as {"<name>": [...]}.
func listing[T, J any](h *Handler, name string, fetch func(context.Context, news.Actor) ([]T, error), conv func(T) J) http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		if err := noQuery(r); err != nil {
			return err
		}
		list, err := fetch(r.Context(), a)
		if err != nil {
			return err
		}
		out := make([]J, len(list))
		for i, x := range list {
			out[i] = conv(x)
		}
		web.WriteJSON(w, http.StatusOK, map[string][]J{name: out})
		return nil
	})
}

// removal answers a DELETE route with 204 once remove has removed what
// the path's {id} names.
func (h *Handler) removal(remove func(context.Context, news.Actor, uuid.UUID) error) http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if err := remove(r.Context(), a, id); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

// categoryFields are the members of a body that creates or changes a
// category.
var categoryFields = []string{"slug", "name", "description", "parent_id", "position"}

// categoryPatch reads the category fields of b: only those present are
// set.
func (b body) categoryPatch() (news.CategoryPatch, error) {
	var p news.CategoryPatch
	var err [5]error
	p.Slug, err[0] = b.str("slug")
	p.Name, err[1] = b.str("name")
	p.Description, err[2] = b.str("description")
	p.ParentID, err[3] = b.id("parent_id")
	p.Position, err[4] = b.integer("position")
	return p, firstErr(err[:]...)
}

// handleCreateCategory creates a category: POST api/categories; 201.
func (h *Handler) handleCreateCategory() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		b, err := h.readBody(w, r, categoryFields...)
		if err != nil {
			return err
		}
		p, err := b.categoryPatch()
		if err != nil {
			return err
		}
		var in news.CategoryInput
		in.Slug, in.Name, in.Description = deref(p.Slug), deref(p.Name), deref(p.Description)
		in.ParentID, in.Position = deref(p.ParentID), deref(p.Position)
		c, err := h.nr.CreateCategory(r.Context(), a, in)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusCreated, newCategoryJSON(c))
		return nil
	})
}

// deref returns *p, or the zero value when p is nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// handlePatchCategory changes the fields sent: PATCH api/categories/{id}.
func (h *Handler) handlePatchCategory() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		b, err := h.readBody(w, r, categoryFields...)
		if err != nil {
			return err
		}
		p, err := b.categoryPatch()
		if err != nil {
			return err
		}
		c, err := h.nr.UpdateCategory(r.Context(), a, id, p)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, newCategoryJSON(c))
		return nil
	})
}

// handleAccounts lists every account, for admins: GET api/accounts.
func (h *Handler) handleAccounts() http.Handler {
	return listing(h, "accounts", h.nr.Accounts, newAccountJSON)
}

// handleAccount answers one account: GET api/accounts/{id}; one's own,
// or any for an admin.
func (h *Handler) handleAccount() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		acc, err := h.nr.Account(r.Context(), a, id)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, newAccountJSON(acc))
		return nil
	})
}

// handleCreateAccount creates an account, for admins: POST api/accounts
// {"username", "display_name", "email", "role", "categories",
// "password"}; 201. The password is never in an answer.
func (h *Handler) handleCreateAccount() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		b, err := h.readBody(w, r, "username", "display_name", "email", "role", "categories", "password")
		if err != nil {
			return err
		}
		var in news.AccountInput
		var role string
		var cats *[]uuid.UUID
		var errs [6]error
		in.Username, errs[0] = b.text("username")
		in.DisplayName, errs[1] = b.text("display_name")
		in.Email, errs[2] = b.text("email")
		role, errs[3] = b.text("role")
		cats, errs[4] = b.ids("categories")
		in.Password, errs[5] = b.text("password")
		if err := firstErr(errs[:]...); err != nil {
			return err
		}
		in.Role, in.Categories = news.Role(role), deref(cats)
		acc, err := h.nr.CreateAccount(r.Context(), a, in)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusCreated, newAccountJSON(acc))
		return nil
	})
}

// handlePatchAccount changes the fields sent: PATCH api/accounts/{id}
// {"display_name", "email", "role", "categories", "disabled"}. Disabling
// an account ends its sessions at once.
func (h *Handler) handlePatchAccount() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		b, err := h.readBody(w, r, "display_name", "email", "role", "categories", "disabled")
		if err != nil {
			return err
		}
		var p news.AccountPatch
		var role *string
		var errs [5]error
		p.DisplayName, errs[0] = b.str("display_name")
		p.Email, errs[1] = b.str("email")
		role, errs[2] = b.str("role")
		p.Categories, errs[3] = b.ids("categories")
		p.Disabled, errs[4] = b.boolean("disabled")
		if err := firstErr(errs[:]...); err != nil {
			return err
		}
		if role != nil {
			rl := news.Role(*role)
			p.Role = &rl
		}
		acc, err := h.nr.UpdateAccount(r.Context(), a, id, p)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, newAccountJSON(acc))
		return nil
	})
}

// handlePassword sets a password: PUT api/accounts/{id}/password
// {"current", "password"}; one's own needs the current one. Every session
// of the account ends; 204.
func (h *Handler) handlePassword() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		b, err := h.readBody(w, r, "current", "password")
		if err != nil {
			return err
		}
		cur, err1 := b.text("current")
		next, err2 := b.text("password")
		if err := firstErr(err1, err2); err != nil {
			return err
		}
		if err := h.nr.ChangePassword(r.Context(), a, id, cur, next); err != nil {
			if errors.Is(err, news.ErrUnauthenticated) {
				return &news.FieldError{Field: "current", Rule: "not the current password"}
			}
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

// handleDisableTOTP removes an account's second factor: DELETE
// api/accounts/{id}/totp; one's own, or any for an admin; 204.
func (h *Handler) handleDisableTOTP() http.Handler { return h.removal(h.nr.DisableTOTP) }

// handleTokens lists API tokens: GET api/tokens; one's own, or all for an
// admin. Never the secrets.
func (h *Handler) handleTokens() http.Handler {
	return listing(h, "tokens", h.nr.Tokens, newTokenJSON)
}

// handleCreateToken creates an API token for the caller: POST api/tokens
// {"name", "role", "expires_at"}; 201 with the token, shown this once.
func (h *Handler) handleCreateToken() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		b, err := h.readBody(w, r, "name", "role", "expires_at")
		if err != nil {
			return err
		}
		var in news.TokenInput
		var role string
		var errs [3]error
		in.Name, errs[0] = b.text("name")
		role, errs[1] = b.text("role")
		in.ExpiresAt, errs[2] = b.time("expires_at")
		if err := firstErr(errs[:]...); err != nil {
			return err
		}
		in.Role = news.Role(role)
		t, err := h.nr.CreateToken(r.Context(), a, in)
		if err != nil {
			return err
		}
		out := newTokenJSON(t.APIToken)
		out.Token = t.Token
		web.WriteJSON(w, http.StatusCreated, out)
		return nil
	})
}

// handleRevokeToken revokes an API token: DELETE api/tokens/{id}; 204.
func (h *Handler) handleRevokeToken() http.Handler { return h.removal(h.nr.RevokeToken) }

// auditParams are the parameters of GET api/audit.
var auditParams = []string{"actor", "action", "object_type", "object_id", "address", "outcome", "from", "to",
	"limit", "cursor", "format"}

// handleAudit reads the audit log, for admins: GET api/audit with the
// filters actor, action, object_type, object_id, address, outcome, from
// and to (RFC 3339), paged by limit and cursor; with format=jsonl, or
// Accept: application/x-ndjson, every entry the filters select as JSON
// lines.
func (h *Handler) handleAudit() http.Handler {
	type answer struct {
		Entries []*news.AuditEntry `json:"entries"`
		Next    string             `json:"next,omitempty"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		q, err := web.ParseQuery(r.URL.RawQuery, auditParams...)
		if err != nil {
			return err
		}
		f := news.AuditFilter{Action: news.Action(q["action"]), ObjectType: q["object_type"], ObjectID: q["object_id"],
			Address: q["address"], Outcome: news.Outcome(q["outcome"]), Cursor: q["cursor"]}
		var errs [4]error
		f.ActorID, errs[0] = parseID("actor", q["actor"])
		if q["from"] != "" {
			f.From, errs[1] = parseTime("from", q["from"])
		}
		if q["to"] != "" {
			f.To, errs[2] = parseTime("to", q["to"])
		}
		f.Limit, errs[3] = limit(q["limit"])
		if err := firstErr(errs[:]...); err != nil {
			return err
		}
		switch format := q["format"]; {
		case format == "jsonl", format == "" && acceptsNDJSON(r):
			return h.exportAudit(w, r, a, f)
		case format != "" && format != "json":
			return &news.FieldError{Field: "format", Rule: "must be json or jsonl"}
		}
		page, err := h.nr.Audit(r.Context(), a, f)
		if err != nil {
			return err
		}
		entries := page.Entries
		if entries == nil {
			entries = []*news.AuditEntry{}
		}
		web.WriteJSON(w, http.StatusOK, answer{entries, page.Next})
		return nil
	})
}

// acceptsNDJSON reports whether r asks for JSON lines.
func acceptsNDJSON(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for part := range strings.SplitSeq(v, ",") {
			mt, _, _ := strings.Cut(part, ";")
			if strings.EqualFold(strings.TrimSpace(mt), "application/x-ndjson") {
				return true
			}
		}
	}
	return false
}

// exportAudit streams the entries f selects as JSON lines. The domain
// checks the caller before writing anything, so a refusal is still a JSON
// error; an error after the first line ends the answer early.
func (h *Handler) exportAudit(w http.ResponseWriter, r *http.Request, a news.Actor, f news.AuditFilter) error {
	lw := &lazyWriter{w: w}
	err := h.nr.ExportAudit(r.Context(), a, lw, f)
	if err != nil && !lw.started {
		return err
	}
	if err != nil {
		h.log.ErrorContext(r.Context(), "admin: audit export ended early", "err", err)
		return nil
	}
	if !lw.started {
		lw.start()
	}
	return lw.buf.Flush()
}

// A lazyWriter sends the header of a JSON lines answer with its first
// bytes, so that an error before them can still be answered as JSON.
type lazyWriter struct {
	w       http.ResponseWriter
	buf     *bufio.Writer
	started bool
}

// start sends the header.
func (l *lazyWriter) start() {
	h := l.w.Header()
	h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="audit.jsonl"`)
	l.w.WriteHeader(http.StatusOK)
	l.buf = bufio.NewWriterSize(l.w, 32<<10)
	l.started = true
}

// Write writes p, sending the header first.
func (l *lazyWriter) Write(p []byte) (int, error) {
	if !l.started {
		l.start()
	}
	return l.buf.Write(p)
}
