package news

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// An Account is a member of the newsroom's staff. The Newsroom fills and
// checks every field; a NewsroomStore keeps accounts as it is given them.
// Its String and LogValue leave out the password hash and the TOTP secret,
// so logging an account never logs them.
type Account struct {
	ID uuid.UUID
	// Username signs in. It is stored folded (lower case, no marks: see
	// [Fold]) and is unique among accounts; the Newsroom folds what a user
	// types before comparing, so "PhongVien" signs in as "phongvien".
	Username    string
	DisplayName string // the name shown in the newsroom and the audit log
	Email       string // for the people who run the site; may be empty
	Role        Role
	// Categories is the account's category scope: it acts on articles of
	// these categories and their descendants. Empty means every category.
	Categories []uuid.UUID
	Disabled   bool // a disabled account cannot sign in and has no session
	// PasswordHash is the argon2id hash of the password in PHC string
	// format (see [HashPassword]); never shown, returned or logged.
	PasswordHash string
	// TOTPSecret is the base32 secret of the account's second factor; ""
	// when it has none. Never shown after enrolment.
	TOTPSecret string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Clone returns a deep copy of a.
func (a *Account) Clone() *Account {
	if a == nil {
		return nil
	}
	cp := *a
	cp.Categories = slices.Clone(a.Categories)
	return &cp
}

// Public returns a copy of a without its password hash and TOTP secret:
// what may leave the domain (an API answer, a template).
func (a *Account) Public() *Account {
	cp := a.Clone()
	if cp != nil {
		cp.PasswordHash, cp.TOTPSecret = "", ""
	}
	return cp
}

// HasTOTP reports whether the account has a second factor.
func (a *Account) HasTOTP() bool { return a.TOTPSecret != "" }

// String returns the username, role and ID, for logs: never the hash or
// the secret.
func (a *Account) String() string { return fmt.Sprintf("%s (%s, %s)", a.Username, a.Role, a.ID) }

// LogValue logs the account as its ID, username, role and disabled flag.
func (a *Account) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", a.ID.String()), slog.String("username", a.Username),
		slog.String("role", string(a.Role)), slog.Bool("disabled", a.Disabled))
}

// InScope reports whether the account's scope includes the category id,
// given the category tree (a scope category includes its descendants).
// Admins and accounts with an empty scope include every category.
func (a *Account) InScope(tree *CategoryTree, id uuid.UUID) bool {
	return scopeIncludes(a.Role, a.Categories, tree, id)
}

// scopeIncludes reports whether a role with the category scope cats acts
// on the category id.
func scopeIncludes(role Role, cats []uuid.UUID, tree *CategoryTree, id uuid.UUID) bool {
	if role == RoleAdmin || len(cats) == 0 {
		return true
	}
	for c := id; c != uuid.Nil; {
		if slices.Contains(cats, c) {
			return true
		}
		cat := tree.Category(c)
		if cat == nil {
			return false
		}
		c = cat.ParentID
	}
	return false
}

// AccountInput is what an admin writes to create an account.
type AccountInput struct {
	// Username: 3 to 64 characters of a-z, 0-9, '.', '_' and '-' once
	// folded ("Phóng.Viên" becomes "phong.vien"); unique.
	Username    string
	DisplayName string      // required, at most 200 characters
	Email       string      // optional; must look like an address (one @, no spaces)
	Role        Role        // required
	Categories  []uuid.UUID // the scope: existing categories; empty for all
	Password    string      // checked by the password rules (see PasswordOptions)
}

// AccountPatch changes some fields of an account: a nil field is left as
// it is. An admin may change every field; an account may change its own
// DisplayName and Email only. Disabling an account ends its sessions.
type AccountPatch struct {
	DisplayName *string
	Email       *string
	Role        *Role
	Categories  *[]uuid.UUID
	Disabled    *bool
}

