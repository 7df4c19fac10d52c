package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
	"github.com/orgnews/orgnews/news/memstore"
)

// TestImportBundle runs the demo with -import of a bundle holding an
// article and its cover photo: the photo is stored beside the SQLite
// file and served at /media/ under its content-hash URL.
func TestImportBundle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A bundle as another site exports it.
	store := memstore.New()
	nr := news.NewNewsroom(store, &news.NewsroomOptions{
		Password: news.PasswordOptions{Argon2: news.Argon2Params{Memory: 64, Time: 1, Threads: 1}}})
	acc, err := nr.Bootstrap(ctx, news.AccountInput{Username: "admin", DisplayName: "Quản trị", Password: "Mật khẩu đủ dài 2026"})
	require.NoError(t, err)
	admin := news.Actor{AccountID: acc.ID, Username: acc.Username, Name: acc.DisplayName, Role: acc.Role}
	ms, err := mediadir.Open(filepath.Join(dir, "src-media"))
	require.NoError(t, err)
	lib := news.NewMediaLibrary(nr, ms, nil, "/media/")
	photo, err := os.ReadFile(filepath.Join("..", "..", "news", "testdata", "media", "phone.jpg"))
	require.NoError(t, err)
	m, err := lib.Upload(ctx, admin, "hoi-nghi.jpg", bytes.NewReader(photo))
	require.NoError(t, err)
	cat, err := nr.CreateCategory(ctx, admin, news.CategoryInput{Name: "Tin hoạt động"})
	require.NoError(t, err)
	a, err := nr.CreateArticle(ctx, admin, news.ArticleInput{Title: "Hội nghị tổng kết công tác năm 2026", CategoryID: cat.ID,
		BodyHTML: "<p>Sở tổ chức hội nghị tổng kết.</p>", Cover: &news.Image{URL: lib.URL(m.Widest().Key), Alt: "Toàn cảnh hội nghị"}}, "")
	require.NoError(t, err)
	_, err = nr.Transition(ctx, admin, a.ID, news.TransitionInput{Action: news.ActionPublish})
	require.NoError(t, err)
	var bundle bytes.Buffer
	require.NoError(t, news.NewService(store, nil).ExportBundle(ctx, &bundle, ms))
	file := filepath.Join(dir, "site.zip")
	require.NoError(t, os.WriteFile(file, bundle.Bytes(), 0o644))

	app := startApp(t, "-db", filepath.Join(dir, "news.db"), "-demo=false", "-import", file)
	_, err = os.Stat(filepath.Join(dir, "news-media", "media", m.ID+".json"))
	require.NoError(t, err, "the media sit beside the SQLite file")
	client := &http.Client{Timeout: 10 * time.Second}
	for _, v := range m.Variants {
		resp, err := client.Get(app.siteURL + "media/" + v.Key)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, v.Key)
		assert.Equal(t, "image/jpeg", resp.Header.Get("Content-Type"))
		assert.Equal(t, v.Size, resp.ContentLength)
	}

	// The feeds know the photo from the media library: the cover is its
	// 960-pixel size, an enclosure with that file's type and size.
	fit := m.Fit(960)
	resp, body := get(t, app.siteURL+"news/feed.rss")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, body, `<enclosure url="`+app.siteURL+"media/"+fit.Key+`" length="`+strconv.FormatInt(fit.Size, 10)+`" type="image/jpeg">`)

	code, _, page := getWith(t, client, app.siteURL+"news/articles/"+a.Slug)
	require.Equal(t, http.StatusOK, code)
	srcset := m.Srcset(func(key string) string { return app.siteURL + "media/" + key })
	assert.Contains(t, page, fmt.Sprintf(`alt="Toàn cảnh hội nghị" width="%d" height="%d" srcset="%s" sizes=`, m.Width, m.Height, srcset),
		"the news section shows the cover's variants, with its size")
}
