package memstore

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
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
		{news.Query{Text: "hoi nghi 12"}, 11},         // 12 and 120..129
		{news.Query{Text: "ban tin", Lang: "en"}, 12}, // both words are in every article
		{news.Query{Text: "1 hoi"}, 600},              // "1" begins over 64 words: not merged
		{news.Query{Author: "Không ai"}, 0},
	}
	for _, tc := range tests {
		f := filter{q: tc.q, words: news.Words(tc.q.Text), author: news.Fold(tc.q.Author), tag: news.Slugify(tc.q.Tag)}
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

// TestVocabulary checks prefix lookups against a model while words come
// and go.
func TestVocabulary(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var v vocabulary
	model := map[string]bool{}
	for step := range 5000 {
		w := fmt.Sprintf("w%d", rng.IntN(2000))
		if model[w] {
			v.remove(w)
			delete(model, w)
		} else {
			v.add(w)
			model[w] = true
		}
		if step%1000 != 999 {
			continue
		}
		want := slices.Sorted(maps.Keys(model))
		v.words.check(t, want)
		for _, p := range []string{"w1", "w19", "w", "x", "", "w1999"} {
			var got []string
			v.withPrefix(p, func(w string) bool { got = append(got, w); return true })
			filtered := slices.DeleteFunc(slices.Clone(want), func(w string) bool { return !strings.HasPrefix(w, p) })
			if !slices.Equal(got, filtered) {
				t.Fatalf("withPrefix(%q) = %d words, want %d", p, len(got), len(filtered))
			}
		}
	}
	if len(v.words.blocks) < 4 {
		t.Fatalf("the test made only %d blocks; it must split some", len(v.words.blocks))
	}
	calls := 0
	v.withPrefix("w", func(string) bool { calls++; return calls < 3 })
	if calls != 3 {
		t.Errorf("withPrefix went on after fn returned false: %d calls", calls)
	}
}