// Limits on account fields.
const (
	MinUsernameLen     = 3
	MaxUsernameLen     = 64
	MaxDisplayNameLen  = 200
	MaxEmailLen        = 254
	MaxTokenNameLen    = 100
	DefaultMinPassword = 10  // PasswordOptions.MinLength default
	MaxPasswordLen     = 256 // longer passwords are refused before hashing
)

// Bootstrap creates the first account, an admin made from in (its Role is
// ignored), when the store has no account; the demo calls it at start-up.
// It fails with ErrConflict when an account exists, and with ErrInvalid
// when in breaks a rule.
func (n *Newsroom) Bootstrap(ctx context.Context, in AccountInput) (*Account, error) {
	accounts, err := n.store.Accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: bootstrap: %w", err)
	}
	if len(accounts) > 0 {
		return nil, fmt.Errorf("news: bootstrap: the store has accounts: %w", ErrConflict)
	}
	in.Role = RoleAdmin
	return n.createAccount(ctx, Actor{Name: "bootstrap"}, in)
}

// Accounts returns every account (without hashes or secrets: see
// Account.Public), ordered by username. Admins only (ErrForbidden).
func (n *Newsroom) Accounts(ctx context.Context, actor Actor) ([]*Account, error) {
	if err := n.admin(actor); err != nil {
		return nil, err
	}
	list, err := n.store.Accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: accounts: %w", err)
	}
	for i, a := range list {
		list[i] = a.Public()
	}
	return list, nil
}

