package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// demoNow is the test's clock: a day and five hours after demo.json was
// written, so the archive must move by a day and the scheduled articles by
// a day and five hours.
var demoNow = demoAnchor.Add(29*time.Hour + 30*time.Second)

// loadedDemo imports the demo content, shifted to now, into a new memstore
// and returns the store and its public view at now.
func loadedDemo(tb testing.TB, now time.Time) (*memstore.Store, *news.Public) {
	tb.Helper()
	data, err := demoArchive(now)
	if err != nil {
		tb.Fatalf("demoArchive: %v", err)
	}
	st := memstore.New()
	clock := func() time.Time { return now }
	svc := news.NewService(st, &news.ServiceOptions{Now: clock})
	if _, err := svc.Import(context.Background(), bytes.NewReader(data)); err != nil {
		tb.Fatalf("Import(demo content): %v", err)
	}
	return st, news.NewPublic(st, &news.PublicOptions{Now: clock})
}

// allArticles lists every article of the store, whatever its status.
func allArticles(tb testing.TB, s news.Store, q news.Query) []*news.Article {
	tb.Helper()
	var out []*news.Article
	q.Limit = news.MaxLimit
	for {
		p, err := s.Articles(context.Background(), q)
		if err != nil {
			tb.Fatalf("Articles(%+v): %v", q, err)
		}
		out = append(out, p.Articles...)
		if p.Next == "" {
			return out
		}
		q.Cursor = p.Next
	}
}

func publicArticles(tb testing.TB, p *news.Public, q news.Query) []*news.Article {
	tb.Helper()
	var out []*news.Article
	q.Limit = news.MaxLimit
	for {
		page, err := p.Articles(context.Background(), q)
		if err != nil {
			tb.Fatalf("Public.Articles(%+v): %v", q, err)
		}
		out = append(out, page.Articles...)
		if page.Next == "" {
			return out
		}
		q.Cursor = page.Next
	}
}

func TestDemoContentImports(t *testing.T) {
	st, pub := loadedDemo(t, demoNow)
	ctx := context.Background()

	all := allArticles(t, st, news.Query{})
	visible := publicArticles(t, pub, news.Query{})
	if len(visible) < 60 {
		t.Errorf("visible demo articles = %d, want at least 60", len(visible))
	}
	var drafts, scheduled, english, featured, withPDF, withFigure, withTable, withCover int
	for _, a := range all {
		switch {
		case a.Status == news.StatusDraft:
			drafts++
		case a.Scheduled(demoNow):
			scheduled++
		}
		if a.Lang == "en" {
			english++
		}
		if a.Featured {
			featured++
		}
		if a.Cover != nil {
			withCover++
		}
		for _, at := range a.Attachments {
			if at.Type == "application/pdf" {
				withPDF++
			}
		}
		if strings.Contains(a.Body, "<figcaption>") {
			withFigure++
		}
		if strings.Contains(a.Body, "<table>") {
			withTable++
		}
	}
	checks := []struct {
		name     string
		got, min int
	}{
		{"drafts", drafts, 3},
		{"scheduled articles", scheduled, 3},
		{"English articles", english, 3},
		{"featured articles", featured, 3},
		{"articles with a PDF", withPDF, 1},
		{"bodies with a figure", withFigure, 3},
		{"bodies with a table", withTable, 1},
		{"articles with a cover", withCover, 60},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%s = %d, want at least %d", c.name, c.got, c.min)
		}
	}
	if len(visible)+drafts+scheduled != len(all) {
		t.Errorf("visible %d + drafts %d + scheduled %d != %d articles", len(visible), drafts, scheduled, len(all))
	}

	cats, err := pub.Categories(ctx)
	if err != nil {
		t.Fatalf("Categories: %v", err)
	}
	top, sub := 0, 0
	used := map[uuid.UUID]int{}
	for _, a := range visible {
		used[a.CategoryID]++
	}
	for _, c := range cats {
		if c.ParentID == uuid.Nil {
			top++
		} else {
			sub++
		}
		if used[c.ID] == 0 && c.ParentID != uuid.Nil {
			t.Errorf("subcategory %q has no visible article", c.Slug)
		}
	}
	if top < 6 || sub < 4 {
		t.Errorf("categories: %d top-level and %d subcategories, want at least 6 and 4", top, sub)
	}
}

func TestDemoDraftsAndScheduledStayHidden(t *testing.T) {
	st, pub := loadedDemo(t, demoNow)
	ctx := context.Background()
	for _, a := range allArticles(t, st, news.Query{}) {
		if a.Visible(demoNow) {
			continue
		}
		if _, err := pub.ArticleBySlug(ctx, a.Slug); err == nil {
			t.Errorf("Public.ArticleBySlug(%q) of a %s article found it", a.Slug, a.Status)
		}
		for _, v := range publicArticles(t, pub, news.Query{Text: a.Title}) {
			if v.ID == a.ID {
				t.Errorf("a search for %q lists the hidden article", a.Title)
			}
		}
	}
	// Once the last scheduled article is due, every published one is visible.
	later := demoNow.Add(10 * 24 * time.Hour)
	pubLater := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return later }})
	published := allArticles(t, st, news.Query{Status: news.StatusPublished})
	if got := publicArticles(t, pubLater, news.Query{}); len(got) != len(published) {
		t.Errorf("visible ten days later = %d, want every published article (%d)", len(got), len(published))
	}
}

