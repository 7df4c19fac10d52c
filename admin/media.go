package admin

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// DefaultMaxUploadFiles is the Options.MaxUploadFiles of the zero Options.
const DefaultMaxUploadFiles = 20

// variantJSON is a news.MediaVariant with its URL.
type variantJSON struct {
	Key    string `json:"key"`
	URL    string `json:"url"`
	Type   string `json:"type"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Size   int64  `json:"size"`
}

// mediaJSON is a news.Media as the library shows it: URL, width, height,
// type and size are those of the widest variant (a file's only one), and
// srcset lists an image's variants, ready for <img srcset>.
type mediaJSON struct {
	ID        string        `json:"id"`
	Kind      string        `json:"kind"`
	Name      string        `json:"name"`
	Type      string        `json:"type"`
	URL       string        `json:"url"`
	Width     int           `json:"width,omitempty"`
	Height    int           `json:"height,omitempty"`
	Size      int64         `json:"size"`
	Srcset    string        `json:"srcset,omitempty"`
	Variants  []variantJSON `json:"variants"`
	CreatedAt time.Time     `json:"created_at"`
	CreatorID uuid.UUID     `json:"creator_id"`
	Creator   string        `json:"creator"`
}

func (h *Handler) newMediaJSON(m *news.Media) *mediaJSON {
	out := &mediaJSON{ID: m.ID, Kind: string(m.Kind), Name: m.Name, Type: m.Type, URL: h.media.URL(m.Widest().Key),
		Width: m.Width, Height: m.Height, Size: m.Widest().Size, CreatedAt: m.CreatedAt.UTC(),
		CreatorID: m.CreatorID, Creator: m.Creator}
	if m.Kind == news.MediaImage {
		out.Srcset = m.Srcset(h.media.URL)
	}
	for _, v := range m.Variants {
		out.Variants = append(out.Variants, variantJSON{Key: v.Key, URL: h.media.URL(v.Key), Type: v.Type,
			Width: v.Width, Height: v.Height, Size: v.Size})
	}
	return out
}

// articleRefJSON names an article that uses a medium.
type articleRefJSON struct {
	ID     uuid.UUID   `json:"id"`
	Title  string      `json:"title"`
	Slug   string      `json:"slug"`
	Status news.Status `json:"status"`
}

func newArticleRefs(as []*news.Article) []articleRefJSON {
	out := make([]articleRefJSON, len(as))
	for i, a := range as {
		out[i] = articleRefJSON{ID: a.ID, Title: a.Title, Slug: a.Slug, Status: a.Status}
	}
	return out
}

// uploadError maps the error of one uploaded file: a *news.LimitError to
// 413 too_large, a *news.TypeError to 415 unsupported_media_type (both
// with field "file" and the domain's message, which names the file, the
// limit and its value); anything else as the body's errors are.
func uploadError(err error) *web.Error {
	var le *news.LimitError
	var te *news.TypeError
	switch {
	case errors.As(err, &le):
		return &web.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "file", Message: le.Error()}
	case errors.As(err, &te):
		return &web.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Field: "file", Message: te.Error()}
	}
	return web.ClassifyBody(err)
}

// handleUpload stores the files of a multipart/form-data body, each in a
// part named "file": POST api/media. Each file is judged alone (its type
// from its content, its limits); the answer lists a result per file, in
// order, each with the stored medium or the error. It is 201 when every
// file was stored, 200 when some were not, and the first file's error
// status (with the error shape) when none was.
func (h *Handler) handleUpload() http.Handler {
	type result struct {
		Name   string     `json:"name"`
		Status int        `json:"status"`
		Media  *mediaJSON `json:"media,omitempty"`
		Error  *web.Error `json:"error,omitempty"`
	}
	type answer struct {
		Error   *web.Error `json:"error,omitempty"`
		Results []result   `json:"results"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		if err := noQuery(r); err != nil {
			return err
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
			return &web.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
				Message: "send the files as multipart/form-data, each in a part named \"file\""}
		}
		limit := h.media.Options().MaxBytes
		r.Body = http.MaxBytesReader(w, r.Body, int64(h.maxFiles)*(limit+64<<10))
		mr, err := r.MultipartReader()
		if err != nil {
			return &web.Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "the multipart body does not read: " + err.Error()}
		}
		var tooLarge *http.MaxBytesError
		bodyTooLarge := func() error {
			return &web.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
				Message: fmt.Sprintf("the request body is larger than %d bytes (%d files of at most %d bytes)", tooLarge.Limit, h.maxFiles, limit)}
		}
		var out answer
		stored := 0
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if errors.As(err, &tooLarge) {
				return bodyTooLarge()
			}
			if err != nil {
				return &web.Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "the multipart body does not read: " + err.Error()}
			}
			if part.FormName() != "file" {
				part.Close()
				return &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: part.FormName(),
					Message: fmt.Sprintf("unknown part %q: send each file in a part named \"file\"", part.FormName())}
			}
			if len(out.Results) == h.maxFiles {
				part.Close()
				return &web.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "file",
					Message: fmt.Sprintf("more than %d files in one request (MaxUploadFiles)", h.maxFiles)}
			}
			name := news.CleanMediaName(part.FileName())
			pr := &partReader{r: part}
			m, err := h.media.Upload(r.Context(), a, part.FileName(), pr)
			part.Close()
			switch {
			case errors.As(pr.err, &tooLarge):
				return bodyTooLarge()
			case pr.err != nil:
				return &web.Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "the multipart body does not read: " + pr.err.Error()}
			}
			res := result{Name: name, Status: http.StatusCreated}
			if err != nil {
				res.Error = uploadError(err)
				if res.Error.Status >= 500 || res.Error.Status == http.StatusUnauthorized || res.Error.Status == http.StatusForbidden {
					return err
				}
				res.Status = res.Error.Status
			} else {
				res.Media = h.newMediaJSON(m)
				stored++
			}
			out.Results = append(out.Results, res)
		}
		switch {
		case len(out.Results) == 0:
			return &web.Error{Status: http.StatusBadRequest, Code: "invalid_body", Field: "file", Message: "no file: send each file in a part named \"file\""}
		case stored == len(out.Results):
			web.WriteJSON(w, http.StatusCreated, out)
		case stored > 0:
			web.WriteJSON(w, http.StatusOK, out)
		default:
			out.Error = out.Results[0].Error
			web.WriteJSON(w, out.Error.Status, out)
		}
		return nil
	})
}

