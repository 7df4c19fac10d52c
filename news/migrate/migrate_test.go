package migrate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/migrate"
)

// migrateWXR migrates testdata/wordpress.xml into t.
func migrateWXR(tb testing.TB, t *target, opts *migrate.Options) (*migrate.Report, error) {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "wordpress.xml"))
	require.NoError(tb, err)
	defer f.Close()
	return migrate.FromWXR(context.Background(), t.svc, t.store, "wordpress.xml", f, opts)
}

// articleByTitle returns the article of the store with the title.
func articleByTitle(tb testing.TB, t *target, title string) *news.Article {
	tb.Helper()
	p, err := t.store.Articles(context.Background(), news.Query{Limit: news.MaxLimit})
	require.NoError(tb, err)
	for _, a := range p.Articles {
		if a.Title == title {
			return a
		}
	}
	require.Failf(tb, "no article", "no article titled %q", title)
	return nil
}

func TestFromWXR(t *testing.T) {
	for _, kind := range []string{"memstore", "sqlite"} {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			site := newOldSite(t)
			tg := newTarget(t, kind)
			rep, err := migrateWXR(t, tg, tg.options(site))
			require.NoError(t, err)
			golden(t, "wxr.json", rep.JSON())
			assert.Equal(t, "5 created, 0 updated, 0 unchanged, 3 skipped; 5 categories created; 5 photos and files fetched, 0 failed", rep.String())

			tree, err := tg.pub.CategoryTree(ctx)
			require.NoError(t, err)
			party, err := tg.pub.CategoryBySlug(ctx, "hoat-dong-dang")
			require.NoError(t, err, "the category's percent-encoded nicename becomes its slug")
			assert.Equal(t, "Hoạt động Đảng", party.Name)
			require.NotNil(t, tree.Category(party.ParentID), "the WordPress parent is kept")
			assert.Equal(t, "tin-hoat-dong", tree.Category(party.ParentID).Slug)

			a := articleByTitle(t, tg, "Hội nghị sơ kết công tác Đảng 6 tháng đầu năm")
			assert.Equal(t, news.StatusPublished, a.Status)
			assert.Equal(t, []string{"/2026/07/hoi-nghi-so-ket-cong-tac-dang/", "/?p=101"}, a.OldURLs,
				"the old link and WordPress's short link")
			assert.Equal(t, party.ID, a.CategoryID)
			assert.Equal(t, "Văn phòng Sở", a.Author, "the login's display name")
			assert.Equal(t, []string{"Đại hội"}, a.Tags)
			assert.Equal(t, "Đảng ủy Sở sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2026.", a.Summary)
			assert.True(t, a.PublishAt.Equal(time.Date(2026, 7, 17, 2, 0, 0, 0, time.UTC)), "PublishAt = %v", a.PublishAt)
			require.NotNil(t, a.Cover)
			assert.True(t, strings.HasPrefix(a.Cover.URL, "/media/"), "cover %q is in the media library", a.Cover.URL)
			assert.Equal(t, "Bí thư Đảng ủy phát biểu", a.Cover.Alt)
			assert.Equal(t, "Đồng chí Bí thư Đảng ủy phát biểu tại hội nghị.", a.Cover.Caption)
			assert.Equal(t, "image/jpeg", a.Cover.Type)
			require.Len(t, a.Attachments, 1)
			assert.Equal(t, "application/pdf", a.Attachments[0].Type)
			assert.True(t, strings.HasPrefix(a.Attachments[0].URL, "/media/"))
			assert.NotContains(t, a.Body, "skhcn.hoaan.example", "every photo and file of the body moved")
			assert.NotContains(t, a.Body, "srcset", "the old site's sizes are gone")
			assert.Contains(t, a.Body, `.pdf">Báo cáo sơ kết (PDF)</a>`)

			classic := articleByTitle(t, tg, `Cấp văn bằng bảo hộ nhãn hiệu chứng nhận "Bưởi da xanh Hòa An"`)
			assert.Contains(t, classic.Body, "<p>Sáng 08/9,", "the classic editor's paragraphs get <p>")
			assert.True(t, classic.Featured, "a sticky post is featured")
			assert.False(t, a.Featured)
			assert.Equal(t, []string{"Khoa học - Công nghệ", "bưởi da xanh"}, classic.Tags, "a second category becomes a tag")

			for title, want := range map[string]news.Status{
				"Kế hoạch hội thảo chuyển đổi số năm 2027 (bản nháp)":      news.StatusDraft,
				"Danh sách cán bộ tham gia tập huấn (nội bộ)":              news.StatusDraft,
				"Thông báo tuyển chọn nhiệm vụ khoa học cấp tỉnh năm 2027": news.StatusPublished,
			} {
				assert.Equal(t, want, articleByTitle(t, tg, title).Status, title)
			}
			page, err := tg.pub.Articles(ctx, news.Query{})
			require.NoError(t, err)
			var public []string
			for _, a := range page.Articles {
				public = append(public, a.Title)
			}
			assert.ElementsMatch(t, []string{"Hội nghị sơ kết công tác Đảng 6 tháng đầu năm",
				`Cấp văn bằng bảo hộ nhãn hiệu chứng nhận "Bưởi da xanh Hòa An"`}, public,
				"drafts, private posts and the scheduled post stay out of the public view")
		})
	}
}

