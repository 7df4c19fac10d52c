package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestWebSubHub(t *testing.T) {
	notified := make(chan string, 64)
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		notified <- r.PostFormValue("hub.url")
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(hub.Close)
	a := startApp(t, "-db", "memory", "-websub-hub", hub.URL)

	res, _ := get(t, a.siteURL+"news/feed.atom")
	assert.Equal(t, `<`+hub.URL+`>; rel="hub", <`+a.siteURL+`news/feed.atom>; rel="self"`, res.Header.Get("Link"))

	ctx := context.Background()
	cats, err := a.pub.Categories(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, cats)
	draft, err := a.svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Sở tổ chức tập huấn đăng ký quyền sở hữu trí tuệ cho doanh nghiệp nhỏ",
		BodyHTML:   "<p>Hơn sáu mươi doanh nghiệp tham dự buổi tập huấn tại hội trường Sở.</p>",
		CategoryID: cats[0].ID,
	})
	require.NoError(t, err)
	start := time.Now()
	_, err = a.svc.Publish(ctx, draft.ID)
	require.NoError(t, err)
	want := a.siteURL + "news/feed.rss"
	for {
		select {
		case u := <-notified:
			if u == want {
				// The notifier looks every half second: on a quiet machine
				// the hub hears within a second. Timings are not asserted.
				t.Logf("the hub heard of %s %v after the publish", u, time.Since(start))
				return
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the hub heard nothing of %s", want)
		}
	}
}
