package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"golang.org/x/text/unicode/norm"
)

// A searchRoom is an archive for text search. Articles, newest first:
//
//	s7 du-thao-bao-cao-dai-hoi   hour 95  draft; title "Dự thảo báo cáo chính trị Đại hội"
//	s6 thong-bao-tuyen-dung      hour 90  "hội nghị", "đại hội" only in the body's markup
//	s8 tong-ket-nam-hoc          hour 85  title "Tổng kết năm học"; "Hội nghị" in the body
//	s5 tham-gia-dinh-liet-si     hour 80  "tặng quà" in the summary
//	s3 hop-mat-ngay-8-3          hour 70  category b; "hội nghị" in the body, inside <strong>
//	s2 dai-hoi-cong-doan         hour 60  title "Đại hội Công đoàn cơ sở …"
//	s1 hoi-nghi-tong-ket         hour 50  title "Hội nghị tổng kết công tác khoa học năm 2025"
//	s4 hoi-nghi-tap-huan         hour 40  title without marks: "Hoi nghi tap huan chuyen doi so"
//	s9 hoi-nghi-buc-xa           hour 30  category b; "Hội nghị" as character references in the body
type searchRoom struct {
	a, b *news.Category
	s    map[int]*news.Article
}

func newSearchRoom(f *fixture) *searchRoom {
	f.t.Helper()
	r := &searchRoom{s: make(map[int]*news.Article)}
	r.a = f.category("hoat-dong", "Hoạt động", uuid.Nil)
	r.b = f.category("cong-doan", "Công đoàn", uuid.Nil)
	add := func(n int, cat *news.Category, slug, title string, h int, edit func(a *news.Article)) {
		a := NewArticle(cat.ID, slug, title, hour(h))
		if edit != nil {
			edit(a)
		}
		r.s[n] = f.createArticle(a)
	}
	add(1, r.a, "hoi-nghi-tong-ket", "Hội nghị tổng kết công tác khoa học năm 2025", 50, nil)
	add(2, r.a, "dai-hoi-cong-doan", "Đại hội Công đoàn cơ sở nhiệm kỳ 2025–2030", 60, nil)
	add(3, r.b, "hop-mat-ngay-8-3", "Họp mặt kỷ niệm ngày Quốc tế Phụ nữ 8/3", 70, func(a *news.Article) {
		a.Body = "<p>Sau <strong>hội nghị</strong> giao ban, chị em công đoàn viên đã cùng nhau họp mặt thân mật.</p>"
	})
	add(4, r.a, "hoi-nghi-tap-huan", "Hoi nghi tap huan chuyen doi so", 40, nil)
	add(5, r.a, "tham-gia-dinh-liet-si", "Thăm gia đình liệt sĩ nhân ngày 27/7", 80, func(a *news.Article) {
		a.Summary = "Đoàn công tác đã đến thăm và tặng quà các gia đình chính sách tại huyện Chợ Lách."
	})
	add(6, r.a, "thong-bao-tuyen-dung", "Thông báo tuyển dụng viên chức", 90, func(a *news.Article) {
		a.Body = `<p class="hoi-nghi"><a href="https://example.org/dai-hoi" title="Đại hội">Xem chi tiết</a></p>`
	})
	add(7, r.a, "du-thao-bao-cao-dai-hoi", "Dự thảo báo cáo chính trị Đại hội", 95, func(a *news.Article) {
		a.Status = news.StatusDraft
	})
	add(8, r.a, "tong-ket-nam-hoc", "Tổng kết năm học", 85, func(a *news.Article) {
		a.Body = "<h2>Diễn biến</h2><p>Hội nghị diễn ra tại hội trường của Sở.</p>"
	})
	add(9, r.b, "hoi-nghi-buc-xa", "Chuyên đề an toàn bức xạ trong y tế", 30, func(a *news.Article) {
		a.Body = "<p>H&#7897;i ngh&#7883; chuyên đề được tổ chức tại bệnh viện tỉnh.</p>"
	})
	return r
}

func (r *searchRoom) slugs(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = r.s[n].Slug
	}
	return out
}

