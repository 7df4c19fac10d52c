package news_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// password is the password of every account a room makes.
const password = "Mùa thu Hà Nội 2026"

// A room is a newsroom over a memstore on one fake clock, with four
// categories and an account of each role.
type room struct {
	store *memstore.Store
	clock *fakeClock
	nr    *news.Newsroom
	pub   *news.Public

	tin, khcn, thongBao, vanBan *news.Category // khcn is under tin

	admin, contributor, editor, approver news.Actor
}

// newRoom makes a room; opts, when not nil, changes the newsroom options
// first. The contributor's scope is Tin tức (with Khoa học) and Thông
// báo; the editor's Tin tức; the approver has every category.
func newRoom(tb testing.TB, opts func(o *news.NewsroomOptions)) *room {
	tb.Helper()
	ctx := context.Background()
	r := &room{store: memstore.New(), clock: &fakeClock{t: t0}}
	o := news.NewsroomOptions{Now: r.clock.Now, NewID: seqIDs(), Password: news.PasswordOptions{Argon2: cheap}}
	if opts != nil {
		opts(&o)
	}
	r.nr = news.NewNewsroom(r.store, &o)
	r.pub = news.NewPublic(r.store, &news.PublicOptions{Now: r.clock.Now})
	_, err := r.nr.Bootstrap(ctx, news.AccountInput{Username: "QuanTri", DisplayName: "Quản trị", Password: password})
	require.NoError(tb, err)
	r.admin = r.signIn(tb, "quantri")
	cat := func(name string, parent *news.Category) *news.Category {
		in := news.CategoryInput{Name: name}
		if parent != nil {
			in.ParentID = parent.ID
		}
		c, err := r.nr.CreateCategory(ctx, r.admin, in)
		require.NoError(tb, err)
		return c
	}
	r.tin = cat("Tin tức", nil)
	r.khcn = cat("Khoa học", r.tin)
	r.thongBao = cat("Thông báo", nil)
	r.vanBan = cat("Văn bản", nil)
	r.contributor = r.account(tb, "phongvien", "Phóng viên Lan", news.RoleContributor, r.tin.ID, r.thongBao.ID)
	r.editor = r.account(tb, "bientap", "Biên tập Minh", news.RoleEditor, r.tin.ID)
	r.approver = r.account(tb, "lanhdao", "Lãnh đạo Sở", news.RoleApprover)
	return r
}

// account creates an account and signs it in.
func (r *room) account(tb testing.TB, username, name string, role news.Role, scope ...uuid.UUID) news.Actor {
	tb.Helper()
	_, err := r.nr.CreateAccount(context.Background(), r.admin, news.AccountInput{Username: username, DisplayName: name,
		Email: username + "@skhcn.gov.vn", Role: role, Categories: scope, Password: password})
	require.NoError(tb, err)
	return r.signIn(tb, username)
}

// signIn signs username in with the room's password and returns the
// actor of the new session.
func (r *room) signIn(tb testing.TB, username string) news.Actor {
	tb.Helper()
	s, err := r.nr.SignIn(context.Background(), news.SignInInput{Username: username, Password: password, Address: "203.0.113.10"})
	require.NoError(tb, err)
	return s.Actor
}

// draft writes a draft as actor in the category.
func (r *room) draft(tb testing.TB, actor news.Actor, title string, cat *news.Category) *news.Article {
	tb.Helper()
	a, err := r.nr.CreateArticle(context.Background(), actor, news.ArticleInput{Title: title, CategoryID: cat.ID,
		BodyHTML: "<p>Sáng nay, Sở tổ chức " + strings.ToLower(title) + ".</p>"}, "bản đầu")
	require.NoError(tb, err)
	return a
}

// step does a transition and returns the article after it.
func (r *room) step(tb testing.TB, actor news.Actor, a *news.Article, t news.TransitionInput) *news.Article {
	tb.Helper()
	out, err := r.nr.Transition(context.Background(), actor, a.ID, t)
	require.NoError(tb, err, "%s by %s", t.Action, actor.Role)
	return out
}

// state returns the public State key.
func (r *room) state(tb testing.TB) string {
	tb.Helper()
	st, err := r.pub.State(context.Background())
	require.NoError(tb, err)
	return st.Key()
}

func ptr[T any](v T) *T { return &v }

func TestNewsroomWorkflow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a := r.draft(t, r.contributor, "Hội thảo chuyển đổi số", r.khcn)
	assert.Equal(t, news.StatusDraft, a.Status)
	assert.Equal(t, r.contributor.AccountID, a.OwnerID)
	assert.Equal(t, 1, a.Revision)

	a = r.step(t, r.contributor, a, news.TransitionInput{Action: news.ActionSubmit})
	assert.Equal(t, news.StatusSubmitted, a.Status)
	_, err := r.nr.PatchArticle(ctx, r.contributor, a.ID, news.ArticlePatch{Title: ptr("Sửa sau khi nộp")})
	assert.ErrorIs(t, err, news.ErrForbidden, "a contributor edits a submitted article")

	a = r.step(t, r.editor, a, news.TransitionInput{Action: news.ActionReturn, Comment: "Bổ sung số liệu đại biểu."})
	assert.Equal(t, news.StatusReturned, a.Status)
	a, err = r.nr.PatchArticle(ctx, r.contributor, a.ID, news.ArticlePatch{Base: a.Revision,
		BodyHTML: ptr("<p>Hơn 200 đại biểu dự hội thảo.</p>"), Note: "bổ sung số liệu"})
	require.NoError(t, err)
	a = r.step(t, r.contributor, a, news.TransitionInput{Action: news.ActionSubmit, Base: a.Revision})
	a = r.step(t, r.editor, a, news.TransitionInput{Action: news.ActionSendForApproval})
	assert.Equal(t, news.StatusAwaitingApproval, a.Status)

	_, err = r.nr.Transition(ctx, r.editor, a.ID, news.TransitionInput{Action: news.ActionApprove})
	var te *news.TransitionError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, news.ErrForbidden)
	assert.Equal(t, news.StatusAwaitingApproval, te.State)

	at := t0.Add(2 * time.Hour)
	a = r.step(t, r.approver, a, news.TransitionInput{Action: news.ActionApprove, PublishAt: at, Comment: "Đồng ý đăng."})
	assert.Equal(t, news.StatusPublished, a.Status)
	assert.True(t, a.Scheduled(r.clock.Now()), "approved for a later time: scheduled")
	_, err = r.pub.Article(ctx, a.ID)
	assert.ErrorIs(t, err, news.ErrNotFound, "a scheduled article is public")
	r.clock.Add(2 * time.Hour)
	_, err = r.pub.Article(ctx, a.ID)
	assert.NoError(t, err, "the article is public once due")

	revs, err := r.nr.Revisions(ctx, r.contributor, a.ID)
	require.NoError(t, err)
	var actions []news.Action
	for _, rev := range revs {
		actions = append(actions, rev.Action)
	}
	assert.Equal(t, []news.Action{news.ActionCreate, news.ActionSubmit, news.ActionReturn, news.ActionEdit,
		news.ActionSubmit, news.ActionSendForApproval, news.ActionApprove}, actions)
	assert.Equal(t, "Bổ sung số liệu đại biểu.", revs[2].Note, "the return's comment")
	assert.Equal(t, news.StatusReturned, revs[2].Status)
	assert.Equal(t, "Biên tập Minh", revs[2].ActorName)

	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{ObjectType: news.ObjectArticle, ObjectID: a.ID.String()})
	require.NoError(t, err)
	require.Len(t, log.Entries, 7)
	assert.Equal(t, news.ActionApprove, log.Entries[0].Action)
	assert.Contains(t, log.Entries[0].Detail, "Đồng ý đăng.")
	assert.Contains(t, log.Entries[0].Detail, "publish_at 2026-11-20T03:00:00Z")
	assert.Equal(t, r.approver.AccountID, log.Entries[0].ActorID)
	assert.Equal(t, "203.0.113.10", log.Entries[0].Address)
	assert.Equal(t, "body", strings.SplitN(log.Entries[3].Detail, "; ", 2)[1])

	// The approver unpublishes, archives; the admin deletes.
	a = r.step(t, r.approver, a, news.TransitionInput{Action: news.ActionUnpublish})
	assert.Equal(t, news.StatusDraft, a.Status)
	a = r.step(t, r.approver, a, news.TransitionInput{Action: news.ActionArchive})
	assert.Equal(t, news.StatusArchived, a.Status)
	require.NoError(t, r.nr.DeleteArticle(ctx, r.admin, a.ID, a.Revision))
	_, err = r.nr.Article(ctx, r.admin, a.ID)
	assert.ErrorIs(t, err, news.ErrNotFound)
}

