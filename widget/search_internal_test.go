package widget

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/orgnews/orgnews/news"
)

// markTokens reads the HTML of marked segments back: the texts between
// <mark> and </mark>, each after the text before it. It fails the test on
// any other tag, a mark inside a mark, a mark left open, or a comment.
func markTokens(t *testing.T, h string) (texts []string, marked []bool) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(h))
	open := false
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			require.ErrorIs(t, z.Err(), io.EOF, "in %q", h)
			require.False(t, open, "a mark left open in %q", h)
			return texts, marked
		case html.TextToken:
			texts = append(texts, string(z.Text()))
			marked = append(marked, open)
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			require.Equal(t, "mark", string(name), "a tag in %q", h)
			require.False(t, hasAttr, "a mark with attributes in %q", h)
			require.False(t, open, "a mark in a mark in %q", h)
			open = true
		case html.EndTagToken:
			name, _ := z.TagName()
			require.Equal(t, "mark", string(name), "a tag in %q", h)
			require.True(t, open, "a mark closed before it opened in %q", h)
			open = false
		default:
			t.Fatalf("a %v in %q", tt, h)
		}
	}
}

// FuzzSearchHTML checks the marked HTML of search results, as the API
// writes it (segmentsHTML) and as the pages do (the "marks" template): it
// is well-formed, holds no element but <mark>, marks the segments Highlight
// marks and reads back as the text; the two agree. The text is normalised,
// as every text of an article is (a NUL, which the page writes as U+FFFD,
// never reaches them).
func FuzzSearchHTML(f *testing.F) {
	f.Add("dai hoi", "Chi bộ tổ chức thành công Đại hội nhiệm kỳ 2022–2025.", 40)
	f.Add(`"đại hội" -"hội đồng"`, `Đại hội <script>alert("x")</script> & Hội đồng`, 30)
	f.Add("img onerror", `<img src=x onerror=alert(1)>`, 80)
	f.Add("mark", "</mark><mark>mark</mark> &lt;mark&gt;", 12)
	ts, _, err := parseTemplates(nil)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, query, text string, width int) {
		if width > 10000 || !utf8.ValidString(text) {
			return
		}
		text = news.Normalize(text) // as the publishing service stores it
		segs := news.Highlight(parseSearch(query), text, width)
		var want strings.Builder
		for _, s := range segs {
			want.WriteString(s.Text)
		}
		api := segmentsHTML(segs)
		var page bytes.Buffer
		require.NoError(t, ts.sets["list.html"].ExecuteTemplate(&page, "marks", segs))
		apiTexts, apiMarked := markTokens(t, api)
		pageTexts, pageMarked := markTokens(t, page.String())
		require.Equal(t, apiTexts, pageTexts, "the API's %q and the page's %q", api, page.String())
		require.Equal(t, apiMarked, pageMarked, "the API's %q and the page's %q", api, page.String())
		require.Equal(t, want.String(), strings.Join(apiTexts, ""), "the text of %q", api)
		var wantMarked []string
		for _, s := range segs {
			if s.Mark {
				wantMarked = append(wantMarked, s.Text)
			}
		}
		var gotMarked []string
		for i, m := range apiMarked {
			if m {
				gotMarked = append(gotMarked, apiTexts[i])
			}
		}
		require.Equal(t, wantMarked, gotMarked, "the marks of %q", api)
	})
}

// TestExcerptSource checks which of the summary and the body an excerpt
// comes from: the one where the words typed together stand together, as
// the stores rank, then the one with a word, the summary first.
func TestExcerptSource(t *testing.T) {
	a := &news.Article{
		Summary: "Đây là cơ hội đưa đặc sản của tỉnh vào thị trường khó tính.",
		Body:    "<p>Sáng 12/11, tại Trung tâm <strong>Hội nghị</strong> tỉnh, Ủy ban nhân dân tỉnh trao quyết định.</p>",
	}
	for _, tc := range []struct {
		query, article, want string
	}{
		{"hội nghị", "both", "Sáng 12/11, tại Trung tâm Hội nghị tỉnh"},
		{`"hội nghị"`, "both", "Sáng 12/11, tại Trung tâm Hội nghị tỉnh"},
		{"hội", "both", "Đây là cơ hội"},
		{"nghị", "both", "Sáng 12/11"},
		{"hội đặc sản", "both", "Đây là cơ hội"},
		{"hội nghị", "no summary", "Sáng 12/11"},
		{"bưởi", "both", "Đây là cơ hội"},
	} {
		t.Run(tc.query+"/"+tc.article, func(t *testing.T) {
			b := *a
			if tc.article == "no summary" {
				b.Summary = ""
			}
			var text strings.Builder
			for _, seg := range excerpt(parseSearch(tc.query), &b) {
				text.WriteString(seg.Text)
			}
			require.True(t, strings.HasPrefix(text.String(), tc.want), "excerpt %q, want it to start with %q", text.String(), tc.want)
		})
	}
}