// TestRerun migrates every source twice: the second run finds every
// article unchanged and writes nothing, not even a new version.
func TestRerun(t *testing.T) {
	cases := []struct {
		name string
		run  func(tg *target, o *migrate.Options) (*migrate.Report, error)
	}{
		{"wxr", func(tg *target, o *migrate.Options) (*migrate.Report, error) { return migrateWXR(t, tg, o) }},
		{"feed", func(tg *target, o *migrate.Options) (*migrate.Report, error) {
			return migrate.FromFeed(context.Background(), tg.svc, tg.store, "https://skhcn.hoaan.example/feed/", o)
		}},
		{"portal", func(tg *target, o *migrate.Options) (*migrate.Report, error) {
			return migrate.FromFeed(context.Background(), tg.svc, tg.store, "https://sokhcn.hoaan.example/portal.rss", o)
		}},
	}
	for _, kind := range []string{"memstore", "sqlite", "postgres"} {
		for _, tc := range cases {
			t.Run(kind+"/"+tc.name, func(t *testing.T) {
				ctx := context.Background()
				site := newOldSite(t)
				tg := newTarget(t, kind)
				first, err := tc.run(tg, tg.options(site))
				require.NoError(t, err)
				require.Positive(t, first.Created)
				v1, err := tg.store.Version(ctx)
				require.NoError(t, err)
				before := tg.export(t)
				publicBefore, err := tg.pub.Articles(ctx, news.Query{})
				require.NoError(t, err)

				second, err := tc.run(tg, tg.options(site))
				require.NoError(t, err)
				assert.Equal(t, first.Created, second.Unchanged, "every article is unchanged")
				assert.Zero(t, second.Created+second.Updated+second.CategoriesCreated)
				for _, it := range second.Items {
					assert.Contains(t, []string{migrate.OutcomeUnchanged, migrate.OutcomeSkip}, it.Outcome, it.Position)
				}
				v2, err := tg.store.Version(ctx)
				require.NoError(t, err)
				assert.Equal(t, v1, v2, "the second run wrote nothing")
				assert.Equal(t, string(before), string(tg.export(t)))
				publicAfter, err := tg.pub.Articles(ctx, news.Query{})
				require.NoError(t, err)
				assert.Equal(t, publicBefore, publicAfter)
			})
		}
	}
}

