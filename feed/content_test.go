package feed

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// jsonItems returns the items of a JSON Feed as maps, so a test sees
// which members are present.
func jsonItems(tb testing.TB, data []byte) []map[string]any {
	tb.Helper()
	var doc struct {
		Items []map[string]any `json:"items"`
	}
	require.NoError(tb, json.Unmarshal(data, &doc))
	return doc.Items
}

// TestBuildJSONContentTextWhenBodyEmpty checks that every JSON Feed item
// has content_html or content_text, as JSON Feed 1.1 requires: an article
// whose body is empty (the sanitiser removed all of it) gets its summary,
// or else its title, as content_text.
func TestBuildJSONContentTextWhenBodyEmpty(t *testing.T) {
	tests := []struct {
		name, summary, body string
		wantHTML, wantText  string
	}{
		{"summary", "Sở thông báo lịch tiếp công dân tháng 12.", "", "", "Sở thông báo lịch tiếp công dân tháng 12."},
		{"title", "", "  \n", "", "Lịch tiếp công dân tháng 12/2026"},
		{"body", "Tóm tắt.", "<p>Nội dung.</p>", "<p>Nội dung.</p>", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := articles()[2]
			a.Title, a.Summary, a.Body, a.Attachments = "Lịch tiếp công dân tháng 12/2026", tc.summary, tc.body, nil
			data, err := Build(JSON, []*news.Article{a}, meta())
			require.NoError(t, err)
			it := jsonItems(t, data)[0]
			if tc.wantHTML != "" {
				assert.Equal(t, tc.wantHTML, it["content_html"])
			} else {
				assert.NotContains(t, it, "content_html")
			}
			if tc.wantText != "" {
				assert.Equal(t, tc.wantText, it["content_text"])
			} else {
				assert.NotContains(t, it, "content_text")
			}
			parse(t, JSON, data)
		})
	}
}

// TestBuildRSSEnclosureOnlyWhenKnown checks that the RSS enclosure, whose
// type and length RSS requires, is written only for a file whose type and
// size are known: a cover without them gives way to the first attachment
// that has them, and no file with them gives no enclosure.
func TestBuildRSSEnclosureOnlyWhenKnown(t *testing.T) {
	unknownCover := &news.Image{URL: "/uploads/2026/11/le-trao-giai.jpg", Alt: "Lễ trao giải", Caption: "Lễ trao giải Hội thi sáng tạo kỹ thuật."}
	tests := []struct {
		name        string
		cover       *news.Image
		attachments []news.Attachment
		want        string // "URL type length", or "" for no enclosure
	}{
		{"cover known", &news.Image{URL: "/uploads/a.jpg", Type: "image/jpeg", Size: 1000}, nil,
			"https://sokhcn.example.gov.vn/uploads/a.jpg image/jpeg 1000"},
		{"cover unknown, no attachment", unknownCover, nil, ""},
		{"cover unknown, attachment known", unknownCover,
			[]news.Attachment{{URL: "/uploads/tb.pdf", Title: "Thông báo", Type: "application/pdf", Size: 2048}},
			"https://sokhcn.example.gov.vn/uploads/tb.pdf application/pdf 2048"},
		{"attachment without size", nil,
			[]news.Attachment{{URL: "/uploads/tb.pdf", Type: "application/pdf"}, {URL: "/uploads/kh.docx", Size: 99}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := articles()[2]
			a.Cover, a.Attachments = tc.cover, tc.attachments
			data, err := Build(RSS, []*news.Article{a}, meta())
			require.NoError(t, err)
			assert.NotContains(t, string(data), octetStream)
			assert.NotContains(t, string(data), `length="0"`)
			encs := parse(t, RSS, data).Items[0].Enclosures
			if tc.want == "" {
				assert.Empty(t, encs)
				return
			}
			require.Len(t, encs, 1)
			assert.Equal(t, tc.want, encs[0].URL+" "+encs[0].Type+" "+encs[0].Length)
		})
	}
}

