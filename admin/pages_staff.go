package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// categoryForm is what a category's form holds, as typed.
type categoryForm struct {
	ID                              uuid.UUID // uuid.Nil for a new category
	Name, Slug, Description, Parent string
	Position                        string
}

// handleCategoriesPage shows the category tree, each with its form, and
// the form of a new one: GET categories. Anyone signed in reads; the
// forms are for admins.
func (h *Handler) handleCategoriesPage() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		return h.renderCategories(w, r, a, http.StatusOK, nil, nil)
	})
}

// categoriesData is what the categories page shows.
type categoriesData struct {
	Tree    []catOption
	CanEdit bool
	Failed  *categoryForm // the form refused, shown as typed
}

// catFields is what the fields of one category's form show.
type catFields struct {
	L                                             *locale
	Tree                                          []catOption
	ID, Name, Slug, Description, Parent, Position string // ID "new" for the form of a new category
}

// Fields returns the fields of the category form id, as given.
func (d *categoriesData) Fields(l *locale, id, name, slug, description, parent, position string) catFields {
	return catFields{L: l, Tree: d.Tree, ID: id, Name: name, Slug: slug, Description: description, Parent: parent, Position: position}
}

// renderCategories shows the categories page; failed and err are the
// refused form and why.
func (h *Handler) renderCategories(w http.ResponseWriter, r *http.Request, a news.Actor, status int, failed *categoryForm, err error) error {
	cats, cerr := h.nr.Categories(r.Context(), a)
	if cerr != nil {
		return cerr
	}
	v := h.newView(r, &a, "categories", "cat.title", &categoriesData{Tree: categoryTree(cats), CanEdit: a.Role == news.RoleAdmin, Failed: failed})
	return h.renderForm(w, r, status, v, err)
}

// readCategoryForm reads a category's form.
func readCategoryForm(r *http.Request) categoryForm {
	return categoryForm{Name: r.PostFormValue("name"), Slug: r.PostFormValue("slug"), Description: r.PostFormValue("description"),
		Parent: r.PostFormValue("parent_id"), Position: r.PostFormValue("position")}
}

// parent and position parse the form's parent and position.
func (f categoryForm) values() (uuid.UUID, int, error) {
	parent := uuid.Nil
	if f.Parent != "" {
		id, err := uuid.Parse(f.Parent)
		if err != nil {
			return uuid.Nil, 0, &news.FieldError{Field: "parent_id", Rule: "choose a category or none"}
		}
		parent = id
	}
	pos := 0
	if f.Position != "" {
		n, err := strconv.Atoi(f.Position)
		if err != nil {
			return uuid.Nil, 0, &news.FieldError{Field: "position", Rule: "must be a whole number"}
		}
		pos = n
	}
	return parent, pos, nil
}

// handleCreateCategoryForm creates a category: POST categories.
func (h *Handler) handleCreateCategoryForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		f := readCategoryForm(r)
		parent, pos, err := f.values()
		if err == nil {
			_, err = h.nr.CreateCategory(r.Context(), a, news.CategoryInput{Slug: f.Slug, Name: f.Name, Description: f.Description,
				ParentID: parent, Position: pos})
		}
		if err != nil {
			return h.renderCategories(w, r, a, 0, &f, err)
		}
		h.redirect(w, r, "categories", "category")
		return nil
	})
}

// handleUpdateCategoryForm renames, moves or reorders a category: POST
// categories/{id}.
func (h *Handler) handleUpdateCategoryForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		f := readCategoryForm(r)
		f.ID = id
		parent, pos, err := f.values()
		if err == nil {
			_, err = h.nr.UpdateCategory(r.Context(), a, id, news.CategoryPatch{Slug: &f.Slug, Name: &f.Name,
				Description: &f.Description, ParentID: &parent, Position: &pos})
		}
		if err != nil {
			return h.renderCategories(w, r, a, 0, &f, err)
		}
		h.redirect(w, r, "categories", "category")
		return nil
	})
}

// handleMoveCategoryForm moves a category one place among its siblings:
// POST categories/{id}/move with by -1 (up) or 1 (down).
func (h *Handler) handleMoveCategoryForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		by, err := strconv.Atoi(r.PostFormValue("by"))
		if err != nil || (by != -1 && by != 1) {
			err = &news.FieldError{Field: "by", Rule: "must be -1 (up) or 1 (down)"}
		} else {
			_, err = h.nr.MoveCategory(r.Context(), a, id, by)
		}
		if err != nil {
			return h.renderCategories(w, r, a, 0, nil, err)
		}
		h.redirect(w, r, "categories", "category")
		return nil
	})
}

