package news_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidationLimits checks the edges of the rules TestValidationErrors
// does not: each limit holds at its value and fails one past it.
func TestValidationLimits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	attachments := func(n int) []news.Attachment {
		out := make([]news.Attachment, n)
		for i := range out {
			out[i] = news.Attachment{URL: "/files/van-ban.pdf", Title: "Văn bản"}
		}
		return out
	}
	tests := []struct {
		name string
		mod  func(in *news.ArticleInput)
		want string // "" for valid
	}{
		{"summary at limit", func(in *news.ArticleInput) { in.Summary = strings.Repeat("ữ", news.MaxSummaryLen) }, ""},
		{"author at limit", func(in *news.ArticleInput) { in.Author = strings.Repeat("ữ", news.MaxAuthorLen) }, ""},
		{"tag at limit", func(in *news.ArticleInput) { in.Tags = []string{strings.Repeat("ữ", news.MaxTagLen)} }, ""},
		{"tag without letters", func(in *news.ArticleInput) { in.Tags = []string{"#!"} }, "tags[0]: has no letter or digit"},
		{"attachments at limit", func(in *news.ArticleInput) { in.Attachments = attachments(news.MaxAttachments) }, ""},
		{"too many attachments", func(in *news.ArticleInput) { in.Attachments = attachments(news.MaxAttachments + 1) }, "attachments: more than 50"},
		{"attachment needs a URL", func(in *news.ArticleInput) { in.Attachments = []news.Attachment{{Title: "Tệp"}} }, "attachments[0].url: required"},
		{"attachment type", func(in *news.ArticleInput) {
			in.Attachments = []news.Attachment{{URL: "/a.pdf", Type: "pdf"}}
		}, "attachments[0].type: not a MIME type"},
		{"cover sizes", func(in *news.ArticleInput) {
			in.Cover = &news.Image{URL: "https://sokhcn.example.gov.vn/a.png", Width: -1, Height: -2, Size: -3}
		}, "cover.width: negative; cover.height: negative; cover.size: negative"},
		{"cover caption", func(in *news.ArticleInput) {
			in.Cover = &news.Image{URL: "/a.png", Caption: strings.Repeat("c", news.MaxCaptionLen+1)}
		}, "cover.caption: longer than 1000 characters"},
		{"protocol-relative cover", func(in *news.ArticleInput) { in.Cover = &news.Image{URL: "//cdn.example/a.png"} }, "cover.url: protocol-relative URL: write https://"},
		{"empty cover is none", func(in *news.ArticleInput) { in.Cover = &news.Image{Alt: "  "} }, ""},
		{"body with only markup", func(in *news.ArticleInput) { in.BodyHTML = "<p>&nbsp;</p><script>x</script>" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := news.ArticleInput{Title: "Bài kiểm tra giới hạn", CategoryID: cat.ID}
			tc.mod(&in)
			a, err := e.svc.CreateDraft(ctx, in)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("CreateDraft: %v", err)
				}
				if in.Cover != nil && strings.TrimSpace(in.Cover.URL) == "" && a.Cover != nil {
					t.Errorf("Cover = %+v, want nil for an empty cover", a.Cover)
				}
				return
			}
			var fes news.FieldErrors
			if !errors.As(err, &fes) || fes.Error() != tc.want {
				t.Errorf("CreateDraft err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSearchWords(t *testing.T) {
	t.Parallel()
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = fmt.Sprintf("từ%d", i)
		}
		return strings.Join(w, " ")
	}
	tests := []struct {
		name string
		text string
		want []string
		rule string // "" when valid
	}{
		{"empty", "", nil, ""},
		{"one word", "bưởi", []string{"bưởi"}, ""},
		{"punctuation splits", "đại hội, nhiệm kỳ 2025-2030", []string{"đại", "hội", "nhiệm", "kỳ", "2025", "2030"}, ""},
		{"repeats dropped", strings.Repeat("t ", 100), []string{"t"}, ""},
		{"case never matters", "Hà Nội hà nội HÀ NỘI", []string{"Hà", "Nội"}, ""},
		{"NFD is the same word", "ho\u0300a hòa", []string{"hòa"}, ""},
		{"marks make different words", "bưởi buổi buoi", []string{"bưởi", "buổi", "buoi"}, ""},
		{"đ is kept as typed", "Đại đại dai", []string{"Đại", "dai"}, ""},
		{"emoji only", "😀", nil, ""},
		{"quote only", `"`, nil, ""},
		{"star only", "* * *", nil, ""},
		{"marks only", "\u0301\u0300", nil, ""},
		{"letters among symbols", `"bưởi" *`, []string{"bưởi"}, ""},
		{"16 distinct words", words(16), strings.Fields(words(16)), ""},
		{"16 distinct words repeated", words(16) + " " + words(16), strings.Fields(words(16)), ""},
		{"17 distinct words", words(17), strings.Fields(words(17)), "more than 16 distinct words (has 17)"},
		{"256 bytes", strings.Repeat("a", 256), []string{strings.Repeat("a", 256)}, ""},
		{"257 bytes", strings.Repeat("a", 257), nil, "longer than 256 bytes (has 257)"},
		{"bytes, not characters", strings.Repeat("ư", 129), nil, "longer than 256 bytes (has 258)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := news.SearchWords(tc.text)
			assert.Equal(t, tc.want, got, "SearchWords(%q)", tc.text)
			assert.Equal(t, tc.want == nil && tc.text != "" && tc.rule == "", news.Query{Text: tc.text}.MatchesNothing(), "MatchesNothing(%q)", tc.text)
			if tc.rule == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			var fe *news.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "text", fe.Field)
			assert.Equal(t, tc.rule, fe.Rule)
		})
	}
}