// Account returns the account with the ID, without hash or secret. An
// admin sees every account, anyone else only their own (ErrNotFound for
// others).
func (n *Newsroom) Account(ctx context.Context, actor Actor, id uuid.UUID) (*Account, error) {
	a, err := n.account(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return a.Public(), nil
}

// CreateAccount creates an account from in and returns it without hash.
// Admins only. Errors wrap ErrInvalid (username pattern and length,
// display name, email, role, unknown scope categories, password rules:
// see CheckPassword), ErrConflict (username taken) or ErrForbidden.
func (n *Newsroom) CreateAccount(ctx context.Context, actor Actor, in AccountInput) (*Account, error) {
	if err := n.admin(actor); err != nil {
		return nil, err
	}
	return n.createAccount(ctx, actor, in)
}

// UpdateAccount changes the fields p sets on the account with the ID. An
// admin changes any field of any account, but not their own role or
// disabled flag (so that a site keeps an admin); anyone else only their
// own DisplayName and Email (ErrForbidden). Disabling an account ends
// every session of it at once.
func (n *Newsroom) UpdateAccount(ctx context.Context, actor Actor, id uuid.UUID, p AccountPatch) (*Account, error) {
	cur, err := n.account(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	self := id == actor.AccountID
	switch {
	case actor.Role != RoleAdmin && (p.Role != nil || p.Categories != nil || p.Disabled != nil):
		return nil, forbidden("only an admin changes a role, a scope or the disabled flag")
	case self && (p.Role != nil && *p.Role != cur.Role || p.Disabled != nil && *p.Disabled):
		return nil, forbidden("an admin may not change their own role or disable themselves")
	}
	a := cur.Clone()
	var changed []string
	if p.DisplayName != nil {
		a.DisplayName, changed = NormalizeLine(*p.DisplayName), append(changed, "display_name")
	}
	if p.Email != nil {
		a.Email, changed = NormalizeLine(*p.Email), append(changed, "email")
	}
	if p.Role != nil {
		a.Role, changed = *p.Role, append(changed, "role "+string(*p.Role))
	}
	if p.Categories != nil {
		a.Categories, changed = slices.Clone(*p.Categories), append(changed, "categories")
	}
	if p.Disabled != nil {
		a.Disabled, changed = *p.Disabled, append(changed, fmt.Sprintf("disabled %t", *p.Disabled))
	}
	if len(changed) == 0 {
		return cur.Public(), nil
	}
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, err
	}
	if es := validateAccount(a, tree); len(es) > 0 {
		return nil, invalid("update account", es)
	}
	a.UpdatedAt = n.clock()
	end := a.Disabled && !cur.Disabled
	e := n.entry(actor, ActionAccountUpdate, ObjectAccount, a.ID.String(), strings.Join(changed, ", "))
	if err := n.store.UpdateAccount(ctx, a, end, e); err != nil {
		return nil, fmt.Errorf("news: update account %q: %w", a.Username, err)
	}
	return a.Public(), nil
}

// ChangePassword sets the password of the account with the ID to next,
// which must pass the password rules, and ends every session of the
// account. Changing one's own password needs the current one
// (ErrUnauthenticated when wrong); an admin sets another account's
// without it.
func (n *Newsroom) ChangePassword(ctx context.Context, actor Actor, id uuid.UUID, current, next string) error {
	a, err := n.account(ctx, actor, id)
	if err != nil {
		return err
	}
	if id == actor.AccountID {
		if ok, err := VerifyPassword(a.PasswordHash, current); err != nil || !ok {
			return fmt.Errorf("news: change password: the current password is wrong: %w", ErrUnauthenticated)
		}
	} else if actor.Role != RoleAdmin {
		return forbidden("only an admin sets another account's password")
	}
	if err := CheckPassword(next, n.opts.Password.MinLength, a.Username, a.DisplayName, a.Email); err != nil {
		return fmt.Errorf("news: change password: %w", err)
	}
	hash, err := HashPassword(next, n.opts.Password.Argon2, n.opts.Random)
	if err != nil {
		return err
	}
	a.PasswordHash, a.UpdatedAt = hash, n.clock()
	e := n.entry(actor, ActionPasswordChange, ObjectAccount, a.ID.String(), "")
	if err := n.store.UpdateAccount(ctx, a, true, e); err != nil {
		return fmt.Errorf("news: change password of %q: %w", a.Username, err)
	}
	return nil
}

// BeginTOTP makes a new second-factor secret for the actor's own account.
// Nothing is stored until EnableTOTP confirms it.
func (n *Newsroom) BeginTOTP(ctx context.Context, actor Actor) (*TOTPEnrolment, error) {
	if !actor.Valid() {
		return nil, errNoActor
	}
	a, err := n.store.Account(ctx, actor.AccountID)
	if err != nil {
		return nil, fmt.Errorf("news: account %s: %w", actor.AccountID, err)
	}
	return newTOTPEnrolment(n.opts.TOTPIssuer, a.Username, n.opts.Random)
}

// EnableTOTP sets secret (from BeginTOTP) as the second factor of the
// actor's own account, once code proves the user's app has it (ErrInvalid
// otherwise).
func (n *Newsroom) EnableTOTP(ctx context.Context, actor Actor, secret, code string) error {
	if !actor.Valid() {
		return errNoActor
	}
	a, err := n.store.Account(ctx, actor.AccountID)
	if err != nil {
		return fmt.Errorf("news: account %s: %w", actor.AccountID, err)
	}
	if !ValidateTOTP(secret, strings.TrimSpace(code), n.clock()) {
		return invalid("enable second factor", FieldErrors{{Field: "code", Rule: "not the code of this secret now"}})
	}
	a.TOTPSecret, a.UpdatedAt = secret, n.clock()
	e := n.entry(actor, ActionTOTPChange, ObjectAccount, a.ID.String(), "enabled")
	if err := n.store.UpdateAccount(ctx, a, false, e); err != nil {
		return fmt.Errorf("news: enable second factor of %q: %w", a.Username, err)
	}
	return nil
}

// DisableTOTP removes the second factor of the account with the ID: one's
// own, or any account's for an admin.
func (n *Newsroom) DisableTOTP(ctx context.Context, actor Actor, id uuid.UUID) error {
	a, err := n.account(ctx, actor, id)
	if err != nil {
		return err
	}
	if !a.HasTOTP() {
		return nil
	}
	a.TOTPSecret, a.UpdatedAt = "", n.clock()
	e := n.entry(actor, ActionTOTPChange, ObjectAccount, a.ID.String(), "removed")
	if err := n.store.UpdateAccount(ctx, a, false, e); err != nil {
		return fmt.Errorf("news: remove second factor of %q: %w", a.Username, err)
	}
	return nil
}

// account returns the account with the ID, with its hash, when actor may
// see it: an admin any account, anyone else their own (ErrNotFound for
// others).
func (n *Newsroom) account(ctx context.Context, actor Actor, id uuid.UUID) (*Account, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	if actor.Role != RoleAdmin && id != actor.AccountID {
		return nil, fmt.Errorf("news: account %s: %w", id, ErrNotFound)
	}
	a, err := n.store.Account(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("news: account %s: %w", id, err)
	}
	return a, nil
}

// createAccount checks in, hashes its password and stores the account,
// audited as actor's.
func (n *Newsroom) createAccount(ctx context.Context, actor Actor, in AccountInput) (*Account, error) {
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, err
	}
	now := n.clock()
	a := &Account{ID: n.opts.NewID(), Username: UsernameKey(in.Username), DisplayName: NormalizeLine(in.DisplayName),
		Email: NormalizeLine(in.Email), Role: in.Role, Categories: slices.Clone(in.Categories), CreatedAt: now, UpdatedAt: now}
	es := validateAccount(a, tree)
	if err := CheckPassword(in.Password, n.opts.Password.MinLength, a.Username, a.DisplayName, a.Email); err != nil {
		var fe *FieldError
		if errors.As(err, &fe) {
			es = append(es, fe)
		}
	}
	if len(es) > 0 {
		return nil, invalid("create account", es)
	}
	if a.PasswordHash, err = HashPassword(in.Password, n.opts.Password.Argon2, n.opts.Random); err != nil {
		return nil, err
	}
	e := n.entry(actor, ActionAccountCreate, ObjectAccount, a.ID.String(), a.Username+" as "+string(a.Role))
	if err := n.store.CreateAccount(ctx, a, e); err != nil {
		return nil, fmt.Errorf("news: create account %q: %w", a.Username, err)
	}
	return a.Public(), nil
}

