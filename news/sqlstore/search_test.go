package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// searchCorpus fills s with the articles the search tests query: Vietnamese
// titles, summaries and bodies with and without marks.
func searchCorpus(tb testing.TB, s news.Store) {
	tb.Helper()
	ctx := context.Background()
	root := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	root.ID = uuid.MustParse("0c3e1a52-1f0b-4f6e-8a43-5d2b7e9c1a01")
	sub := storetest.NewCategory("hoat-dong", "Hoạt động", root.ID)
	sub.ID = uuid.MustParse("0c3e1a52-1f0b-4f6e-8a43-5d2b7e9c1a02")
	texts := []struct{ title, summary, body string }{
		{"Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2025-2030", "Đại hội bầu Ban Chấp hành mới.", "<p>Sáng nay, <b>Đại</b> hội đã diễn ra thành công.</p>"},
		{"Hội nghị sơ kết công tác 6 tháng đầu năm", "", "<p>Hội nghị đánh giá kết quả thực hiện nhiệm vụ.</p>"},
		{"hoi nghi truc tuyen ve chuyen doi so", "Tóm tắt không dấu.", "<p>Noi dung hoi nghi.</p>"},
		{"Tập huấn an toàn bức xạ trong y tế", "Các cơ sở X-quang tham dự.", "<p>Đại diện Sở phát biểu tại hội nghị tập huấn.</p>"},
		{"Thông báo tuyển dụng viên chức năm 2025", "Sở thông báo chỉ tiêu tuyển dụng.", "<p>Hồ sơ nộp trước ngày 30/9.</p><script>đại hội ẩn</script>"},
		{"Khởi nghiệp đổi mới sáng tạo: Techfest tỉnh", "Ngày hội khởi nghiệp.", "<p>Các dự án đạt giải được vinh danh tại <i>ngày hội</i>.</p>"},
		{"Nghiệm thu đề tài giống lúa chịu mặn", "Đề tài cấp tỉnh.", "<p>Giống lúa cho năng suất cao trên đất nhiễm mặn.</p>"},
		{"Đo lường chất lượng xăng dầu", "Kiểm tra đo lường.", "<p>Đoàn kiểm tra phát hiện 2 cây xăng vi phạm.</p>"},
	}
	var b news.Batch
	b.Categories = []*news.Category{root, sub}
	for i, x := range texts {
		cat := root.ID
		if i%2 == 1 {
			cat = sub.ID
		}
		a := storetest.NewArticle(cat, fmt.Sprintf("bai-%d", i), x.title, testBase.Add(time.Duration(i%5)*time.Hour))
		a.ID = uuid.MustParse(fmt.Sprintf("5e3f9a10-0000-4000-8000-%012d", i))
		a.Summary, a.Body = x.summary, x.body
		a.Tags = []string{"Khoa học", fmt.Sprintf("Chủ đề %d", i%3)}
		if i == 6 {
			a.Status = news.StatusDraft
		}
		b.Articles = append(b.Articles, a)
	}
	if err := s.Import(ctx, &b); err != nil {
		tb.Fatalf("Import: %v", err)
	}
}

// searchQueries are the searches both stores must answer alike, with the
// hostile ones that would break an FTS5 MATCH or a tsquery built naively.
var searchQueries = []string{
	"dai hoi", "Đại hội", "ĐẠI HỘI", "Hội nghị", "hoi nghi", "hoi ngh", "h", "nghi", "2025", "2025-2030",
	"x-quang", "xang dau", "lua man", "ngay hoi", "an", "tap huan hoi nghi", "không có bài nào",
	`"`, `""dai`, `dai*`, `*`, `NEAR(dai hoi)`, `dai OR hoi`, `NOT dai`, `title:dai`, `{title}: hoi`,
	`'`, `dai':*`, `a & b | !c`, `\`, `(`, `dai hoi)`, `^dai`, `đại-hội`, "\x00dai", "  ", "!!!",
}

// TestSearchSameAsMemstore checks that every search of searchQueries, with
// and without filters, lists the same articles in the same order, page by
// page, as the in-memory store does.
func TestSearchSameAsMemstore(t *testing.T) {
	mem := memstore.New()
	searchCorpus(t, mem)
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t, nil)
			searchCorpus(t, s)
			for _, text := range searchQueries {
				for _, q := range []news.Query{
					{Text: text, Limit: 2},
					{Text: text, Limit: 3, Status: news.StatusPublished},
					{Text: text, Limit: 2, CategoryID: uuid.MustParse("0c3e1a52-1f0b-4f6e-8a43-5d2b7e9c1a02")},
					{Text: text, Limit: 2, Tag: "chu de 1"},
				} {
					want := walk(t, mem, q)
					if got := walk(t, s, q); !slices.Equal(got, want) {
						t.Errorf("Articles(%+v) = %q, want %q (as memstore)", q, got, want)
					}
				}
			}
		})
	}
}

// walk returns the slugs of every page of q, each with its rank's cursor
// checked by the next request.
func walk(t testing.TB, s news.Store, q news.Query) []string {
	t.Helper()
	var out []string
	for range 100 {
		p, err := s.Articles(context.Background(), q)
		if errors.Is(err, news.ErrInvalid) && q.Cursor == "" {
			return []string{"error: " + err.Error()[strings.Index(err.Error(), ":")+1:]}
		}
		if err != nil {
			t.Fatalf("%T.Articles(%+v): %v", s, q, err)
		}
		for _, a := range p.Articles {
			out = append(out, a.Slug)
		}
		if p.Next == "" {
			return out
		}
		q.Cursor = p.Next
	}
	t.Fatalf("%T.Articles(%+v): more than 100 pages", s, q)
	return nil
}

// FuzzSearch checks that no search text makes the SQL store fail, and that
// it lists what the in-memory store lists.
func FuzzSearch(f *testing.F) {
	for _, q := range searchQueries {
		f.Add(q)
	}
	mem := memstore.New()
	searchCorpus(f, mem)
	s, _ := openSQLite(f, nil)
	searchCorpus(f, s)
	f.Fuzz(func(t *testing.T, text string) {
		q := news.Query{Text: text, Limit: 3}
		want := walk(t, mem, q)
		if got := walk(t, s, q); !slices.Equal(got, want) {
			t.Errorf("Articles(Text: %q) = %q, want %q (as memstore)", text, got, want)
		}
	})
}
