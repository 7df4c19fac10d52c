package news_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
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