func testSearch(f *fixture) {
	r := newSearchRoom(f)
	hoiNghi := []int{1, 4, 8, 3, 9} // title matches s1, s4, then body matches s8, s3, s9
	marked := []int{1, 8, 3, 9}     // the same with marks: not s4, whose title has none
	tests := []struct {
		name string
		q    news.Query
		want []int
	}{
		{"without marks finds marks", news.Query{Text: "dai hoi"}, []int{7, 2}},
		{"drafts left out by status", news.Query{Text: "dai hoi", Status: news.StatusPublished}, []int{2}},
		{"marks do not find text without marks", news.Query{Text: "Hội nghị"}, marked},
		{"upper case", news.Query{Text: "HỘI NGHỊ"}, marked},
		{"decomposed (NFD)", news.Query{Text: norm.NFD.String("Hội nghị")}, marked},
		{"plain", news.Query{Text: "hoi nghi"}, hoiNghi},
		{"punctuation between words", news.Query{Text: "  hội,  nghị! "}, marked},
		{"word order does not matter", news.Query{Text: "nghi hoi"}, hoiNghi},
		{"a prefix does not match", news.Query{Text: "ngh"}, nil},
		{"whole words", news.Query{Text: "tuyen dung"}, []int{6}},
		{"a prefix of the last word does not match", news.Query{Text: "tuyen d"}, nil},
		{"the inside of a word does not match", news.Query{Text: "ghi"}, nil},
		{"every word must match", news.Query{Text: "hoi nghi tuyen"}, nil},
		{"summary", news.Query{Text: "tang qua"}, []int{5}},
		{"words spread over title and body rank with the others", news.Query{Text: "tong ket hoi nghi"}, []int{1, 8}},
		{"title only", news.Query{Text: "chuyen doi so"}, []int{4}},
		{"markup is not text", news.Query{Text: "example"}, nil},
		{"with a category", news.Query{Text: "hoi nghi", CategoryID: r.b.ID}, []int{3, 9}},
		{"with a date range", news.Query{Text: "hoi nghi", From: hour(40), To: hour(80)}, []int{1, 4, 3}},
		{"with exclude", news.Query{Text: "hoi nghi", Exclude: r.s[4].ID}, []int{1, 8, 3, 9}},
		{"no match", news.Query{Text: "vệ tinh"}, nil},
		{"repeated words", news.Query{Text: "hội nghị Hội Nghị hoi nghi HỘI"}, marked},
		{"an excluded word", news.Query{Text: "hoi nghi -tong"}, []int{4, 3, 9}},
		{"an excluded phrase", news.Query{Text: `hoi nghi -"giao ban"`}, []int{1, 4, 8, 9}},
		{"exclusions of other words", news.Query{Text: "hoi nghi -ve -xe"}, hoiNghi},
		{"two exclusions", news.Query{Text: "hoi nghi -giao -tinh"}, []int{1, 4, 8}},
		{"newest first", news.Query{Text: "hoi nghi", Sort: news.SortNewest}, []int{8, 3, 1, 4, 9}},
	}
	for _, tc := range tests {
		for _, limit := range []int{0, 1, 2} {
			f.expectList(tc.q, limit, r.slugs(tc.want...))
		}
		q := tc.q
		q.Limit = 1
		if p := f.page(q); p.Total != len(tc.want) || p.TotalCapped {
			f.t.Errorf("%s: Articles(%s).Total = %d (capped %v), want %d", tc.name, describe(q), p.Total, p.TotalCapped, len(tc.want))
		}
	}
}

func testSearchPagination(f *fixture) {
	r := newSearchRoom(f)
	// Five title matches and five others, so that pages of two and three
	// straddle the rank boundary.
	for i := range 3 {
		a := NewArticle(r.a.ID, fmt.Sprintf("hoi-nghi-chuyen-de-%d", i), fmt.Sprintf("Hội nghị chuyên đề số %d", i), hour(45))
		a.ID = seqID(10 + i)
		f.createArticle(a)
	}
	want := []string{
		"hoi-nghi-tong-ket", "hoi-nghi-chuyen-de-2", "hoi-nghi-chuyen-de-1", "hoi-nghi-chuyen-de-0", "hoi-nghi-tap-huan",
		"tong-ket-nam-hoc", "hop-mat-ngay-8-3", "hoi-nghi-buc-xa",
	}
	rank := map[string]int{"tong-ket-nam-hoc": news.RankBodyPhrase, "hop-mat-ngay-8-3": news.RankBodyPhrase, "hoi-nghi-buc-xa": news.RankBodyPhrase}
	q := news.Query{Text: "hoi nghi"}
	for _, limit := range []int{1, 2, 3, 4, 5, 7, news.MaxLimit} {
		f.expectList(q, limit, want)
	}
	// Each Next is the cursor of the page's last article at its rank.
	q.Limit = 2
	for n := 0; ; n++ {
		p := f.page(q)
		if p.Next == "" {
			break
		}
		last := p.Articles[len(p.Articles)-1]
		if wantNext := news.CursorAfter(last, rank[last.Slug]).String(); p.Next != wantNext {
			c, err := news.ParseCursor(p.Next)
			f.t.Errorf("Articles(%s) page %d: Next = %+v (%v), want news.CursorAfter(%q, %d)", describe(q), n+1, c, err, last.Slug, rank[last.Slug])
		}
		q.Cursor = p.Next
	}
	// A title match written between two pages lands in its rank.
	q = news.Query{Text: "hoi nghi", Limit: 6}
	first := f.page(q)
	late := NewArticle(r.a.ID, "hoi-nghi-muon", "Hội nghị bổ sung", hour(20))
	f.createArticle(late)
	q.Cursor = first.Next
	rest := f.list(q, 0)
	if got := slugs(append(first.Articles, rest...)); !slices.Equal(got, want) {
		f.t.Errorf("search pages around an insert = %q, want %q (the new title match ranks before the cursor)", got, want)
	}
}