func TestNewsroomWithoutApproval(t *testing.T) {
	t.Parallel()
	r := newRoom(t, func(o *news.NewsroomOptions) { o.SkipApproval = true })
	assert.False(t, r.nr.ApprovalRequired())
	a := r.draft(t, r.contributor, "Thông báo tuyển dụng viên chức", r.tin)
	a = r.step(t, r.contributor, a, news.TransitionInput{Action: news.ActionSubmit})
	_, err := r.nr.Transition(context.Background(), r.editor, a.ID, news.TransitionInput{Action: news.ActionSendForApproval})
	assert.ErrorIs(t, err, news.ErrConflict, "send for approval with the step off")
	assert.ErrorContains(t, err, "the approval step is off")
	a = r.step(t, r.editor, a, news.TransitionInput{Action: news.ActionPublish})
	assert.True(t, a.Visible(r.clock.Now()), "an editor publishes when the approval step is off")
}

func TestNewsroomRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	mine := r.draft(t, r.contributor, "Bản nháp của phóng viên", r.tin)
	other := r.draft(t, r.editor, "Bản nháp của biên tập", r.tin)
	outside := r.draft(t, r.approver, "Văn bản mới ban hành", r.vanBan)
	published := r.step(t, r.approver, r.draft(t, r.approver, "Tin đã đăng", r.tin), news.TransitionInput{Action: news.ActionPublish})

	tests := []struct {
		name  string
		actor news.Actor
		id    uuid.UUID
		t     news.TransitionInput
		want  error
		text  string
	}{
		{"contributor publishes", r.contributor, mine.ID, news.TransitionInput{Action: news.ActionPublish}, news.ErrForbidden,
			"contributor may not publish a draft article: only approver or admin may publish a draft article while the approval step is on"},
		{"another's draft", r.contributor, other.ID, news.TransitionInput{Action: news.ActionSubmit}, news.ErrNotFound, "not found"},
		{"outside the editor's scope", r.editor, outside.ID, news.TransitionInput{Action: news.ActionSubmit}, news.ErrNotFound, "not found"},
		{"submit a published article", r.approver, published.ID, news.TransitionInput{Action: news.ActionSubmit}, news.ErrConflict,
			"only a draft or a returned article is submitted"},
		{"return without a comment", r.editor, other.ID, news.TransitionInput{Action: news.ActionReturn}, news.ErrInvalid,
			"comment: required to return an article"},
		{"schedule without a time", r.approver, mine.ID, news.TransitionInput{Action: news.ActionSchedule}, news.ErrInvalid,
			"publish_at: required"},
		{"a time for a submit", r.approver, mine.ID, news.TransitionInput{Action: news.ActionSubmit, PublishAt: t0}, news.ErrInvalid,
			"publish_at: only for schedule and approve"},
		{"not a transition", r.approver, mine.ID, news.TransitionInput{Action: news.ActionEdit}, news.ErrInvalid,
			`action: not a transition: "edit"`},
		{"stale base", r.editor, other.ID, news.TransitionInput{Action: news.ActionSubmit, Base: 5}, news.ErrConflict,
			"revision 5 is stale: the current revision is 1"},
		{"no actor", news.Actor{}, mine.ID, news.TransitionInput{Action: news.ActionSubmit}, news.ErrUnauthenticated, "not signed in"},
		{"unknown article", r.admin, uuid.New(), news.TransitionInput{Action: news.ActionSubmit}, news.ErrNotFound, "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.nr.Transition(ctx, tc.actor, tc.id, tc.t)
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.text)
		})
	}
	for _, id := range []uuid.UUID{other.ID, outside.ID} {
		_, err := r.nr.Article(ctx, r.contributor, id)
		assert.ErrorIs(t, err, news.ErrNotFound, "a contributor reads another's article")
		_, err = r.nr.Revisions(ctx, r.contributor, id)
		assert.ErrorIs(t, err, news.ErrNotFound)
	}
	_, err := r.nr.Article(ctx, r.editor, outside.ID)
	assert.ErrorIs(t, err, news.ErrNotFound, "an editor reads outside their scope")
	assert.NotContains(t, err.Error(), "scope", "the error says why it is hidden")

	_, err = r.nr.CreateArticle(ctx, r.contributor, news.ArticleInput{Title: "Ngoài phạm vi", CategoryID: r.vanBan.ID}, "")
	assert.ErrorIs(t, err, news.ErrForbidden, "a contributor writes outside their scope")
	_, err = r.nr.CreateArticle(ctx, r.contributor, news.ArticleInput{Title: "Không chuyên mục", CategoryID: uuid.New()}, "")
	assert.ErrorIs(t, err, news.ErrInvalid, "an unknown category is a validation error")
	_, err = r.nr.PatchArticle(ctx, r.contributor, mine.ID, news.ArticlePatch{CategoryID: &r.vanBan.ID})
	assert.ErrorIs(t, err, news.ErrForbidden, "moving an article out of scope")

	actions, err := r.nr.Actions(ctx, r.contributor, mine)
	require.NoError(t, err)
	assert.Equal(t, []news.Action{news.ActionView, news.ActionEdit, news.ActionSubmit, news.ActionDelete, news.ActionRestore}, actions)
	actions, err = r.nr.Actions(ctx, r.approver, published)
	require.NoError(t, err)
	assert.Equal(t, []news.Action{news.ActionView, news.ActionEdit, news.ActionPublish, news.ActionSchedule,
		news.ActionUnpublish, news.ActionArchive, news.ActionRestore}, actions)
}