func FuzzSearchWords(f *testing.F) {
	for _, s := range []string{"", "bưởi buổi buoi", "Đại hội ĐẠI HỘI", "ho\u0300a", "😀", `"*"`, strings.Repeat("t ", 100), "\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words, err := news.SearchWords(text)
		if len(text) > news.MaxQueryTextBytes {
			require.ErrorIs(t, err, news.ErrInvalid)
			return
		}
		if len(words) > news.MaxQueryWords {
			require.ErrorIs(t, err, news.ErrInvalid)
		} else {
			require.NoError(t, err)
		}
		assert.Equal(t, len(words) == 0 && text != "", news.Query{Text: text}.MatchesNothing())
		seen := map[string]bool{}
		for _, w := range words {
			require.True(t, strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }), "word %q has no letter or digit", w)
			require.False(t, seen[strings.ToLower(w)], "word %q twice", w)
			seen[strings.ToLower(w)] = true
		}
		// The words, joined as Public passes them on, read the same again.
		again, _ := news.SearchWords(strings.Join(words, " "))
		assert.Equal(t, words, again)
	})
}

// TestNewsroomArticlesSearchBounds checks that the newsroom's list keeps
// the bounds of a search as the public view does.
func TestNewsroomArticlesSearchBounds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	r.draft(t, r.admin, "Tin tập huấn", r.tin)
	for _, text := range []string{"😀", `"`, "*"} {
		page, err := r.nr.Articles(ctx, r.admin, news.Query{Text: text})
		require.NoError(t, err)
		assert.Empty(t, page.Articles, "Articles(Text %q)", text)
	}
	page, err := r.nr.Articles(ctx, r.admin, news.Query{Text: strings.Repeat("tin ", 60)})
	require.NoError(t, err)
	assert.Len(t, page.Articles, 1)
	_, err = r.nr.Articles(ctx, r.admin, news.Query{Text: strings.Repeat("tin ", 65)})
	require.ErrorIs(t, err, news.ErrInvalid)
	assert.ErrorContains(t, err, "text: longer than 256 bytes (has 260)")
}
