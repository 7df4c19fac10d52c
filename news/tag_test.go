package news_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestNewsroomTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, func(o *news.NewsroomOptions) { o.SkipApproval = true })
	write := func(actor news.Actor, title string, cat *news.Category, tags ...string) {
		t.Helper()
		_, err := r.nr.CreateArticle(ctx, actor, news.ArticleInput{Title: title, CategoryID: cat.ID, Tags: tags,
			BodyHTML: "<p>Sở Khoa học và Công nghệ thông tin về " + strings.ToLower(title) + ".</p>"}, "bản đầu")
		require.NoError(t, err)
	}
	write(r.admin, "Văn bản mới", r.vanBan, "Văn bản", "Nội bộ Văn phòng")
	write(r.contributor, "Hội thảo khoa học", r.khcn, "Hội thảo", "Khoa học")
	pub, err := r.nr.CreateArticle(ctx, r.admin, news.ArticleInput{Title: "Đại hội Chi bộ", CategoryID: r.vanBan.ID,
		Tags: []string{"Đại hội"}, BodyHTML: "<p>Đại hội Chi bộ nhiệm kỳ mới.</p>"}, "bản đầu")
	require.NoError(t, err)
	r.step(t, r.admin, pub, news.TransitionInput{Action: news.ActionPublish})

	names := func(tags []news.TagCount) []string {
		out := []string{}
		for _, tc := range tags {
			out = append(out, tc.Tag)
		}
		return out
	}
	tests := []struct {
		name   string
		actor  news.Actor
		prefix string
		want   []string
	}{
		{"admin sees every tag", r.admin, "", []string{"Đại hội", "Hội thảo", "Khoa học", "Nội bộ Văn phòng", "Văn bản"}},
		{"contributor: own and public, not the admin's draft", r.contributor, "", []string{"Đại hội", "Hội thảo", "Khoa học"}},
		{"editor of Tin tức: the scope and public", r.editor, "", []string{"Đại hội", "Hội thảo", "Khoa học"}},
		{"prefix without marks", r.admin, "dai h", []string{"Đại hội"}},
		{"prefix in another case", r.contributor, "KHOA", []string{"Khoa học"}},
		{"prefix of another's draft tag", r.contributor, "noi bo", []string{}},
		{"prefix without a letter", r.admin, "#!", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.nr.Tags(ctx, tc.actor, tc.prefix, 0)
			require.NoError(t, err)
			assert.Equal(t, tc.want, names(got))
		})
	}
	_, err = r.nr.Tags(ctx, r.admin, "", news.MaxTagLimit+1)
	require.ErrorIs(t, err, news.ErrInvalid)
	_, err = r.nr.Tags(ctx, r.admin, strings.Repeat("a", news.MaxTagLen+1), 0)
	require.ErrorIs(t, err, news.ErrInvalid)
	_, err = r.nr.Tags(ctx, news.Actor{}, "", 0)
	require.ErrorIs(t, err, news.ErrUnauthenticated)
}