// A partReader reads an uploaded file's part and keeps the error that
// ended it other than io.EOF: a body cut short or over the limit is the
// request's fault, not the file's.
type partReader struct {
	r   io.Reader
	err error
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF {
		p.err = err
	}
	return n, err
}

// handleMediaList lists the library, newest first: GET api/media with
// the parameters kind ("image" or "attachment"), limit and cursor.
func (h *Handler) handleMediaList() http.Handler {
	type answer struct {
		Media []*mediaJSON `json:"media"`
		Next  string       `json:"next,omitempty"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		p, err := web.ParseQuery(r.URL.RawQuery, "kind", "limit", "cursor")
		if err != nil {
			return err
		}
		q := news.MediaQuery{Kind: news.MediaKind(p["kind"]), Cursor: p["cursor"]}
		if q.Limit, err = limit(p["limit"]); err != nil {
			return err
		}
		page, err := h.media.List(r.Context(), a, q)
		if err != nil {
			return err
		}
		out := answer{Media: make([]*mediaJSON, len(page.Media)), Next: page.Next}
		for i, m := range page.Media {
			out.Media[i] = h.newMediaJSON(m)
		}
		web.WriteJSON(w, http.StatusOK, out)
		return nil
	})
}

// handleMedia answers one medium with the articles that use it: GET
// api/media/{id}.
func (h *Handler) handleMedia() http.Handler {
	type answer struct {
		*mediaJSON
		UsedBy []articleRefJSON `json:"used_by"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		if err := noQuery(r); err != nil {
			return err
		}
		m, err := h.media.Media(r.Context(), a, r.PathValue("id"))
		if err != nil {
			return err
		}
		users, err := h.media.Users(r.Context(), m)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, answer{h.newMediaJSON(m), newArticleRefs(users)})
		return nil
	})
}

// handleDeleteMedia deletes a medium no article uses: DELETE
// api/media/{id}, 204; 409 naming the articles that use it.
func (h *Handler) handleDeleteMedia() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		if err := noQuery(r); err != nil {
			return err
		}
		err := h.media.Delete(r.Context(), a, r.PathValue("id"))
		var inUse *news.MediaInUseError
		if errors.As(err, &inUse) {
			web.WriteJSON(w, http.StatusConflict, struct {
				Error    *web.Error       `json:"error"`
				Articles []articleRefJSON `json:"articles"`
			}{&web.Error{Status: http.StatusConflict, Code: "conflict", Message: inUse.Error()}, newArticleRefs(inUse.Articles)})
			return nil
		}
		if err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

// MediaHandler serves the files of a media store to everyone, at
// /{key} of its mount point (mount it where the library's URL prefix
// points, news.DefaultMediaPrefix by default):
//
//	mux.Handle("/media/", http.StripPrefix("/media", admin.MediaHandler(lib.Store())))
//
// A key names its content, so the answer is cached for ever
// (Cache-Control: public, max-age=31536000, immutable) with the key's
// hash as ETag, answering If-None-Match with 304 (http.ServeContent, which
// also serves HEAD and Range). The Content-Type is the type decided at
// upload, with X-Content-Type-Options: nosniff and a sandboxing
// Content-Security-Policy; an attachment (PDF, office document, ZIP) is
// served as a download under its uploaded name (Content-Disposition:
// attachment). Unknown or malformed keys are 404, other methods than GET
// and HEAD 405, both in the API's error shape.
func MediaHandler(store news.MediaStore) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			web.MethodNotAllowed(w, r, "GET, HEAD")
			return
		}
		key := r.URL.Path
		if len(key) > 0 && key[0] == '/' {
			key = key[1:]
		}
		hash, _, err := news.ParseMediaKey(key)
		if err != nil {
			web.Fail(w, r, nil, errNotFound)
			return
		}
		f, err := store.OpenMedia(r.Context(), key)
		if err != nil {
			web.Fail(w, r, nil, err)
			return
		}
		defer f.Content.Close()
		hd := w.Header()
		hd.Set("Content-Type", f.Type)
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
		hd.Set("ETag", `"`+hash+`"`)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
		disposition := "inline"
		if f.Kind == news.MediaAttachment {
			disposition = "attachment"
		}
		if named := mime.FormatMediaType(disposition, map[string]string{"filename": f.Name}); named != "" {
			disposition = named
		}
		hd.Set("Content-Disposition", disposition)
		http.ServeContent(w, r, "", time.Time{}, f.Content)
	})
}
