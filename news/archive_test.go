package news_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// buildArchiveSite fills e with a small site that uses every field of the
// archive format.
func buildArchiveSite(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	tin := e.category(t, "Tin tức - Sự kiện", nil)
	hd := e.category(t, "Hoạt động của Sở", tin)
	if _, err := e.svc.UpdateCategory(ctx, hd.ID, news.CategoryInput{Name: hd.Name, ParentID: tin.ID, Description: "Tin về hoạt động của Sở Khoa học và Công nghệ.", Position: 1}); err != nil {
		t.Fatal(err)
	}
	vb := e.category(t, "Văn bản", nil)

	a := e.published(t, news.ArticleInput{
		Title:    "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2025–2030",
		Summary:  "Chi bộ Chuyên ngành tổ chức thành công đại hội nhiệm kỳ mới.",
		BodyHTML: `<p>Sáng ngày 20/11, Chi bộ Chuyên ngành tổ chức <strong>Đại hội</strong> với 100% đảng viên tham dự.</p><figure><img src="/uploads/dai-hoi.jpg" alt="Đại hội"><figcaption>Tặng hoa Bí thư chi bộ.</figcaption></figure>`,
		Cover:    &news.Image{URL: "/uploads/dai-hoi.jpg", Alt: "Quang cảnh đại hội", Caption: "Quang cảnh đại hội", Width: 1200, Height: 800, Type: "image/jpeg", Size: 183402},
		Author:   "Văn phòng Sở", CategoryID: hd.ID, Tags: []string{"Đại hội", "Chi bộ"}, Featured: true,
	})
	if _, err := e.svc.Update(ctx, a.ID, news.ArticleInput{Slug: "dai-hoi-chi-bo-2025", Title: a.Title, Summary: a.Summary,
		BodyHTML: a.Body, Cover: a.Cover, Author: a.Author, CategoryID: a.CategoryID, Tags: a.Tags, Featured: true,
		OldURLs: []string{"https://sokhcn.example.gov.vn/Tin-Tuc/dai-hoi-chi-bo-123.html?utm_source=zalo#top", "/?p=123"}}); err != nil {
		t.Fatal(err)
	}
	e.published(t, news.ArticleInput{
		Title:       "Quyết định ban hành Kế hoạch chuyển đổi số năm 2026",
		BodyHTML:    `<p>Toàn văn quyết định đính kèm.</p>`,
		Attachments: []news.Attachment{{URL: "https://sokhcn.example.gov.vn/files/qd-123.pdf", Title: "Quyết định số 123/QĐ-SKHCN", Type: "application/pdf", Size: 245760}},
		CategoryID:  vb.ID, Tags: []string{"Chuyển đổi số"},
	})
	e.published(t, news.ArticleInput{Title: "Provincial science week opens", BodyHTML: "<p>The week opens on Monday.</p>", Lang: "en", CategoryID: tin.ID})
	arch := e.published(t, news.ArticleInput{Title: "Thông báo cũ đã lưu trữ", CategoryID: tin.ID})
	if _, err := e.svc.Archive(ctx, arch.ID); err != nil {
		t.Fatal(err)
	}
	e.draft(t, news.ArticleInput{Title: "Bản nháp tin hội thảo", CategoryID: hd.ID})
	s := e.draft(t, news.ArticleInput{Title: "Lịch tiếp công dân tháng 12", CategoryID: tin.ID})
	if _, err := e.svc.Schedule(ctx, s.ID, time.Date(2026, 12, 1, 7, 30, 0, 0, ict)); err != nil {
		t.Fatal(err)
	}
}

func export(t *testing.T, svc *news.Service) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := svc.Export(context.Background(), &b); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return b.Bytes()
}