// A recorder is a store that records the Text of every Articles query it
// is asked.
type recorder struct {
	news.Store
	mu    sync.Mutex
	texts []string
}

func (r *recorder) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	r.mu.Lock()
	r.texts = append(r.texts, q.Text)
	r.mu.Unlock()
	return r.Store.Articles(ctx, q)
}

// asked returns the texts recorded since the last call.
func (r *recorder) asked() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.texts
	r.texts = nil
	return out
}

// testSearchBounds searches through news.Public, as readers do: the store
// is asked each distinct word once, a text with no letter or digit lists
// nothing (the store is not asked), and a text over the bounds is refused
// naming "text".
func testSearchBounds(f *fixture) {
	r := newSearchRoom(f)
	rec := &recorder{Store: f.s}
	pub := news.NewPublic(rec, &news.PublicOptions{Now: func() time.Time { return hour(1000) }})
	list := func(text string) ([]string, error) {
		q := news.Query{Text: text, Limit: 2}
		var out []string
		for {
			p, err := pub.Articles(f.ctx, q)
			if err != nil {
				return out, err
			}
			out = append(out, slugs(p.Articles)...)
			if p.Next == "" {
				return out, nil
			}
			q.Cursor = p.Next
		}
	}
	hoiNghi := r.slugs(1, 8, 3, 9)
	tests := []struct {
		name  string
		text  string
		want  []string
		asked string // the Text the store is asked on every page; "" for none
	}{
		{"plain", "hội nghị", hoiNghi, "hội nghị"},
		{"repeats asked once", strings.Repeat("hội nghị ", 19), hoiNghi, "hội nghị"},
		{"repeats in other cases", "Hội nghị HỘI NGHỊ hội Nghị", hoiNghi, "Hội nghị"},
		{"100 × t", strings.Repeat("t ", 100), nil, "t"},
		{"punctuation is not passed on, quotes are", `"hội nghị", *tổng kết*`, r.slugs(1, 8), `tổng kết "hội nghị"`},
		{"only exclusions", "-hội -nghị", nil, ""},
		{"emoji", "😀", nil, ""},
		{"quote", `"`, nil, ""},
		{"star", "*", nil, ""},
		{"symbols and spaces", ` " * 😀 - `, nil, ""},
	}
	for _, tc := range tests {
		got, err := list(tc.text)
		if err != nil {
			f.t.Errorf("%s: Public.Articles(Text %q): %v", tc.name, tc.text, err)
			continue
		}
		asked := rec.asked()
		if tc.name == "100 × t" {
			// Whatever "t" matches in this store, 100 × t matches the same.
			tc.want, err = list("t")
			if err != nil {
				f.t.Fatalf("Public.Articles(Text %q): %v", "t", err)
			}
			rec.asked()
		}
		if !slices.Equal(got, tc.want) {
			f.t.Errorf("%s: Public.Articles(Text %q) = %q, want %q", tc.name, tc.text, got, tc.want)
		}
		for _, a := range asked {
			if a != tc.asked {
				f.t.Errorf("%s: Public.Articles(Text %q) asked the store for Text %q, want %q", tc.name, tc.text, a, tc.asked)
			}
		}
		if tc.asked == "" && len(asked) > 0 {
			f.t.Errorf("%s: Public.Articles(Text %q) asked the store %d times, want none", tc.name, tc.text, len(asked))
		}
		if tc.asked != "" && len(asked) == 0 {
			f.t.Errorf("%s: Public.Articles(Text %q) never asked the store", tc.name, tc.text)
		}
	}
	for _, tc := range []struct{ text, rule string }{
		{"một hai ba bốn năm sáu bảy tám chín mười trăm nghìn vạn triệu tỷ đồng xu", "more than 16 distinct words (has 17)"},
		{strings.Repeat("bưởi ", 32) + "b", "longer than 256 bytes (has 257)"},
	} {
		_, err := list(tc.text)
		var fe *news.FieldError
		if !errors.Is(err, news.ErrInvalid) || !errors.As(err, &fe) || fe.Field != "text" || fe.Rule != tc.rule {
			f.t.Errorf("Public.Articles(Text %q) = %v, want ErrInvalid with text: %s", tc.text, err, tc.rule)
		}
		if asked := rec.asked(); len(asked) > 0 {
			f.t.Errorf("Public.Articles(Text %q) asked the store %q, want nothing", tc.text, asked)
		}
	}
}
