package admin_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
)

// mediaFixture is a fixture whose handler also serves the media library
// (api/media) over a media directory, and whose mux serves its files at
// /media/.
func mediaFixture(tb testing.TB, mopts *news.MediaOptions, aopts *admin.Options) (*fixture, *news.MediaLibrary) {
	tb.Helper()
	f := newFixture(tb, nil, nil)
	dir, err := mediadir.Open(tb.TempDir())
	require.NoError(tb, err)
	lib := news.NewMediaLibrary(f.nr, dir, mopts, "/media/")
	var ao admin.Options
	if aopts != nil {
		ao = *aopts
	}
	ao.Now, ao.Media = f.clock.Now, lib
	f.h = admin.New(f.nr, &ao)
	mux := http.NewServeMux()
	mux.Handle("/admin/", http.StripPrefix("/admin", f.h))
	mux.Handle("/media/", http.StripPrefix("/media", admin.MediaHandler(dir)))
	f.srv = mux
	return f, lib
}

// upload is one file of a multipart upload.
type upload struct {
	name, contentType string
	data              []byte
}

// upload posts the files as multipart/form-data parts named "file".
func (c *client) upload(files ...upload) *httptest.ResponseRecorder {
	c.f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, u := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, u.name))
		h.Set("Content-Type", u.contentType)
		w, err := mw.CreatePart(h)
		require.NoError(c.f.t, err)
		_, err = w.Write(u.data)
		require.NoError(c.f.t, err)
	}
	require.NoError(c.f.t, mw.Close())
	return c.send("POST", "/admin/api/media", mw.FormDataContentType(), buf.Bytes())
}

// send sends a request with a body of the content type.
func (c *client) send(method, target, contentType string, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	if c.cookie != "" {
		r.AddCookie(&http.Cookie{Name: admin.DefaultCookieName, Value: c.cookie})
	}
	w := httptest.NewRecorder()
	c.f.srv.ServeHTTP(w, r)
	return w
}

// get fetches a URL of the fixture's mux anonymously, with header lines.
func (f *fixture) get(method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for _, line := range header {
		k, v, _ := strings.Cut(line, ": ")
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	return w
}

type variant struct {
	Key    string `json:"key"`
	URL    string `json:"url"`
	Type   string `json:"type"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Size   int64  `json:"size"`
}

type medium struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	URL      string    `json:"url"`
	Width    int       `json:"width"`
	Height   int       `json:"height"`
	Size     int64     `json:"size"`
	Srcset   string    `json:"srcset"`
	Variants []variant `json:"variants"`
	Creator  string    `json:"creator"`
	UsedBy   []struct {
		ID    uuid.UUID `json:"id"`
		Title string    `json:"title"`
	} `json:"used_by"`
}

type uploadAnswer struct {
	Error   *apiError `json:"error"`
	Results []struct {
		Name   string `json:"name"`
		Status int    `json:"status"`
		Media  *medium
		Error  *struct {
			Code    string `json:"code"`
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"error"`
	} `json:"results"`
}

func phoneJPEG(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "news", "testdata", "media", "phone.jpg"))
	require.NoError(tb, err)
	return data
}

func pngOf(tb testing.TB, w, h int, shade uint8) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = shade
	}
	img.Set(0, 0, color.NRGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	require.NoError(tb, png.Encode(&buf, img))
	return buf.Bytes()
}

