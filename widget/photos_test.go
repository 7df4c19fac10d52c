package widget_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// A photoLibrary is a widget.Media holding photos by the last element of
// their URL, as the media library names them by key, with variants 480,
// 960 and 1600 pixels wide (never wider than the photo) served under
// /media/.
type photoLibrary map[string]*news.Media

// newPhotoLibrary returns a library of photos given as "name WxH".
func newPhotoLibrary(photos ...string) photoLibrary {
	lib := photoLibrary{}
	for _, p := range photos {
		var name string
		var w, h int
		if _, err := fmt.Sscanf(p, "%s %dx%d", &name, &w, &h); err != nil {
			panic(err)
		}
		m := &news.Media{Kind: news.MediaImage, Name: name, Type: "image/png", Width: w, Height: h}
		for _, vw := range []int{480, 960, 1600} {
			vw = min(vw, w)
			m.Variants = append(m.Variants, news.MediaVariant{
				Key: news.MediaKey(sha256.Sum256([]byte(fmt.Sprint(name, vw))), "image/png"), Type: "image/png",
				Width: vw, Height: (h*vw + w/2) / w,
			})
			if vw == w {
				break
			}
		}
		m.ID = m.Variants[0].Key
		lib[name] = m
		for _, v := range m.Variants {
			lib[v.Key] = m
		}
	}
	return lib
}

func (l photoLibrary) ByURL(_ context.Context, url string) (*news.Media, error) {
	if m := l[path.Base(url)]; m != nil {
		return m, nil
	}
	return nil, fmt.Errorf("photo %q: %w", url, news.ErrNotFound)
}

func (l photoLibrary) URL(key string) string { return "/media/" + key }

// brokenLibrary is a widget.Media whose store fails.
type brokenLibrary struct{}

func (brokenLibrary) ByURL(context.Context, string) (*news.Media, error) {
	return nil, errors.New("media store: connection refused")
}

func (brokenLibrary) URL(key string) string { return "/media/" + key }

// srcsetOf returns the srcset of the photo in lib, with URLs under base.
func srcsetOf(lib photoLibrary, name, base string) string {
	return lib[name].Srcset(func(key string) string { return base + lib.URL(key) })
}

func TestPhotos(t *testing.T) {
	lib := newPhotoLibrary("dai-hoi.jpg 1600x1067", "dai-hoi-2.jpg 1200x900")
	s := newNewsSite(t, &widget.Options{Media: lib})
	const site = "https://skhcn.example.gov.vn"
	cover := `srcset="` + srcsetOf(lib, "dai-hoi.jpg", site) + `"`

	t.Run("article", func(t *testing.T) {
		_, body := get(t, s.h, "/articles/dai-hoi")
		assert.Contains(t, body, `<img src="`+site+`/uploads/dai-hoi.jpg" alt="Toàn cảnh Đại hội" width="1200" height="800" `+cover+
			` sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)">`, "the cover keeps its stored size")
		assert.Contains(t, body, `<img src="`+site+`/uploads/dai-hoi-2.jpg" alt="Đảng viên biểu quyết" width="1200" height="900" srcset="`+
			srcsetOf(lib, "dai-hoi-2.jpg", site)+`" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"/>`, "a photo of the body")
		golden(t, s.h, "article-photos.html", "/articles/dai-hoi")
	})
	t.Run("cards", func(t *testing.T) {
		_, body := get(t, s.h, "/")
		assert.Contains(t, body, `<img class="card__img" src="`+site+`/uploads/dai-hoi.jpg" alt="Toàn cảnh Đại hội" loading="lazy" decoding="async" width="1200" height="800" `+
			cover+` sizes="(min-width: 72rem) 23rem, (min-width: 38rem) 50vw, calc(100vw - 2rem)">`)
	})
	t.Run("box", func(t *testing.T) {
		_, body := get(t, s.h, "/fragment?category=hoat-dong&layout=list&show=image")
		assert.Contains(t, body, `width="1200" height="800" `+cover+` sizes="6em">`)
		golden(t, s.h, "fragment-cards-photos.html", "/fragment?category=hoat-dong&layout=cards&show=date,image")
	})
	t.Run("api", func(t *testing.T) {
		// The web component draws the box from /api/box: its photos get
		// the same variants and size as the server-rendered box.
		want := `"cover":{"url":"` + site + `/uploads/dai-hoi.jpg","alt":"Toàn cảnh Đại hội","caption":"Tặng hoa Bí thư Chi bộ nhiệm kỳ mới.","width":1200,"height":800,"srcset":"` +
			srcsetOf(lib, "dai-hoi.jpg", site) + `"}`
		for _, target := range []string{"/api/box?category=hoat-dong&show=image", "/api/articles?category=hoat-dong", "/api/articles/dai-hoi"} {
			_, body := get(t, s.h, target)
			assert.Contains(t, body, want, target)
		}
	})
	t.Run("without Media", func(t *testing.T) {
		_, body := get(t, newNewsSite(t, nil).h, "/articles/dai-hoi")
		assert.NotContains(t, body, "srcset")
	})
	t.Run("size from the library", func(t *testing.T) {
		lib := newPhotoLibrary("dai-hoi.jpg 1600x1067")
		s := newNewsSite(t, &widget.Options{Media: lib})
		a, err := s.pub.ArticleBySlug(context.Background(), "dai-hoi")
		require.NoError(t, err)
		a.Cover.Width, a.Cover.Height = 0, 0
		page, err := s.h.Preview(context.Background(), a, "vi")
		require.NoError(t, err)
		assert.Contains(t, string(page), `alt="Toàn cảnh Đại hội" width="1600" height="1067" srcset=`)
	})
	t.Run("store fails", func(t *testing.T) {
		s := newNewsSite(t, &widget.Options{Media: brokenLibrary{}})
		for _, target := range []string{"/articles/dai-hoi", "/", "/fragment?show=image", "/api/box", "/api/articles"} {
			res, body := get(t, s.h, target)
			assert.Equal(t, 500, res.StatusCode, target)
			assert.NotContains(t, body, "connection refused", target)
		}
	})
	t.Run("not a photo", func(t *testing.T) {
		lib := newPhotoLibrary("dai-hoi.jpg 1600x1067")
		lib["dai-hoi.jpg"].Kind = news.MediaAttachment
		_, body := get(t, newNewsSite(t, &widget.Options{Media: lib}).h, "/articles/dai-hoi")
		assert.False(t, strings.Contains(body, "srcset"))
	})
}