// TestBuildDefaultDescription checks that a feed without a configured
// description describes itself in its language, naming the publisher,
// rather than repeating its title.
func TestBuildDefaultDescription(t *testing.T) {
	tests := []struct {
		name, title, author, lang, want string
	}{
		{"vi", "Sở Khoa học và Công nghệ", "", "vi", "Tin mới nhất của Sở Khoa học và Công nghệ"},
		{"author", "Tin tức", "Sở Khoa học và Công nghệ", "", "Tin mới nhất của Sở Khoa học và Công nghệ"},
		{"en", "Department of Science and Technology", "", "en", "Latest news from Department of Science and Technology"},
		{"default title", "", "", "vi", "Những tin mới nhất"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &Meta{Title: tc.title, Author: tc.author, Lang: tc.lang, BaseURL: base}
			for _, f := range Formats {
				data, err := Build(f, articles(), m)
				require.NoError(t, err)
				got := parse(t, f, data)
				assert.Equal(t, tc.want, got.Description, "%s description", f)
				assert.NotEqual(t, got.Title, got.Description, "%s description repeats the title", f)
			}
		})
	}
}

// TestHandlerLanguage checks that Options.Language is the language of the
// feeds that do not select one, even when articles in other languages make
// the site's feed mixed; the lang parameter still wins.
func TestHandlerLanguage(t *testing.T) {
	e := newEnv(t, &Options{Language: "vi", Title: "Sở Khoa học và Công nghệ"})
	a := articles()[1]
	a.ID, a.Slug, a.Lang = uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a09"), "science-week-2026", "en"
	a.Title, a.Summary = "Provincial science week 2026", "The department opens the provincial science week."
	require.NoError(t, e.store.CreateArticle(context.Background(), a))
	for _, f := range Formats {
		w := e.get(e.h, "GET", "/feed?format="+string(f))
		require.Equal(t, 200, w.Code, w.Body.String())
		got := parse(t, f, w.Body.Bytes())
		assert.Equal(t, "vi", got.Language, "%s language", f)
		assert.Equal(t, "Tin mới nhất của Sở Khoa học và Công nghệ", got.Description, "%s description", f)

		w = e.get(e.h, "GET", "/feed?lang=en&format="+string(f))
		require.Equal(t, 200, w.Code, w.Body.String())
		assert.Equal(t, "en", parse(t, f, w.Body.Bytes()).Language, "%s language with lang=en", f)
	}
	_, err := New(e.src, &Options{BaseURL: base, Language: "không phải mã"})
	var fe *news.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "Language", fe.Field)
}

// coverFigure is the figure a feed writes at the top of an item's content
// for the cover of le-trao-giai.jpg.
const coverFigure = `<figure><img src="https://sokhcn.example.gov.vn/uploads/2026/11/le-trao-giai.jpg" alt="Lễ trao giải &amp; khen thưởng" width="1280" height="720">` +
	`<figcaption>Lãnh đạo Sở trao giải cho các tác giả đoạt giải Nhất.</figcaption></figure>`

