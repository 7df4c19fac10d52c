package widget_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/widget"
)

const testBase = "https://skhcn.example.gov.vn/tin-tuc/"

// ict is the fixed zone of the tests: Vietnam, UTC+7, no daylight saving.
var ict = time.FixedZone("ICT", 7*60*60)

// A clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// A newsSite is a store filled with a small Vietnamese newsroom, its public
// view and a handler over it.
type newsSite struct {
	svc   *news.Service
	pub   *news.Public
	clock *clock // the public view's clock
	h     *widget.Handler
	cats  map[string]*news.Category // by slug
	arts  map[string]*news.Article  // by a short name
}

// The XSS payload put in an article's title, summary, tags, cover and body.
const xssTitle = `Thông báo </script><script>alert(1)</script><img src=x onerror=alert(2)> "quote"`

// newNewsSite fills a store and returns a handler over it with opts (BaseURL,
// Location and PageSize set when opts leaves them empty).
func newNewsSite(tb testing.TB, opts *widget.Options) *newsSite {
	tb.Helper()
	ctx := context.Background()
	var n uint32
	writeClock := &clock{t: time.Date(2022, 12, 1, 2, 0, 0, 0, time.UTC)}
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{
		Now: writeClock.Now,
		NewID: func() uuid.UUID {
			n++
			return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", n))
		},
	})
	f := &newsSite{svc: svc, cats: map[string]*news.Category{}, arts: map[string]*news.Article{}}
	f.clock = &clock{t: time.Date(2022, 12, 1, 3, 0, 0, 0, time.UTC)}
	f.pub = news.NewPublic(store, &news.PublicOptions{Now: f.clock.Now})

	cat := func(slug, name, desc, parent string, pos int) {
		in := news.CategoryInput{Slug: slug, Name: name, Description: desc, Position: pos}
		if parent != "" {
			in.ParentID = f.cats[parent].ID
		}
		c, err := svc.CreateCategory(ctx, in)
		if err != nil {
			tb.Fatalf("CreateCategory(%s): %v", slug, err)
		}
		f.cats[slug] = c
	}
	cat("hoat-dong", "Hoạt động của Sở", "Tin về hoạt động của Sở Khoa học và Công nghệ.", "", 1)
	cat("chi-bo-doan-the", "Chi bộ – Đoàn thể", "", "hoat-dong", 1)
	cat("khoa-hoc-cong-nghe", "Khoa học và Công nghệ", "Nhiệm vụ, đề tài và ứng dụng khoa học.", "", 2)
	cat("thong-bao", "Thông báo", "", "", 3)

	type art struct {
		name, cat, title, summary, body, author string
		tags                                    []string
		at                                      time.Time
		cover                                   *news.Image
		files                                   []news.Attachment
		featured                                bool
		status                                  string   // "", "draft", "scheduled"
		oldURLs                                 []string // paths on the site the article came from
	}
	day := func(d, h int) time.Time { return time.Date(2022, 11, d, h, 0, 0, 0, ict) }
	arts := []art{
		{name: "dai-hoi", cat: "chi-bo-doan-the", title: "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025",
			summary: "Chi bộ Chuyên ngành tổ chức thành công Đại hội nhiệm kỳ 2022–2025 với 07/07 đảng viên tham dự.",
			body: `<p>Sáng ngày 28/11/2022, tại Hội trường Sở, Chi bộ Chuyên ngành đã tổ chức Đại hội đảng viên nhiệm kỳ 2022 – 2025.</p>` +
				`<figure><img src="/uploads/dai-hoi-2.jpg" alt="Đảng viên biểu quyết"><figcaption>Đảng viên biểu quyết thông qua nghị quyết.</figcaption></figure>` +
				`<p>Tỷ lệ sáng kiến được công nhận đạt 48,5%, vượt chỉ tiêu đề ra. <a href="bao-cao.html">Xem báo cáo</a>.</p>`,
			author: "Văn phòng Sở", tags: []string{"Đảng bộ", "Đại hội"}, at: day(28, 9), featured: true,
			cover:   &news.Image{URL: "/uploads/dai-hoi.jpg", Alt: "Toàn cảnh Đại hội", Caption: "Tặng hoa Bí thư Chi bộ nhiệm kỳ mới.", Width: 1200, Height: 800, Type: "image/jpeg"},
			files:   []news.Attachment{{URL: "/uploads/nghi-quyet-dai-hoi.pdf", Title: "Nghị quyết Đại hội", Type: "application/pdf", Size: 245760}},
			oldURLs: []string{"/tin-tức/đại-hội-chi-bộ-123.html", "/?p=123", "/default.aspx?ID=123&Cat=5"}},
		{name: "tong-ket", cat: "khoa-hoc-cong-nghe", title: "Hội nghị tổng kết nhiệm vụ khoa học và công nghệ năm 2022",
			body: `<p>Hội nghị đánh giá 54 nhiệm vụ đang triển khai, trong đó 11 nhiệm vụ đã nghiệm thu.</p>`,
			tags: []string{"Tổng kết", "Nhiệm vụ KH&CN"}, at: day(25, 14), author: "Phòng Quản lý khoa học"},
		{name: "nha-giao", cat: "hoat-dong", title: "Họp mặt kỷ niệm ngày Nhà giáo Việt Nam 20/11",
			body: `<p>Công đoàn Sở tổ chức họp mặt, tặng quà các thầy cô giáo đã nghỉ hưu.</p>`,
			tags: []string{"Công đoàn"}, at: day(20, 8)},
		{name: "tuyen-chon", cat: "thong-bao", title: "Thông báo tuyển chọn nhiệm vụ khoa học cấp tỉnh năm 2023",
			body: `<p>Hồ sơ nộp trước ngày 15/12/2022 tại bộ phận một cửa.</p>`, tags: []string{"Nhiệm vụ KH&CN"}, at: day(15, 10)},
		{name: "so-huu-tri-tue", cat: "khoa-hoc-cong-nghe", title: "Tập huấn sở hữu trí tuệ cho doanh nghiệp nhỏ và vừa",
			body: `<p>Hơn 80 doanh nghiệp tham dự lớp tập huấn về nhãn hiệu và chỉ dẫn địa lý.</p>`,
			tags: []string{"Sở hữu trí tuệ"}, at: day(10, 8), cover: &news.Image{URL: "https://cdn.example.vn/shtt.jpg", Alt: "Lớp tập huấn"}},
		{name: "sinh-hoat", cat: "chi-bo-doan-the", title: "Chi bộ Văn phòng sinh hoạt chuyên đề quý IV",
			body: `<p>Chi bộ thảo luận chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.</p>`,
			tags: []string{"Đảng bộ"}, at: day(5, 15)},
		{name: "xss", cat: "thong-bao", title: xssTitle, summary: xssTitle,
			body:   `<p>Nội dung</p><script>alert(3)</script><img src=x onerror=alert(4)><a href="javascript:alert(5)">liên kết</a>`,
			author: xssTitle, tags: []string{"</script><script>alert(6)</script>"}, at: day(1, 9),
			cover: &news.Image{URL: "/x.jpg", Alt: `"><script>alert(7)</script>`, Caption: `</figcaption><script>alert(8)</script>`}},
		{name: "nhap", cat: "chi-bo-doan-the", title: "Bản nháp chưa công bố", body: "<p>Nháp.</p>", status: "draft",
			oldURLs: []string{"/?p=124", "/tin-tuc/ban-nhap.html"}},
		{name: "hen-gio", cat: "chi-bo-doan-the", title: "Tin hẹn giờ đăng ngày 05/12", body: "<p>Sắp đăng.</p>",
			at: time.Date(2022, 12, 5, 8, 0, 0, 0, ict), status: "scheduled", oldURLs: []string{"/?p=125", "/tin-tuc/hen-gio.html"}},
	}
	for i := range 12 {
		arts = append(arts, art{name: fmt.Sprintf("cu-%02d", i), cat: "thong-bao",
			title: fmt.Sprintf("Thông báo lịch tiếp công dân tháng %d năm 2022", i+1),
			body:  "<p>Lãnh đạo Sở tiếp công dân vào sáng thứ Năm hằng tuần.</p>", at: time.Date(2022, time.Month(i+1), 3, 8, 0, 0, 0, ict)})
	}
	for _, a := range arts {
		in := news.ArticleInput{Title: a.title, Summary: a.summary, BodyHTML: a.body, Author: a.author,
			CategoryID: f.cats[a.cat].ID, Tags: a.tags, Cover: a.cover, Attachments: a.files, Featured: a.featured, OldURLs: a.oldURLs}
		if a.name != "xss" {
			in.Slug = a.name
		}
		got, err := svc.CreateDraft(ctx, in)
		if err != nil {
			tb.Fatalf("CreateDraft(%s): %v", a.name, err)
		}
		if a.status != "draft" {
			if got, err = svc.Schedule(ctx, got.ID, a.at); err != nil {
				tb.Fatalf("Schedule(%s): %v", a.name, err)
			}
		}
		f.arts[a.name] = got
	}
	// Rename one article: its old slug must answer 301.
	na := f.arts["nha-giao"]
	renamed, err := svc.Update(ctx, na.ID, news.ArticleInput{Slug: "hop-mat-nha-giao-20-11", Title: na.Title, BodyHTML: na.Body,
		CategoryID: na.CategoryID, Tags: na.Tags})
	if err != nil {
		tb.Fatalf("Update(nha-giao): %v", err)
	}
	f.arts["nha-giao"] = renamed

	o := widget.Options{}
	if opts != nil {
		o = *opts
	}
	if o.BaseURL == "" {
		o.BaseURL = testBase
	}
	if o.Location == nil {
		o.Location = ict
	}
	if o.PageSize == 0 {
		o.PageSize = 5
	}
	if o.SiteName == "" {
		o.SiteName = "Sở Khoa học và Công nghệ"
	}
	f.h = widget.New(f.pub, &o)
	return f
}

// get serves a GET for target (relative to the mount point) with the
// header key/value pairs and returns the response and its body.
func get(tb testing.TB, h http.Handler, target string, header ...string) (*http.Response, string) {
	tb.Helper()
	return do(tb, h, http.MethodGet, target, header...)
}

func do(tb testing.TB, h http.Handler, method, target string, header ...string) (*http.Response, string) {
	tb.Helper()
	req := httptest.NewRequest(method, "http://widget.test"+target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, string(b)
}

// mustContain fails unless body contains every want.
func mustContain(tb testing.TB, what, body string, wants ...string) {
	tb.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			tb.Errorf("%s does not contain %q", what, w)
		}
	}
}

// mustNotContain fails if body contains any of the strings.
func mustNotContain(tb testing.TB, what, body string, nots ...string) {
	tb.Helper()
	for _, w := range nots {
		if strings.Contains(body, w) {
			tb.Errorf("%s contains %q", what, w)
		}
	}
}
