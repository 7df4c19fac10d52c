package news

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

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