func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	buildArchiveSite(t, e)
	got := export(t, e.svc)
	golden(t, "archive.golden.json", string(got))

	// Into an empty store, on another day: the same archive comes out.
	e2 := newEnv(t)
	e2.clock.Add(400 * 24 * time.Hour)
	res, err := e2.svc.Import(context.Background(), bytes.NewReader(got))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if want := (news.ImportResult{CategoriesCreated: 3, ArticlesCreated: 6}); *res != want {
		t.Errorf("Import result = %+v, want %+v", *res, want)
	}
	if again := export(t, e2.svc); !bytes.Equal(again, got) {
		t.Errorf("export after import differs:\n%s", again)
	}
	// Old slugs still work after the import.
	a, err := e2.pub.ArticleBySlug(context.Background(), "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2025-2030")
	if err != nil || a.Slug != "dai-hoi-chi-bo-2025" {
		t.Errorf("ArticleBySlug(old slug) after import = %v, %v", a, err)
	}
	// Importing the same file again updates, and changes nothing visible.
	res, err = e2.svc.Import(context.Background(), bytes.NewReader(got))
	if err != nil {
		t.Fatalf("second Import: %v", err)
	}
	if want := (news.ImportResult{CategoriesUpdated: 3, ArticlesUpdated: 6}); *res != want {
		t.Errorf("second Import result = %+v, want %+v", *res, want)
	}
	if again := export(t, e2.svc); !bytes.Equal(again, got) {
		t.Errorf("export after a second import differs:\n%s", again)
	}
}

func TestImportRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	old := e.published(t, news.ArticleInput{Title: "Bài đã có", CategoryID: cat.ID})

	// Children before parents, slugs derived and made unique against the
	// store and the file, an update by id with a new slug; no "version"
	// member, which is optional.
	file := `{
	"categories":[
		{"slug":"hoat-dong","name":"Hoạt động","parent":"khoa-hoc"},
		{"slug":"khoa-hoc","name":"Khoa học","position":2},
		{"slug":"tin-tuc","name":"Tin tức (mới)"}],
	"articles":[
		{"title":"Bài đã có","category":"hoat-dong","status":"published","publish_at":"2026-11-01T08:00:00+07:00"},
		{"title":"Bài đã có","category":"khoa-hoc"},
		{"id":"` + old.ID.String() + `","slug":"bai-da-sua","title":"Bài đã sửa","category":"tin-tuc","status":"published"},
		{"id":"5d6c6c2e-4d52-4f7e-9c59-1c2a3b4c5d6e","title":"Bài có mã","category":"tin-tuc","tags":["Khoa học"," khoa học "]}
	]}`
	_, err := e.svc.Import(ctx, strings.NewReader(file))
	if want := "articles[3].tags[1]: duplicate of tags[0]"; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("Import err = %v, want one ending in %q", err, want)
	}
	file = strings.Replace(file, `," khoa học "`, "", 1)
	res, err := e.svc.Import(ctx, strings.NewReader(file))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if want := (news.ImportResult{CategoriesCreated: 2, CategoriesUpdated: 1, ArticlesCreated: 3, ArticlesUpdated: 1}); *res != want {
		t.Errorf("Import result = %+v, want %+v", *res, want)
	}
	tree, _ := e.pub.CategoryTree(ctx)
	hd, kh := tree.BySlug("hoat-dong"), tree.BySlug("khoa-hoc")
	if hd == nil || kh == nil || hd.ParentID != kh.ID || kh.Position != 2 {
		t.Errorf("imported categories: hoat-dong %+v, khoa-hoc %+v", hd, kh)
	}
	if c := tree.BySlug("tin-tuc"); c == nil || c.ID != cat.ID || c.Name != "Tin tức (mới)" {
		t.Errorf("tin-tuc after import = %+v, want the same ID renamed", c)
	}
	want := map[string]string{ // slug → title
		"bai-da-co-2": "Bài đã có",
		"bai-da-co-3": "Bài đã có",
		"bai-da-sua":  "Bài đã sửa",
		"bai-co-ma":   "Bài có mã",
	}
	for slug, title := range want {
		a, err := e.store.ArticleBySlug(ctx, slug)
		if err != nil || a.Title != title {
			t.Errorf("ArticleBySlug(%q) = %v, %v; want %q", slug, a, err, title)
		}
	}
	a := e.article(t, old.ID)
	if a.Slug != "bai-da-sua" || len(a.Aliases) != 1 || a.Aliases[0] != "bai-da-co" || !a.PublishAt.Equal(old.PublishAt) || !a.CreatedAt.Equal(old.CreatedAt) {
		t.Errorf("updated article = %+v; want slug bai-da-sua, alias bai-da-co, dates kept", a)
	}
	b, _ := e.store.ArticleBySlug(ctx, "bai-da-co-2")
	if b.Status != news.StatusPublished || !b.PublishAt.Equal(time.Date(2026, 11, 1, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("imported published article: Status %q, PublishAt %v", b.Status, b.PublishAt)
	}
	c, _ := e.store.ArticleBySlug(ctx, "bai-co-ma")
	if c.ID.String() != "5d6c6c2e-4d52-4f7e-9c59-1c2a3b4c5d6e" || c.Status != news.StatusDraft || c.Lang != "vi" {
		t.Errorf("imported article with id: %+v", c)
	}
}

func TestImportRejectsWholeFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	e.published(t, news.ArticleInput{Title: "Bài đã có", CategoryID: cat.ID})
	good := `{"title":"Bài tốt","category":"tin-tuc"}`
	tests := []struct {
		name, file, want string
	}{
		{"not JSON", `{"version":1,`, "malformed JSON at line 1, column 14: the file ends before the archive does"},
		{"unknown field", `{"version":1,"articles":[{"title":"x","category":"tin-tuc","colour":"red"}]}`, `articles[0]: unknown field "colour"`},
		{"two values", `{"version":1} {"version":1}`, "malformed JSON: data after the archive"},
		{"version 0", `{"version":0,"articles":[]}`, "version: unsupported version 0; want 1"},
		{"version 2", `{"version":2}`, "version: unsupported version 2; want 1"},
		{"null", `null`, `not an archive: the file must hold one JSON object, {"version": 1, "categories": [...], "articles": [...]}, not null`},
		{"array", `[]`, `not an archive: the file must hold one JSON object, {"version": 1, "categories": [...], "articles": [...]}, not an array`},
		{"wrong type", `{"version":1,"articles":[{"title":7}]}`, "articles[0].title: must be a string, not a number"},
		{"one bad record among good", `{"version":1,"articles":[` + good + `,` + good + `,{"title":"","category":"tin-tuc"}]}`, "articles[2].title: required"},
		{"several records", `{"version":1,"categories":[{"slug":"a","name":"A","parent":"b"},{"slug":"a","name":"A2"},{"name":"C"}],
			"articles":[{"title":"x","category":"khong-co"},{"id":"12","title":"y","category":"tin-tuc","status":"hidden","publish_at":"hôm qua"},
			{"title":"z","slug":"bai-da-co","category":"tin-tuc"},{"title":"w","slug":"trung","category":"tin-tuc"},{"title":"v","slug":"trung","category":"tin-tuc"}]}`,
			`categories[0].parent: unknown category "b"; categories[1].slug: duplicate of categories[0]; categories[2].slug: required; ` +
				`articles[0].category: unknown category "khong-co"; articles[1].id: not a UUID; articles[1].publish_at: not a time: write a date "2026-12-05", a date and time "2026-12-05 08:00" (Asia/Ho_Chi_Minh), or RFC 3339 "2026-12-05T08:00:00+07:00"; articles[1].status: unknown status "hidden"; ` +
				`articles[2].slug: "bai-da-co" already used by another article; articles[4].slug: "trung" already used by articles[3]`},
		{"time out of range", `{"version":1,"articles":[{"title":"x","category":"tin-tuc","publish_at":"9999-12-31T23:59:59-23:59"}]}`,
			"articles[0].publish_at: not between years 1 and 9999"},
		{"cycle", `{"version":1,"categories":[{"slug":"a","name":"A","parent":"b"},{"slug":"b","name":"B","parent":"a"}]}`,
			"categories[0].parent: would make a cycle; categories[1].parent: would make a cycle"},
		{"script URL", `{"version":1,"articles":[{"title":"x","category":"tin-tuc","cover":{"url":"javascript:alert(1)"},"attachments":[{"url":"data:,x"}]}]}`,
			"articles[0].cover.url: scheme not allowed: javascript; articles[0].attachments[0].url: scheme not allowed: data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := e.version(t)
			before := export(t, e.svc)
			res, err := e.svc.Import(ctx, strings.NewReader(tc.file))
			if res != nil || !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("Import = %v, %v; want nil and ErrInvalid", res, err)
			}
			if got := strings.TrimPrefix(err.Error(), "news: import: "); !strings.HasPrefix(got, tc.want) {
				t.Errorf("Import error = %q, want %q", got, tc.want)
			}
			if e.version(t) != v || !bytes.Equal(export(t, e.svc), before) {
				t.Errorf("the store changed after a rejected import")
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		svc := news.NewService(memstore.New(), &news.ServiceOptions{MaxImportSize: 64})
		_, err := svc.Import(ctx, strings.NewReader(`{"version":1,"articles":[`+good+`,`+good+`]}`))
		if !errors.Is(err, news.ErrInvalid) || !strings.Contains(err.Error(), "larger than 64 bytes") {
			t.Errorf("Import of a large file: err = %v, want larger than 64 bytes", err)
		}
	})
	t.Run("error list is bounded", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{"version":1,"articles":[`)
		for i := range 150 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"title":"","category":"tin-tuc"}`)
		}
		b.WriteString("]}")
		_, err := e.svc.Import(ctx, strings.NewReader(b.String()))
		var fes news.FieldErrors
		if !errors.As(err, &fes) || len(fes) != 101 || fes[100].Error() != "and 50 more errors" {
			t.Errorf("Import of 150 bad records: %d errors, last %v", len(fes), fes[len(fes)-1])
		}
	})
}