func TestFromFeed(t *testing.T) {
	cases := []struct {
		name, src string
		pages     int
		created   int
		check     func(t *testing.T, tg *target)
	}{
		{"wordpress", "https://skhcn.hoaan.example/feed/", 2, 3, func(t *testing.T, tg *target) {
			a := articleByTitle(t, tg, "Nghiệm thu đề tài nhân giống cây dừa sáp bằng nuôi cấy phôi")
			assert.Equal(t, "Trần Thanh Tùng", a.Author)
			assert.Equal(t, []string{"nghiệm thu", "dừa sáp"}, a.Tags)
			assert.Contains(t, a.Body, `src="/media/`)
			assert.True(t, strings.HasPrefix(a.Summary, "Hội đồng khoa học cấp tỉnh"), a.Summary)
			b := articleByTitle(t, tg, "Hội thi sáng tạo kỹ thuật tỉnh lần thứ XII")
			assert.Contains(t, b.Body, `href="/media/`, "the linked PDF moved")
		}},
		{"ghost", "https://trungtam.hoaan.example/rss/", 1, 2, func(t *testing.T, tg *target) {
			a := articleByTitle(t, tg, "Chuyển giao quy trình sản xuất phân hữu cơ vi sinh cho 3 hợp tác xã")
			require.NotNil(t, a.Cover)
			assert.Equal(t, "image/png", a.Cover.Type, "media:content is the cover")
			assert.True(t, strings.HasPrefix(a.Body, "<p>Trung tâm đã chuyển giao"), "and not the body's first photo too: %.80s", a.Body)
			assert.Contains(t, a.Body, `alt="Ủ phân"`, "the body's other photos stay")
			assert.Equal(t, "Lê Thị Hồng Nhung", a.Author)
			assert.Equal(t, "Quy trình ủ phân từ phế phụ phẩm nông nghiệp giúp giảm 30% chi phí phân bón.", a.Summary)
		}},
		{"atom", "https://tdc.hoaan.example/tin-tuc.atom", 2, 2, func(t *testing.T, tg *target) {
			a := articleByTitle(t, tg, "Kiểm tra đo lường xăng dầu tại 24 cửa hàng")
			require.Len(t, a.Attachments, 1)
			assert.Equal(t, "application/pdf", a.Attachments[0].Type)
			assert.Contains(t, a.Body, `src="/media/`, "a relative img src is the old site's")
			assert.Equal(t, "Không phát hiện vi phạm về đo lường tại 23/24 cửa hàng.", a.Summary)
		}},
		{"portal", "https://sokhcn.hoaan.example/portal.rss", 1, 2, func(t *testing.T, tg *target) {
			a := articleByTitle(t, tg, "Hội nghị tổng kết hoạt động khoa học và công nghệ năm 2026")
			assert.Equal(t, []string{"/pages/tin-tuc/hoi-nghi-tong-ket-2026.aspx?itemid=1520"}, a.OldURLs)
			require.NotNil(t, a.Cover, "an image enclosure is the cover")
			assert.Equal(t, "image/jpeg", a.Cover.Type)
			assert.Contains(t, a.Body, "tỷ lệ ứng dụng đạt 85,7%")
			assert.Equal(t, "vi-VN", a.Lang)
			b := articleByTitle(t, tg, "Thông báo về việc nộp hồ sơ đăng ký nhiệm vụ năm 2027")
			require.Len(t, b.Attachments, 1)
			assert.Equal(t, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b.Attachments[0].Type)
			c, err := tg.pub.CategoryBySlug(context.Background(), migrate.DefaultCategorySlug)
			require.NoError(t, err, "items without a category go to the default one")
			assert.Equal(t, c.ID, b.CategoryID)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := newOldSite(t)
			tg := newTarget(t, "memstore")
			rep, err := migrate.FromFeed(context.Background(), tg.svc, tg.store, tc.src, tg.options(site))
			require.NoError(t, err)
			golden(t, "feed-"+tc.name+".json", rep.JSON())
			assert.Equal(t, tc.pages, rep.Pages)
			assert.Equal(t, tc.created, rep.Created)
			assert.Zero(t, rep.MediaFailed)
			tc.check(t, tg)
		})
	}
}

