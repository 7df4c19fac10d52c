package news_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestNormalizeOldURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"path", "/tin-tuc/dai-hoi-chi-bo-123.html", "/tin-tuc/dai-hoi-chi-bo-123.html"},
		{"wordpress id", "/?p=123", "/?p=123"},
		{"absolute http", "http://stp.example.gov.vn/tin-tuc/x.html", "/tin-tuc/x.html"},
		{"absolute https, upper-case scheme", "HTTPS://stp.example.gov.vn:8443/tin-tuc/x.html", "/tin-tuc/x.html"},
		{"scheme-relative", "//stp.example.gov.vn/x.html", "/x.html"},
		{"host only with query", "https://stp.example.gov.vn?p=7", "/?p=7"},
		{"fragment dropped", "/tin-tuc/x.html#binh-luan", "/tin-tuc/x.html"},
		{"spaces around", "  /x.html \n", "/x.html"},
		{"percent-encoded Vietnamese", "/tin-t%E1%BB%A9c/x.html", "/tin-tức/x.html"},
		{"lower-case escapes", "/tin-t%e1%bb%a9c/x.html", "/tin-tức/x.html"},
		{"NFD", "/tin-tu\u031b\u0301c/x.html", "/tin-tức/x.html"},
		{"upper case folded", "/Tin-Tuc/Dai-Hoi.ASPX", "/tin-tuc/dai-hoi.aspx"},
		{"Vietnamese upper case", "/TIN-TỨC/ĐẠI-HỘI", "/tin-tức/đại-hội"},
		{"parameter names folded, values kept", "/default.aspx?ID=AbC&Cat=5", "/default.aspx?id=AbC&cat=5"},
		{"order kept", "/x?b=2&a=1", "/x?b=2&a=1"},
		{"tracking dropped", "/?p=123&utm_source=zalo&UTM_Medium=x&fbclid=abc&gclid=def", "/?p=123"},
		{"only tracking", "/x.html?utm_source=x", "/x.html"},
		{"empty params dropped", "/?&p=1&&=x&", "/?p=1"},
		{"empty value", "/x?print&p=", "/x?print&p"},
		{"plus is a space in the query", "/x?q=a+b&r=a%20b", "/x?q=a+b&r=a+b"},
		{"plus is literal in the path", "/a+b", "/a+b"},
		{"encoded separators stay encoded", "/a%3Fb%23c?x=%26%3D%2B", "/a%3Fb%23c?x=%26%3D%2B"},
		{"space in the path", "/tin tuc/a%20b.html", "/tin%20tuc/a%20b.html"},
		{"stray percent", "/100%/x%zz", "/100%25/x%25zz"},
		{"bytes that are not UTF-8", "/a%FFb%C3", "/a%FFb%C3"},
		{"control characters", "/a%0Ab%7F", "/a%0Ab%7F"},
		{"encoded slash decoded", "/a%2Fb", "/a/b"},
		{"root with a query", "/?page_id=2", "/?page_id=2"},
		{"leading slashes are one", "/%2F/x", "/x"},
		{"trailing slash kept", "/tin-tuc/", "/tin-tuc/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := news.NormalizeOldURL(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "NormalizeOldURL(%q)", tc.in)
			again, err := news.NormalizeOldURL(got)
			require.NoError(t, err)
			assert.Equal(t, got, again, "NormalizeOldURL(%q) is not its own canonical form", got)
		})
	}
}

func TestNormalizeOldURLErrors(t *testing.T) {
	t.Parallel()
	long := "/" + strings.Repeat("a", news.MaxOldURLLen)
	tests := []struct {
		name, in, rule string
	}{
		{"empty", "", "required"},
		{"blank", "  ", "required"},
		{"relative", "tin-tuc/x.html", "not a path starting with / or an http(s) URL"},
		{"other scheme", "ftp://example.gov.vn/x", "not a path starting with / or an http(s) URL"},
		{"javascript", "javascript:alert(1)", "not a path starting with / or an http(s) URL"},
		{"root", "/", "the site's root with no query: it would take over the home page"},
		{"host only", "https://stp.example.gov.vn", "the site's root with no query: it would take over the home page"},
		{"root with tracking only", "/?utm_source=x#top", "the site's root with no query: it would take over the home page"},
		{"too long", long, fmt.Sprintf("longer than %d bytes (has %d)", news.MaxOldURLLen, len(long))},
		{"too long once escaped", "/" + strings.Repeat(" ", news.MaxOldURLLen-2) + "x",
			fmt.Sprintf("longer than %d bytes once normalised (has %d)", news.MaxOldURLLen, 3*(news.MaxOldURLLen-2)+2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := news.NormalizeOldURL(tc.in)
			assert.Empty(t, got)
			require.ErrorIs(t, err, news.ErrInvalid)
			var fe *news.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "old_url", fe.Field)
			assert.Equal(t, tc.rule, fe.Rule)
		})
	}
}