// accountForm is what an account's form holds, as typed.
type accountForm struct {
	ID                           uuid.UUID
	Username, DisplayName, Email string
	Role                         news.Role
	Categories                   []string
	Disabled                     bool
}

// accountsData is what the accounts page shows.
type accountsData struct {
	Accounts   []*news.Account
	Roles      []news.Role
	Categories []catOption
	Failed     *accountForm
}

// HasCategory reports whether the account's scope holds the category.
func (accountsData) HasCategory(acc *news.Account, id uuid.UUID) bool {
	for _, c := range acc.Categories {
		if c == id {
			return true
		}
	}
	return false
}

// handleAccountsPage lists the accounts with a form each, and the form
// of a new one: GET accounts (admins).
func (h *Handler) handleAccountsPage() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		return h.renderAccounts(w, r, a, http.StatusOK, nil, nil)
	})
}

// renderAccounts shows the accounts page; failed and err are the refused
// form and why.
func (h *Handler) renderAccounts(w http.ResponseWriter, r *http.Request, a news.Actor, status int, failed *accountForm, err error) error {
	if a.Role != news.RoleAdmin {
		return fmt.Errorf("admin: accounts page: only admins manage accounts: %w", news.ErrForbidden)
	}
	accs, aerr := h.nr.Accounts(r.Context(), a)
	if aerr != nil {
		return aerr
	}
	cats, cerr := h.nr.Categories(r.Context(), a)
	if cerr != nil {
		return cerr
	}
	v := h.newView(r, &a, "accounts", "acc.title", &accountsData{Accounts: accs, Roles: news.Roles(), Categories: categoryTree(cats), Failed: failed})
	return h.renderForm(w, r, status, v, err)
}

// readAccountForm reads an account's form.
func readAccountForm(r *http.Request) accountForm {
	_ = r.ParseForm() // a malformed body leaves the form empty, which the domain refuses
	return accountForm{Username: r.PostForm.Get("username"), DisplayName: r.PostForm.Get("display_name"), Email: r.PostForm.Get("email"),
		Role: news.Role(r.PostForm.Get("role")), Categories: r.PostForm["categories"], Disabled: r.PostForm.Get("disabled") != ""}
}

// scope parses the form's categories.
func (f accountForm) scope() ([]uuid.UUID, error) {
	out := []uuid.UUID{}
	for _, s := range f.Categories {
		id, err := uuid.Parse(s)
		if err != nil {
			return nil, &news.FieldError{Field: "categories", Rule: "must be categories"}
		}
		out = append(out, id)
	}
	return out, nil
}

// handleCreateAccountForm creates an account: POST accounts.
func (h *Handler) handleCreateAccountForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		f := readAccountForm(r)
		scope, err := f.scope()
		if err == nil {
			_, err = h.nr.CreateAccount(r.Context(), a, news.AccountInput{Username: f.Username, DisplayName: f.DisplayName, Email: f.Email,
				Role: f.Role, Categories: scope, Password: r.PostForm.Get("password")})
		}
		if err != nil {
			return h.renderAccounts(w, r, a, 0, &f, err)
		}
		h.redirect(w, r, "accounts", "account")
		return nil
	})
}

// handleUpdateAccountForm changes an account's name, email, role, scope
// or disabled flag: POST accounts/{id}.
func (h *Handler) handleUpdateAccountForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		f := readAccountForm(r)
		f.ID = id
		scope, err := f.scope()
		if err == nil {
			_, err = h.nr.UpdateAccount(r.Context(), a, id, news.AccountPatch{DisplayName: &f.DisplayName, Email: &f.Email,
				Role: &f.Role, Categories: &scope, Disabled: &f.Disabled})
		}
		if err != nil {
			return h.renderAccounts(w, r, a, 0, &f, err)
		}
		h.redirect(w, r, "accounts", "account")
		return nil
	})
}

// tokensData is what the tokens page shows.
type tokensData struct {
	Tokens  []*news.APIToken
	Roles   []news.Role
	Created *news.NewToken // the token just created, shown once
	Name    string         // the name typed, kept on a refusal
	Expires string         // the date of a new token's expiry, a <input type="date"> value
}

// renderTokens shows the tokens page.
func (h *Handler) renderTokens(w http.ResponseWriter, r *http.Request, a news.Actor, status int, d *tokensData, err error) error {
	toks, terr := h.nr.Tokens(r.Context(), a)
	if terr != nil {
		return terr
	}
	d.Tokens, d.Roles = toks, news.Roles()
	if d.Expires == "" {
		d.Expires = h.now().In(h.loc).AddDate(0, 3, 0).Format(time.DateOnly)
	}
	v := h.newView(r, &a, "tokens", "tok.title", d)
	return h.renderForm(w, r, status, v, err)
}

