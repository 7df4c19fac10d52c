package widget_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// brokenSource is a Source whose State or Articles fail with an internal
// error that must never reach a client.
type brokenSource struct {
	widget.Source
	state, articles bool
}

var errSecret = errors.New("pq: connection to 10.0.0.7 refused, password=hunter2")

func (b *brokenSource) State(ctx context.Context) (news.State, error) {
	if b.state {
		return news.State{}, errSecret
	}
	return b.Source.State(ctx)
}

func (b *brokenSource) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	if b.articles {
		return nil, errSecret
	}
	return b.Source.Articles(ctx, q)
}

// TestInternalError checks that a failing Source gives a generic 500,
// logged with its cause, and never shows the cause to the client.
func TestInternalError(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, broken := range []*brokenSource{{Source: s.pub, state: true}, {Source: s.pub, articles: true}} {
		var logs bytes.Buffer
		h := widget.New(broken, &widget.Options{BaseURL: testBase, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		for _, tc := range []struct{ target, ctype, want string }{
			{"/", "text/html; charset=utf-8", "Đã có lỗi xảy ra"},
			{"/api/articles", "application/json; charset=utf-8", `{"error":{"code":"internal","message":"internal error"}}`},
			{"/fragment", "application/json; charset=utf-8", `"code":"internal"`},
			{"/embed", "application/json; charset=utf-8", `"code":"internal"`},
		} {
			logs.Reset()
			res, body := get(t, h, tc.target)
			if res.StatusCode != 500 || res.Header.Get("Content-Type") != tc.ctype || !strings.Contains(body, tc.want) {
				t.Errorf("GET %s (state %v): %d %s, want 500 %s with %q\n%s", tc.target, broken.state, res.StatusCode,
					res.Header.Get("Content-Type"), tc.ctype, tc.want, body)
			}
			mustNotContain(t, "500 body", body, "hunter2", "10.0.0.7", "pq:")
			if !strings.Contains(logs.String(), "hunter2") {
				t.Errorf("GET %s: cause not logged: %q", tc.target, logs.String())
			}
		}
		if _, err := h.Box(context.Background(), widget.BoxParams{}); !errors.Is(err, errSecret) {
			t.Errorf("Box error = %v, want the source's", err)
		}
	}
}