func TestNewsroomArticlesList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	r.draft(t, r.contributor, "Tin của phóng viên", r.khcn)
	r.draft(t, r.contributor, "Thông báo của phóng viên", r.thongBao)
	r.draft(t, r.editor, "Tin của biên tập", r.tin)
	r.draft(t, r.approver, "Văn bản của lãnh đạo", r.vanBan)
	list := func(actor news.Actor, q news.Query) []string {
		t.Helper()
		p, err := r.nr.Articles(ctx, actor, q)
		require.NoError(t, err)
		var titles []string
		for _, a := range p.Articles {
			titles = append(titles, a.Title)
		}
		return titles
	}
	all := []string{"Văn bản của lãnh đạo", "Tin của biên tập", "Thông báo của phóng viên", "Tin của phóng viên"}
	assert.Equal(t, all, list(r.admin, news.Query{}))
	assert.Equal(t, all, list(r.approver, news.Query{}), "an approver without a scope sees every category")
	assert.Equal(t, []string{"Thông báo của phóng viên", "Tin của phóng viên"}, list(r.contributor, news.Query{}))
	assert.Equal(t, []string{"Tin của biên tập", "Tin của phóng viên"}, list(r.editor, news.Query{}), "an editor's scope")
	assert.Equal(t, []string{"Tin của phóng viên"}, list(r.editor, news.Query{Categories: []uuid.UUID{r.khcn.ID}}), "narrowed to a subcategory")
	assert.Empty(t, list(r.editor, news.Query{Categories: []uuid.UUID{r.vanBan.ID}}), "never widened")
	assert.Equal(t, []string{"Tin của phóng viên"}, list(r.contributor, news.Query{Text: "tin"}))
	assert.Equal(t, []string{"Tin của biên tập"}, list(r.admin, news.Query{Author: "", OwnerID: r.editor.AccountID}))
	_, err := r.nr.Articles(ctx, r.admin, news.Query{Limit: -1})
	assert.ErrorIs(t, err, news.ErrInvalid)
}

func TestPatchArticle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a, err := r.nr.CreateArticle(ctx, r.editor, news.ArticleInput{Title: "Hội nghị sơ kết", Summary: "Tóm tắt hội nghị.",
		BodyHTML: "<p>Nội dung dài.</p>", Tags: []string{"Hội nghị"}, CategoryID: r.tin.ID, Author: "Văn phòng Sở"}, "")
	require.NoError(t, err)
	b, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: 1, Title: ptr("Hội nghị sơ kết 6 tháng")})
	require.NoError(t, err)
	assert.Equal(t, "Hội nghị sơ kết 6 tháng", b.Title)
	assert.Equal(t, a.Body, b.Body, "a patch of the title kept the body")
	assert.Equal(t, a.Summary, b.Summary)
	assert.Equal(t, a.Tags, b.Tags)
	assert.Equal(t, a.Author, b.Author)
	assert.Equal(t, "hoi-nghi-so-ket-6-thang", b.Slug, "a never-published draft follows its title")
	assert.Equal(t, 2, b.Revision)

	same, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: 2, Note: "không đổi gì"})
	require.NoError(t, err)
	assert.Equal(t, 2, same.Revision, "an empty patch adds no revision")

	c, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: 2, Tags: ptr([]string(nil)), Autosave: true})
	require.NoError(t, err)
	assert.Empty(t, c.Tags, "a pointer to nil empties the list")
	rev, err := r.nr.Revision(ctx, r.editor, a.ID, 3)
	require.NoError(t, err)
	assert.Equal(t, "autosave", rev.Note)

	_, err = r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: 3, Title: ptr("")})
	assert.ErrorIs(t, err, news.ErrInvalid, "emptying a required field")

	// The Service has the patch path too, for programs.
	svc := news.NewService(r.store, &news.ServiceOptions{Now: r.clock.Now})
	d, err := svc.Patch(ctx, a.ID, news.ArticlePatch{Summary: ptr("Tóm tắt mới.")})
	require.NoError(t, err)
	assert.Equal(t, "Tóm tắt mới.", d.Summary)
	assert.Equal(t, c.Body, d.Body)
	assert.Equal(t, c.Title, d.Title)
	_, err = svc.Patch(ctx, a.ID, news.ArticlePatch{Base: 1, Summary: ptr("Cũ.")})
	var se *news.StaleError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 3, se.Current.Number)
}

func TestPatchWithoutBaseConcurrently(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a := r.draft(t, r.editor, "Bài nhiều người sửa", r.tin)
	patches := []news.ArticlePatch{
		{Summary: ptr("Tóm tắt.")}, {Author: ptr("Phòng Quản lý công nghệ")}, {Tags: ptr([]string{"Công nghệ"})},
		{Featured: ptr(true)}, {Lang: ptr("en")}, {BodyHTML: ptr("<p>Nội dung mới.</p>")},
	}
	var wg sync.WaitGroup
	for _, p := range patches {
		wg.Go(func() {
			_, err := r.nr.PatchArticle(ctx, r.editor, a.ID, p)
			assert.NoError(t, err, "a patch without a base meets a concurrent save")
		})
	}
	wg.Wait()
	got, err := r.nr.Article(ctx, r.editor, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "Tóm tắt.", got.Summary)
	assert.Equal(t, "Phòng Quản lý công nghệ", got.Author)
	assert.Equal(t, []string{"Công nghệ"}, got.Tags)
	assert.True(t, got.Featured)
	assert.Equal(t, "en", got.Lang)
	assert.Equal(t, "<p>Nội dung mới.</p>", got.Body)
	assert.Equal(t, 1+len(patches), got.Revision, "one revision each, none rejected")
}

func TestPatchStaleKeepsTheRejectedChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a := r.draft(t, r.contributor, "Hội nghị khoa học trẻ", r.tin)
	// Two people open revision 1; the editor saves first.
	_, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: 1, Title: ptr("Hội nghị khoa học trẻ lần thứ X")})
	require.NoError(t, err)
	_, err = r.nr.PatchArticle(ctx, r.contributor, a.ID, news.ArticlePatch{Base: 1, Summary: ptr("Tóm tắt của phóng viên."),
		Note: "thêm tóm tắt"})
	var se *news.StaleError
	require.ErrorAs(t, err, &se)
	assert.ErrorIs(t, err, news.ErrConflict)
	assert.Equal(t, 1, se.Base)
	require.NotNil(t, se.Current)
	assert.Equal(t, 2, se.Current.Number)
	assert.Equal(t, "Biên tập Minh", se.Current.ActorName)
	assert.Nil(t, se.Current.Snapshot)
	assert.Equal(t, 3, se.Kept)

	cur, err := r.nr.Article(ctx, r.contributor, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "Hội nghị khoa học trẻ lần thứ X", cur.Title, "the first save stands")
	assert.NotEqual(t, "Tóm tắt của phóng viên.", cur.Summary)
	assert.Equal(t, 2, cur.Revision)

	kept, err := r.nr.Revision(ctx, r.contributor, a.ID, 3)
	require.NoError(t, err)
	assert.True(t, kept.Rejected)
	assert.Equal(t, news.ActionConflict, kept.Action)
	assert.Equal(t, 1, kept.Base)
	assert.Equal(t, "thêm tóm tắt", kept.Note)
	assert.Equal(t, "Tóm tắt của phóng viên.", kept.Snapshot.Summary, "the rejected change is kept")
	assert.Equal(t, "Hội nghị khoa học trẻ lần thứ X", kept.Snapshot.Title, "the fields it did not change are the current ones")

	// The next save, on revision 2, is numbered 4.
	d, err := r.nr.PatchArticle(ctx, r.contributor, a.ID, news.ArticlePatch{Base: 2, Summary: ptr("Tóm tắt của phóng viên.")})
	require.NoError(t, err)
	assert.Equal(t, 4, d.Revision)
	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionConflict})
	require.NoError(t, err)
	require.Len(t, log.Entries, 1)
	assert.Equal(t, news.OutcomeFailure, log.Entries[0].Outcome)
}

