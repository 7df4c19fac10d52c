package news

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors returned (wrapped) by every Store, the Service, the
// Public view and the Newsroom. Test for them with errors.Is.
var (
	// ErrNotFound means the article, category, account, session, token or
	// revision does not exist, or is not public (Public), or is not for
	// the actor to see (Newsroom).
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique value (an ID, a slug, a username) is
	// already taken, a change was made on a stale revision (a
	// *StaleError), or the article's state does not allow the action (a
	// *TransitionError).
	ErrConflict = errors.New("conflict")
	// ErrInvalid means the input breaks a validation rule. The error also
	// unwraps to a *FieldError (or FieldErrors) that names the field.
	ErrInvalid = errors.New("invalid")
	// ErrUnauthenticated means the caller is not signed in: no session or
	// token, an expired or revoked one, a disabled account, or a sign-in
	// with a wrong username, password or code (all worded the same).
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrForbidden means the caller is signed in but their role or
	// category scope does not allow the action. The error is a
	// *TransitionError (or names the rule) saying why.
	ErrForbidden = errors.New("forbidden")
	// ErrThrottled means sign-in is refused for a while after too many
	// failures for the account or the client address; the error is a
	// *ThrottledError saying until when.
	ErrThrottled = errors.New("too many attempts")
	// ErrTOTPRequired means the password was right but the account needs
	// a second factor and no code (or a wrong one) was given. It wraps
	// ErrUnauthenticated.
	ErrTOTPRequired = fmt.Errorf("second factor code required: %w", ErrUnauthenticated)
)

// A TransitionError says why the workflow refuses an action: who tried
// it (the role), the action, the article's state and the rule broken, such
// as "contributor may not publish: only an approver or an admin publishes
// while the approval step is on". It unwraps to Kind: ErrForbidden when
// the role or the category scope forbids the action, ErrConflict when the
// article's state does not allow it (the wrong state, whatever the role),
// ErrNotFound when the actor may not even see the article (the Newsroom
// then reports a plain not-found error instead, so nobody learns that the
// article exists).
type TransitionError struct {
	Role   Role   // the actor's role
	Action Action // the action refused
	State  Status // the article's state; "" for ActionCreate
	Rule   string // the rule broken, as a phrase
	Kind   error  // ErrForbidden, ErrConflict or ErrNotFound
	// Allowed lists what the actor may do to the article instead (view
	// aside), in workflow order; empty when nothing, and always for
	// ErrNotFound (the actor may not learn the article exists) and for a
	// refused create.
	Allowed []Action
}

// Error returns "<role> may not <action> a <state> article: <rule>",
// such as "editor may not submit a published article: …".
func (e *TransitionError) Error() string {
	if e.State == "" {
		return fmt.Sprintf("%s may not %s: %s", e.Role, e.Action, e.Rule)
	}
	return fmt.Sprintf("%s may not %s %s: %s", e.Role, e.Action, e.State.article(), e.Rule)
}

// Unwrap returns e.Kind.
func (e *TransitionError) Unwrap() error { return e.Kind }

// A StaleError is the refusal of a change made on a revision that is no
// longer the article's current one: another save came first. The rejected
// change is not lost: it is kept as revision Kept (marked Rejected), and
// the client shows Current and merges. It unwraps to ErrConflict.
type StaleError struct {
	Base    int       // the revision the change was made on
	Current *Revision // the article's current revision, without its snapshot
	Kept    int       // the number of the revision that holds the rejected change; 0 if none was kept
}

// Error returns a message naming the base and current revisions.
func (e *StaleError) Error() string {
	cur := 0
	if e.Current != nil {
		cur = e.Current.Number
	}
	if e.Kept == 0 {
		return fmt.Sprintf("revision %d is stale: the current revision is %d", e.Base, cur)
	}
	return fmt.Sprintf("revision %d is stale: the current revision is %d; the rejected change is kept as revision %d",
		e.Base, cur, e.Kept)
}