func FuzzNormalizeOldURL(f *testing.F) {
	for _, s := range []string{"/tin-tuc/x.html", "/?p=123&utm_source=x", "https://a.vn/T%E1%BB%A9c?A=B+c#f",
		"//h/%FF%zz?&=&a", "/tin-tu\u031bc", "/a b?c d=e+f", "HTTP://X", "/?a=%26"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := news.NormalizeOldURL(raw)
		if err != nil {
			var fe *news.FieldError
			if !errors.As(err, &fe) || fe.Field != "old_url" || !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("NormalizeOldURL(%q) error %v is not a FieldError naming old_url", raw, err)
			}
			return
		}
		if !strings.HasPrefix(got, "/") || got == "/" || len(got) > news.MaxOldURLLen {
			t.Fatalf("NormalizeOldURL(%q) = %q: not a bounded path", raw, got)
		}
		if !utf8.ValidString(got) || strings.ContainsAny(got, "# \t\r\n\x00") || strings.Count(got, "?") > 1 {
			t.Fatalf("NormalizeOldURL(%q) = %q: holds what must be escaped", raw, got)
		}
		again, err := news.NormalizeOldURL(got)
		if err != nil || again != got {
			t.Fatalf("NormalizeOldURL(%q) = %q, %v; want %q, the canonical form", got, again, err, got)
		}
	})
}

func TestServiceOldURLs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)

	a := e.draft(t, news.ArticleInput{Title: "Đại hội Chi bộ", CategoryID: cat.ID, OldURLs: []string{
		"https://stp.example.gov.vn/Tin-Tuc/dai-hoi-chi-bo-123.html?utm_source=zalo", "/?p=123",
		"/tin-tuc/dai-hoi-chi-bo-123.html", "/?p=123#comments",
	}})
	want := []string{"/tin-tuc/dai-hoi-chi-bo-123.html", "/?p=123"}
	assert.Equal(t, want, a.OldURLs, "normalised and deduplicated")
	assert.Equal(t, want, e.article(t, a.ID).OldURLs, "as stored")

	// A patch of other fields keeps them; a patch of them replaces them.
	p, err := e.svc.Patch(ctx, a.ID, news.ArticlePatch{Title: ptr("Đại hội Chi bộ nhiệm kỳ mới")})
	require.NoError(t, err)
	assert.Equal(t, want, p.OldURLs)
	p, err = e.svc.Patch(ctx, a.ID, news.ArticlePatch{OldURLs: &[]string{"/?p=124"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"/?p=124"}, p.OldURLs)
	assert.Equal(t, p.UpdatedAt, a.UpdatedAt, "old URLs are not content")

	// Update takes the whole input: none given, none kept.
	u, err := e.svc.Update(ctx, a.ID, news.InputOf(p))
	require.NoError(t, err)
	assert.Equal(t, []string{"/?p=124"}, u.OldURLs)
	in := news.InputOf(u)
	in.OldURLs = nil
	u, err = e.svc.Update(ctx, a.ID, in)
	require.NoError(t, err)
	assert.Nil(t, u.OldURLs)

	tooMany := make([]string, news.MaxOldURLs+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("/?p=%d", i)
	}
	tests := []struct {
		name string
		urls []string
		want news.FieldErrors
	}{
		{"invalid ones named by index", []string{"/ok.html", "tin-tuc/x.html", "/"}, news.FieldErrors{
			{Field: "old_urls[1]", Rule: "not a path starting with / or an http(s) URL"},
			{Field: "old_urls[2]", Rule: "the site's root with no query: it would take over the home page"},
		}},
		{"too many", tooMany, news.FieldErrors{{Field: "old_urls", Rule: "more than 20"}}},
		{"empty", []string{""}, news.FieldErrors{{Field: "old_urls[0]", Rule: "required"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.CreateDraft(ctx, news.ArticleInput{Title: "Bài mới", CategoryID: cat.ID, OldURLs: tc.urls})
			require.ErrorIs(t, err, news.ErrInvalid)
			var es news.FieldErrors
			require.ErrorAs(t, err, &es)
			assert.Equal(t, tc.want, es)
			_, err = e.svc.Patch(ctx, a.ID, news.ArticlePatch{OldURLs: &tc.urls})
			require.ErrorIs(t, err, news.ErrInvalid, "Patch")
		})
	}
	assert.Nil(t, e.article(t, a.ID).OldURLs, "a failed write changes nothing")

	// Twenty distinct old URLs are allowed, duplicates not counted.
	ok := append(tooMany[:news.MaxOldURLs:news.MaxOldURLs], tooMany[0])
	b, err := e.svc.CreateDraft(ctx, news.ArticleInput{Title: "Hai mươi địa chỉ", CategoryID: cat.ID, OldURLs: ok})
	require.NoError(t, err)
	assert.Len(t, b.OldURLs, news.MaxOldURLs)
}

func TestNewsroomKeepsOldURLs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a, err := r.nr.CreateArticle(ctx, r.editor, news.ArticleInput{Title: "Hội chợ công nghệ", CategoryID: r.tin.ID,
		OldURLs: []string{"/?p=77"}}, "nhập từ trang cũ")
	require.NoError(t, err)
	require.Equal(t, []string{"/?p=77"}, a.OldURLs)

	// The editor's saves (patches of the content) keep them.
	b, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: a.Revision, Title: ptr("Hội chợ công nghệ 2026"),
		BodyHTML: ptr("<p>Hơn 150 gian hàng.</p>")})
	require.NoError(t, err)
	assert.Equal(t, []string{"/?p=77"}, b.OldURLs)

	// Restoring a revision restores content, not old URLs.
	c, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: b.Revision, OldURLs: &[]string{"/?p=78"}})
	require.NoError(t, err)
	d, err := r.nr.RestoreRevision(ctx, r.editor, a.ID, 1, c.Revision)
	require.NoError(t, err)
	assert.Equal(t, "Hội chợ công nghệ", d.Title)
	assert.Equal(t, []string{"/?p=78"}, d.OldURLs)
}

