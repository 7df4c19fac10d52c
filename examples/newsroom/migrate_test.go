package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// wxrTestdata is the WordPress export of news/migrate's tests, which the
// README's command migrates.
var wxrTestdata = filepath.Join("..", "..", "news", "migrate", "testdata", "wordpress.xml")

// TestMigrateDryRun: -import-dry-run prints what -import-wxr would do and
// exits without serving or writing.
func TestMigrateDryRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	var stdout strings.Builder
	err := run(context.Background(), []string{"-db", db, "-addr", "127.0.0.1:0", "-embed-addr", "", "-demo=false",
		"-import-wxr", wxrTestdata, "-import-dry-run"}, &stdout, io.Discard)
	require.NoError(t, err)
	out := stdout.String()
	assert.Contains(t, out, "dry run: 5 created, 0 updated, 0 unchanged, 3 skipped; 5 categories created")
	assert.Contains(t, out, "items[7]   skip      Giới thiệu (post type page)")
	assert.NotContains(t, out, "Department site:", "a dry run serves nothing")
	a := startApp(t, "-db", db, "-demo=false")
	empty, err := storeEmpty(context.Background(), a.store)
	require.NoError(t, err)
	assert.True(t, empty, "a dry run writes nothing")
}

// TestMigrateFeed: -import-feed migrates an old portal's feed, its photo
// moves into the newsroom's media library and the site serves it.
func TestMigrateFeed(t *testing.T) {
	var photo bytes.Buffer
	require.NoError(t, png.Encode(&photo, image.NewGray(image.Rect(0, 0, 40, 30))))
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Cổng cũ</title><link>`+srvURL+`/</link>
<item><title>Khai trương sàn giao dịch công nghệ tỉnh</title><link>`+srvURL+`/tin/san-giao-dich.html</link>
<pubDate>Mon, 30 Nov 2026 02:00:00 GMT</pubDate><category>Tin hoạt động</category>
<description>&lt;p&gt;Sàn giao dịch có 120 công nghệ chào bán.&lt;/p&gt;&lt;img src="/anh/san.png" alt="Sàn giao dịch"&gt;</description></item></channel></rss>`)
	})
	mux.HandleFunc("GET /anh/san.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(photo.Bytes())
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL

	a := startApp(t, "-db", "memory", "-demo=false", "-import-feed", srv.URL+"/feed.xml")
	require.Len(t, a.migrations, 1)
	assert.Equal(t, 1, a.migrations[0].Created)
	assert.Equal(t, 1, a.migrations[0].MediaFetched)
	resp, body := get(t, a.siteURL+"news/api/articles")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var list struct {
		Articles []struct {
			Title    string `json:"title"`
			BodyHTML string `json:"body_html"`
			URL      string `json:"url"`
		} `json:"articles"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &list))
	require.Len(t, list.Articles, 1)
	assert.Equal(t, "Khai trương sàn giao dịch công nghệ tỉnh", list.Articles[0].Title)
	resp, page := get(t, list.Articles[0].URL)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotContains(t, page, srv.URL, "the photo moved off the old site")
	i := strings.Index(page, `src="`+a.siteURL+`media/`)
	require.GreaterOrEqual(t, i, 0, "the body's photo is in the media library")
	src := page[i+len(`src="`):]
	src = src[:strings.IndexByte(src, '"')]
	resp, _ = get(t, src)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "image/png", resp.Header.Get("Content-Type"))

	// The old portal's link answers 301 to the article.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(a.siteURL + "tin/san-giao-dich.html")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	assert.Equal(t, list.Articles[0].URL, resp.Header.Get("Location"))
}

// TestMigrateBroken: a WordPress export with a broken item stops the demo
// before it serves, naming the item, with nothing written.
func TestMigrateBroken(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "wp.xml"), `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><link>https://cu.example/</link>
<item><title>Bài tốt</title><guid>https://cu.example/?p=1</guid><wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>
<item><title></title><link>https://cu.example/khong-tieu-de/</link><guid>https://cu.example/?p=2</guid><wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>
</channel></rss>`)
	db := filepath.Join(dir, "news.db")
	var stdout strings.Builder
	err := run(context.Background(), []string{"-db", db, "-addr", "127.0.0.1:0", "-embed-addr", "", "-demo=false",
		"-import-wxr", file}, &stdout, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-import-wxr")
	assert.Contains(t, err.Error(), "items[1].title (https://cu.example/khong-tieu-de/): required")
	assert.Empty(t, stdout.String())
	a := startApp(t, "-db", db, "-demo=false")
	p, err := a.store.Articles(context.Background(), news.Query{})
	require.NoError(t, err)
	assert.Empty(t, p.Articles, "nothing written")
}

// TestMigrateWXR: -import-wxr migrates a WordPress export, and both of a
// post's old links, its permalink and WordPress's /?p=ID, answer 301 to
// its article.
func TestMigrateWXR(t *testing.T) {
	file := writeFile(t, filepath.Join(t.TempDir(), "wp.xml"), `<?xml version="1.0"?>
<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><link>https://cu.example</link>
<wp:category><wp:category_nicename>thong-bao</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Thông báo</wp:cat_name></wp:category>
<item><title>Thông báo lịch tiếp công dân tháng 12</title><link>https://cu.example/2026/11/lich-tiep-cong-dan/</link>
<guid>https://cu.example/?p=77</guid><dc:creator>admin</dc:creator>
<content:encoded><![CDATA[<p>Lãnh đạo Sở tiếp công dân vào thứ Năm hằng tuần.</p>]]></content:encoded>
<wp:post_id>77</wp:post_id><wp:post_date_gmt>2026-11-28 01:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="thong-bao"><![CDATA[Thông báo]]></category></item>
</channel></rss>`)
	a := startApp(t, "-db", "memory", "-demo=false", "-import-wxr", file)
	require.Len(t, a.migrations, 1)
	assert.Equal(t, 1, a.migrations[0].Created)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, old := range []string{"2026/11/lich-tiep-cong-dan/", "?p=77"} {
		resp, err := noFollow.Get(a.siteURL + old)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusMovedPermanently, resp.StatusCode, old)
		assert.Contains(t, resp.Header.Get("Location"), "/news/articles/thong-bao-lich-tiep-cong-dan-thang-12", old)
	}
}