// TestFromFeedFile migrates a feed from a file, then from the file
// changed: one item updated, one added, the others unchanged.
func TestFromFeedFile(t *testing.T) {
	ctx := context.Background()
	tg := newTarget(t, "memstore")
	data, err := os.ReadFile(filepath.Join("testdata", "wordpress-feed.xml"))
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "feed.xml")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	rep, err := migrate.FromFeed(ctx, tg.svc, tg.store, file, &migrate.Options{Service: tg.sopts})
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Pages, "a file's next link is not followed")
	assert.Equal(t, 2, rep.Created)
	a := articleByTitle(t, tg, "Hội thi sáng tạo kỹ thuật tỉnh lần thứ XII")
	assert.Contains(t, a.Body, "https://skhcn.hoaan.example/wp-content/uploads/2026/11/the-le-hoi-thi.pdf",
		"without a media library the old URLs stay")

	changed := strings.Replace(string(data), "Hội thi nhận 64 giải pháp dự thi thuộc 6 lĩnh vực.", "Hội thi nhận 65 giải pháp dự thi thuộc 6 lĩnh vực.", 1)
	changed = strings.Replace(changed, "</channel>", `<item><title>Tin mới</title><link>https://skhcn.hoaan.example/2026/11/tin-moi/</link>
<pubDate>Sun, 29 Nov 2026 01:00:00 +0000</pubDate><description>Một tin mới.</description></item></channel>`, 1)
	require.NoError(t, os.WriteFile(file, []byte(changed), 0o644))
	rep, err = migrate.FromFeed(ctx, tg.svc, tg.store, file, &migrate.Options{Service: tg.sopts})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 1, 1}, []int{rep.Created, rep.Updated, rep.Unchanged})
	outcomes := map[string]string{}
	for _, it := range rep.Items {
		outcomes[it.Title] = it.Outcome
	}
	assert.Equal(t, map[string]string{
		"Nghiệm thu đề tài nhân giống cây dừa sáp bằng nuôi cấy phôi": migrate.OutcomeUnchanged,
		"Hội thi sáng tạo kỹ thuật tỉnh lần thứ XII":                  migrate.OutcomeUpdate,
		"Tin mới": migrate.OutcomeCreate,
	}, outcomes)
	assert.Contains(t, articleByTitle(t, tg, "Hội thi sáng tạo kỹ thuật tỉnh lần thứ XII").Body, "65 giải pháp")
}

// TestBrokenItems: a broken item is reported with its position and link,
// and nothing is written or fetched.
func TestBrokenItems(t *testing.T) {
	long := strings.Repeat("Tiêu đề rất dài ", 30)
	cases := []struct {
		name  string
		items string
		want  []migrate.Problem
	}{
		{"no title", `<item><title></title><link>https://skhcn.hoaan.example/a/</link><guid>a</guid></item>`,
			[]migrate.Problem{{Position: "items[1].title", Link: "https://skhcn.hoaan.example/a/", Reason: "required"}}},
		{"title too long", `<item><title>` + long + `</title><link>https://skhcn.hoaan.example/b/</link></item>`,
			[]migrate.Problem{{Position: "items[1].title", Link: "https://skhcn.hoaan.example/b/", Reason: "longer than 300 characters"}}},
		{"no guid or link", `<item><title>Không có đường dẫn</title><description>x</description></item>`,
			[]migrate.Problem{{Position: "items[1].guid", Reason: "no GUID and no link: the item cannot be recognised on the next run"}}},
		{"same guid twice", `<item><title>Bản sao</title><guid>https://skhcn.hoaan.example/?p=1</guid></item>`,
			[]migrate.Problem{{Position: "items[1]", Reason: "the same GUID or link as items[0]"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := newOldSite(t)
			tg := newTarget(t, "memstore")
			feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Cũ</title><link>https://skhcn.hoaan.example/</link>
<item><title>Bài tốt</title><guid>https://skhcn.hoaan.example/?p=1</guid><description>&lt;img src="/anh.jpg"&gt;</description></item>` +
				tc.items + `</channel></rss>`
			file := filepath.Join(t.TempDir(), "feed.xml")
			require.NoError(t, os.WriteFile(file, []byte(feed), 0o644))
			rep, err := migrate.FromFeed(context.Background(), tg.svc, tg.store, file, tg.options(site))
			require.Error(t, err)
			assert.True(t, errors.Is(err, news.ErrInvalid), "%v wraps ErrInvalid", err)
			var ie *migrate.ItemsError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.want, ie.Problems)
			require.NotNil(t, rep)
			assert.Equal(t, tc.want, rep.Problems)
			assert.Contains(t, err.Error(), tc.want[0].Position)
			v, err := tg.store.Version(context.Background())
			require.NoError(t, err)
			assert.Zero(t, v, "nothing written")
			assert.Zero(t, site.media.Load(), "nothing fetched")
		})
	}
}

