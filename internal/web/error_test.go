package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestClassify(t *testing.T) {
	unauthorized := &Error{Status: 401, Code: "unauthorized", Message: "sign in first"}
	two := news.FieldErrors{{Field: "title", Rule: "required"}, {Field: "tags[2]", Rule: "longer than 64 characters"}}
	for _, tc := range []struct {
		name       string
		err        error
		status     int
		code       string
		field, msg string
		bodyStatus int // ClassifyBody's status
	}{
		{"*Error", unauthorized, 401, "unauthorized", "", "sign in first", 401},
		{"wrapped *Error", fmt.Errorf("admin: %w", &Error{Status: 403, Code: "forbidden", Message: "editors only"}), 403, "forbidden", "", "editors only", 403},
		{"unknown parameter", &UnknownParamError{Name: "limt", Accepted: []string{"limit"}}, 400, "invalid_parameter", "limt", `unknown parameter "limt"; accepted: limit`, 400},
		{"field error", fmt.Errorf("feed: %w", &news.FieldError{Field: "limit", Rule: "must be from 1 to 100"}), 400, "invalid_parameter", "limit", "limit: must be from 1 to 100", 422},
		{"field errors", fmt.Errorf("news: article: %w", two), 400, "invalid_parameter", "title", "title: required; tags[2]: longer than 64 characters", 422},
		{"invalid", fmt.Errorf("x: %w", news.ErrInvalid), 400, "invalid_parameter", "", "invalid input", 422},
		{"not found", fmt.Errorf("news: article %q: %w", "a", news.ErrNotFound), 404, "not_found", "", "not found", 404},
		{"conflict", fmt.Errorf("news: slug: %w", news.ErrConflict), 409, "conflict", "", "conflict", 409},
		{"canceled", fmt.Errorf("store: %w", context.Canceled), 503, "unavailable", "", "service unavailable", 503},
		{"deadline", context.DeadlineExceeded, 503, "unavailable", "", "service unavailable", 503},
		{"internal", errors.New("pq: password authentication failed"), 500, "internal", "", "internal error", 500},
		{"unauthenticated", fmt.Errorf("news: session: %w", news.ErrUnauthenticated), 401, "unauthorized", "", "not signed in", 401},
		{"totp required", fmt.Errorf("news: sign-in: %w", news.ErrTOTPRequired), 401, "totp_required", "code", "a second-factor code is required", 401},
		{"forbidden", fmt.Errorf("news: accounts: %w", news.ErrForbidden), 403, "forbidden", "", "forbidden", 403},
		{"transition forbidden", &news.TransitionError{Role: news.RoleContributor, Action: news.ActionPublish, State: news.StatusDraft, Rule: "only approver or admin may publish a draft article", Kind: news.ErrForbidden},
			403, "forbidden", "", "contributor may not publish a draft article: only approver or admin may publish a draft article", 403},
		{"transition wrong state", &news.TransitionError{Role: news.RoleEditor, Action: news.ActionSubmit, State: news.StatusPublished, Rule: "only a draft or a returned article is submitted", Kind: news.ErrConflict},
			409, "conflict", "", "editor may not submit a published article: only a draft or a returned article is submitted", 409},
		{"transition unseen", &news.TransitionError{Role: news.RoleContributor, Action: news.ActionView, State: news.StatusDraft, Rule: "contributors see only their own articles", Kind: news.ErrNotFound},
			404, "not_found", "", "not found", 404},
		{"stale", &news.StaleError{Base: 3, Current: &news.Revision{Number: 5}, Kept: 6}, 409, "conflict", "",
			"revision 3 is stale: the current revision is 5; the rejected change is kept as revision 6", 409},
		{"slug taken", fmt.Errorf("news: update category: %w", &news.SlugTakenError{Slug: "tin-tuc", Owner: "tin-tuc-su-kien", Alias: true}), 409, "conflict", "slug",
			`slug: "tin-tuc" is taken: it is an old slug of category "tin-tuc-su-kien", kept so that its old links keep working`, 409},
		{"old URL taken", fmt.Errorf("news: create draft: %w", &news.OldURLTakenError{Field: "old_urls[1]", URL: "/?p=123", Owner: "dai-hoi"}), 409, "conflict", "old_urls[1]",
			`old_urls[1]: "/?p=123" is an old URL of article "dai-hoi"`, 409},
		{"throttled", &news.ThrottledError{Until: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}, 429, "throttled", "",
			"too many failed sign-ins: try again after 2026-12-04T09:00:00Z", 429},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Classify(tc.err)
			assert.Equal(t, tc.status, e.Status)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, tc.msg, e.Message)
			assert.True(t, errors.Is(e, tc.err) || errors.Is(tc.err, e), "the cause is kept for logs")
			b := ClassifyBody(tc.err)
			assert.Equal(t, tc.bodyStatus, b.Status, "ClassifyBody status")
			if tc.bodyStatus == 422 {
				assert.Equal(t, "invalid_field", b.Code)
			}
		})
	}
}

