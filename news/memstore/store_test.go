package memstore

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

func TestCachedBounded(t *testing.T) {
	m := make(map[string]string)
	for i := range maxKeys + 10 {
		k := fmt.Sprintf("Chủ đề %d", i)
		if got := cached(m, k, strings.ToUpper); got != strings.ToUpper(k) {
			t.Fatalf("cached(%q) = %q, want %q", k, got, strings.ToUpper(k))
		}
		if len(m) > maxKeys {
			t.Fatalf("cache holds %d keys, more than %d", len(m), maxKeys)
		}
	}
	if len(m) != 10 {
		t.Errorf("cache holds %d keys after overflowing once, want 10", len(m))
	}
}

// TestPlanReadsShortestList checks that a query reads the shortest list
// that holds every match, whichever filter gives it.
func TestPlanReadsShortestList(t *testing.T) {
	ctx := t.Context()
	s := New()
	cat := &news.Category{ID: uuid.New(), Slug: "tin-tuc", Name: "Tin tức"}
	var arts []*news.Article
	for i := range 600 {
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		a := &news.Article{ID: uuid.New(), Slug: fmt.Sprintf("bai-%d", i), Title: fmt.Sprintf("Bản tin số %d", i),
			Body: "<p>Hội nghị tổng kết năm.</p>", Author: "Văn phòng Sở", CategoryID: cat.ID, Lang: "vi",
			Tags: []string{"Khoa học"}, Status: news.StatusPublished, PublishAt: at}
		switch {
		case i%100 == 0:
			a.Author, a.Status = "Phóng viên Lan", news.StatusDraft
		case i%50 == 1:
			a.Lang = "en"
		}
		arts = append(arts, a)
	}
	if err := s.Import(ctx, &news.Batch{Categories: []*news.Category{cat}, Articles: arts}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    news.Query
		want int // entries in the lists read
	}{
		{news.Query{}, 600},
		{news.Query{CategoryID: cat.ID, Tag: "khoa hoc"}, 600},
		{news.Query{CategoryID: cat.ID, Author: "phong vien lan"}, 6},
		{news.Query{Status: news.StatusDraft}, 6},
		{news.Query{Status: news.StatusPublished, Lang: "en"}, 12},
		{news.Query{Text: "hoi nghi 12"}, 1},          // only "Bản tin số 12" holds the word 12
		{news.Query{Text: "ban tin", Lang: "en"}, 12}, // both words are in every article
		{news.Query{Text: "hoi 1200"}, 0},             // no article holds 1200: nothing is read
		{news.Query{Author: "Không ai"}, 0},
	}
	for _, tc := range tests {
		f := filter{q: tc.q, author: news.Fold(tc.q.Author), tag: news.Slugify(tc.q.Tag)}
		if tc.q.Text != "" {
			search, err := news.ParseSearch(tc.q.Text)
			if err != nil {
				t.Fatal(err)
			}
			f.search = newSearchKeys(search)
		}
		s.mu.RLock()
		lists := s.plan(&f)
		s.mu.RUnlock()
		n := 0
		for _, l := range lists {
			n += l.n
		}
		if n != tc.want {
			t.Errorf("plan(%+v) reads %d entries, want %d", tc.q, n, tc.want)
		}
	}
}