func TestMediaUploadAndServe(t *testing.T) {
	f, _ := mediaFixture(t, nil, nil)
	pv := f.signIn("phongvien")
	pdf := []byte("%PDF-1.7\n% Quyết định 12/QĐ-SKHCN về kế hoạch chuyển đổi số\n%%EOF\n")
	w := pv.upload(
		upload{"IMG_20261204_0830.jpg", "text/html", phoneJPEG(t)},
		upload{"quyet-dinh.jpg", "image/jpeg", pdf},
		upload{"trang.jpg", "image/jpeg", []byte("<!doctype html><script>alert(document.cookie)</script>")},
	)
	require.Equal(t, http.StatusOK, w.Code, "some files stored, one refused: %s", w.Body.String())
	ans := decode[uploadAnswer](t, w)
	require.Len(t, ans.Results, 3)

	photo := ans.Results[0]
	require.Equal(t, http.StatusCreated, photo.Status, w.Body.String())
	assert.Equal(t, "image", photo.Media.Kind)
	assert.Equal(t, "image/jpeg", photo.Media.Type, "the type is the content's, not the part's text/html")
	require.Len(t, photo.Media.Variants, 2)
	assert.Equal(t, 900, photo.Media.Width)
	assert.Equal(t, 1200, photo.Media.Height)
	assert.Equal(t, "Nguyễn Văn An", photo.Media.Creator)
	assert.Equal(t, photo.Media.Variants[0].URL+" 480w, "+photo.Media.Variants[1].URL+" 900w", photo.Media.Srcset)

	doc := ans.Results[1]
	require.Equal(t, http.StatusCreated, doc.Status)
	assert.Equal(t, "attachment", doc.Media.Kind)
	assert.Equal(t, "application/pdf", doc.Media.Type, "a PDF named .jpg is a PDF")
	assert.Equal(t, int64(len(pdf)), doc.Media.Size)

	html := ans.Results[2]
	assert.Equal(t, http.StatusUnsupportedMediaType, html.Status)
	require.NotNil(t, html.Error)
	assert.Equal(t, "unsupported_media_type", html.Error.Code)
	assert.Contains(t, html.Error.Message, `"trang.jpg"`)

	for _, v := range photo.Media.Variants {
		require.True(t, strings.HasPrefix(v.URL, "/media/"), v.URL)
		w := f.get("GET", v.URL)
		require.Equal(t, http.StatusOK, w.Code)
		hd := w.Header()
		assert.Equal(t, "image/jpeg", hd.Get("Content-Type"))
		assert.Equal(t, "public, max-age=31536000, immutable", hd.Get("Cache-Control"))
		assert.Equal(t, "nosniff", hd.Get("X-Content-Type-Options"))
		assert.Equal(t, `"`+strings.TrimSuffix(v.Key, ".jpg")+`"`, hd.Get("ETag"))
		assert.True(t, strings.HasPrefix(hd.Get("Content-Disposition"), "inline"), hd.Get("Content-Disposition"))
		body := w.Body.Bytes()
		assert.Equal(t, v.Size, int64(len(body)))
		assert.NotContains(t, string(body), "Exif")
		assert.NotContains(t, string(body), "SM-A546E")
		cfg, err := (func() (image.Config, error) { c, _, err := image.DecodeConfig(bytes.NewReader(body)); return c, err })()
		require.NoError(t, err)
		assert.Equal(t, [2]int{v.Width, v.Height}, [2]int{cfg.Width, cfg.Height})
		assert.Greater(t, cfg.Height, cfg.Width, "turned upright: portrait")

		w = f.get("GET", v.URL, "If-None-Match: "+hd.Get("ETag"))
		assert.Equal(t, http.StatusNotModified, w.Code)
		w = f.get("HEAD", v.URL)
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Empty(t, w.Body.Bytes())
	}

	w = f.get("GET", doc.Media.URL)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "application/pdf", w.Header().Get("Content-Type"))
	assert.Equal(t, `attachment; filename=quyet-dinh.jpg`, w.Header().Get("Content-Disposition"))
	assert.Equal(t, pdf, w.Body.Bytes())

	// The same photo again is the same medium.
	w = pv.upload(upload{"lan-hai.jpg", "image/jpeg", phoneJPEG(t)})
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	assert.Equal(t, photo.Media.ID, decode[uploadAnswer](t, w).Results[0].Media.ID)

	page, err := f.nr.Audit(context.Background(), f.actor("admin"), news.AuditFilter{Action: news.ActionMediaUpload})
	require.NoError(t, err)
	require.Len(t, page.Entries, 2, "one entry per medium stored")
	assert.Equal(t, news.ObjectMedia, page.Entries[0].ObjectType)
	assert.Equal(t, "Nguyễn Văn An", page.Entries[0].ActorName)
}

func TestMediaServeRefusals(t *testing.T) {
	f, _ := mediaFixture(t, nil, nil)
	unknown := "/media/00000000000000000000000000000000.jpg"
	tests := []struct {
		method, target string
		status         int
	}{
		{"GET", unknown, http.StatusNotFound},
		{"GET", "/media/..%2f..%2fetc%2fpasswd", http.StatusNotFound},
		{"GET", "/media/", http.StatusNotFound},
		{"GET", "/media/00000000000000000000000000000000.exe", http.StatusNotFound},
		{"POST", unknown, http.StatusMethodNotAllowed},
		{"DELETE", unknown, http.StatusMethodNotAllowed},
	}
	for _, tc := range tests {
		w := f.get(tc.method, tc.target)
		assert.Equal(t, tc.status, w.Code, "%s %s", tc.method, tc.target)
		assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"), "%s %s", tc.method, tc.target)
	}
}