// TestBuildCoverFigure checks that every format shows the cover photo, with
// its caption, as a figure at the top of the content, and only once when
// the body already holds the photo.
func TestBuildCoverFigure(t *testing.T) {
	cover := &news.Image{URL: "/uploads/2026/11/le-trao-giai.jpg", Alt: "Lễ trao giải & khen thưởng",
		Caption: "Lãnh đạo Sở trao giải cho các tác giả đoạt giải Nhất.", Width: 1280, Height: 720}
	const body = `<p>Sáng 18/11/2026, Sở tổng kết Hội thi sáng tạo kỹ thuật tỉnh lần thứ XII.</p>`
	inBody := `<p>Sở tổng kết hội thi.</p><figure><img src="https://sokhcn.example.gov.vn/uploads/2026/11/le-trao-giai.jpg" alt="Lễ trao giải">` +
		`<figcaption>Lãnh đạo Sở trao giải.</figcaption></figure>`
	tests := []struct {
		name          string
		cover         *news.Image
		body, caption string
		want          string
	}{
		{"cover and body", cover, body, cover.Caption, coverFigure + body},
		{"cover only", cover, "", cover.Caption, coverFigure},
		{"already in body", cover, inBody, cover.Caption, inBody},
		{"relative in body", cover, `<p><img src="../uploads/2026/11/le-trao-giai.jpg" alt=""></p>`, "",
			`<p><img src="https://sokhcn.example.gov.vn/uploads/2026/11/le-trao-giai.jpg" alt=""></p>`},
		{"no caption", &news.Image{URL: cover.URL}, body, "",
			`<figure><img src="https://sokhcn.example.gov.vn/uploads/2026/11/le-trao-giai.jpg" alt=""></figure>` + body},
		{"no cover", nil, body, "", body},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := articles()[2]
			a.Cover, a.Body, a.Attachments = tc.cover, tc.body, nil
			for _, f := range Formats {
				data, err := Build(f, []*news.Article{a}, meta())
				require.NoError(t, err)
				got := parse(t, f, data).Items[0]
				assert.Equal(t, tc.want, got.Content, "%s content", f)
				if tc.caption != "" {
					assert.Equal(t, 1, strings.Count(got.Content, "<figcaption>"), "%s content has one caption", f)
				}
			}
		})
	}
}

// photo returns a media record of a photo in three widths, as the media
// library keeps an upload, and the keys of its variants, narrowest first.
func photo(name string) (*news.Media, []string) {
	rec := &news.Media{Kind: news.MediaImage, Name: name + ".jpg", Type: "image/jpeg", Width: 1600, Height: 900}
	var keys []string
	for i, w := range []int{480, 960, 1600} {
		key := news.MediaKey(sha256.Sum256([]byte(name+strconv.Itoa(w))), "image/jpeg")
		keys = append(keys, key)
		rec.Variants = append(rec.Variants, news.MediaVariant{Key: key, Type: "image/jpeg", Width: w, Height: w * 9 / 16, Size: int64(40000 * (i + 1))})
	}
	rec.ID = keys[0]
	return rec, keys
}

// mediaMap is a MediaSource over records by key.
type mediaMap map[string]*news.Media

func (m mediaMap) MediaOf(_ context.Context, key string) (*news.Media, error) {
	if rec := m[key]; rec != nil {
		return rec, nil
	}
	if key == "f0000000000000000000000000000000.jpg" {
		return nil, errors.New("media store unreachable")
	}
	return nil, fmt.Errorf("no media %q: %w", key, news.ErrNotFound)
}