func TestRestoreRevisionAndDiff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a := r.draft(t, r.editor, "Hội chợ công nghệ", r.tin)
	_, err := r.nr.PatchArticle(ctx, r.editor, a.ID, news.ArticlePatch{Base: 1, Title: ptr("Hội chợ công nghệ và thiết bị"),
		BodyHTML: ptr("<p>Hơn 150 gian hàng.</p><p>Khai mạc sáng thứ Hai.</p>")})
	require.NoError(t, err)
	d, err := r.nr.Diff(ctx, r.editor, a.ID, 1, 2)
	require.NoError(t, err)
	assert.Equal(t, []news.DiffOp{{Kind: news.DiffEqual, Text: "Hội chợ công "}, {Kind: news.DiffDelete, Text: "nghệ"},
		{Kind: news.DiffInsert, Text: "nghệ và thiết bị"}}, d.Title)
	_, to := sides(d.Body)
	assert.Equal(t, "Hơn 150 gian hàng.\nKhai mạc sáng thứ Hai.", to)
	_, err = r.nr.Diff(ctx, r.editor, a.ID, 1, 9)
	assert.ErrorIs(t, err, news.ErrNotFound)

	_, err = r.nr.RestoreRevision(ctx, r.editor, a.ID, 1, 1)
	var se *news.StaleError
	assert.ErrorAs(t, err, &se, "restore on a stale revision")
	b, err := r.nr.RestoreRevision(ctx, r.editor, a.ID, 1, 2)
	require.NoError(t, err)
	assert.Equal(t, a.Title, b.Title)
	assert.Equal(t, a.Body, b.Body)
	assert.Equal(t, 3, b.Revision)
	rev, err := r.nr.Revision(ctx, r.editor, a.ID, 3)
	require.NoError(t, err)
	assert.Equal(t, news.ActionRestore, rev.Action)
	assert.Equal(t, 1, rev.RestoredFrom)
	d, err = r.nr.Diff(ctx, r.editor, a.ID, 1, 3)
	require.NoError(t, err)
	assert.Equal(t, []news.DiffOp{{Kind: news.DiffEqual, Text: "Hội chợ công nghệ"}}, d.Title, "restored as it was")
	_, err = r.nr.RestoreRevision(ctx, r.editor, a.ID, 7, 0)
	assert.ErrorIs(t, err, news.ErrNotFound)
	_, err = r.nr.RestoreRevision(ctx, r.contributor, a.ID, 1, 0)
	assert.ErrorIs(t, err, news.ErrNotFound, "a contributor restores another's article")

	// An admin moves the article out of the editor's scope and back; the
	// editor may not restore the revision in the other category.
	moved, err := r.nr.PatchArticle(ctx, r.admin, a.ID, news.ArticlePatch{CategoryID: &r.vanBan.ID})
	require.NoError(t, err)
	moved, err = r.nr.PatchArticle(ctx, r.admin, a.ID, news.ArticlePatch{Base: moved.Revision, CategoryID: &r.tin.ID})
	require.NoError(t, err)
	_, err = r.nr.RestoreRevision(ctx, r.editor, a.ID, moved.Revision-1, moved.Revision)
	assert.ErrorIs(t, err, news.ErrForbidden, "restoring a category outside the scope")
}

func TestNewsroomLeavesPublicCachesHot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	key := r.state(t)
	a := r.draft(t, r.contributor, "Bài đang viết", r.tin)
	for i := range 20 {
		var err error
		a, err = r.nr.PatchArticle(ctx, r.contributor, a.ID, news.ArticlePatch{Base: a.Revision, Autosave: true,
			BodyHTML: ptr("<p>Đoạn " + strings.Repeat("mới ", i+1) + "</p>")})
		require.NoError(t, err)
		r.clock.Add(time.Second)
	}
	for _, step := range []news.TransitionInput{{Action: news.ActionSubmit}, {Action: news.ActionReturn, Comment: "Sửa lại."},
		{Action: news.ActionSubmit}, {Action: news.ActionSendForApproval}} {
		actor := r.editor
		if step.Action == news.ActionSubmit {
			actor = r.contributor
		}
		a = r.step(t, actor, a, step)
	}
	_, err := r.nr.SignIn(ctx, news.SignInInput{Username: "phongvien", Password: "sai mật khẩu rồi", Address: "203.0.113.99"})
	require.Error(t, err)
	r.signIn(t, "bientap")
	assert.Equal(t, key, r.state(t), "drafts, transitions before publishing, sign-ins and audit moved the public state")

	// Nothing unpublished leaks meanwhile.
	page, err := r.pub.Articles(ctx, news.Query{})
	require.NoError(t, err)
	assert.Empty(t, page.Articles)
	_, err = r.pub.ArticleBySlug(ctx, a.Slug)
	assert.ErrorIs(t, err, news.ErrNotFound)

	a = r.step(t, r.approver, a, news.TransitionInput{Action: news.ActionApprove})
	published := r.state(t)
	assert.NotEqual(t, key, published, "publishing moved the public state")
	_, err = r.nr.PatchArticle(ctx, r.approver, a.ID, news.ArticlePatch{Base: a.Revision, Title: ptr("Bài đã đăng, sửa tiêu đề")})
	require.NoError(t, err)
	assert.NotEqual(t, published, r.state(t), "an edit of a published article moved the public state")
}

func TestNewStatusesNeverPublic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	svc := news.NewService(r.store, &news.ServiceOptions{Now: r.clock.Now})
	for _, st := range news.Statuses() {
		if st == news.StatusPublished {
			continue
		}
		// Even dated in the past, as an import could write them.
		a := storeArticle(t, r.store, r.tin.ID, "bai-"+strings.ReplaceAll(string(st), "_", "-"), st, t0.Add(-time.Hour))
		_, err := r.pub.Article(ctx, a.ID)
		assert.ErrorIs(t, err, news.ErrNotFound, "Public.Article of a %s article", st)
		_, err = r.pub.ArticleBySlug(ctx, a.Slug)
		assert.ErrorIs(t, err, news.ErrNotFound, "Public.ArticleBySlug of a %s article", st)
		page, err := r.pub.Articles(ctx, news.Query{Status: st})
		require.NoError(t, err)
		assert.Empty(t, page.Articles, "Public.Articles with Status %s", st)
		same, err := r.pub.SameCategory(ctx, a, 10)
		require.NoError(t, err)
		assert.Empty(t, same)
	}
	_, err := svc.Publish(ctx, storeArticle(t, r.store, r.tin.ID, "bai-dang", news.StatusDraft, time.Time{}).ID)
	require.NoError(t, err)
	page, err := r.pub.Articles(ctx, news.Query{})
	require.NoError(t, err)
	assert.Equal(t, []string{"bai-dang"}, slugs(page.Articles), "only the published article is public")
}

