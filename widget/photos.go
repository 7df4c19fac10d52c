package widget

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/orgnews/orgnews/news"
)

// A Media is the media library the handler finds photos in: for the cover
// of an article (on its page, its cards and the box) and the photos of its
// body, the variants of the photo its URL names, which become srcset,
// width and height. *news.MediaLibrary implements it. Its methods must be
// safe for concurrent use.
type Media interface {
	// ByURL returns the record of the file a URL names, or an error
	// wrapping news.ErrNotFound when it names none.
	ByURL(ctx context.Context, url string) (*news.Media, error)
	// URL returns the URL of the file with the key.
	URL(key string) string
}

var _ Media = (*news.MediaLibrary)(nil)

// bodySizes is the sizes of the photos of an article's body: the width
// of the article's column (.article in page.css), less the page's padding
// on a narrow screen.
const bodySizes = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"

// A photoFinder looks up the photos of one render in Options.Media, each
// URL once. Its zero value, for a handler without Media, finds none.
type photoFinder struct {
	ctx     context.Context
	media   Media
	resolve func(string) string    // Handler.resolve, for the URLs of covers
	seen    map[string]*news.Media // by URL; nil for a URL of no photo
	err     error                  // the first error but news.ErrNotFound
}

// photos returns the photoFinder of a render.
func (h *Handler) photos(ctx context.Context) *photoFinder {
	return &photoFinder{ctx: ctx, media: h.media, resolve: h.resolve, seen: map[string]*news.Media{}}
}

// photo returns the record of the photo at url, or nil when url names no
// photo of the library.
func (f *photoFinder) photo(url string) *news.Media {
	if f.media == nil || url == "" {
		return nil
	}
	if m, ok := f.seen[url]; ok {
		return m
	}
	m, err := f.media.ByURL(f.ctx, url)
	switch {
	case errors.Is(err, news.ErrNotFound):
		m = nil
	case err != nil:
		if f.err == nil {
			f.err = fmt.Errorf("widget: photo %q: %w", url, err)
		}
		m = nil
	case m.Kind != news.MediaImage || len(m.Variants) == 0 || m.Width <= 0 || m.Height <= 0:
		m = nil
	}
	f.seen[url] = m
	return m
}

// srcset returns m's srcset with URLs made by abs from the library's.
func (f *photoFinder) srcset(m *news.Media, abs func(string) string) string {
	return m.Srcset(func(key string) string { return abs(f.media.URL(key)) })
}

// covers gives the covers of its that are photos of the library their
// srcset, and their width and height when they have none.
func (f *photoFinder) covers(its ...*item) {
	for _, it := range its {
		if it == nil || it.Cover == nil {
			continue
		}
		c := it.Cover
		m := f.photo(c.URL)
		if m == nil {
			continue
		}
		c.Srcset = f.srcset(m, f.resolve)
		if c.Width <= 0 || c.Height <= 0 {
			c.Width, c.Height = m.Width, m.Height
		}
	}
}

// list returns pointers to the items of a list, for covers.
func list(its []item) []*item {
	out := make([]*item, len(its))
	for i := range its {
		out[i] = &its[i]
	}
	return out
}

// body returns a sanitised body with srcset, sizes, width and height on
// its photos of the library (see news.ResponsiveImages).
func (f *photoFinder) body(body string) string {
	if f.media == nil {
		return body
	}
	return news.ResponsiveImages(body, func(src string) (news.ResponsiveImage, bool) {
		m := f.photo(strings.TrimSpace(src))
		if m == nil {
			return news.ResponsiveImage{}, false
		}
		return news.ResponsiveImage{Srcset: f.srcset(m, func(u string) string { return u }), Sizes: bodySizes, Width: m.Width, Height: m.Height}, true
	})
}