// TestDryRun: a dry run reports what a migration would do, and fetches and
// writes nothing.
func TestDryRun(t *testing.T) {
	site := newOldSite(t)
	tg := newTarget(t, "memstore")
	o := tg.options(site)
	o.DryRun = true
	rep, err := migrateWXR(t, tg, o)
	require.NoError(t, err)
	assert.True(t, rep.DryRun)
	assert.Equal(t, "dry run: 5 created, 0 updated, 0 unchanged, 3 skipped; 5 categories created; 0 photos and files fetched, 0 failed", rep.String())
	assert.Zero(t, site.requests.Load(), "nothing fetched")
	v, err := tg.store.Version(context.Background())
	require.NoError(t, err)
	assert.Zero(t, v, "nothing written")
	p, err := tg.lib.Store().ListMedia(context.Background(), news.MediaQuery{})
	require.NoError(t, err)
	assert.Empty(t, p.Media)

	// After a migration, a dry run of the same file finds every article
	// unchanged, those whose photos moved too.
	o.DryRun = false
	_, err = migrateWXR(t, tg, o)
	require.NoError(t, err)
	fetched := site.media.Load()
	o.DryRun = true
	rep, err = migrateWXR(t, tg, o)
	require.NoError(t, err)
	assert.Equal(t, 5, rep.Unchanged, "the articles whose photos moved too")
	assert.Zero(t, rep.Updated)
	assert.Zero(t, site.media.Load()-fetched, "nothing fetched")

	// An edit on the old site shows as an update, photos or not.
	data, err := os.ReadFile(filepath.Join("testdata", "wordpress.xml"))
	require.NoError(t, err)
	edited := strings.Replace(string(data), "đạt 95,3%", "đạt 96,0%", 1)
	rep, err = migrate.FromWXR(context.Background(), tg.svc, tg.store, "wordpress.xml", strings.NewReader(edited), o)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 4}, []int{rep.Created, rep.Updated, rep.Unchanged})
	assert.Equal(t, migrate.OutcomeUpdate, rep.Items[0].Outcome)
}

