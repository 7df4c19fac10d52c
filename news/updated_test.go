package news_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestUpdatedAtOnlyForContent checks that UpdatedAt, which pages and feeds
// show as "updated", moves only when the content changes: not on a
// workflow step, nor on an update that changes nothing; and that an
// article first published with an earlier date was not updated after it.
func TestUpdatedAtOnlyForContent(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Hoạt động Sở", nil)
	in := news.ArticleInput{Title: "Hội nghị tổng kết công tác năm 2022", CategoryID: cat.ID,
		BodyHTML: "<p>Sở Khoa học và Công nghệ tổng kết công tác năm 2022.</p>", Tags: []string{"tổng kết"}}
	a := e.draft(t, in)
	created := a.UpdatedAt

	e.clock.Add(time.Hour)
	backDated := time.Date(2022, 12, 28, 8, 0, 0, 0, time.UTC)
	a, err := e.svc.Schedule(ctx, a.ID, backDated)
	require.NoError(t, err)
	assert.True(t, a.UpdatedAt.Equal(backDated), "a back-dated first publication: UpdatedAt = %v, want the publication %v", a.UpdatedAt, backDated)

	steps := []struct {
		name string
		do   func() (*news.Article, error)
	}{
		{"unpublish", func() (*news.Article, error) { return e.svc.Unpublish(ctx, a.ID) }},
		{"publish again", func() (*news.Article, error) { return e.svc.Publish(ctx, a.ID) }},
		{"archive", func() (*news.Article, error) { return e.svc.Archive(ctx, a.ID) }},
		{"schedule", func() (*news.Article, error) { return e.svc.Schedule(ctx, a.ID, backDated.Add(time.Hour)) }},
		{"identical update", func() (*news.Article, error) { return e.svc.Update(ctx, a.ID, news.InputOf(a)) }},
		{"empty patch", func() (*news.Article, error) { return e.svc.Patch(ctx, a.ID, news.ArticlePatch{}) }},
	}
	for _, s := range steps {
		e.clock.Add(time.Hour)
		got, err := s.do()
		require.NoError(t, err, s.name)
		assert.True(t, got.UpdatedAt.Equal(backDated), "%s: UpdatedAt = %v, want %v unchanged", s.name, got.UpdatedAt, backDated)
		assert.True(t, e.article(t, a.ID).UpdatedAt.Equal(backDated), "%s: stored UpdatedAt moved", s.name)
	}

	e.clock.Add(time.Hour)
	in.BodyHTML += "<p>Bổ sung danh sách khen thưởng.</p>"
	a, err = e.svc.Update(ctx, a.ID, in)
	require.NoError(t, err)
	assert.True(t, a.UpdatedAt.Equal(e.clock.Now()), "a change of the body: UpdatedAt = %v, want now %v", a.UpdatedAt, e.clock.Now())

	b := e.draft(t, news.ArticleInput{Title: "Thông báo lịch tiếp công dân", CategoryID: cat.ID})
	e.clock.Add(time.Hour)
	b, err = e.svc.Publish(ctx, b.ID)
	require.NoError(t, err)
	assert.False(t, b.UpdatedAt.After(b.PublishAt), "published now: UpdatedAt %v after PublishAt %v", b.UpdatedAt, b.PublishAt)
	assert.False(t, created.After(b.UpdatedAt))
}

// TestNewsroomTransitionKeepsUpdatedAt checks that a workflow step in the
// newsroom does not make an article "updated", while its revision records
// when the step was taken.
func TestNewsroomTransitionKeepsUpdatedAt(t *testing.T) {
	ctx := context.Background()
	r := newRoom(t, nil)
	a := r.draft(t, r.approver, "Hội thảo ứng dụng công nghệ sinh học", r.tin)
	edited := a.UpdatedAt
	r.clock.Add(2 * time.Hour)
	a = r.step(t, r.approver, a, news.TransitionInput{Action: news.ActionPublish})
	assert.True(t, a.UpdatedAt.Equal(edited), "publish: UpdatedAt = %v, want %v", a.UpdatedAt, edited)
	r.clock.Add(time.Hour)
	a, err := r.nr.PatchArticle(ctx, r.approver, a.ID, news.ArticlePatch{Title: &a.Title, Note: "lưu lại"})
	require.NoError(t, err)
	assert.True(t, a.UpdatedAt.Equal(edited), "an edit that changes nothing: UpdatedAt = %v, want %v", a.UpdatedAt, edited)
	r.clock.Add(time.Hour)
	a = r.step(t, r.approver, a, news.TransitionInput{Action: news.ActionArchive})
	assert.True(t, a.UpdatedAt.Equal(edited), "archive: UpdatedAt = %v, want %v", a.UpdatedAt, edited)

	revs, err := r.nr.Revisions(ctx, r.approver, a.ID)
	require.NoError(t, err)
	require.Len(t, revs, 4)
	assert.True(t, revs[2].At.Equal(r.clock.Now().Add(-time.Hour)), "the edit's revision time = %v", revs[2].At)
	last := revs[len(revs)-1]
	assert.Equal(t, news.ActionArchive, last.Action)
	assert.True(t, last.At.Equal(r.clock.Now()), "the archive revision's time = %v, want %v", last.At, r.clock.Now())
}