// handleTokensPage lists the API tokens: GET tokens (the person's own;
// an admin's, every token).
func (h *Handler) handleTokensPage() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		return h.renderTokens(w, r, a, http.StatusOK, &tokensData{}, nil)
	})
}

// handleCreateTokenForm creates an API token and shows its secret, this
// once: POST tokens with name, role and expires (a date in the site's
// zone; the token ends at its start).
func (h *Handler) handleCreateTokenForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		d := &tokensData{Name: r.PostFormValue("name"), Expires: r.PostFormValue("expires")}
		exp, err := time.ParseInLocation(time.DateOnly, d.Expires, h.loc)
		if err != nil {
			err = &news.FieldError{Field: "expires", Rule: "must be a date"}
		} else {
			d.Created, err = h.nr.CreateToken(r.Context(), a, news.TokenInput{Name: d.Name, Role: news.Role(r.PostFormValue("role")), ExpiresAt: exp})
		}
		if err != nil {
			return h.renderTokens(w, r, a, 0, d, err)
		}
		d.Name, d.Expires = "", ""
		return h.renderTokens(w, r, a, http.StatusCreated, d, nil)
	})
}

// handleRevokeTokenForm revokes an API token: POST tokens/{id}/revoke.
func (h *Handler) handleRevokeTokenForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if err := h.nr.RevokeToken(r.Context(), a, id); err != nil {
			return h.renderTokens(w, r, a, 0, &tokensData{}, err)
		}
		h.redirect(w, r, "tokens", "revoked")
		return nil
	})
}

// auditForm is the audit page's filters, as typed.
type auditForm struct {
	Actor, Action, ObjectType, ObjectID, Address, Outcome, From, To string
}

// handleAuditPage shows the audit log, newest first, with filters: GET
// audit?actor=&action=&object_type=&object_id=&address=&outcome=&from=&to=&cursor=
// (from and to are dates in the site's zone; to includes its day).
func (h *Handler) handleAuditPage() http.Handler {
	type data struct {
		Filter   auditForm
		Accounts []*news.Account
		Outcomes []news.Outcome
		Entries  []*news.AuditEntry
		Next     string // the path of the next page
	}
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		q := r.URL.Query()
		f := auditForm{Actor: q.Get("actor"), Action: q.Get("action"), ObjectType: q.Get("object_type"), ObjectID: q.Get("object_id"),
			Address: q.Get("address"), Outcome: q.Get("outcome"), From: q.Get("from"), To: q.Get("to")}
		af := news.AuditFilter{Action: news.Action(f.Action), ObjectType: f.ObjectType, ObjectID: f.ObjectID, Address: f.Address,
			Outcome: news.Outcome(f.Outcome), Cursor: q.Get("cursor")}
		if f.Actor != "" {
			id, err := uuid.Parse(f.Actor)
			if err != nil {
				return &news.FieldError{Field: "actor", Rule: "must be an account"}
			}
			af.ActorID = id
		}
		for _, b := range []struct {
			s   string
			dst *time.Time
			day int
		}{{f.From, &af.From, 0}, {f.To, &af.To, 1}} {
			if b.s == "" {
				continue
			}
			t, err := time.ParseInLocation(time.DateOnly, b.s, h.loc)
			if err != nil {
				return &news.FieldError{Field: "from", Rule: "from and to must be dates"}
			}
			*b.dst = t.AddDate(0, 0, b.day)
		}
		page, err := h.nr.Audit(r.Context(), a, af)
		if err != nil {
			return err
		}
		accs, err := h.nr.Accounts(r.Context(), a)
		if err != nil {
			return err
		}
		d := data{Filter: f, Accounts: accs, Outcomes: []news.Outcome{news.OutcomeSuccess, news.OutcomeFailure, news.OutcomeThrottled},
			Entries: page.Entries}
		if page.Next != "" {
			keep := url.Values{}
			for k, v := range q {
				if k != "cursor" && k != "done" && k != "lang" && strings.TrimSpace(v[0]) != "" {
					keep.Set(k, v[0])
				}
			}
			keep.Set("cursor", page.Next)
			d.Next = h.cookiePath(r) + "audit?" + keep.Encode()
		}
		h.render(w, r, http.StatusOK, "audit", h.newView(r, &a, "audit", "audit.title", d))
		return nil
	})
}