func ExampleNormalizeOldURL() {
	for _, raw := range []string{
		"https://stp.example.gov.vn/Tin-T%E1%BB%A9c/Dai-Hoi-123.html?utm_source=zalo#binh-luan",
		"/?p=123&fbclid=abc",
		"tin-tuc/x.html",
	} {
		fmt.Println(news.NormalizeOldURL(raw))
	}
	// Output:
	// /tin-tức/dai-hoi-123.html <nil>
	// /?p=123 <nil>
	//  old_url: not a path starting with / or an http(s) URL
}

func TestImportOldURLs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	e.category(t, "Tin tức", nil)
	_, err := e.svc.Import(ctx, strings.NewReader(`{"articles": [
		{"title": "Đại hội", "category": "tin-tuc", "old_urls": ["https://old.example.gov.vn/?p=123", "/?p=123"]},
		{"title": "Hội nghị", "category": "tin-tuc", "old_urls": ["hoi-nghi.html"]}]}`))
	require.ErrorIs(t, err, news.ErrInvalid)
	assert.Contains(t, err.Error(), "articles[1].old_urls[0]: not a path starting with / or an http(s) URL")

	res, err := e.svc.Import(ctx, strings.NewReader(`{"articles": [
		{"title": "Đại hội", "category": "tin-tuc", "old_urls": ["https://old.example.gov.vn/?p=123", "/?p=123"]}]}`))
	require.NoError(t, err)
	assert.Equal(t, 1, res.ArticlesCreated)
	page, err := e.store.Articles(ctx, news.Query{})
	require.NoError(t, err)
	require.Len(t, page.Articles, 1)
	assert.Equal(t, []string{"/?p=123"}, page.Articles[0].OldURLs)
}