func TestDemoArchiveShiftsDates(t *testing.T) {
	var orig, shifted struct {
		Articles []map[string]any `json:"articles"`
	}
	if err := json.Unmarshal(demoJSON, &orig); err != nil {
		t.Fatal(err)
	}
	data, err := demoArchive(demoNow)
	if err != nil {
		t.Fatalf("demoArchive: %v", err)
	}
	if err := json.Unmarshal(data, &shifted); err != nil {
		t.Fatal(err)
	}
	if len(orig.Articles) != len(shifted.Articles) {
		t.Fatalf("shifted archive has %d articles, want %d", len(shifted.Articles), len(orig.Articles))
	}
	for i, a := range orig.Articles {
		b := shifted.Articles[i]
		for k, v := range a {
			if k == "publish_at" || k == "updated_at" {
				t0, _ := time.Parse(time.RFC3339, v.(string))
				t1, err := time.Parse(time.RFC3339, b[k].(string))
				want := 48 * time.Hour // the newest archived article, 25h before the anchor, moves to 6h before demoNow
				if published, _ := time.Parse(time.RFC3339, a["publish_at"].(string)); published.After(demoAnchor) {
					want = 29 * time.Hour
				}
				if err != nil {
					t.Errorf("articles[%d].%s = %v: %v", i, k, b[k], err)
				} else if d := t1.Sub(t0); d != want {
					t.Errorf("articles[%d].%s %s moved by %v, want %v", i, k, t0, d, want)
				}
				continue
			}
			if a, b := mustJSON(t, v), mustJSON(t, b[k]); a != b {
				t.Errorf("articles[%d].%s = %s, want it unchanged: %s", i, k, b, a)
			}
		}
	}
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestDemoFilesExist checks that every cover, figure and attachment of the
// demo content is a file the demo serves, with the size, type and
// dimensions the content states.
func TestDemoFilesExist(t *testing.T) {
	var doc struct {
		Articles []struct {
			Title    string `json:"title"`
			BodyHTML string `json:"body_html"`
			Cover    *struct {
				URL           string
				Width, Height int
				Type          string
				Size          int64
			} `json:"cover"`
			Attachments []struct {
				URL, Type string
				Size      int64
			} `json:"attachments"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(demoJSON, &doc); err != nil {
		t.Fatal(err)
	}
	static, err := fs.Sub(assetsFS, "static")
	if err != nil {
		t.Fatal(err)
	}
	open := func(u string) []byte {
		t.Helper()
		name, ok := strings.CutPrefix(u, "/static/")
		if !ok {
			t.Errorf("URL %q is not under /static/", u)
			return nil
		}
		b, err := fs.ReadFile(static, name)
		if err != nil {
			t.Errorf("URL %q: %v", u, err)
		}
		return b
	}
	for _, a := range doc.Articles {
		if c := a.Cover; c != nil {
			b := open(c.URL)
			if int64(len(b)) != c.Size {
				t.Errorf("%q: cover %s is %d bytes, content says %d", a.Title, c.URL, len(b), c.Size)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil || c.Type != "image/png" || cfg.Width != c.Width || cfg.Height != c.Height {
				t.Errorf("%q: cover %s is %dx%d (%v), content says %dx%d %s", a.Title, c.URL, cfg.Width, cfg.Height, err, c.Width, c.Height, c.Type)
			}
		}
		for _, at := range a.Attachments {
			b := open(at.URL)
			if int64(len(b)) != at.Size || !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%q: attachment %s is %d bytes (PDF %v), content says %d", a.Title, at.URL, len(b), bytes.HasPrefix(b, []byte("%PDF-")), at.Size)
			}
		}
		for rest := a.BodyHTML; ; {
			_, after, ok := strings.Cut(rest, `src="`)
			if !ok {
				break
			}
			u, tail, _ := strings.Cut(after, `"`)
			open(u)
			rest = tail
		}
	}
}

// TestDemoArchiveKeepsScheduled checks, for clocks at several times of day
// and distances from the anchor, that the moved archive has the same
// scheduled articles in the future and its newest article within the last
// day.
func TestDemoArchiveKeepsScheduled(t *testing.T) {
	var doc struct {
		Articles []struct {
			PublishAt time.Time `json:"publish_at"`
			Status    string    `json:"status"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(demoJSON, &doc); err != nil {
		t.Fatal(err)
	}
	wantScheduled := 0
	for _, a := range doc.Articles {
		if a.Status == "published" && a.PublishAt.After(demoAnchor) {
			wantScheduled++
		}
	}
	for _, d := range []time.Duration{-72 * time.Hour, 0, 10 * time.Minute, 9 * time.Hour, 14*time.Hour + 59*time.Minute, 23*time.Hour + 30*time.Minute, 23*time.Hour + 59*time.Minute, 24*time.Hour + 30*time.Minute, 400 * 24 * time.Hour} {
		now := demoAnchor.Add(d)
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			data, err := demoArchive(now)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Articles []struct {
					PublishAt time.Time `json:"publish_at"`
					Status    string    `json:"status"`
				} `json:"articles"`
			}
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			scheduled := 0
			var newest time.Time
			for _, a := range got.Articles {
				switch {
				case a.Status != "published":
				case a.PublishAt.After(now):
					scheduled++
				case a.PublishAt.After(newest):
					newest = a.PublishAt
				}
			}
			if scheduled != wantScheduled {
				t.Errorf("demoArchive(%s): %d scheduled articles, want %d", now, scheduled, wantScheduled)
			}
			if age := now.Sub(newest); age < 0 || age >= 24*time.Hour && d >= 0 || age > 25*time.Hour {
				t.Errorf("demoArchive(%s): newest article from %s, %v before now; want it from the last day (25h when the clock is before the anchor)", now, newest, age)
			}
		})
	}
}