// storeArticle writes an article straight to the store, as an import
// could, with the status and PublishAt.
func storeArticle(tb testing.TB, s news.Store, cat uuid.UUID, slug string, st news.Status, at time.Time) *news.Article {
	tb.Helper()
	a := &news.Article{ID: uuid.New(), Slug: slug, Title: "Bài " + slug, Body: "<p>Nội dung.</p>", CategoryID: cat,
		Lang: "vi", Status: st, PublishAt: at, CreatedAt: t0, UpdatedAt: t0}
	require.NoError(tb, s.CreateArticle(context.Background(), a))
	return a
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	s, err := r.nr.SignIn(ctx, news.SignInInput{Username: " PhongVien ", Password: password, Address: "198.51.100.7"})
	require.NoError(t, err, "usernames are folded")
	assert.True(t, strings.HasPrefix(s.Token, news.SessionTokenPrefix))
	assert.Equal(t, news.HashToken(s.Token), s.Session.Hash)
	assert.Equal(t, r.clock.Now().Add(news.DefaultSessionIdle).UTC(), s.Session.IdleExpiresAt)
	assert.Equal(t, r.clock.Now().Add(news.DefaultSessionLifetime).UTC(), s.Session.ExpiresAt)
	assert.Equal(t, "Phóng viên Lan", s.Actor.Name)
	assert.Equal(t, []uuid.UUID{r.tin.ID, r.thongBao.ID}, s.Actor.Categories)
	actor, err := r.nr.Authenticate(ctx, s.Token, "198.51.100.8")
	require.NoError(t, err)
	assert.Equal(t, r.contributor.AccountID, actor.AccountID)
	assert.Equal(t, "198.51.100.8", actor.Address)

	again, err := r.nr.SignIn(ctx, news.SignInInput{Username: "phongvien", Password: password})
	require.NoError(t, err)
	assert.NotEqual(t, s.Token, again.Token, "each sign-in makes a new session")

	// Unknown user, wrong password and disabled account fail alike.
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.approver.AccountID, news.AccountPatch{Disabled: ptr(true)})
	require.NoError(t, err)
	var msgs []string
	for _, in := range []news.SignInInput{
		{Username: "khongco", Password: password},
		{Username: "phongvien", Password: "Mùa thu Hà Nội 2025"},
		{Username: "lanhdao", Password: password},
	} {
		_, err := r.nr.SignIn(ctx, in)
		require.ErrorIs(t, err, news.ErrUnauthenticated, "SignIn(%q)", in.Username)
		msgs = append(msgs, err.Error())
	}
	assert.Equal(t, msgs[0], msgs[1])
	assert.Equal(t, msgs[0], msgs[2])

	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionSignIn, Outcome: news.OutcomeFailure})
	require.NoError(t, err)
	require.Len(t, log.Entries, 3)
	assert.Equal(t, news.ObjectUsername, log.Entries[2].ObjectType)
	assert.Equal(t, "khongco", log.Entries[2].ObjectID)
	for _, e := range log.Entries {
		assert.NotContains(t, e.Detail, "Mùa thu", "the audit log holds a password")
	}
	ok, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionSignIn, Outcome: news.OutcomeSuccess, ActorID: r.contributor.AccountID})
	require.NoError(t, err)
	assert.Len(t, ok.Entries, 3, "the contributor's sign-ins")

	for _, tok := range []string{"", "ons_giaMao", "ont_" + s.Token[4:], s.Token + "x"} {
		_, err := r.nr.Authenticate(ctx, tok, "")
		assert.ErrorIs(t, err, news.ErrUnauthenticated, "Authenticate(%q)", tok)
	}
}

func TestSignInThrottle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	first := r.clock.Now()
	for i := range news.DefaultMaxFailures {
		_, err := r.nr.SignIn(ctx, news.SignInInput{Username: "phongvien", Password: "đoán mò lần " + string(rune('A'+i)), Address: "198.51.100.1"})
		require.ErrorIs(t, err, news.ErrUnauthenticated, "failure %d", i+1)
		r.clock.Add(time.Minute)
	}
	// The right password, from another address: refused unchecked.
	_, err := r.nr.SignIn(ctx, news.SignInInput{Username: "phongvien", Password: password, Address: "198.51.100.2"})
	var te *news.ThrottledError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, news.ErrThrottled)
	assert.True(t, te.Until.Equal(first.Add(news.DefaultFailureWindow)), "Until = %s", te.Until)
	assert.Equal(t, 5*time.Minute, te.RetryAfter(r.clock.Now()))
	// Another account is not throttled from another address.
	_, err = r.nr.SignIn(ctx, news.SignInInput{Username: "bientap", Password: password, Address: "198.51.100.2"})
	require.NoError(t, err)

	r.clock.Add(5 * time.Minute)
	_, err = r.nr.SignIn(ctx, news.SignInInput{Username: "phongvien", Password: password, Address: "198.51.100.2"})
	require.NoError(t, err, "the oldest failure has left the window")

	// Per address: ten failures over several usernames.
	for i := range news.DefaultMaxFailures {
		_, err := r.nr.SignIn(ctx, news.SignInInput{Username: "nguoi" + string(rune('a'+i)), Password: "x", Address: "192.0.2.66"})
		require.ErrorIs(t, err, news.ErrUnauthenticated)
	}
	_, err = r.nr.SignIn(ctx, news.SignInInput{Username: "lanhdao", Password: password, Address: "192.0.2.66"})
	require.ErrorIs(t, err, news.ErrThrottled, "the address is throttled for every username")
	_, err = r.nr.SignIn(ctx, news.SignInInput{Username: "lanhdao", Password: password, Address: "192.0.2.67"})
	require.NoError(t, err)

	throttled, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Outcome: news.OutcomeThrottled})
	require.NoError(t, err)
	assert.Len(t, throttled.Entries, 2, "refusals are audited")
}

func TestSignInThrottleOptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, func(o *news.NewsroomOptions) { o.MaxFailures, o.FailureWindow = 2, time.Minute })
	for range 2 {
		_, err := r.nr.SignIn(ctx, news.SignInInput{Username: "bientap", Password: "sai"})
		require.ErrorIs(t, err, news.ErrUnauthenticated)
	}
	_, err := r.nr.SignIn(ctx, news.SignInInput{Username: "bientap", Password: password})
	require.ErrorIs(t, err, news.ErrThrottled)
	r.clock.Add(time.Minute)
	_, err = r.nr.SignIn(ctx, news.SignInInput{Username: "bientap", Password: password})
	require.NoError(t, err)
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	in := news.SignInInput{Username: "bientap", Password: password}

	t.Run("idle", func(t *testing.T) {
		s, err := r.nr.SignIn(ctx, in)
		require.NoError(t, err)
		r.clock.Add(news.DefaultSessionIdle - time.Second)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.NoError(t, err)
		r.clock.Add(news.DefaultSessionIdle - time.Second)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.NoError(t, err, "use moved the idle expiry")
		r.clock.Add(news.DefaultSessionIdle)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.ErrorIs(t, err, news.ErrUnauthenticated, "idle for the whole timeout")
		_, err = r.store.Session(ctx, s.Session.Hash)
		assert.ErrorIs(t, err, news.ErrNotFound, "an expired session is deleted")
	})
	t.Run("absolute", func(t *testing.T) {
		s, err := r.nr.SignIn(ctx, in)
		require.NoError(t, err)
		for used := time.Duration(0); used < news.DefaultSessionLifetime-time.Hour; used += time.Hour {
			r.clock.Add(time.Hour)
			_, err := r.nr.Authenticate(ctx, s.Token, "")
			require.NoError(t, err, "after %s", used+time.Hour)
		}
		r.clock.Add(time.Hour)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.ErrorIs(t, err, news.ErrUnauthenticated, "past the absolute lifetime, though in use")
	})
	t.Run("touches at most once a minute", func(t *testing.T) {
		s, err := r.nr.SignIn(ctx, in)
		require.NoError(t, err)
		r.clock.Add(30 * time.Second)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.NoError(t, err)
		got, err := r.store.Session(ctx, s.Session.Hash)
		require.NoError(t, err)
		assert.Equal(t, s.Session.LastSeen, got.LastSeen, "touched within a minute")
		r.clock.Add(31 * time.Second)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.NoError(t, err)
		got, err = r.store.Session(ctx, s.Session.Hash)
		require.NoError(t, err)
		assert.Equal(t, r.clock.Now().UTC(), got.LastSeen)
		assert.Equal(t, r.clock.Now().Add(news.DefaultSessionIdle).UTC(), got.IdleExpiresAt)
	})
	t.Run("own options", func(t *testing.T) {
		r := newRoom(t, func(o *news.NewsroomOptions) { o.SessionIdle, o.SessionLifetime = time.Hour, 90*time.Minute })
		s, err := r.nr.SignIn(ctx, in)
		require.NoError(t, err)
		r.clock.Add(59 * time.Minute)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.NoError(t, err)
		got, err := r.store.Session(ctx, s.Session.Hash)
		require.NoError(t, err)
		assert.Equal(t, got.ExpiresAt, got.IdleExpiresAt, "the idle expiry never passes the absolute one")
		r.clock.Add(30 * time.Minute)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.NoError(t, err)
		r.clock.Add(time.Minute)
		_, err = r.nr.Authenticate(ctx, s.Token, "")
		require.ErrorIs(t, err, news.ErrUnauthenticated)
	})
}

func TestSessionsEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	signIn := func(username string) string {
		s, err := r.nr.SignIn(ctx, news.SignInInput{Username: username, Password: password})
		require.NoError(t, err)
		return s.Token
	}
	live := func(token string) bool {
		_, err := r.nr.Authenticate(ctx, token, "")
		return err == nil
	}
	a, b, other := signIn("bientap"), signIn("bientap"), signIn("phongvien")

	require.NoError(t, r.nr.SignOut(ctx, a, "203.0.113.5"))
	assert.False(t, live(a), "signed out")
	assert.True(t, live(b), "the other session of the account")
	require.NoError(t, r.nr.SignOut(ctx, a, ""), "signing out twice")
	require.NoError(t, r.nr.SignOut(ctx, "ons_khongco", ""))

	_, err := r.nr.UpdateAccount(ctx, r.admin, r.editor.AccountID, news.AccountPatch{Disabled: ptr(true)})
	require.NoError(t, err)
	assert.False(t, live(b), "a disabled account's session")
	assert.True(t, live(other))
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.editor.AccountID, news.AccountPatch{Disabled: ptr(false)})
	require.NoError(t, err)
	assert.False(t, live(b), "sessions ended by disabling stay ended")

	c := signIn("bientap")
	err = r.nr.ChangePassword(ctx, r.editor, r.editor.AccountID, "sai", "Mật khẩu mới của tôi")
	assert.ErrorIs(t, err, news.ErrUnauthenticated, "a wrong current password")
	assert.True(t, live(c))
	require.NoError(t, r.nr.ChangePassword(ctx, r.editor, r.editor.AccountID, password, "Mật khẩu mới của tôi"))
	assert.False(t, live(c), "a password change ends every session")
	_, err = r.nr.SignIn(ctx, news.SignInInput{Username: "bientap", Password: "Mật khẩu mới của tôi"})
	require.NoError(t, err)

	err = r.nr.ChangePassword(ctx, r.admin, r.contributor.AccountID, "", "phongvien2027")
	assert.ErrorIs(t, err, news.ErrInvalid, "a password holding the username")
	require.NoError(t, r.nr.ChangePassword(ctx, r.admin, r.contributor.AccountID, "", "Mật khẩu do quản trị đặt"))
	assert.False(t, live(other), "an admin's reset ends the account's sessions")
	err = r.nr.ChangePassword(ctx, r.approver, r.contributor.AccountID, "", "Mật khẩu khác nữa")
	assert.ErrorIs(t, err, news.ErrNotFound, "another account's password, not an admin")

	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionSignOut})
	require.NoError(t, err)
	require.Len(t, log.Entries, 1)
	assert.Equal(t, "203.0.113.5", log.Entries[0].Address)
	assert.Equal(t, r.editor.AccountID, log.Entries[0].ActorID)
}