func TestFail(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	for _, tc := range []struct {
		name   string
		err    error
		status int
		body   string
		logged bool
	}{
		{"client error", &news.FieldError{Field: "tag", Rule: "must be 1 to 64 characters"}, 400,
			`{"error":{"code":"invalid_parameter","field":"tag","message":"tag: must be 1 to 64 characters"}}` + "\n", false},
		{"escaped", &Error{Status: 404, Code: "not_found", Field: "category", Message: `no category "<b>"`}, 404,
			`{"error":{"code":"not_found","field":"category","message":"no category \"\u003cb\u003e\""}}` + "\n", false},
		{"internal", fmt.Errorf("feed: articles: %w", errors.New("disk on fire")), 500,
			`{"error":{"code":"internal","message":"internal error"}}` + "\n", true},
		{"internal for a body", ClassifyBody(errors.New("disk on fire")), 500,
			`{"error":{"code":"internal","message":"internal error"}}` + "\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			w := httptest.NewRecorder()
			w.Header().Set("Etag", `"stale"`)
			w.Header().Set("Access-Control-Allow-Origin", "*")
			Fail(w, httptest.NewRequest("GET", "/feed.rss", nil), log, tc.err)
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, tc.body, w.Body.String())
			h := w.Header()
			assert.Equal(t, "application/json; charset=utf-8", h.Get("Content-Type"))
			assert.Equal(t, "no-store", h.Get("Cache-Control"))
			assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
			assert.Equal(t, fmt.Sprint(len(tc.body)), h.Get("Content-Length"))
			assert.Empty(t, h.Get("Etag"))
			assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"), "headers set before are kept")
			assert.Equal(t, tc.logged, bytes.Contains(logs.Bytes(), []byte("disk on fire")), "logs: %s", logs.String())
		})
	}
}

func TestWriteJSONUnencodable(t *testing.T) {
	w := httptest.NewRecorder()
	WriteJSON(w, http.StatusOK, map[string]any{"c": make(chan int)})
	assert.Equal(t, 500, w.Code)
	assert.JSONEq(t, `{"error":{"code":"internal","message":"internal error"}}`, w.Body.String())
}

func TestMethodNotAllowed(t *testing.T) {
	w := httptest.NewRecorder()
	MethodNotAllowed(w, httptest.NewRequest("DELETE", "/feed.rss", nil), "GET, HEAD, OPTIONS")
	require.Equal(t, 405, w.Code)
	assert.Equal(t, "GET, HEAD, OPTIONS", w.Header().Get("Allow"))
	assert.JSONEq(t, `{"error":{"code":"method_not_allowed","message":"method not allowed; use GET, HEAD, OPTIONS"}}`, w.Body.String())
}

func TestPreflight(t *testing.T) {
	w := httptest.NewRecorder()
	Preflight(w)
	require.Equal(t, 204, w.Code)
	h := w.Header()
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "GET, HEAD, OPTIONS", h.Get("Access-Control-Allow-Methods"))
	assert.Contains(t, h.Get("Access-Control-Allow-Headers"), "If-None-Match")
	assert.Empty(t, h.Get("Access-Control-Allow-Credentials"))
	assert.Empty(t, w.Body.Bytes())
}