// FuzzImport checks that Import never panics, that a rejected file leaves
// the store unchanged, and that an accepted one round-trips: exporting,
// importing into an empty store and exporting again gives the same bytes.
func FuzzImport(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "archive.golden.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"version":1,"categories":[{"slug":"tin-tuc","name":"Tin tức"}],"articles":[{"title":"Xin chào","category":"tin-tuc","status":"published","body_html":"<p>Chào <script>x</script></p>"}]}`))
	f.Add([]byte(`{"version":1,"categories":[{"slug":"a","name":"A","parent":"a"}]}`))
	f.Add([]byte(`{"version":1,"articles":[{"title":"\u0000\u200b","category":""}]}`))
	f.Add([]byte(`{"version":1,"categories":[{"slug":"b","name":"B"}],"articles":[{"title":"!!!","category":"b","tags":["x","X"]},{"title":"???","category":"b","aliases":["bai-viet"]}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte("\uFEFF{\"articles\":[{\"title\":\"Tin\",\"category\":\"a\",\"status\":\"published\",\"publish_at\":\"2026-12-05\",\"updated_at\":\"2026-12-05 08:00\"}],\"categories\":[{\"slug\":\"a\",\"name\":\"A\"}]}"))
	f.Add([]byte("{\n\"articles\": [\n{\"title\": \"Tin\", \"category\": \"a\",},\n]}"))
	f.Add([]byte(`{"articles":[{"tittle":"x"},{"title":7,"cover":{"width":"1"}}],"articles":null}`))
	f.Add([]byte(`{"version":1,"categories":[{"slug":"a","name":"A"},{"slug":"b","name":"a","parent":"a"},{"slug":"c","name":"C","parent":"b"}],"articles":[{"title":"T","category":"c","publish_at":"2026-12-05T08:00"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		newSvc := func() (*memstore.Store, *news.Service) {
			st := memstore.New()
			return st, news.NewService(st, &news.ServiceOptions{Now: (&fakeClock{t: t0}).Now, NewID: seqIDs()})
		}
		st, svc := newSvc()
		_, err := svc.Import(ctx, bytes.NewReader(data))
		if err != nil {
			if v, _ := st.Version(ctx); v != 0 {
				t.Fatalf("rejected import (%v) moved the version to %d", err, v)
			}
			return
		}
		var first bytes.Buffer
		if err := svc.Export(ctx, &first); err != nil {
			t.Fatal(err)
		}
		_, svc2 := newSvc()
		if _, err := svc2.Import(ctx, bytes.NewReader(first.Bytes())); err != nil {
			t.Fatalf("re-import of an export failed: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := svc2.Export(ctx, &second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip changed the archive:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
	})
}

// TestImportUnknownID checks that a record whose id is unknown creates the
// article with that id.
func TestImportUnknownID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.category(t, "Tin tức", nil)
	id := uuid.MustParse("0f0e0d0c-0b0a-4908-8706-050403020100")
	_, err := e.svc.Import(context.Background(), strings.NewReader(`{"version":1,"articles":[{"id":"`+id.String()+`","title":"Mới","category":"tin-tuc"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := e.article(t, id); a.Title != "Mới" {
		t.Errorf("article %s = %+v", id, a)
	}
}