// TestMedia: a photo or file that cannot be fetched keeps its URL on the
// old site and is reported; the others move; never more than Concurrency
// requests at once.
func TestMedia(t *testing.T) {
	var body strings.Builder
	for _, name := range []string{"missing.jpg", "slow.jpg", "login.jpg", "disguised.jpg", "too-large.jpg", "a.jpg", "b.png", "c.pdf"} {
		body.WriteString(`&lt;p&gt;&lt;img src="/uploads/` + name + `"&gt;&lt;/p&gt;`)
	}
	body.WriteString(`&lt;a href="/uploads/d.pdf"&gt;d&lt;/a&gt; &lt;a href="/tin/khac.html"&gt;khác&lt;/a&gt; &lt;img src="https://cdn.khac.example/e.jpg"&gt;`)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Cũ</title><link>https://skhcn.hoaan.example/</link>
<item><title>Bài có ảnh</title><link>https://skhcn.hoaan.example/bai-co-anh/</link><description>` + body.String() + `</description></item></channel></rss>`
	file := filepath.Join(t.TempDir(), "feed.xml")
	require.NoError(t, os.WriteFile(file, []byte(feed), 0o644))

	site := newOldSite(t)
	tg := newTarget(t, "memstore")
	o := tg.options(site)
	o.Timeout = 300 * time.Millisecond
	o.MaxMediaBytes = 32 << 10
	rep, err := migrate.FromFeed(context.Background(), tg.svc, tg.store, file, o)
	require.NoError(t, err, "failed media do not stop a migration")
	errs := map[string]string{}
	for _, m := range rep.Media {
		errs[m.URL[strings.LastIndexByte(m.URL, '/')+1:]] = m.Error
	}
	assert.Equal(t, map[string]string{
		"missing.jpg":   "HTTP 404 Not Found",
		"slow.jpg":      "no answer within 300ms",
		"login.jpg":     `type "text/html; charset=utf-8" is not a photo or a file`,
		"disguised.jpg": "the content is text/html, not a photo or a file",
		"too-large.jpg": "larger than 32768 bytes",
		"a.jpg":         "", "b.png": "", "c.pdf": "", "d.pdf": "",
	}, errs, "khac.html is no file and cdn.khac.example is not the old site")
	assert.Equal(t, 4, rep.MediaFetched)
	assert.Equal(t, 5, rep.MediaFailed)
	a := articleByTitle(t, tg, "Bài có ảnh")
	assert.Contains(t, a.Body, "https://skhcn.hoaan.example/uploads/missing.jpg", "a failed photo keeps its old URL")
	assert.NotContains(t, a.Body, "https://skhcn.hoaan.example/uploads/a.jpg")
	assert.Contains(t, a.Body, "https://cdn.khac.example/e.jpg")
	// No bound on site.maxFlight here: the request abandoned at its
	// time-out is closed at once, but the server notices a moment later.
	// TestConcurrency measures the bound.
}

// TestConcurrency: the old site never answers more photo requests at once
// than Options.Concurrency.
func TestConcurrency(t *testing.T) {
	var body strings.Builder
	for i := range 12 {
		body.WriteString(`&lt;img src="/uploads/anh-` + string(rune('a'+i)) + `.jpg"&gt;`)
	}
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Cũ</title><link>https://skhcn.hoaan.example/</link>
<item><title>Mười hai ảnh</title><link>https://skhcn.hoaan.example/12-anh/</link><description>` + body.String() + `</description></item></channel></rss>`
	file := filepath.Join(t.TempDir(), "feed.xml")
	require.NoError(t, os.WriteFile(file, []byte(feed), 0o644))
	for _, n := range []int{1, 2, 0} {
		t.Run(string(rune('0'+n)), func(t *testing.T) {
			site := newOldSite(t)
			site.delay = 20 * time.Millisecond
			tg := newTarget(t, "memstore")
			o := tg.options(site)
			o.Concurrency = n
			rep, err := migrate.FromFeed(context.Background(), tg.svc, tg.store, file, o)
			require.NoError(t, err)
			assert.Equal(t, 12, rep.MediaFetched)
			want := int64(n)
			if n == 0 {
				want = migrate.DefaultConcurrency
			}
			assert.LessOrEqual(t, site.maxFlight.Load(), want)
			assert.Positive(t, site.maxFlight.Load())
		})
	}
}

