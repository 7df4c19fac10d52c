package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPagesMediaOff checks that without Options.Media the pages offer no
// upload and the media page is not there.
func TestPagesMediaOff(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.webSignIn("phongvien")
	c.page("/admin/media", http.StatusNotFound)
	ed := c.page("/admin/articles/new", http.StatusOK)
	assert.NotContains(t, ed, "data-upload")
	assert.NotContains(t, ed, "media.")
	assert.NotContains(t, ed, `href="/admin/media"`)
}

// TestPagesMedia walks the media page and the editor with a library: the
// upload area, thumbnails at their smallest width, a cover and an
// attachment chosen from the library completed with its facts, and a
// deletion refused with the articles that use the file.
func TestPagesMedia(t *testing.T) {
	f, _ := mediaFixture(t, nil, nil)
	api := f.signIn("phongvien")
	pdf := []byte("%PDF-1.7\n% Kế hoạch ứng dụng khoa học công nghệ năm 2027\n%%EOF\n")
	w := api.upload(upload{"hien-truong.jpg", "image/jpeg", phoneJPEG(t)}, upload{"ke-hoach.pdf", "application/pdf", pdf},
		upload{"bang-gia.png", "image/png", pngOf(t, 700, 400, 90)})
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	up := decode[uploadAnswer](t, w)
	require.Len(t, up.Results, 3)
	photo, doc, spare := up.Results[0].Media, up.Results[1].Media, up.Results[2].Media

	c := f.webSignIn("phongvien")
	page := c.page("/admin/media", http.StatusOK)
	assert.Contains(t, page, `href="/admin/media" aria-current="page"`)
	assert.Contains(t, page, `data-upload data-api="/admin/api/media" data-reload`)
	assert.Contains(t, page, "mỗi tệp tối đa 20.0 MB.") // the hint names the limit
	assert.Regexp(t, `<script src="/admin/assets/media\.[0-9a-f]+\.js" defer>`, page)
	thumb := photo.Variants[0]
	assert.Contains(t, page, `<img src="`+thumb.URL+`" width="`+itoa(thumb.Width)+`" height="`+itoa(thumb.Height)+`"`)
	assert.Contains(t, page, `value="`+photo.URL+`" readonly`)
	assert.Contains(t, page, `action="/admin/media/`+doc.ID+`/delete"`)
	assert.Contains(t, page, "application/pdf")
	assert.Contains(t, page, "Nguyễn Văn An")

	ed := c.page("/admin/articles/new", http.StatusOK)
	assert.Contains(t, ed, `data-upload data-api="/admin/api/media"`)
	assert.NotContains(t, ed, "data-reload")
	assert.Contains(t, ed, `data-library="/admin/api/media?kind=image"`)
	assert.Regexp(t, `media\.[0-9a-f]+\.js" defer></script>\n<script src="/admin/assets/editor-page\.`, ed)

	values := f.articleValues("Hội thảo ứng dụng khoa học vào sản xuất lúa", "khoa-hoc")
	values.Set("cover_url", photo.URL)
	values.Set("attachments", doc.URL+" | Kế hoạch năm 2027\nhttps://skhcn.example.gov.vn/tep/cu.pdf | Kế hoạch cũ")
	id := c.createByForm(values)
	art := f.requireArticle(id)
	require.NotNil(t, art.Cover)
	assert.Equal(t, photo.URL, art.Cover.URL)
	assert.Equal(t, photo.Width, art.Cover.Width, "the widest variant")
	assert.Equal(t, photo.Height, art.Cover.Height)
	assert.Equal(t, "image/jpeg", art.Cover.Type)
	assert.Equal(t, photo.Size, art.Cover.Size)
	assert.Equal(t, "Hội đồng họp", art.Cover.Alt, "alt and caption stay as typed")
	require.Len(t, art.Attachments, 2)
	assert.Equal(t, "application/pdf", art.Attachments[0].Type)
	assert.Equal(t, int64(len(pdf)), art.Attachments[0].Size)
	assert.Empty(t, art.Attachments[1].Type, "a file from elsewhere is kept as typed")

	for _, m := range []*medium{photo, doc} {
		w = c.form("/admin/media/"+m.ID+"/delete", url.Values{})
		require.Equal(t, http.StatusConflict, w.Code, m.Name)
		requirePage(t, w)
		body := w.Body.String()
		assert.Contains(t, body, "Không xóa được")
		assert.Contains(t, body, `<a href="/admin/articles/`+id.String()+`">Hội thảo ứng dụng khoa học vào sản xuất lúa</a>`)
		assert.Contains(t, body, "Các bài đang dùng: "+m.Name)
	}
	w = c.form("/admin/media/"+spare.ID+"/delete", url.Values{})
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	assert.Equal(t, "/admin/media?done=media-deleted", w.Header().Get("Location"))
	page = c.page("/admin/media?done=media-deleted", http.StatusOK)
	assert.Contains(t, page, "Đã xóa tệp.")
	assert.NotContains(t, page, spare.ID)
	assert.Equal(t, 2, strings.Count(page, `class="media-item"`))

	en := c.page("/admin/media?lang=en", http.StatusOK)
	assert.Contains(t, en, `data-msg-too-large="is too large, or the photo has too many pixels (each file at most`)
	assert.Contains(t, en, `data-msg-bad-type="is not a type taken`)
}