func TestOldURLConflicts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	a := e.published(t, news.ArticleInput{Title: "Đại hội Chi bộ", CategoryID: cat.ID, OldURLs: []string{"/?p=123", "/tin-tuc/dai-hoi.html"}})
	b := e.draft(t, news.ArticleInput{Title: "Hội nghị", CategoryID: cat.ID})

	tests := []struct {
		name  string
		write func(urls []string) error
	}{
		{"CreateDraft", func(urls []string) error {
			_, err := e.svc.CreateDraft(ctx, news.ArticleInput{Title: "Bài mới", CategoryID: cat.ID, OldURLs: urls})
			return err
		}},
		{"Update", func(urls []string) error {
			in := news.InputOf(b)
			in.OldURLs = urls
			_, err := e.svc.Update(ctx, b.ID, in)
			return err
		}},
		{"Patch", func(urls []string) error {
			_, err := e.svc.Patch(ctx, b.ID, news.ArticlePatch{OldURLs: &urls})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := e.version(t)
			err := tc.write([]string{"/?p=9", "https://old.example.gov.vn/Tin-Tuc/Dai-Hoi.html"})
			require.ErrorIs(t, err, news.ErrConflict)
			var taken *news.OldURLTakenError
			require.ErrorAs(t, err, &taken)
			assert.Equal(t, news.OldURLTakenError{Field: "old_urls[1]", URL: "/tin-tuc/dai-hoi.html", Owner: a.Slug}, *taken)
			assert.Contains(t, err.Error(), `old_urls[1]: "/tin-tuc/dai-hoi.html" is an old URL of article "dai-hoi-chi-bo"`)
			assert.Equal(t, v, e.version(t), "a refused write changes nothing")
		})
	}
	// An article's own old URLs are no conflict.
	_, err := e.svc.Patch(ctx, a.ID, news.ArticlePatch{Title: ptr("Đại hội Chi bộ nhiệm kỳ mới"), OldURLs: &[]string{"/tin-tuc/dai-hoi.html"}})
	require.NoError(t, err)
	// Once dropped, an old URL is free.
	_, err = e.svc.Patch(ctx, b.ID, news.ArticlePatch{OldURLs: &[]string{"/?p=123"}})
	require.NoError(t, err)
}

func TestImportOldURLConflicts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	e.published(t, news.ArticleInput{Title: "Đại hội Chi bộ", CategoryID: cat.ID, OldURLs: []string{"/?p=123"}})
	v := e.version(t)
	_, err := e.svc.Import(ctx, strings.NewReader(`{"articles": [
		{"title": "Một", "category": "tin-tuc", "old_urls": ["/?p=1", "/?p=123"]},
		{"title": "Hai", "category": "tin-tuc", "old_urls": ["/?p=2", "http://old.example.gov.vn/?p=1"]}]}`))
	require.ErrorIs(t, err, news.ErrInvalid)
	assert.Contains(t, err.Error(), `articles[0].old_urls[1]: "/?p=123" already used by another article`)
	assert.Contains(t, err.Error(), `articles[1].old_urls[1]: "/?p=1" already used by articles[0]`)
	assert.Equal(t, v, e.version(t), "a refused import changes nothing")
}

func TestPublicArticleByOldURL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	pub := e.published(t, news.ArticleInput{Title: "Đại hội Chi bộ", CategoryID: cat.ID,
		OldURLs: []string{"/tin-tức/đại-hội-123.html", "/?p=123"}})
	e.draft(t, news.ArticleInput{Title: "Bản nháp", CategoryID: cat.ID, OldURLs: []string{"/?p=124"}})
	sched := e.draft(t, news.ArticleInput{Title: "Hẹn giờ", CategoryID: cat.ID, OldURLs: []string{"/?p=125"}})
	_, err := e.svc.Schedule(ctx, sched.ID, e.clock.Now().Add(time.Hour))
	require.NoError(t, err)
	arch := e.published(t, news.ArticleInput{Title: "Lưu trữ", CategoryID: cat.ID, OldURLs: []string{"/?p=126"}})
	_, err = e.svc.Archive(ctx, arch.ID)
	require.NoError(t, err)

	tests := []struct {
		name, raw string
		want      *news.Article // nil: not found
	}{
		{"path", "/?p=123", pub},
		{"percent-encoded", "/tin-t%E1%BB%A9c/%C4%91%E1%BA%A1i-h%E1%BB%99i-123.html", pub},
		{"absolute, other case, tracking", "https://old.example.gov.vn/TIN-TỨC/ĐẠI-HỘI-123.html?utm_source=zalo", pub},
		{"draft", "/?p=124", nil},
		{"scheduled", "/?p=125", nil},
		{"archived", "/?p=126", nil},
		{"unknown", "/?p=127", nil},
		{"not a URL", "javascript:alert(1)", nil},
		{"root", "/", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.pub.ArticleByOldURL(ctx, tc.raw)
			if tc.want == nil {
				assert.ErrorIs(t, err, news.ErrNotFound)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want.ID, got.ID)
		})
	}
	e.clock.Add(2 * time.Hour)
	got, err := e.pub.ArticleByOldURL(ctx, "/?p=125")
	require.NoError(t, err, "the scheduled article once its time has come")
	assert.Equal(t, sched.ID, got.ID)
}
