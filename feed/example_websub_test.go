package feed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// A WebSub notifier tells the hub which feeds changed once an article is
// published: here the site's feed, its language's and its tag's, in every
// format. The feeds advertise the same hub through Options.Hub.
func ExampleNewWebSub() {
	notified := make(chan string, 16)
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		notified <- r.PostFormValue("hub.mode") + " " + r.PostFormValue("hub.url")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hub.Close()

	ctx := context.Background()
	store := memstore.New()
	public := news.NewPublic(store, nil)
	const base = "https://sokhcn.example.gov.vn/tin-tuc/"
	if _, err := feed.New(public, &feed.Options{BaseURL: base, Hub: hub.URL}); err != nil {
		fmt.Println(err)
		return
	}
	ws, err := feed.NewWebSub(ctx, public, &feed.WebSubOptions{Hub: hub.URL, BaseURL: base})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ws.Close()

	if err := store.CreateArticle(ctx, exampleArticle()); err != nil {
		fmt.Println(err)
		return
	}
	var got []string
	for len(got) < 9 {
		select {
		case n := <-notified:
			got = append(got, n)
		case <-time.After(3 * time.Second):
			fmt.Println("the hub heard of", len(got), "feeds")
			return
		}
	}
	slices.Sort(got)
	for _, n := range got {
		fmt.Println(n)
	}
	// Output:
	// publish https://sokhcn.example.gov.vn/tin-tuc/feed.atom
	// publish https://sokhcn.example.gov.vn/tin-tuc/feed.atom?lang=vi
	// publish https://sokhcn.example.gov.vn/tin-tuc/feed.json
	// publish https://sokhcn.example.gov.vn/tin-tuc/feed.json?lang=vi
	// publish https://sokhcn.example.gov.vn/tin-tuc/feed.rss
	// publish https://sokhcn.example.gov.vn/tin-tuc/feed.rss?lang=vi
	// publish https://sokhcn.example.gov.vn/tin-tuc/tags/chuyen-doi-so/feed.atom
	// publish https://sokhcn.example.gov.vn/tin-tuc/tags/chuyen-doi-so/feed.json
	// publish https://sokhcn.example.gov.vn/tin-tuc/tags/chuyen-doi-so/feed.rss
}