// TestBuildCoverFromMedia checks that a cover from the media library
// points at its 960-pixel variant, with that variant's type, size and
// dimensions in the enclosure and the figure, that an attachment takes
// its file's type and size, and that a body showing another size of the
// cover is not given the figure again.
func TestBuildCoverFromMedia(t *testing.T) {
	rec, keys := photo("hoi-thi-sang-tao")
	pdf := news.MediaKey(sha256.Sum256([]byte("ke-hoach")), "application/pdf")
	recs := map[string]*news.Media{keys[0]: rec, keys[1]: rec, keys[2]: rec, pdf: {ID: pdf, Kind: news.MediaAttachment, Type: "application/pdf",
		Variants: []news.MediaVariant{{Key: pdf, Type: "application/pdf", Size: 73000}}}}
	const media = "https://sokhcn.example.gov.vn/media/"
	a := articles()[2]
	a.Cover = &news.Image{URL: "/media/" + keys[2], Alt: "Hội thi sáng tạo", Caption: "Trao giải Hội thi sáng tạo kỹ thuật."}
	a.Attachments = []news.Attachment{{URL: "/media/" + pdf, Title: "Kế hoạch tổ chức hội thi"}}
	a.Body = "<p>Sở trao giải hội thi.</p>"
	m := meta()
	m.Media = recs
	for _, f := range Formats {
		data, err := Build(f, []*news.Article{a}, m)
		require.NoError(t, err)
		it := parse(t, f, data).Items[0]
		assert.True(t, strings.HasPrefix(it.Content, `<figure><img src="`+media+keys[1]+`" alt="Hội thi sáng tạo" width="960" height="540"><figcaption>`),
			"%s content = %q", f, it.Content)
		switch f {
		case RSS:
			require.Len(t, it.Enclosures, 1)
			assert.Equal(t, media+keys[1]+" image/jpeg 80000", it.Enclosures[0].URL+" "+it.Enclosures[0].Type+" "+it.Enclosures[0].Length)
			assert.Contains(t, string(data), `<media:content url="`+media+pdf+`" type="application/pdf" fileSize="73000" medium="document">`)
		case Atom:
			require.Len(t, it.Enclosures, 2)
			assert.Equal(t, media+keys[1]+" image/jpeg 80000", it.Enclosures[0].URL+" "+it.Enclosures[0].Type+" "+it.Enclosures[0].Length)
			assert.Equal(t, media+pdf+" application/pdf 73000", it.Enclosures[1].URL+" "+it.Enclosures[1].Type+" "+it.Enclosures[1].Length)
		case JSON:
			require.NotNil(t, it.Image)
			assert.Equal(t, media+keys[1], it.Image.URL)
			assert.Contains(t, string(data), `"size_in_bytes":73000`)
		}
	}

	a.Body = `<figure><img src="/media/` + keys[0] + `" srcset="/media/` + keys[0] + ` 480w" alt=""><figcaption>Trao giải.</figcaption></figure>`
	data, err := Build(Atom, []*news.Article{a}, m)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(parse(t, Atom, data).Items[0].Content, "<figure>"), "a body showing the 480 px size gets no second figure")
}

// TestHandlerMedia checks that a Handler looks the articles' files up in
// Options.Media: a cover from the library points at its 960-pixel size,
// a file the library does not hold is written as the article says, and a
// library that fails makes a 500 that is logged, not a feed without it.
func TestHandlerMedia(t *testing.T) {
	rec, keys := photo("hoi-nghi-tong-ket")
	e := newEnv(t, &Options{Media: mediaMap{keys[0]: rec, keys[1]: rec, keys[2]: rec}})
	a := articles()[2]
	a.ID, a.Slug = uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a0a"), "hoi-nghi-tong-ket-2026"
	a.PublishAt = at(25, 9, 0)
	a.Cover = &news.Image{URL: "/media/" + keys[2], Caption: "Hội nghị tổng kết năm 2026."}
	require.NoError(t, e.store.CreateArticle(context.Background(), a))
	w := e.get(e.h, "GET", "/feed?format=rss")
	require.Equal(t, 200, w.Code, w.Body.String())
	items := parse(t, RSS, w.Body.Bytes()).Items
	require.Len(t, items[0].Enclosures, 1)
	assert.Equal(t, "https://sokhcn.example.gov.vn/media/"+keys[1], items[0].Enclosures[0].URL)
	assert.Equal(t, "80000", items[0].Enclosures[0].Length)
	assert.Contains(t, items[0].Content, `width="960" height="540"><figcaption>Hội nghị tổng kết năm 2026.</figcaption>`)
	assert.Equal(t, "https://sokhcn.example.gov.vn/uploads/2026/11/hoi-thao.jpg", items[1].Enclosures[0].URL, "a file not in the library")

	b := articles()[1]
	b.ID, b.Slug = uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a0b"), "anh-loi"
	b.Cover = &news.Image{URL: "/media/f0000000000000000000000000000000.jpg"}
	require.NoError(t, e.store.CreateArticle(context.Background(), b))
	w = e.get(e.h, "GET", "/feed?format=atom")
	assert.Equal(t, 500, w.Code)
	assert.NotContains(t, w.Body.String(), "unreachable")
	assert.Contains(t, e.logs.String(), "media store unreachable")
}
