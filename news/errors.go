package news

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors returned (wrapped) by every Store, the Service and the Public view.
// Test for them with errors.Is.
var (
	// ErrNotFound means the article or category does not exist, or is not public.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique value (ID or slug) is already taken.
	ErrConflict = errors.New("conflict")
	// ErrInvalid means the input breaks a validation rule. The error also
	// unwraps to a *FieldError (or FieldErrors) that names the field.
	ErrInvalid = errors.New("invalid")
)

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
