package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"strconv"

	"github.com/orgnews/orgnews/news"
)

// An Error is an error as a client sees it, written as
// {"error":{"code":…,"field":…,"message":…}} with its Status. Code is one
// of invalid_parameter, invalid_field, not_found, conflict, unauthorized,
// forbidden, method_not_allowed, unavailable and internal; Field names
// the parameter or field at fault, if one is; Message is for people and
// never an internal error's text.
type Error struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	cause   error  // what was classified; Fail logs it for a 500
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the error e was classified from, or nil.
func (e *Error) Unwrap() error { return e.cause }

// Classify maps err to what the client sees, the one mapper of errors to
// statuses. An *Error in err's chain is returned as it is, so a handler
// answers any status by returning one. Invalid input (*UnknownParamError,
// *news.FieldError, news.FieldErrors, news.ErrInvalid) is 400
// invalid_parameter naming the first field; the domain's sentinels and
// refusals get the 401, 403, 404, 409 or 429 classify lists, cancellation
// 503 unavailable, anything else 500 "internal error". Refusals that say
// why in words meant for people keep their text; other errors get a
// generic message.
func Classify(err error) *Error { return classify(err, http.StatusBadRequest, "invalid_parameter") }

// ClassifyBody is Classify for errors about a request's body, as the
// newsroom's API reads one: invalid fields are 422 invalid_field, not 400.
// An *UnknownParamError stays 400, being about the query.
func ClassifyBody(err error) *Error {
	return classify(err, http.StatusUnprocessableEntity, "invalid_field")
}

// classify is Classify with the status and code of invalid input.
func classify(err error, status int, code string) *Error {
	e := &Error{Status: status, Code: code, Message: "invalid input", cause: err}
	var up *UnknownParamError
	var fes news.FieldErrors
	var fe *news.FieldError
	var te *news.TransitionError
	var se *news.StaleError
	var th *news.ThrottledError
	var st *news.SlugTakenError
	var ot *news.OldURLTakenError
	switch {
	case errors.As(err, &e):
	case errors.As(err, &te) && !errors.Is(te.Kind, news.ErrNotFound) && !errors.Is(te.Kind, news.ErrInvalid):
		e.Status, e.Code, e.Message = http.StatusForbidden, "forbidden", te.Error()
		if errors.Is(te.Kind, news.ErrConflict) {
			e.Status, e.Code = http.StatusConflict, "conflict"
		}
	case errors.As(err, &se):
		e.Status, e.Code, e.Message = http.StatusConflict, "conflict", se.Error()
	case errors.As(err, &st):
		e.Status, e.Code, e.Field, e.Message = http.StatusConflict, "conflict", "slug", st.Error()
	case errors.As(err, &ot):
		e.Status, e.Code, e.Field, e.Message = http.StatusConflict, "conflict", ot.Field, ot.Error()
	case errors.As(err, &th):
		e.Status, e.Code, e.Message = http.StatusTooManyRequests, "throttled", th.Error()
	case errors.As(err, &up):
		e.Status, e.Code, e.Field, e.Message = http.StatusBadRequest, "invalid_parameter", up.Name, up.Error()
	case errors.As(err, &fes) && len(fes) > 0:
		e.Field, e.Message = fes[0].Field, fes.Error()
	case errors.As(err, &fe):
		e.Field, e.Message = fe.Field, fe.Error()
	case errors.Is(err, news.ErrInvalid):
	case errors.Is(err, news.ErrNotFound):
		e.Status, e.Code, e.Message = http.StatusNotFound, "not_found", "not found"
	case errors.Is(err, news.ErrConflict):
		e.Status, e.Code, e.Message = http.StatusConflict, "conflict", "conflict"
	case errors.Is(err, news.ErrTOTPRequired):
		e.Status, e.Code, e.Field, e.Message = http.StatusUnauthorized, "totp_required", "code", "a second-factor code is required"
	case errors.Is(err, news.ErrUnauthenticated):
		e.Status, e.Code, e.Message = http.StatusUnauthorized, "unauthorized", "not signed in"
	case errors.Is(err, news.ErrForbidden):
		e.Status, e.Code, e.Message = http.StatusForbidden, "forbidden", "forbidden"
	case errors.Is(err, news.ErrThrottled):
		e.Status, e.Code, e.Message = http.StatusTooManyRequests, "throttled", "too many attempts"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		e.Status, e.Code, e.Message = http.StatusServiceUnavailable, "unavailable", "service unavailable"
	default:
		e.Status, e.Code, e.Message = http.StatusInternalServerError, "internal", "internal error"
	}
	return e
}

// Fail answers r with err as Classify maps it (so an *Error from
// ClassifyBody passes through) as JSON, with Cache-Control: no-store. A
// 500 is logged to log (nil means slog.Default()) with the error
// classified, whose text the client never sees.
func Fail(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	e := Classify(err)
	if e.Status == http.StatusInternalServerError {
		cmp.Or(log, slog.Default()).ErrorContext(r.Context(), "web: internal error", "method", r.Method, "path", r.URL.Path, "err", e.cause)
	}
	h := w.Header()
	for _, k := range []string{"Etag", "Last-Modified", "Content-Encoding"} {
		delete(h, k)
	}
	h.Set("Cache-Control", "no-store")
	WriteJSON(w, e.Status, struct {
		Error *Error `json:"error"`
	}{e})
}

// WriteJSON writes v as JSON (HTML-escaped, with a final newline) with the
// status, Content-Type, Content-Length and X-Content-Type-Options: nosniff.
// A value that cannot be encoded is a 500 internal error.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // an error means the client went away
}

// MethodNotAllowed answers a request whose route does not serve its method
// with 405 method_not_allowed and the header Allow: allow ("GET, HEAD").
func MethodNotAllowed(w http.ResponseWriter, r *http.Request, allow string) {
	w.Header().Set("Allow", allow)
	Fail(w, r, nil, &Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "method not allowed; use " + allow})
}

// Preflight answers a CORS preflight (OPTIONS) for a public, read-only
// resource: 204, any origin, no credentials, methods GET, HEAD and
// OPTIONS, the request headers readers send, and a day's Max-Age.
func Preflight(w http.ResponseWriter) {
	maps.Copy(w.Header(), http.Header{
		"Access-Control-Allow-Origin":  {"*"},
		"Access-Control-Allow-Methods": {"GET, HEAD, OPTIONS"},
		"Access-Control-Allow-Headers": {"Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since"},
		"Access-Control-Max-Age":       {"86400"},
		"Vary":                         {"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"},
	})
	w.WriteHeader(http.StatusNoContent)
}