// UsernameKey returns the form in which a username is stored and
// compared: normalised to one line and folded (see [Fold]), so that
// "PhongVien" and "phongvien" are one username.
func UsernameKey(username string) string { return Fold(NormalizeLine(username)) }

// validUsername reports whether u, a UsernameKey, has only a-z, 0-9, '.',
// '_' and '-'.
func validUsername(u string) bool {
	for _, r := range u {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// validateAccount returns the rules a breaks, its categories checked
// against tree.
func validateAccount(a *Account, tree *CategoryTree) FieldErrors {
	var es FieldErrors
	switch n := utf8.RuneCountInString(a.Username); {
	case n == 0:
		es.add("username", "required")
	case n < MinUsernameLen || n > MaxUsernameLen:
		es.add("username", "not %d to %d characters", MinUsernameLen, MaxUsernameLen)
	case !validUsername(a.Username):
		es.add("username", "only letters a-z, digits, '.', '_' and '-'")
	}
	if a.DisplayName == "" {
		es.add("display_name", "required")
	}
	es.checkLen("display_name", a.DisplayName, MaxDisplayNameLen)
	if a.Email != "" {
		local, domain, ok := strings.Cut(a.Email, "@")
		if !ok || local == "" || domain == "" || strings.ContainsAny(a.Email, " \t<>,;") || strings.Contains(domain, "@") {
			es.add("email", "not an email address")
		}
		es.checkLen("email", a.Email, MaxEmailLen)
	}
	if !a.Role.Valid() {
		es.add("role", "not one of contributor, editor, approver, admin")
	}
	for i, id := range a.Categories {
		if tree.Category(id) == nil {
			es.add(fmt.Sprintf("categories[%d]", i), "unknown category %s", id)
		}
	}
	return es
}
