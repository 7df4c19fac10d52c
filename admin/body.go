package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A body is a request's JSON object, member by member, read by readBody.
// Its getters decode one member each and name it in their errors.
type body map[string]json.RawMessage

// readBody reads r's body as one JSON object whose members are all among
// fields, at most h.maxBody bytes. An empty body is an empty object. The
// errors are *web.Error: 415 for a Content-Type other than JSON, 413 for
// a body too large, 400 invalid_body for malformed JSON or anything but
// one object, 400 invalid_parameter naming a member not in fields or one
// given twice.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request, fields ...string) (body, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, &web.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "the request body is larger than " + itoa(tooLarge.Limit) + " bytes"}
	case err != nil:
		return nil, &web.Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "the request body could not be read"}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return body{}, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return nil, &web.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
				Message: "send the body as application/json"}
		}
	}
	return decodeBody(data, fields)
}

// decodeBody decodes data as readBody describes.
func decodeBody(data []byte, fields []string) (body, error) {
	malformed := func(msg string) error {
		return &web.Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: msg}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, malformed("the request body must be a JSON object")
	}
	b := body{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, malformed("malformed JSON: " + jsonProblem(err))
		}
		name := t.(string) // inside an object, a token before a value is its name
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, malformed("malformed JSON: " + jsonProblem(err))
		}
		if !slices.Contains(fields, name) {
			return nil, &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: name,
				Message: "unknown field " + web.Quote(name, 64) + "; accepted: " + acceptedList(fields)}
		}
		if _, dup := b[name]; dup {
			return nil, &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: name,
				Message: "field " + web.Quote(name, 64) + " given twice"}
		}
		b[name] = raw
	}
	if _, err := dec.Token(); err != nil {
		return nil, malformed("malformed JSON: " + jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, malformed("the request body must be one JSON object")
	}
	return b, nil
}

// jsonProblem words a JSON syntax error without echoing the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "syntax error at byte " + itoa(se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "unexpected end"
	}
	return "not valid JSON"
}

// acceptedList lists fields for an error message.
func acceptedList(fields []string) string {
	if len(fields) == 0 {
		return "none"
	}
	return strings.Join(fields, ", ")
}

// has reports whether the body has the member name.
func (b body) has(name string) bool {
	_, ok := b[name]
	return ok
}

// null reports whether the member name is present and null.
func (b body) null(name string) bool {
	return bytes.Equal(bytes.TrimSpace(b[name]), []byte("null"))
}

// decode decodes the member name into dst, which is left alone when the
// member is absent or null; a value of the wrong type is a
// *news.FieldError for name saying what it must be.
func (b body) decode(name string, dst any, want string) error {
	raw, ok := b[name]
	if !ok || b.null(name) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return &news.FieldError{Field: name, Rule: "must be " + want}
	}
	return nil
}

// str returns the string member name, nil when absent; null is "".
func (b body) str(name string) (*string, error) {
	if !b.has(name) {
		return nil, nil
	}
	var s string
	if err := b.decode(name, &s, "a string"); err != nil {
		return nil, err
	}
	return &s, nil
}

// text returns the string member name, "" when absent or null.
func (b body) text(name string) (string, error) {
	s, err := b.str(name)
	if s == nil || err != nil {
		return "", err
	}
	return *s, nil
}

// boolean returns the boolean member name, nil when absent; null is false.
func (b body) boolean(name string) (*bool, error) {
	if !b.has(name) {
		return nil, nil
	}
	var v bool
	if err := b.decode(name, &v, "true or false"); err != nil {
		return nil, err
	}
	return &v, nil
}

// integer returns the integer member name, nil when absent; null is 0.
func (b body) integer(name string) (*int, error) {
	if !b.has(name) {
		return nil, nil
	}
	var v int
	if err := b.decode(name, &v, "an integer"); err != nil {
		return nil, err
	}
	return &v, nil
}

// strings returns the string list member name, nil when absent; null is
// an empty list.
func (b body) strings(name string) (*[]string, error) {
	if !b.has(name) {
		return nil, nil
	}
	var v []string
	if err := b.decode(name, &v, "a list of strings"); err != nil {
		return nil, err
	}
	return &v, nil
}

// id returns the UUID member name, nil when absent; null and "" are
// uuid.Nil.
func (b body) id(name string) (*uuid.UUID, error) {
	s, err := b.str(name)
	if s == nil || err != nil {
		return nil, err
	}
	id, err := parseID(name, *s)
	if err != nil {
		return nil, err
	}
	return &id, nil
}

// ids returns the UUID list member name, nil when absent; null is an
// empty list.
func (b body) ids(name string) (*[]uuid.UUID, error) {
	ss, err := b.strings(name)
	if ss == nil || err != nil {
		return nil, err
	}
	out := make([]uuid.UUID, 0, len(*ss))
	for i, s := range *ss {
		id, err := parseID(name+"["+itoa(i)+"]", s)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return &out, nil
}

// time returns the RFC 3339 time member name, the zero time when absent,
// null or "".
func (b body) time(name string) (time.Time, error) {
	s, err := b.text(name)
	if s == "" || err != nil {
		return time.Time{}, err
	}
	return parseTime(name, s)
}

// parseID parses s as a UUID for the field name; "" is uuid.Nil.
func parseID(name, s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, nil
	}
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return uuid.Nil, &news.FieldError{Field: name, Rule: "must be a UUID such as 0e3c6a9e-5f7b-4d2a-9c1e-2b8f4a6d7e10"}
	}
	return id, nil
}

// parseTime parses s as an RFC 3339 time for the field name.
func parseTime(name, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, &news.FieldError{Field: name, Rule: "must be an RFC 3339 time such as 2026-12-04T08:00:00+07:00"}
	}
	return t, nil
}

// itoa formats an integer.
func itoa[T int | int64](n T) string { return strconv.FormatInt(int64(n), 10) }

// firstErr returns the first non-nil error of errs.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
