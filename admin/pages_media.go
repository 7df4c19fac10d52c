package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/orgnews/orgnews/news"
)

// uploadView configures the upload area of the editor and the media
// page (static/media.js): where to post and the limits to name in errors.
type uploadView struct {
	API      string // the path of api/media
	List     string // the path of api/media?kind=image, for the cover picker
	MaxBytes int64
	MaxFiles int
}

// uploadOf returns the upload area of the pages, nil when the handler
// has no media library.
func (h *Handler) uploadOf(r *http.Request) *uploadView {
	if h.media == nil {
		return nil
	}
	base := h.cookiePath(r)
	return &uploadView{API: base + "api/media", List: base + "api/media?kind=image", MaxBytes: h.media.Options().MaxBytes, MaxFiles: h.maxFiles}
}

// mediaItem is a medium as the media page shows it: its thumbnail is the
// smallest variant.
type mediaItem struct {
	*mediaJSON
	Thumb variantJSON
}

// mediaPageData is what the media page shows.
type mediaPageData struct {
	Upload *uploadView
	Media  []mediaItem
	Next   string // the path of the next page, "" on the last
	First  bool   // whether a first page comes before this one
	// Refused names the medium a deletion was refused for, and InUse the
	// articles that use it.
	Refused string
	InUse   []articleRefJSON
}

// mediaPage reads a page of the library for the media page.
func (h *Handler) mediaPage(ctx context.Context, r *http.Request, a news.Actor, cursor string) (*mediaPageData, error) {
	page, err := h.media.List(ctx, a, news.MediaQuery{Cursor: cursor, Limit: mediaPageSize})
	if err != nil {
		return nil, err
	}
	d := &mediaPageData{Upload: h.uploadOf(r), First: cursor != ""}
	for _, m := range page.Media {
		j := h.newMediaJSON(m)
		d.Media = append(d.Media, mediaItem{mediaJSON: j, Thumb: j.Variants[0]})
	}
	if page.Next != "" {
		d.Next = h.cookiePath(r) + "media?cursor=" + url.QueryEscape(page.Next)
	}
	return d, nil
}

// mediaPageSize is how many media one page of the library shows.
const mediaPageSize = 24

// handleMediaPage shows the media library, newest first, with the upload
// area: GET media?cursor=….
func (h *Handler) handleMediaPage() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		d, err := h.mediaPage(r.Context(), r, a, r.URL.Query().Get("cursor"))
		if err != nil {
			return err
		}
		v := h.newView(r, &a, "media", "media.title", d)
		h.script(v, "media.js")
		h.render(w, r, http.StatusOK, "media", v)
		return nil
	})
}

// handleDeleteMediaForm deletes a medium from the media page: POST
// media/{id}/delete. A medium in use is refused (409) with the articles
// that use it, as links, on the library's first page.
func (h *Handler) handleDeleteMediaForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		err := h.media.Delete(r.Context(), a, r.PathValue("id"))
		var inUse *news.MediaInUseError
		if !errors.As(err, &inUse) {
			if err != nil {
				return err
			}
			h.redirect(w, r, "media", "media-deleted")
			return nil
		}
		d, derr := h.mediaPage(r.Context(), r, a, "")
		if derr != nil {
			return derr
		}
		d.Refused, d.InUse = inUse.ID, newArticleRefs(inUse.Articles)
		for _, m := range d.Media {
			if m.ID == inUse.ID {
				d.Refused = m.Name
			}
		}
		v := h.newView(r, &a, "media", "media.title", d)
		v.Error = v.L.T("media.in-use")
		h.script(v, "media.js")
		h.render(w, r, http.StatusConflict, "media", v)
		return nil
	})
}

// fillMedia completes the cover and attachments of p whose URLs name
// files of the library with the facts the library knows: the widest
// variant's width, height, type and size of a photo, the type and size
// of a file. A URL from elsewhere is kept as typed.
func (h *Handler) fillMedia(ctx context.Context, p *news.ArticlePatch) error {
	if h.media == nil {
		return nil
	}
	lookup := func(u string) (*news.Media, error) {
		m, err := h.media.ByURL(ctx, u)
		if errors.Is(err, news.ErrNotFound) {
			return nil, nil
		}
		return m, err
	}
	if p.Cover != nil && *p.Cover != nil {
		c := *p.Cover
		m, err := lookup(c.URL)
		if err != nil {
			return err
		}
		if m != nil {
			wide := m.Widest()
			c.Width, c.Height, c.Type, c.Size = wide.Width, wide.Height, wide.Type, wide.Size
		}
	}
	if p.Attachments != nil {
		for i := range *p.Attachments {
			at := &(*p.Attachments)[i]
			m, err := lookup(at.URL)
			if err != nil {
				return err
			}
			if m != nil {
				at.Type, at.Size = m.Widest().Type, m.Widest().Size
			}
		}
	}
	return nil
}

// sizeText writes a size in bytes for people: "820 KB", "2.4 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