// TestBadSources: sources that are no feed or export are errors that say
// so, and write nothing.
func TestBadSources(t *testing.T) {
	site := newOldSite(t)
	tg := newTarget(t, "memstore")
	ctx := context.Background()
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "src: required"},
		{"missing file", filepath.Join(t.TempDir(), "khong-co.xml"), "no such file"},
		{"404", "https://skhcn.hoaan.example/khong-co/feed/", "HTTP 404"},
		{"not a feed", filepath.Join("testdata", "golden", "wxr.json"), "a json feed; want RSS or Atom"},
		{"not xml", filepath.Join("testdata", "golden", "README"), "not an RSS or Atom feed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := migrate.FromFeed(ctx, tg.svc, tg.store, tc.src, tg.options(site))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	for _, tc := range []struct{ name, doc, want string }{
		{"rss", `<rss version="2.0"><channel><title>x</title></channel></rss>`, "no wp:wxr_version"},
		{"broken", `<rss><channel><wp:wxr_version>1.2`, "not a WordPress export"},
		{"unknown status", `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>x</title><guid>g</guid><wp:post_type>post</wp:post_type><wp:status>lost</wp:status></item></channel></rss>`,
			`items[0].status: unknown status "lost"`},
	} {
		t.Run("wxr "+tc.name, func(t *testing.T) {
			_, err := migrate.FromWXR(ctx, tg.svc, tg.store, "x.xml", strings.NewReader(tc.doc), nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("too large", func(t *testing.T) {
		f, err := os.Open(filepath.Join("testdata", "wordpress.xml"))
		require.NoError(t, err)
		defer f.Close()
		_, err = migrate.FromWXR(ctx, tg.svc, tg.store, "wordpress.xml", f, &migrate.Options{MaxFeedBytes: 4096})
		require.ErrorContains(t, err, "larger than 4096 bytes (Options.MaxFeedBytes)")
		o := tg.options(site)
		o.MaxFeedBytes = 1024
		_, err = migrate.FromFeed(ctx, tg.svc, tg.store, "https://skhcn.hoaan.example/feed/", o)
		require.ErrorContains(t, err, "larger than 1024 bytes")
	})
	v, err := tg.store.Version(ctx)
	require.NoError(t, err)
	assert.Zero(t, v)
}

// TestIDs: an article's ID derives from its GUID, so that it is the same
// on every run and in every store.
func TestIDs(t *testing.T) {
	tg := newTarget(t, "memstore")
	rep, err := migrateWXR(t, tg, &migrate.Options{DryRun: true})
	require.NoError(t, err)
	ids := map[uuid.UUID]bool{}
	for _, it := range rep.Items {
		if it.Outcome != migrate.OutcomeSkip {
			assert.NotEqual(t, uuid.Nil, it.ID)
			assert.False(t, ids[it.ID], "IDs differ")
			ids[it.ID] = true
		}
	}
	again, err := migrateWXR(t, tg, &migrate.Options{DryRun: true})
	require.NoError(t, err)
	assert.Equal(t, rep.Items, again.Items)
}

// fullStore is a store whose imports fail, as a full disk would.
type fullStore struct{ news.NewsroomStore }

func (fullStore) Import(context.Context, *news.Batch) error { return errors.New("disk full") }

// TestWriteFails: when the articles cannot be written, the photos and
// files the migration added to the library are deleted again.
func TestWriteFails(t *testing.T) {
	ctx := context.Background()
	site := newOldSite(t)
	tg := newTarget(t, "memstore")
	full := fullStore{tg.store}
	svc := news.NewService(full, tg.sopts)
	f, err := os.Open(filepath.Join("testdata", "wordpress.xml"))
	require.NoError(t, err)
	defer f.Close()
	_, err = migrate.FromWXR(ctx, svc, full, "wordpress.xml", f, tg.options(site))
	require.ErrorContains(t, err, "disk full")
	assert.Positive(t, site.media.Load(), "the media were fetched")
	p, err := tg.lib.Store().ListMedia(ctx, news.MediaQuery{})
	require.NoError(t, err)
	assert.Empty(t, p.Media, "and deleted again")
}

// TestOldURLTaken: an item whose old URL another article holds is a
// problem of that item, and nothing is written; the photos fetched for
// it are deleted again.
func TestOldURLTaken(t *testing.T) {
	ctx := context.Background()
	site := newOldSite(t)
	tg := newTarget(t, "memstore")
	cat, err := tg.svc.CreateCategory(ctx, news.CategoryInput{Name: "Tin tức"})
	require.NoError(t, err)
	_, err = tg.svc.CreateDraft(ctx, news.ArticleInput{Title: "Bài viết tay", CategoryID: cat.ID,
		OldURLs: []string{"/2026/11/hoi-thi-sang-tao-ky-thuat/"}})
	require.NoError(t, err)
	v1, err := tg.store.Version(ctx)
	require.NoError(t, err)

	rep, err := migrate.FromFeed(ctx, tg.svc, tg.store, "https://skhcn.hoaan.example/feed/", tg.options(site))
	var ie *migrate.ItemsError
	require.ErrorAs(t, err, &ie)
	require.Len(t, ie.Problems, 1)
	assert.Equal(t, "items[1].old_urls[0]", ie.Problems[0].Position)
	assert.Equal(t, "https://skhcn.hoaan.example/2026/11/hoi-thi-sang-tao-ky-thuat/", ie.Problems[0].Link)
	assert.Equal(t, ie.Problems, rep.Problems)
	v2, err := tg.store.Version(ctx)
	require.NoError(t, err)
	assert.Equal(t, v1, v2, "nothing written")
	p, err := tg.lib.Store().ListMedia(ctx, news.MediaQuery{})
	require.NoError(t, err)
	assert.Empty(t, p.Media, "the photos fetched are deleted again")
}

// TestWXRProtected: a post published behind a password on the old site
// becomes a draft: its text was never public.
func TestWXRProtected(t *testing.T) {
	ctx := context.Background()
	tg := newTarget(t, "memstore")
	doc := `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><link>https://cu.example</link>
<item><title>Tài liệu họp nội bộ</title><link>https://cu.example/tai-lieu-hop/</link><guid>https://cu.example/?p=9</guid>
<content:encoded><![CDATA[<p>Nội dung chỉ dành cho cán bộ.</p>]]></content:encoded>
<wp:post_id>9</wp:post_id><wp:post_date_gmt>2026-11-02 01:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password><![CDATA[matkhau2026]]></wp:post_password></item>
<item><title>Tin công khai</title><link>https://cu.example/tin-cong-khai/</link><guid>https://cu.example/?p=10</guid>
<content:encoded><![CDATA[<p>Ai cũng đọc được.</p>]]></content:encoded>
<wp:post_id>10</wp:post_id><wp:post_date_gmt>2026-11-03 01:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password><![CDATA[]]></wp:post_password></item>
</channel></rss>`
	_, err := migrate.FromWXR(ctx, tg.svc, tg.store, "wp.xml", strings.NewReader(doc), &migrate.Options{Service: tg.sopts})
	require.NoError(t, err)
	assert.Equal(t, news.StatusDraft, articleByTitle(t, tg, "Tài liệu họp nội bộ").Status)
	assert.Equal(t, news.StatusPublished, articleByTitle(t, tg, "Tin công khai").Status)
	page, err := tg.pub.Articles(ctx, news.Query{})
	require.NoError(t, err)
	require.Len(t, page.Articles, 1)
	assert.Equal(t, "Tin công khai", page.Articles[0].Title)
}

func TestReportString(t *testing.T) {
	for _, tc := range []struct {
		rep  migrate.Report
		want string
	}{
		{migrate.Report{Created: 1, CategoriesCreated: 1, MediaFetched: 1},
			"1 created, 0 updated, 0 unchanged, 0 skipped; 1 category created; 1 photo or file fetched, 0 failed"},
		{migrate.Report{Unchanged: 2, MediaFailed: 2},
			"0 created, 0 updated, 2 unchanged, 0 skipped; 0 categories created; 0 photos and files fetched, 2 failed"},
		{migrate.Report{DryRun: true, Problems: []migrate.Problem{{}}},
			"dry run: 0 created, 0 updated, 0 unchanged, 0 skipped; 0 categories created; 0 photos and files fetched, 0 failed; 1 item with problems, nothing written"},
		{migrate.Report{Problems: []migrate.Problem{{}, {}}},
			"0 created, 0 updated, 0 unchanged, 0 skipped; 0 categories created; 0 photos and files fetched, 0 failed; 2 items with problems, nothing written"},
	} {
		assert.Equal(t, tc.want, tc.rep.String())
	}
}