// Unwrap returns ErrConflict.
func (e *StaleError) Unwrap() error { return ErrConflict }

// A SlugTakenError refuses a category's slug that is already another
// category's slug or one of its aliases (an old slug kept so that old
// links keep working). It unwraps to ErrConflict; its field is "slug".
type SlugTakenError struct {
	Slug  string // the slug asked for
	Owner string // the current slug of the category that holds it
	Alias bool   // whether Owner holds it as an alias
}

// Error returns "slug: … is taken by category …", saying whether as an
// old slug.
func (e *SlugTakenError) Error() string {
	if e.Alias {
		return fmt.Sprintf("slug: %q is taken: it is an old slug of category %q, kept so that its old links keep working", e.Slug, e.Owner)
	}
	return fmt.Sprintf("slug: %q is taken by category %q", e.Slug, e.Owner)
}

// Unwrap returns ErrConflict.
func (e *SlugTakenError) Unwrap() error { return ErrConflict }

// An OldURLTakenError refuses an article's old URL (see Article.OldURLs)
// that another article already has: an old URL leads to one article. It
// unwraps to ErrConflict; Field names the URL, as "old_urls[2]".
type OldURLTakenError struct {
	Field string // "old_urls[i]", i counting after duplicates are dropped
	URL   string // the old URL, in canonical form
	Owner string // the current slug of the article that has it
}

// Error returns "old_urls[i]: … is an old URL of article …".
func (e *OldURLTakenError) Error() string {
	return fmt.Sprintf("%s: %q is an old URL of article %q", e.Field, e.URL, e.Owner)
}

// Unwrap returns ErrConflict.
func (e *OldURLTakenError) Unwrap() error { return ErrConflict }

// A ThrottledError refuses a sign-in after too many recent failures for
// the account or the client address. It unwraps to ErrThrottled.
type ThrottledError struct {
	Until time.Time // when the oldest counted failure leaves the window
}

// Error says that sign-in is refused until e.Until.
func (e *ThrottledError) Error() string {
	return "too many failed sign-ins: try again after " + e.Until.UTC().Format(time.RFC3339)
}

// RetryAfter returns how long after now the caller should wait, at least
// one second.
func (e *ThrottledError) RetryAfter(now time.Time) time.Duration {
	return max(e.Until.Sub(now).Round(time.Second), time.Second)
}

// Unwrap returns ErrThrottled.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// A FieldError names one field that breaks one rule, such as
// "tags[3]: longer than 64 characters". It unwraps to ErrInvalid.
type FieldError struct {
	Field string // path of the field: "title", "tags[3]", "articles[12].cover.url"
	Rule  string // what is wrong, as a short phrase: "required", "longer than 300 characters"
}

// Error returns "field: rule".
func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Rule
	}
	return e.Field + ": " + e.Rule
}

// Unwrap returns ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// FieldErrors is a list of field errors found in one value, in field order.
// It unwraps to ErrInvalid and to each *FieldError.
type FieldErrors []*FieldError

// Error joins the field errors with "; ".
func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap returns ErrInvalid followed by each field error, so errors.Is and
// errors.As see both.
func (es FieldErrors) Unwrap() []error {
	out := make([]error, 0, len(es)+1)
	out = append(out, ErrInvalid)
	for _, e := range es {
		out = append(out, e)
	}
	return out
}

// add appends a field error built with fmt.Sprintf(format, args...).
func (es *FieldErrors) add(field, format string, args ...any) {
	*es = append(*es, &FieldError{Field: field, Rule: fmt.Sprintf(format, args...)})
}

// prefix returns the errors with prefix+"." (or prefix for index paths) before every field.
func (es FieldErrors) prefix(p string) FieldErrors {
	out := make(FieldErrors, len(es))
	for i, e := range es {
		f := p
		if e.Field != "" {
			f = p + "." + e.Field
		}
		out[i] = &FieldError{Field: f, Rule: e.Rule}
	}
	return out
}

// err returns nil when the list is empty and the list otherwise.
func (es FieldErrors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