// pngClaiming returns a PNG signature and header claiming w×h pixels.
func pngClaiming(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	b := binary.BigEndian.AppendUint32([]byte("\x89PNG\r\n\x1a\n"), 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

func TestMediaUploadLimits(t *testing.T) {
	f, _ := mediaFixture(t, &news.MediaOptions{MaxBytes: 64 << 10}, &admin.Options{MaxUploadFiles: 2})
	pv := f.signIn("phongvien")
	phone := phoneJPEG(t)
	tests := []struct {
		name   string
		files  []upload
		status int
		code   string
		text   string
	}{
		{"too large", []upload{{"lon.png", "image/png", bytes.Repeat(pngOf(t, 4, 4, 1), 1500)}}, http.StatusRequestEntityTooLarge, "too_large", "over the limit of 65536 bytes (MaxBytes)"},
		{"too many pixels", []upload{{"bom.png", "image/png", pngClaiming(60_000, 60_000)}}, http.StatusRequestEntityTooLarge, "too_large", "3600000000 pixels is over the limit of 50000000 pixels (MaxPixels)"},
		{"truncated", []upload{{"cut.jpg", "image/jpeg", phone[:len(phone)/2]}}, http.StatusUnprocessableEntity, "invalid_field", "does not decode"},
		{"too many files", []upload{{"1.png", "image/png", pngOf(t, 2, 2, 1)}, {"2.png", "image/png", pngOf(t, 2, 2, 2)}, {"3.png", "image/png", pngOf(t, 2, 2, 3)}}, http.StatusRequestEntityTooLarge, "too_large", "more than 2 files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := pv.upload(tc.files...)
			e := requireError(t, w, tc.status, tc.code)
			assert.Contains(t, e.Error.Message, tc.text)
		})
	}

	w := pv.send("POST", "/admin/api/media", "application/json", []byte(`{"file":"x"}`))
	requireError(t, w, http.StatusUnsupportedMediaType, "unsupported_media_type")
	w = pv.upload()
	requireError(t, w, http.StatusBadRequest, "invalid_body")
	w = f.anon().upload(upload{"a.png", "image/png", pngOf(t, 2, 2, 1)})
	requireError(t, w, http.StatusUnauthorized, "unauthorized")
}

func TestMediaDeleteInUse(t *testing.T) {
	f, _ := mediaFixture(t, nil, nil)
	pv, bt := f.signIn("phongvien"), f.signIn("bientap")
	w := pv.upload(upload{"hoi-nghi.jpg", "image/jpeg", phoneJPEG(t)}, upload{"bang.png", "image/png", pngOf(t, 40, 30, 9)})
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	ans := decode[uploadAnswer](t, w)
	photo, chart := ans.Results[0].Media, ans.Results[1].Media

	body, err := json.Marshal(map[string]any{"title": "Hội nghị tổng kết công tác khoa học năm 2026", "category_id": f.cats["khoa-hoc"],
		"cover": map[string]any{"url": photo.URL, "alt": "Tặng hoa Bí thư chi bộ nhiệm kỳ mới."},
		"body":  `<p>Biểu đồ kết quả:</p><p><img src="` + chart.Variants[0].URL + `" alt="Biểu đồ"></p>`})
	require.NoError(t, err)
	w = pv.do("POST", "/admin/api/articles", string(body))
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	art := decode[article](t, w)

	for _, m := range []*medium{photo, chart} {
		w = bt.do("DELETE", "/admin/api/media/"+m.ID, "")
		e := requireError(t, w, http.StatusConflict, "conflict")
		assert.Contains(t, e.Error.Message, "Hội nghị tổng kết công tác khoa học năm 2026")
		used := decode[struct {
			Articles []struct {
				ID    uuid.UUID `json:"id"`
				Title string    `json:"title"`
			} `json:"articles"`
		}](t, w)
		require.Len(t, used.Articles, 1)
		assert.Equal(t, art.ID, used.Articles[0].ID)

		w = bt.do("GET", "/admin/api/media/"+m.ID, "")
		require.Equal(t, http.StatusOK, w.Code)
		got := decode[medium](t, w)
		require.Len(t, got.UsedBy, 1)
		assert.Equal(t, art.ID, got.UsedBy[0].ID)
	}

	// A contributor may not delete another's upload, in use or not.
	other := f.signIn("congtacvien")
	requireError(t, other.do("DELETE", "/admin/api/media/"+chart.ID, ""), http.StatusForbidden, "forbidden")

	w = pv.do("DELETE", "/admin/api/articles/"+art.ID.String(), "", `If-Match: "1"`)
	require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())
	w = bt.do("DELETE", "/admin/api/media/"+photo.ID, "")
	require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())
	assert.Equal(t, http.StatusNotFound, f.get("GET", photo.URL).Code, "a deleted photo is not served")
	requireError(t, bt.do("GET", "/admin/api/media/"+photo.ID, ""), http.StatusNotFound, "not_found")
	// Its uploader deletes the chart.
	w = pv.do("DELETE", "/admin/api/media/"+chart.ID, "")
	require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())

	page, err := f.nr.Audit(context.Background(), f.actor("admin"), news.AuditFilter{Action: news.ActionMediaDelete})
	require.NoError(t, err)
	require.Len(t, page.Entries, 2)
	assert.Equal(t, chart.ID, page.Entries[0].ObjectID)
	assert.Equal(t, "Nguyễn Văn An", page.Entries[0].ActorName)
	assert.Equal(t, photo.ID, page.Entries[1].ObjectID)
}

