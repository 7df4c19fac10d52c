package feed

import (
	"context"
	"encoding/json"
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