func TestTOTP_SignIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, func(o *news.NewsroomOptions) { o.RequireTOTP = []news.Role{news.RoleApprover} })
	assert.True(t, r.approver.NeedsTOTP, "an approver without a second factor")
	assert.False(t, r.editor.NeedsTOTP)
	_, err := r.nr.CreateArticle(ctx, r.approver, news.ArticleInput{Title: "Chưa được", CategoryID: r.tin.ID}, "")
	assert.ErrorIs(t, err, news.ErrForbidden, "acting before setting up the second factor")

	enrol, err := r.nr.BeginTOTP(ctx, r.approver)
	require.NoError(t, err)
	assert.Contains(t, enrol.URL, "otpauth://totp/orgnews:lanhdao?")
	err = r.nr.EnableTOTP(ctx, r.approver, enrol.Secret, "000000")
	assert.ErrorIs(t, err, news.ErrInvalid, "a wrong confirmation code")
	code, err := news.TOTPCode(enrol.Secret, r.clock.Now())
	require.NoError(t, err)
	require.NoError(t, r.nr.EnableTOTP(ctx, r.approver, enrol.Secret, code))

	in := news.SignInInput{Username: "lanhdao", Password: password}
	_, err = r.nr.SignIn(ctx, in)
	assert.ErrorIs(t, err, news.ErrTOTPRequired, "no code")
	in.Code = "123456"
	_, err = r.nr.SignIn(ctx, in)
	assert.ErrorIs(t, err, news.ErrTOTPRequired, "a wrong code")
	r.clock.Add(time.Minute)
	in.Code, err = news.TOTPCode(enrol.Secret, r.clock.Now())
	require.NoError(t, err)
	s, err := r.nr.SignIn(ctx, in)
	require.NoError(t, err)
	assert.False(t, s.Actor.NeedsTOTP)
	_, err = r.nr.CreateArticle(ctx, s.Actor, news.ArticleInput{Title: "Đã được", CategoryID: r.tin.ID}, "")
	assert.NoError(t, err)

	acc, err := r.nr.Account(ctx, s.Actor, s.Actor.AccountID)
	require.NoError(t, err)
	assert.Empty(t, acc.TOTPSecret, "the secret is shown")
	require.NoError(t, r.nr.DisableTOTP(ctx, r.admin, s.Actor.AccountID))
	in.Code = ""
	s, err = r.nr.SignIn(ctx, in)
	require.NoError(t, err)
	assert.True(t, s.Actor.NeedsTOTP)

	failures, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionSignIn, Outcome: news.OutcomeFailure})
	require.NoError(t, err)
	assert.Len(t, failures.Entries, 2, "missing and wrong codes count as failures")
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	nt, err := r.nr.CreateToken(ctx, r.editor, news.TokenInput{Name: "Đồng bộ cổng tỉnh", Role: news.RoleContributor})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(nt.Token, news.APITokenPrefix))
	assert.Equal(t, news.TokenHash{}, nt.Hash, "the hash is returned")
	assert.Equal(t, r.clock.Now().Add(news.DefaultTokenLifetime).UTC(), nt.ExpiresAt)
	stored, err := r.store.Token(ctx, nt.ID)
	require.NoError(t, err)
	assert.Equal(t, news.HashToken(nt.Token), stored.Hash, "the store keeps the hash")

	actor, err := r.nr.AuthenticateToken(ctx, nt.Token, "192.0.2.1")
	require.NoError(t, err)
	assert.Equal(t, news.RoleContributor, actor.Role, "the token's role")
	assert.Equal(t, nt.ID, actor.TokenID)
	assert.Equal(t, r.editor.AccountID, actor.AccountID)
	_, err = r.nr.CreateToken(ctx, actor, news.TokenInput{Name: "Từ mã"})
	assert.ErrorIs(t, err, news.ErrForbidden, "a token creates a token")
	_, err = r.nr.Authenticate(ctx, nt.Token, "")
	assert.ErrorIs(t, err, news.ErrUnauthenticated, "an API token as a session")

	tests := []struct {
		name string
		in   news.TokenInput
		want error
	}{
		{"role above the creator's", news.TokenInput{Name: "Cao hơn", Role: news.RoleApprover}, news.ErrForbidden},
		{"no name", news.TokenInput{}, news.ErrInvalid},
		{"unknown role", news.TokenInput{Name: "Lạ", Role: "root"}, news.ErrInvalid},
		{"expired already", news.TokenInput{Name: "Cũ", ExpiresAt: t0.Add(-time.Hour)}, news.ErrInvalid},
		{"too long", news.TokenInput{Name: "Lâu", ExpiresAt: t0.Add(2 * news.DefaultMaxTokenLifetime)}, news.ErrInvalid},
	}
	for _, tc := range tests {
		_, err := r.nr.CreateToken(ctx, r.editor, tc.in)
		assert.ErrorIs(t, err, tc.want, tc.name)
	}

	short, err := r.nr.CreateToken(ctx, r.editor, news.TokenInput{Name: "Ngắn hạn", ExpiresAt: t0.Add(time.Hour)})
	require.NoError(t, err)
	r.clock.Add(time.Hour)
	_, err = r.nr.AuthenticateToken(ctx, short.Token, "")
	assert.ErrorIs(t, err, news.ErrUnauthenticated, "an expired token")

	mine, err := r.nr.Tokens(ctx, r.editor)
	require.NoError(t, err)
	assert.Len(t, mine, 2)
	for _, tok := range mine {
		assert.Equal(t, news.TokenHash{}, tok.Hash)
	}
	none, err := r.nr.Tokens(ctx, r.contributor)
	require.NoError(t, err)
	assert.Empty(t, none)
	assert.ErrorIs(t, r.nr.RevokeToken(ctx, r.contributor, nt.ID), news.ErrNotFound, "revoking another's token")
	require.NoError(t, r.nr.RevokeToken(ctx, r.editor, nt.ID))
	_, err = r.nr.AuthenticateToken(ctx, nt.Token, "")
	assert.ErrorIs(t, err, news.ErrUnauthenticated, "a revoked token")

	// A token's role falls with its account's; a disabled account's tokens stop.
	high, err := r.nr.CreateToken(ctx, r.editor, news.TokenInput{Name: "Biên tập"})
	require.NoError(t, err)
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.editor.AccountID, news.AccountPatch{Role: ptr(news.RoleContributor)})
	require.NoError(t, err)
	actor, err = r.nr.AuthenticateToken(ctx, high.Token, "")
	require.NoError(t, err)
	assert.Equal(t, news.RoleContributor, actor.Role)
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.editor.AccountID, news.AccountPatch{Disabled: ptr(true)})
	require.NoError(t, err)
	_, err = r.nr.AuthenticateToken(ctx, high.Token, "")
	assert.ErrorIs(t, err, news.ErrUnauthenticated)

	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{ObjectType: news.ObjectToken})
	require.NoError(t, err)
	assert.Len(t, log.Entries, 4, "three creations and a revocation")
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	valid := news.AccountInput{Username: "ctv.hoa", DisplayName: "Cộng tác viên Hoà", Email: "hoa@skhcn.gov.vn",
		Role: news.RoleContributor, Categories: []uuid.UUID{r.khcn.ID}, Password: password}
	tests := []struct {
		name string
		edit func(in *news.AccountInput)
		want string // the error; "" for none
	}{
		{"valid", func(in *news.AccountInput) {}, ""},
		{"folded", func(in *news.AccountInput) { in.Username = "Ctv.Hoà" }, ""},
		{"taken after folding", func(in *news.AccountInput) { in.Username = "BIENTAP" }, `username "bientap" is taken`},
		{"short username", func(in *news.AccountInput) { in.Username = "ab" }, "username: not 3 to 64 characters"},
		{"username with space", func(in *news.AccountInput) { in.Username = "ctv hoa" }, "username: only letters a-z, digits, '.', '_' and '-'"},
		{"no display name", func(in *news.AccountInput) { in.DisplayName = " " }, "display_name: required"},
		{"bad email", func(in *news.AccountInput) { in.Email = "hoa at skhcn" }, "email: not an email address"},
		{"unknown role", func(in *news.AccountInput) { in.Role = "chief" }, "role: not one of contributor, editor, approver, admin"},
		{"unknown category", func(in *news.AccountInput) { in.Categories = []uuid.UUID{uuid.Nil} }, "categories[0]: unknown category"},
		{"short password", func(in *news.AccountInput) { in.Password = "ngan" }, "password: shorter than 10 characters"},
		{"password with the name", func(in *news.AccountInput) { in.Password = "cong tac vien hoa!" }, "password: contains the display name"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := valid
			in.Username = valid.Username + string(rune('a'+i))
			tc.edit(&in)
			a, err := r.nr.CreateAccount(ctx, r.admin, in)
			if tc.want == "" {
				require.NoError(t, err)
				assert.Equal(t, news.UsernameKey(in.Username), a.Username)
				assert.Empty(t, a.PasswordHash, "the hash is returned")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := r.nr.CreateAccount(ctx, r.editor, valid)
	assert.ErrorIs(t, err, news.ErrForbidden, "a non-admin creates an account")
	_, err = r.nr.Bootstrap(ctx, valid)
	assert.ErrorIs(t, err, news.ErrConflict, "bootstrap with accounts")

	list, err := r.nr.Accounts(ctx, r.admin)
	require.NoError(t, err)
	for _, a := range list {
		assert.Empty(t, a.PasswordHash)
	}
	_, err = r.nr.Accounts(ctx, r.approver)
	assert.ErrorIs(t, err, news.ErrForbidden)

	// Updates: one's own name and email; roles, scopes and disabling by an admin only.
	me, err := r.nr.UpdateAccount(ctx, r.editor, r.editor.AccountID, news.AccountPatch{DisplayName: ptr("Biên tập viên Minh")})
	require.NoError(t, err)
	assert.Equal(t, "Biên tập viên Minh", me.DisplayName)
	_, err = r.nr.UpdateAccount(ctx, r.editor, r.editor.AccountID, news.AccountPatch{Role: ptr(news.RoleAdmin)})
	assert.ErrorIs(t, err, news.ErrForbidden)
	_, err = r.nr.UpdateAccount(ctx, r.editor, r.approver.AccountID, news.AccountPatch{DisplayName: ptr("Khác")})
	assert.ErrorIs(t, err, news.ErrNotFound)
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.admin.AccountID, news.AccountPatch{Disabled: ptr(true)})
	assert.ErrorIs(t, err, news.ErrForbidden, "an admin disables themselves")
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.admin.AccountID, news.AccountPatch{Role: ptr(news.RoleEditor)})
	assert.ErrorIs(t, err, news.ErrForbidden, "an admin demotes themselves")
	_, err = r.nr.UpdateAccount(ctx, r.admin, r.editor.AccountID, news.AccountPatch{Email: ptr("khong-hop-le")})
	assert.ErrorIs(t, err, news.ErrInvalid)
	upd, err := r.nr.UpdateAccount(ctx, r.admin, r.editor.AccountID, news.AccountPatch{Categories: ptr([]uuid.UUID{r.tin.ID, r.vanBan.ID})})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{r.tin.ID, r.vanBan.ID}, upd.Categories)
	s, err := r.nr.SignIn(ctx, news.SignInInput{Username: "bientap", Password: password})
	require.NoError(t, err)
	assert.Equal(t, upd.Categories, s.Actor.Categories, "a new scope applies at the next request")

	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionAccountUpdate})
	require.NoError(t, err)
	require.Len(t, log.Entries, 2)
	assert.Equal(t, "categories", log.Entries[0].Detail)
}