func TestMediaList(t *testing.T) {
	f, _ := mediaFixture(t, nil, nil)
	pv := f.signIn("phongvien")
	var ids []string
	for i := range 3 {
		w := pv.upload(upload{fmt.Sprintf("anh-%d.png", i), "image/png", pngOf(t, 10, 10, uint8(i))})
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		ids = append(ids, decode[uploadAnswer](t, w).Results[0].Media.ID)
		f.clock.Advance(1e9)
	}
	type listAnswer struct {
		Media []medium `json:"media"`
		Next  string   `json:"next"`
	}
	w := pv.do("GET", "/admin/api/media?limit=2&kind=image", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	first := decode[listAnswer](t, w)
	require.Len(t, first.Media, 2)
	assert.Equal(t, []string{ids[2], ids[1]}, []string{first.Media[0].ID, first.Media[1].ID}, "newest first")
	require.NotEmpty(t, first.Next)
	w = pv.do("GET", "/admin/api/media?limit=2&kind=image&cursor="+first.Next, "")
	second := decode[listAnswer](t, w)
	require.Len(t, second.Media, 1)
	assert.Equal(t, ids[0], second.Media[0].ID)
	assert.Empty(t, second.Next)

	w = pv.do("GET", "/admin/api/media?kind=attachment", "")
	assert.Empty(t, decode[listAnswer](t, w).Media)
	requireError(t, pv.do("GET", "/admin/api/media?kind=video", ""), http.StatusBadRequest, "invalid_parameter")
	requireError(t, pv.do("GET", "/admin/api/media?cursor=x", ""), http.StatusBadRequest, "invalid_parameter")
	requireError(t, pv.do("GET", "/admin/api/media?size=1", ""), http.StatusBadRequest, "invalid_parameter")
}

func TestMediaRoutesNeedALibrary(t *testing.T) {
	f := newFixture(t, nil, nil)
	w := f.signIn("admin").do("GET", "/admin/api/media", "")
	requireError(t, w, http.StatusNotFound, "not_found")
}

func TestMediaUploadBodyTooLarge(t *testing.T) {
	// Two files of 1 KiB, with room for their headers, make a limit of
	// about 130 KiB; the file is refused at 1 KiB, the body at the limit.
	f, _ := mediaFixture(t, &news.MediaOptions{MaxBytes: 1 << 10}, &admin.Options{MaxUploadFiles: 2})
	pv := f.signIn("phongvien")
	w := pv.upload(upload{"b.pdf", "application/pdf", bytes.Repeat([]byte("%PDF-"), 40_000)})
	e := requireError(t, w, http.StatusRequestEntityTooLarge, "too_large")
	assert.Contains(t, e.Error.Message, "the request body is larger than")
}

// FuzzUpload posts any body with any multipart boundary to api/media: the
// answer is never a 500, and an error is always the one error shape.
func FuzzUpload(f *testing.F) {
	fx, _ := mediaFixture(f, &news.MediaOptions{MaxBytes: 64 << 10, MaxPixels: 1 << 16, Widths: []int{32}}, &admin.Options{MaxUploadFiles: 3})
	c := fx.signIn("phongvien")
	multipartOf := func(boundary string, parts ...upload) []byte {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		require.NoError(f, mw.SetBoundary(boundary))
		for _, u := range parts {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, u.name))
			w, err := mw.CreatePart(h)
			require.NoError(f, err)
			_, err = w.Write(u.data)
			require.NoError(f, err)
		}
		require.NoError(f, mw.Close())
		return buf.Bytes()
	}
	f.Add("b", multipartOf("b", upload{"a.png", "", pngOf(f, 8, 8, 3)}, upload{"x.pdf", "", []byte("%PDF-1.4")}))
	f.Add("b", multipartOf("b", upload{"../../x.jpg", "", []byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*")}))
	f.Add("b", []byte("--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n"))
	f.Add("b", []byte("--b\r\n\r\n"))
	f.Add("", []byte{})
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		w := c.send("POST", "/admin/api/media", "multipart/form-data; boundary="+boundary, body)
		require.Less(t, w.Code, 500, w.Body.String())
		if w.Code == http.StatusOK || w.Code == http.StatusCreated {
			ans := decode[uploadAnswer](t, w)
			require.NotEmpty(t, ans.Results)
			return
		}
		e := decode[apiError](t, w)
		require.NotEmpty(t, e.Error.Code, w.Body.String())
		require.NotEmpty(t, e.Error.Message, w.Body.String())
	})
}
