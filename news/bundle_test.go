package news_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
	"github.com/orgnews/orgnews/news/memstore"
)

// mediaSite is a newsroom over a memstore with a media library over a
// media directory.
type mediaSite struct {
	store *memstore.Store
	nr    *news.Newsroom
	svc   *news.Service
	media *mediadir.Store
	lib   *news.MediaLibrary
	admin news.Actor
	cat   *news.Category
}

func newMediaSite(tb testing.TB) *mediaSite {
	tb.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC) }
	s := &mediaSite{store: memstore.New()}
	s.nr = news.NewNewsroom(s.store, &news.NewsroomOptions{Now: now,
		Password: news.PasswordOptions{Argon2: news.Argon2Params{Memory: 64, Time: 1, Threads: 1}}})
	s.svc = news.NewService(s.store, &news.ServiceOptions{Now: now})
	var err error
	s.media, err = mediadir.Open(tb.TempDir())
	require.NoError(tb, err)
	s.lib = news.NewMediaLibrary(s.nr, s.media, nil, "")
	acc, err := s.nr.Bootstrap(ctx, news.AccountInput{Username: "admin", DisplayName: "Quản trị", Password: "Mật khẩu đủ dài 2026"})
	require.NoError(tb, err)
	s.admin = news.Actor{AccountID: acc.ID, Username: acc.Username, Name: acc.DisplayName, Role: acc.Role}
	s.cat, err = s.nr.CreateCategory(ctx, s.admin, news.CategoryInput{Name: "Tin hoạt động"})
	require.NoError(tb, err)
	return s
}

// bundleOf returns the bundle a site exports.
func (s *mediaSite) bundle(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	require.NoError(tb, s.svc.ExportBundle(context.Background(), &buf, s.media))
	return buf.Bytes()
}

// members returns the contents of a ZIP file by name.
func members(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(tb, err)
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(tb, err)
		b, err := io.ReadAll(rc)
		require.NoError(tb, err)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// rezip returns a ZIP file of the members.
func rezip(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		require.NoError(tb, err)
		_, err = w.Write([]byte(content))
		require.NoError(tb, err)
	}
	require.NoError(tb, zw.Close())
	return buf.Bytes()
}

func TestBundleRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := newMediaSite(t)
	photo, err := src.lib.Upload(ctx, src.admin, "hoi-nghi.jpg", bytes.NewReader(readMedia(t, "phone.jpg")))
	require.NoError(t, err)
	doc, err := src.lib.Upload(ctx, src.admin, "Kế hoạch 2027.pdf", bytes.NewReader([]byte("%PDF-1.7\n%%EOF\n")))
	require.NoError(t, err)
	_, err = src.nr.CreateArticle(ctx, src.admin, news.ArticleInput{Title: "Hội nghị tổng kết năm 2026", CategoryID: src.cat.ID,
		BodyHTML:    `<p>Toàn cảnh hội nghị.</p>`,
		Cover:       &news.Image{URL: src.lib.URL(photo.Widest().Key), Alt: "Tặng hoa Bí thư chi bộ nhiệm kỳ mới.", Width: photo.Width, Height: photo.Height},
		Attachments: []news.Attachment{{URL: src.lib.URL(doc.ID), Title: "Kế hoạch năm 2027", Type: doc.Type, Size: doc.Size()}}}, "")
	require.NoError(t, err)

	first := src.bundle(t)
	files := members(t, first)
	require.Contains(t, files, "archive.json")
	require.Contains(t, files, "media/"+photo.ID+".json")
	require.Contains(t, files, "media/"+doc.ID+".json")
	for _, v := range append(photo.Variants, doc.Variants...) {
		require.Contains(t, files, "media/files/"+v.Key)
	}

	dst := newMediaSite(t)
	res, err := dst.svc.ImportBundle(ctx, bytes.NewReader(first), int64(len(first)), dst.media)
	require.NoError(t, err)
	assert.Equal(t, 2, res.MediaCreated)
	assert.Equal(t, 1, res.ArticlesCreated)

	again := members(t, dst.bundle(t))
	assert.Equal(t, files, again, "export → import → export gives the same archive and media")
	got, err := dst.lib.ByURL(ctx, "/media/"+photo.Variants[0].Key)
	require.NoError(t, err)
	assert.Equal(t, photo.ID, got.ID)
	users, err := dst.lib.Users(ctx, got)
	require.NoError(t, err)
	require.Len(t, users, 1, "the imported article uses the imported photo")

	// Importing the same bundle again keeps the media it holds.
	res, err = dst.svc.ImportBundle(ctx, bytes.NewReader(first), int64(len(first)), dst.media)
	require.NoError(t, err)
	assert.Equal(t, 0, res.MediaCreated)
	assert.Equal(t, 2, res.MediaKept)
}

func TestBundleAllOrNothing(t *testing.T) {
	ctx := context.Background()
	src := newMediaSite(t)
	photo, err := src.lib.Upload(ctx, src.admin, "anh.png", bytes.NewReader(encodeImage(t, "png", 30, 20, 255)))
	require.NoError(t, err)
	_, err = src.nr.CreateArticle(ctx, src.admin, news.ArticleInput{Title: "Thông báo lịch tiếp công dân", CategoryID: src.cat.ID}, "")
	require.NoError(t, err)
	good := members(t, src.bundle(t))

	tests := []struct {
		name   string
		change func(files map[string]string)
		text   string
	}{
		{"a file whose content is not its key's", func(fs map[string]string) { fs["media/files/"+photo.ID] = "đã bị sửa" }, "media/" + photo.ID + ".json.variants[0]"},
		{"a file missing", func(fs map[string]string) { delete(fs, "media/files/"+photo.ID) }, "no file media/files/" + photo.ID},
		{"a malformed record", func(fs map[string]string) { fs["media/"+photo.ID+".json"] = "{" }, "malformed JSON"},
		{"no archive", func(fs map[string]string) { delete(fs, "archive.json") }, "archive.json: required"},
		{"an archive that does not import", func(fs map[string]string) { fs["archive.json"] = `{"version":1,"articles":[{"title":""}]}` }, "articles[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range good {
				files[k] = v
			}
			tc.change(files)
			data := rezip(t, files)
			dst := newMediaSite(t)
			_, err := dst.svc.ImportBundle(ctx, bytes.NewReader(data), int64(len(data)), dst.media)
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Contains(t, err.Error(), tc.text)
			p, err := dst.media.ListMedia(ctx, news.MediaQuery{})
			require.NoError(t, err)
			assert.Empty(t, p.Media, "no medium is left behind")
			page, err := dst.store.Articles(ctx, news.Query{})
			require.NoError(t, err)
			assert.Empty(t, page.Articles, "no article is written")
		})
	}
}