func TestAuditAccess(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	r.draft(t, r.contributor, "Bài cho nhật ký", r.tin)
	_, err := r.nr.Audit(ctx, r.approver, news.AuditFilter{})
	assert.ErrorIs(t, err, news.ErrForbidden)
	assert.ErrorIs(t, r.nr.ExportAudit(ctx, r.editor, &bytes.Buffer{}, news.AuditFilter{}), news.ErrForbidden)

	var buf bytes.Buffer
	require.NoError(t, r.nr.ExportAudit(ctx, r.admin, &buf, news.AuditFilter{Limit: 1}))
	exported := buf.String()
	sc := bufio.NewScanner(strings.NewReader(exported))
	var seqs []int64
	for sc.Scan() {
		var e news.AuditEntry
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e), "line %q", sc.Text())
		seqs = append(seqs, e.Seq)
	}
	page, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Limit: news.MaxLimit})
	require.NoError(t, err)
	require.Len(t, seqs, len(page.Entries), "every entry, past Limit")
	for i, e := range page.Entries {
		assert.Equal(t, e.Seq, seqs[i])
	}
	// Bootstrap, four categories, three accounts, four sign-ins, one article.
	assert.Len(t, seqs, 13)
	var line map[string]any
	first, _, _ := strings.Cut(exported, "\n")
	require.NoError(t, json.Unmarshal([]byte(first), &line))
	for _, key := range []string{"seq", "at", "actor_id", "actor_name", "address", "action", "object_type", "object_id", "outcome"} {
		assert.Contains(t, line, key)
	}
}

func TestNewsroomCategories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	_, err := r.nr.CreateCategory(ctx, r.approver, news.CategoryInput{Name: "Không được"})
	assert.ErrorIs(t, err, news.ErrForbidden)
	c, err := r.nr.UpdateCategory(ctx, r.admin, r.vanBan.ID, news.CategoryPatch{Name: ptr("Văn bản pháp quy"), Position: ptr(3)})
	require.NoError(t, err)
	assert.Equal(t, "Văn bản pháp quy", c.Name)
	assert.Equal(t, r.vanBan.Slug, c.Slug, "the slug is kept")
	assert.Equal(t, 3, c.Position)
	assert.Equal(t, r.vanBan.Description, c.Description)
	_, err = r.nr.UpdateCategory(ctx, r.admin, uuid.New(), news.CategoryPatch{Name: ptr("Không có")})
	assert.ErrorIs(t, err, news.ErrNotFound)
	_, err = r.nr.UpdateCategory(ctx, r.editor, r.vanBan.ID, news.CategoryPatch{})
	assert.ErrorIs(t, err, news.ErrForbidden)
	cats, err := r.nr.Categories(ctx, r.contributor)
	require.NoError(t, err)
	assert.Len(t, cats, 4)
	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{ObjectType: news.ObjectCategory})
	require.NoError(t, err)
	require.Len(t, log.Entries, 5)
	assert.Equal(t, "name, position", log.Entries[0].Detail)
}

func TestDeleteArticle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	a := r.draft(t, r.contributor, "Bài sẽ xoá", r.tin)
	var se *news.StaleError
	require.ErrorAs(t, r.nr.DeleteArticle(ctx, r.contributor, a.ID, 7), &se)
	require.NoError(t, r.nr.DeleteArticle(ctx, r.contributor, a.ID, 1))
	_, err := r.nr.Article(ctx, r.admin, a.ID)
	assert.ErrorIs(t, err, news.ErrNotFound)
	p := r.step(t, r.approver, r.draft(t, r.approver, "Bài đã đăng", r.tin), news.TransitionInput{Action: news.ActionPublish})
	assert.ErrorIs(t, r.nr.DeleteArticle(ctx, r.approver, p.ID, 0), news.ErrForbidden, "an approver deletes a published article")
	require.NoError(t, r.nr.DeleteArticle(ctx, r.admin, p.ID, 0))
	log, err := r.nr.Audit(ctx, r.admin, news.AuditFilter{Action: news.ActionDelete})
	require.NoError(t, err)
	assert.Len(t, log.Entries, 2)
}
