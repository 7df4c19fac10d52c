package storetest

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newsroomTests are the sub-tests of news.NewsroomStore; each is skipped
// for a store that is not one.
var newsroomTests = []struct {
	name string
	fn   func(f *fixture)
}{
	{"NewsroomArticleFields", needsNewsroom(testNewsroomArticleFields)},
	{"NewsroomQueryScope", needsNewsroom(testNewsroomQueryScope)},
	{"PublicVersion", needsNewsroom(testPublicVersion)},
	{"SaveArticle", needsNewsroom(testSaveArticle)},
	{"SaveArticleAtomic", needsNewsroom(testSaveArticleAtomic)},
	{"RemoveArticle", needsNewsroom(testRemoveArticle)},
	{"SaveCategory", needsNewsroom(testSaveCategory)},
	{"Tags", needsNewsroom(testTags)},
	{"Accounts", needsNewsroom(testAccounts)},
	{"Sessions", needsNewsroom(testSessions)},
	{"Tokens", needsNewsroom(testTokens)},
	{"AuditAppendOnly", needsNewsroom(testAuditAppend)},
	{"AuditFilters", needsNewsroom(testAuditFilters)},
	{"AuditPaging", needsNewsroom(testAuditPaging)},
}

// A newsroomFixture is a fixture whose store is a news.NewsroomStore.
type newsroomFixture struct {
	*fixture
	ns news.NewsroomStore
}

// needsNewsroom adapts a newsroom sub-test to the fixture, skipping it when the
// store is not a news.NewsroomStore.
func needsNewsroom(fn func(f *newsroomFixture)) func(f *fixture) {
	return func(f *fixture) {
		ns, ok := f.s.(news.NewsroomStore)
		if !ok {
			f.t.Skipf("%T is not a news.NewsroomStore", f.s)
		}
		fn(&newsroomFixture{fixture: f, ns: ns})
	}
}

// NewAccount returns an account with a new random ID, the username and
// role, a display name made from the username, an email at so.gov.vn, a
// placeholder password hash, and CreatedAt and UpdatedAt at 1 July 2025
// 08:30 UTC (with microseconds).
func NewAccount(username string, role news.Role) *news.Account {
	return &news.Account{
		ID:           uuid.New(),
		Username:     username,
		DisplayName:  "Cán bộ " + username,
		Email:        username + "@so.gov.vn",
		Role:         role,
		PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		CreatedAt:    base,
		UpdatedAt:    base,
	}
}

// entry returns an audit entry of the action on the object, at base plus
// n minutes.
func entry(n int, action news.Action, objType, objID string) *news.AuditEntry {
	return &news.AuditEntry{At: base.Add(time.Duration(n) * time.Minute), ActorName: "Văn thư",
		Address: "203.0.113.7", Action: action, ObjectType: objType, ObjectID: objID, Outcome: news.OutcomeSuccess}
}

// revision returns revision of the article a (its snapshot, made by the
// action) as a store is given it.
func revision(a *news.Article, action news.Action, base int) *news.Revision {
	return &news.Revision{ArticleID: a.ID, ActorID: a.OwnerID, ActorName: "Phóng viên", At: a.UpdatedAt,
		Action: action, Status: a.Status, Base: base, Note: "lưu " + string(action), Snapshot: news.SnapshotOf(a)}
}

// publicVersion returns the store's public version.
func (f *newsroomFixture) publicVersion() int64 {
	f.t.Helper()
	v, err := f.ns.PublicVersion(f.ctx)
	require.NoError(f.t, err, "PublicVersion")
	return v
}

// auditLog returns every audit entry, newest first.
func (f *newsroomFixture) auditLog() []*news.AuditEntry {
	f.t.Helper()
	var out []*news.AuditEntry
	filter := news.AuditFilter{Limit: news.MaxLimit}
	for {
		p, err := f.ns.Audit(f.ctx, filter)
		require.NoError(f.t, err, "Audit")
		out = append(out, p.Entries...)
		if p.Next == "" {
			return out
		}
		filter.Cursor = p.Next
	}
}

func testNewsroomArticleFields(f *newsroomFixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	a := NewArticle(cat.ID, "ban-nhap", "Bản nháp của phóng viên", time.Time{})
	a.Status, a.OwnerID, a.Revision = news.StatusSubmitted, uuid.New(), 7
	f.createArticle(a)
	assert.Empty(f.t, diffArticle(f.article(a.ID), a), "OwnerID and Revision round-trip through CreateArticle")
	for _, st := range news.Statuses() {
		a.Status = st
		f.updateArticle(a)
		assert.Empty(f.t, diffArticle(f.article(a.ID), a), "status %s round-trips", st)
	}
}

func testNewsroomQueryScope(f *newsroomFixture) {
	tin := f.category("tin-tuc", "Tin tức", uuid.Nil)
	khcn := f.category("khoa-hoc", "Khoa học", tin.ID)
	tb := f.category("thong-bao", "Thông báo", uuid.Nil)
	other := f.category("van-ban", "Văn bản", uuid.Nil)
	me, you := uuid.New(), uuid.New()
	add := func(slug string, cat uuid.UUID, owner uuid.UUID, h int) {
		a := NewArticle(cat, slug, "Bài "+slug, hour(h))
		a.OwnerID = owner
		f.createArticle(a)
	}
	add("a-tin", tin.ID, me, 1)
	add("b-khcn", khcn.ID, you, 2)
	add("c-tb", tb.ID, me, 3)
	add("d-vb", other.ID, you, 4)
	add("e-khcn", khcn.ID, me, 5)
	add("f-chuong-trinh", tb.ID, uuid.Nil, 6)
	tests := []struct {
		name string
		q    news.Query
		want []string
	}{
		{"owner", news.Query{OwnerID: me}, []string{"e-khcn", "c-tb", "a-tin"}},
		{"other owner", news.Query{OwnerID: you}, []string{"d-vb", "b-khcn"}},
		{"unknown owner", news.Query{OwnerID: uuid.New()}, nil},
		{"scope with descendants", news.Query{Categories: []uuid.UUID{tin.ID}}, []string{"e-khcn", "b-khcn", "a-tin"}},
		{"scope of two", news.Query{Categories: []uuid.UUID{khcn.ID, tb.ID}}, []string{"f-chuong-trinh", "e-khcn", "c-tb", "b-khcn"}},
		{"scope and category", news.Query{Categories: []uuid.UUID{tin.ID, tb.ID}, CategoryID: khcn.ID}, []string{"e-khcn", "b-khcn"}},
		{"scope and category outside it", news.Query{Categories: []uuid.UUID{tb.ID}, CategoryID: khcn.ID}, nil},
		{"scope and owner", news.Query{Categories: []uuid.UUID{tin.ID}, OwnerID: me}, []string{"e-khcn", "a-tin"}},
		{"unknown scope", news.Query{Categories: []uuid.UUID{uuid.New()}}, nil},
	}
	for _, tc := range tests {
		f.expectList(tc.q, 2, tc.want)
	}
}

func testPublicVersion(f *newsroomFixture) {
	pv := f.publicVersion()
	moves := func(what string, err error) {
		f.t.Helper()
		require.NoError(f.t, err, what)
		next := f.publicVersion()
		assert.Greater(f.t, next, pv, "PublicVersion after %s", what)
		pv = next
	}
	stays := func(what string, err error) {
		f.t.Helper()
		require.NoError(f.t, err, what)
		assert.Equal(f.t, pv, f.publicVersion(), "PublicVersion after %s", what)
	}
	cat := NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	moves("CreateCategory", f.s.CreateCategory(f.ctx, cat))
	cat.Description = "Tin hoạt động của Sở."
	moves("UpdateCategory", f.s.UpdateCategory(f.ctx, cat))

	draft := NewArticle(cat.ID, "ban-nhap", "Bản nháp", time.Time{})
	draft.Status = news.StatusDraft
	v := f.version()
	stays("CreateArticle(draft)", f.s.CreateArticle(f.ctx, draft))
	v = f.expectNewVersion("CreateArticle(draft)", v)
	draft.Body = "<p>Thêm một đoạn.</p>"
	stays("UpdateArticle(draft)", f.s.UpdateArticle(f.ctx, draft))
	f.expectNewVersion("UpdateArticle(draft)", v)
	for _, st := range []news.Status{news.StatusSubmitted, news.StatusAwaitingApproval, news.StatusReturned, news.StatusArchived} {
		draft.Status = st
		stays("UpdateArticle("+string(st)+")", f.s.UpdateArticle(f.ctx, draft))
	}
	draft.Status = news.StatusDraft
	stays("UpdateArticle(back to draft)", f.s.UpdateArticle(f.ctx, draft))
	rev := revision(draft, news.ActionEdit, 0)
	stays("SaveArticle(draft)", f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: draft, Base: draft.Revision, Revision: rev,
		Audit: entry(1, news.ActionEdit, news.ObjectArticle, draft.ID.String())}))
	stays("AddRevision", f.ns.AddRevision(f.ctx, revision(draft, news.ActionConflict, 0), nil))

	draft.Status, draft.PublishAt = news.StatusPublished, hour(1)
	moves("UpdateArticle(publish)", f.s.UpdateArticle(f.ctx, draft))
	draft.Title = "Tin đã đăng, sửa tiêu đề"
	moves("UpdateArticle(published)", f.s.UpdateArticle(f.ctx, draft))
	draft.Status = news.StatusDraft
	moves("UpdateArticle(unpublish)", f.s.UpdateArticle(f.ctx, draft))

	scheduled := NewArticle(cat.ID, "hen-gio", "Tin hẹn giờ", hour(1000))
	moves("CreateArticle(scheduled)", f.s.CreateArticle(f.ctx, scheduled))
	scheduled.PublishAt = hour(2000)
	moves("SaveArticle(scheduled)", f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: scheduled, Base: scheduled.Revision,
		Revision: revision(scheduled, news.ActionSchedule, 0)}))
	moves("DeleteArticle(scheduled)", f.s.DeleteArticle(f.ctx, scheduled.ID))
	stays("DeleteArticle(draft)", f.s.DeleteArticle(f.ctx, draft.ID))
	moves("Import", f.s.Import(f.ctx, &news.Batch{Articles: []*news.Article{NewArticle(cat.ID, "nhap", "Bài nhập", hour(2))}}))

	acc := NewAccount("bientap", news.RoleEditor)
	stays("CreateAccount", f.ns.CreateAccount(f.ctx, acc, entry(2, news.ActionAccountCreate, news.ObjectAccount, acc.ID.String())))
	acc.DisplayName = "Biên tập viên"
	stays("UpdateAccount", f.ns.UpdateAccount(f.ctx, acc, true, nil))
	ses := &news.Session{Hash: news.HashToken("phien"), AccountID: acc.ID, CreatedAt: base, LastSeen: base,
		IdleExpiresAt: hour(2), ExpiresAt: hour(12)}
	stays("CreateSession", f.ns.CreateSession(f.ctx, ses, nil))
	stays("TouchSession", f.ns.TouchSession(f.ctx, ses.Hash, hour(1), hour(3)))
	stays("DeleteSession", f.ns.DeleteSession(f.ctx, ses.Hash, nil))
	tok := &news.APIToken{ID: uuid.New(), Hash: news.HashToken("ma"), Name: "Đồng bộ", AccountID: acc.ID,
		Role: news.RoleEditor, CreatedAt: base, ExpiresAt: hour(100)}
	stays("CreateToken", f.ns.CreateToken(f.ctx, tok, nil))
	stays("TouchToken", f.ns.TouchToken(f.ctx, tok.ID, hour(1)))
	stays("DeleteToken", f.ns.DeleteToken(f.ctx, tok.ID, nil))
	stays("AppendAudit", f.ns.AppendAudit(f.ctx, entry(3, news.ActionSignIn, news.ObjectUsername, "bientap")))

	f.expectErr("CreateCategory(taken slug)", f.s.CreateCategory(f.ctx, NewCategory("tin-tuc", "Trùng", uuid.Nil)), news.ErrConflict)
	assert.Equal(f.t, pv, f.publicVersion(), "PublicVersion after a failed write")
}

func testSaveArticle(f *newsroomFixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	a := NewArticle(cat.ID, "hoi-thao", "Hội thảo chuyển đổi số", time.Time{})
	a.Status, a.OwnerID = news.StatusDraft, uuid.New()
	r1 := revision(a, news.ActionCreate, 0)
	e1 := entry(1, news.ActionCreate, news.ObjectArticle, a.ID.String())
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: a, Create: true, Revision: r1, Audit: e1}))
	assert.Equal(f.t, 1, r1.Number, "first revision number")
	assert.Equal(f.t, 1, a.Revision, "Article.Revision after the first save")
	assert.Positive(f.t, e1.Seq, "audit Seq set")
	assert.Empty(f.t, diffArticle(f.article(a.ID), a))

	a.Title, a.UpdatedAt = "Hội thảo chuyển đổi số năm 2025", hour(1)
	r2 := revision(a, news.ActionEdit, 1)
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: a, Base: 1, Revision: r2}))
	assert.Equal(f.t, 2, r2.Number)
	assert.Equal(f.t, 2, f.article(a.ID).Revision)

	// A save on revision 1 is stale: nothing changes.
	stale := f.article(a.ID)
	stale.Title = "Tiêu đề cũ"
	err := f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: stale, Base: 1, Revision: revision(stale, news.ActionEdit, 1),
		Audit: entry(2, news.ActionEdit, news.ObjectArticle, a.ID.String())})
	var se *news.StaleError
	require.ErrorAs(f.t, err, &se, "SaveArticle on a stale base")
	assert.ErrorIs(f.t, err, news.ErrConflict)
	assert.Equal(f.t, 1, se.Base)
	assert.Equal(f.t, "Hội thảo chuyển đổi số năm 2025", f.article(a.ID).Title, "a stale save changed the article")
	assert.Len(f.t, f.auditLog(), 1, "a stale save appended its audit entry")

	// The rejected change is kept as revision 3; the article stays at 2.
	rej := revision(stale, news.ActionConflict, 1)
	rej.Rejected = true
	require.NoError(f.t, f.ns.AddRevision(f.ctx, rej, entry(3, news.ActionConflict, news.ObjectArticle, a.ID.String())))
	assert.Equal(f.t, 3, rej.Number)
	assert.Equal(f.t, 2, f.article(a.ID).Revision)
	r4 := revision(a, news.ActionEdit, 2)
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: a, Base: 2, Revision: r4}))
	assert.Equal(f.t, 4, r4.Number, "numbers count rejected revisions too")

	list, err := f.ns.Revisions(f.ctx, a.ID)
	require.NoError(f.t, err)
	require.Len(f.t, list, 4)
	for i, r := range list {
		assert.Equal(f.t, i+1, r.Number, "Revisions order")
		assert.Nil(f.t, r.Snapshot, "Revisions leaves out snapshots")
		assert.Equal(f.t, a.ID, r.ArticleID)
		assert.Equal(f.t, time.UTC, r.At.Location())
	}
	assert.True(f.t, list[2].Rejected)
	assert.Equal(f.t, news.ActionConflict, list[2].Action)
	got, err := f.ns.Revision(f.ctx, a.ID, 1)
	require.NoError(f.t, err)
	assert.Equal(f.t, r1, got, "Revision(1) round-trips with its snapshot")
	got, err = f.ns.Revision(f.ctx, a.ID, 3)
	require.NoError(f.t, err)
	assert.Equal(f.t, "Tiêu đề cũ", got.Snapshot.Title)
	got.Snapshot.Title = "đổi bản sao"
	again, err := f.ns.Revision(f.ctx, a.ID, 3)
	require.NoError(f.t, err)
	assert.Equal(f.t, "Tiêu đề cũ", again.Snapshot.Title, "Revision returns a copy")

	for _, n := range []int{0, 5, -1} {
		_, err := f.ns.Revision(f.ctx, a.ID, n)
		assert.ErrorIs(f.t, err, news.ErrNotFound, "Revision(%d)", n)
	}
	none, err := f.ns.Revisions(f.ctx, uuid.New())
	require.NoError(f.t, err)
	assert.Empty(f.t, none)
	assert.ErrorIs(f.t, f.ns.AddRevision(f.ctx, &news.Revision{ArticleID: uuid.New()}, nil), news.ErrNotFound)
	missing := NewArticle(cat.ID, "khong-co", "Không có", time.Time{})
	assert.ErrorIs(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: missing, Revision: revision(missing, news.ActionEdit, 0)}),
		news.ErrNotFound, "SaveArticle replacing an unknown article")

	// A snapshot with every field round-trips.
	full := NewArticle(cat.ID, "day-du", "Đầy đủ", hour(3))
	full.Status = news.StatusDraft
	full.Summary, full.Tags, full.Featured, full.Lang = "Tóm tắt.", []string{"Chuyển đổi số", "Hội thảo"}, true, "en"
	full.Cover = &news.Image{URL: "/anh/a.jpg", Alt: "Ảnh", Caption: "Chú thích", Width: 1200, Height: 800, Type: "image/jpeg", Size: 1000}
	full.Attachments = []news.Attachment{{URL: "/tep/qd.pdf", Title: "Quyết định", Type: "application/pdf", Size: 2048}}
	rf := revision(full, news.ActionCreate, 0)
	rf.ActorID = uuid.New()
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: full, Create: true, Revision: rf}))
	got, err = f.ns.Revision(f.ctx, full.ID, 1)
	require.NoError(f.t, err)
	assert.Equal(f.t, rf, got)
	assert.Equal(f.t, time.UTC, got.Snapshot.PublishAt.Location())
}

func testSaveArticleAtomic(f *newsroomFixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	holder := f.createArticle(NewArticle(cat.ID, "da-co", "Đã có", hour(1)))
	a := NewArticle(cat.ID, "moi", "Bài mới", time.Time{})
	a.Status = news.StatusDraft
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: a, Create: true, Revision: revision(a, news.ActionCreate, 0)}))
	v, pv, audit := f.version(), f.publicVersion(), len(f.auditLog())

	taken := a.Clone()
	taken.Slug = holder.Slug
	err := f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: taken, Base: 1, Revision: revision(taken, news.ActionEdit, 1),
		Audit: entry(1, news.ActionEdit, news.ObjectArticle, a.ID.String())})
	require.ErrorIs(f.t, err, news.ErrConflict, "SaveArticle with a taken slug")
	dup := holder.Clone()
	err = f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: dup, Create: true, Revision: revision(dup, news.ActionCreate, 0),
		Audit: entry(2, news.ActionCreate, news.ObjectArticle, dup.ID.String())})
	require.ErrorIs(f.t, err, news.ErrConflict, "SaveArticle creating a taken ID")

	assert.Empty(f.t, diffArticle(f.article(a.ID), a), "a failed save changed the article")
	revs, err := f.ns.Revisions(f.ctx, a.ID)
	require.NoError(f.t, err)
	assert.Len(f.t, revs, 1, "a failed save added a revision")
	revs, err = f.ns.Revisions(f.ctx, holder.ID)
	require.NoError(f.t, err)
	assert.Empty(f.t, revs, "a failed create added a revision to the other article")
	assert.Len(f.t, f.auditLog(), audit, "a failed save appended its audit entry")
	f.expectVersion("failed saves", v)
	assert.Equal(f.t, pv, f.publicVersion())
	for _, w := range []*news.ArticleSave{nil, {Revision: &news.Revision{}}, {Article: a.Clone()}} {
		assert.ErrorIs(f.t, f.ns.SaveArticle(f.ctx, w), news.ErrInvalid, "SaveArticle(%+v)", w)
	}
}

func testRemoveArticle(f *newsroomFixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	a := NewArticle(cat.ID, "xoa", "Bài sẽ xoá", time.Time{})
	a.Status = news.StatusDraft
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: a, Create: true, Revision: revision(a, news.ActionCreate, 0)}))
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: a, Base: 1, Revision: revision(a, news.ActionEdit, 1)}))

	var se *news.StaleError
	require.ErrorAs(f.t, f.ns.RemoveArticle(f.ctx, a.ID, 1, entry(1, news.ActionDelete, news.ObjectArticle, a.ID.String())), &se)
	f.article(a.ID)
	assert.Empty(f.t, f.auditLog())

	e := entry(2, news.ActionDelete, news.ObjectArticle, a.ID.String())
	require.NoError(f.t, f.ns.RemoveArticle(f.ctx, a.ID, 2, e))
	_, err := f.s.Article(f.ctx, a.ID)
	assert.ErrorIs(f.t, err, news.ErrNotFound)
	revs, err := f.ns.Revisions(f.ctx, a.ID)
	require.NoError(f.t, err)
	assert.Empty(f.t, revs, "revisions of a removed article")
	_, err = f.ns.Revision(f.ctx, a.ID, 1)
	assert.ErrorIs(f.t, err, news.ErrNotFound)
	assert.Equal(f.t, []*news.AuditEntry{e}, f.auditLog())
	assert.ErrorIs(f.t, f.ns.RemoveArticle(f.ctx, a.ID, 0, nil), news.ErrNotFound)

	// Store.DeleteArticle deletes revisions too, and base 0 skips the check.
	b := NewArticle(cat.ID, "xoa-2", "Bài xoá thẳng", time.Time{})
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: b, Create: true, Revision: revision(b, news.ActionCreate, 0)}))
	require.NoError(f.t, f.s.DeleteArticle(f.ctx, b.ID))
	revs, err = f.ns.Revisions(f.ctx, b.ID)
	require.NoError(f.t, err)
	assert.Empty(f.t, revs)
	c := NewArticle(cat.ID, "xoa-3", "Bài xoá không kiểm", time.Time{})
	require.NoError(f.t, f.ns.SaveArticle(f.ctx, &news.ArticleSave{Article: c, Create: true, Revision: revision(c, news.ActionCreate, 0)}))
	require.NoError(f.t, f.ns.RemoveArticle(f.ctx, c.ID, 0, nil))
}

func testAccounts(f *newsroomFixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	pv := NewAccount("phongvien", news.RoleContributor)
	pv.Categories, pv.TOTPSecret, pv.Disabled = []uuid.UUID{cat.ID, uuid.New()}, "JBSWY3DPEHPK3PXP", true
	e := entry(1, news.ActionAccountCreate, news.ObjectAccount, pv.ID.String())
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, pv, e))
	assert.Positive(f.t, e.Seq)
	bt := NewAccount("bientap", news.RoleEditor)
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, bt, nil))
	ad := NewAccount("admin", news.RoleAdmin)
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, ad, nil))

	got, err := f.ns.Account(f.ctx, pv.ID)
	require.NoError(f.t, err)
	assert.Equal(f.t, pv, got, "Account round-trips")
	got.Categories[0] = uuid.New()
	again, err := f.ns.Account(f.ctx, pv.ID)
	require.NoError(f.t, err)
	assert.Equal(f.t, pv, again, "Account returns a copy")
	got, err = f.ns.AccountByUsername(f.ctx, "bientap")
	require.NoError(f.t, err)
	assert.Equal(f.t, bt, got)
	_, err = f.ns.AccountByUsername(f.ctx, "BienTap")
	assert.ErrorIs(f.t, err, news.ErrNotFound, "usernames are compared exactly")
	_, err = f.ns.Account(f.ctx, uuid.New())
	assert.ErrorIs(f.t, err, news.ErrNotFound)

	list, err := f.ns.Accounts(f.ctx)
	require.NoError(f.t, err)
	var names []string
	for _, a := range list {
		names = append(names, a.Username)
	}
	assert.Equal(f.t, []string{"admin", "bientap", "phongvien"}, names, "Accounts order")

	dup := NewAccount("bientap", news.RoleApprover)
	assert.ErrorIs(f.t, f.ns.CreateAccount(f.ctx, dup, entry(2, news.ActionAccountCreate, news.ObjectAccount, "")), news.ErrConflict, "taken username")
	same := NewAccount("khac", news.RoleEditor)
	same.ID = bt.ID
	assert.ErrorIs(f.t, f.ns.CreateAccount(f.ctx, same, nil), news.ErrConflict, "taken ID")
	_, err = f.ns.AccountByUsername(f.ctx, "khac")
	assert.ErrorIs(f.t, err, news.ErrNotFound, "a failed create stored the account")

	// Renaming frees the old username; taking another's fails.
	bt.Username, bt.UpdatedAt = "bientap2", hour(1)
	require.NoError(f.t, f.ns.UpdateAccount(f.ctx, bt, false, nil))
	_, err = f.ns.AccountByUsername(f.ctx, "bientap")
	assert.ErrorIs(f.t, err, news.ErrNotFound)
	got, err = f.ns.AccountByUsername(f.ctx, "bientap2")
	require.NoError(f.t, err)
	assert.Equal(f.t, bt, got)
	bt.Username = "admin"
	assert.ErrorIs(f.t, f.ns.UpdateAccount(f.ctx, bt, false, nil), news.ErrConflict)
	assert.ErrorIs(f.t, f.ns.UpdateAccount(f.ctx, NewAccount("ai-do", news.RoleEditor), false, nil), news.ErrNotFound)
	assert.Len(f.t, f.auditLog(), 1, "failed account writes appended entries")

	// endSessions deletes the account's sessions and no one else's.
	open := func(token string, acc *news.Account) news.TokenHash {
		s := &news.Session{Hash: news.HashToken(token), AccountID: acc.ID, CreatedAt: base, LastSeen: base,
			IdleExpiresAt: hour(2), ExpiresAt: hour(12)}
		require.NoError(f.t, f.ns.CreateSession(f.ctx, s, nil))
		return s.Hash
	}
	h1, h2, h3 := open("a", ad), open("b", ad), open("c", pv)
	ad.DisplayName = "Quản trị hệ thống"
	require.NoError(f.t, f.ns.UpdateAccount(f.ctx, ad, true, entry(3, news.ActionPasswordChange, news.ObjectAccount, ad.ID.String())))
	for _, h := range []news.TokenHash{h1, h2} {
		_, err := f.ns.Session(f.ctx, h)
		assert.ErrorIs(f.t, err, news.ErrNotFound, "session of an account whose sessions ended")
	}
	_, err = f.ns.Session(f.ctx, h3)
	assert.NoError(f.t, err, "another account's session ended")
	assert.Len(f.t, f.auditLog(), 2)
}

func testSessions(f *newsroomFixture) {
	acc := NewAccount("phongvien", news.RoleContributor)
	other := NewAccount("bientap", news.RoleEditor)
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, acc, nil))
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, other, nil))
	mk := func(token string, a *news.Account, created, idle, abs time.Time) *news.Session {
		return &news.Session{Hash: news.HashToken(token), AccountID: a.ID, CreatedAt: created, LastSeen: created,
			IdleExpiresAt: idle, ExpiresAt: abs, Address: "198.51.100.4"}
	}
	s1 := mk("mot", acc, hour(0), hour(2), hour(12))
	s2 := mk("hai", acc, hour(1), hour(3), hour(13))
	s3 := mk("ba", other, hour(1), hour(3), hour(13))
	e := entry(1, news.ActionSignIn, news.ObjectUsername, "phongvien")
	require.NoError(f.t, f.ns.CreateSession(f.ctx, s1, e))
	assert.Positive(f.t, e.Seq)
	require.NoError(f.t, f.ns.CreateSession(f.ctx, s2, nil))
	require.NoError(f.t, f.ns.CreateSession(f.ctx, s3, nil))
	assert.ErrorIs(f.t, f.ns.CreateSession(f.ctx, mk("mot", other, hour(5), hour(6), hour(7)), nil), news.ErrConflict, "taken hash")
	assert.ErrorIs(f.t, f.ns.CreateSession(f.ctx, mk("bon", NewAccount("khong", news.RoleAdmin), hour(5), hour(6), hour(7)), nil),
		news.ErrNotFound, "unknown account")

	got, err := f.ns.Session(f.ctx, s1.Hash)
	require.NoError(f.t, err)
	assert.Equal(f.t, s1, got, "Session round-trips")
	_, err = f.ns.Session(f.ctx, news.HashToken("khong-co"))
	assert.ErrorIs(f.t, err, news.ErrNotFound)

	require.NoError(f.t, f.ns.TouchSession(f.ctx, s1.Hash, hour(1), hour(3)))
	got, err = f.ns.Session(f.ctx, s1.Hash)
	require.NoError(f.t, err)
	s1.LastSeen, s1.IdleExpiresAt = hour(1), hour(3)
	assert.Equal(f.t, s1, got, "after TouchSession")
	assert.ErrorIs(f.t, f.ns.TouchSession(f.ctx, news.HashToken("khong-co"), hour(1), hour(2)), news.ErrNotFound)

	list, err := f.ns.Sessions(f.ctx, acc.ID)
	require.NoError(f.t, err)
	assert.Equal(f.t, []*news.Session{s2, s1}, list, "Sessions, newest first")

	// Expired at hour 3: s1 (idle) and s2 and s3 (idle at 3, inclusive); at
	// hour 2.5 none.
	n, err := f.ns.DeleteExpiredSessions(f.ctx, hour(2).Add(30*time.Minute))
	require.NoError(f.t, err)
	assert.Zero(f.t, n)
	require.NoError(f.t, f.ns.TouchSession(f.ctx, s2.Hash, hour(2), hour(20)))
	n, err = f.ns.DeleteExpiredSessions(f.ctx, hour(3))
	require.NoError(f.t, err)
	assert.Equal(f.t, 2, n, "sessions idle at hour 3")
	list, err = f.ns.Sessions(f.ctx, acc.ID)
	require.NoError(f.t, err)
	require.Len(f.t, list, 1)
	assert.Equal(f.t, s2.Hash, list[0].Hash)
	n, err = f.ns.DeleteExpiredSessions(f.ctx, hour(13))
	require.NoError(f.t, err)
	assert.Equal(f.t, 1, n, "a session past its absolute expiry, though not idle")

	s4 := mk("nam", acc, hour(20), hour(22), hour(30))
	require.NoError(f.t, f.ns.CreateSession(f.ctx, s4, nil))
	out := entry(2, news.ActionSignOut, news.ObjectSession, s4.Hash.String())
	require.NoError(f.t, f.ns.DeleteSession(f.ctx, s4.Hash, out))
	_, err = f.ns.Session(f.ctx, s4.Hash)
	assert.ErrorIs(f.t, err, news.ErrNotFound)
	assert.ErrorIs(f.t, f.ns.DeleteSession(f.ctx, s4.Hash, nil), news.ErrNotFound)
	assert.Equal(f.t, []*news.AuditEntry{out, e}, f.auditLog())
}

func testTokens(f *newsroomFixture) {
	acc := NewAccount("bientap", news.RoleEditor)
	other := NewAccount("admin", news.RoleAdmin)
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, acc, nil))
	require.NoError(f.t, f.ns.CreateAccount(f.ctx, other, nil))
	mk := func(secret, name string, a *news.Account, created time.Time) *news.APIToken {
		return &news.APIToken{ID: uuid.New(), Hash: news.HashToken(secret), Name: name, AccountID: a.ID, Role: a.Role,
			CreatedAt: created, ExpiresAt: created.Add(90 * 24 * time.Hour)}
	}
	t1 := mk("mot", "Đồng bộ cổng tỉnh", acc, hour(1))
	t2 := mk("hai", "Sao lưu", acc, hour(2))
	t3 := mk("ba", "Nhập văn bản", other, hour(3))
	e := entry(1, news.ActionTokenCreate, news.ObjectToken, t1.ID.String())
	require.NoError(f.t, f.ns.CreateToken(f.ctx, t1, e))
	assert.Positive(f.t, e.Seq)
	require.NoError(f.t, f.ns.CreateToken(f.ctx, t2, nil))
	require.NoError(f.t, f.ns.CreateToken(f.ctx, t3, nil))
	sameHash := mk("mot", "Trùng", acc, hour(4))
	assert.ErrorIs(f.t, f.ns.CreateToken(f.ctx, sameHash, nil), news.ErrConflict, "taken hash")
	sameID := mk("bon", "Trùng ID", acc, hour(4))
	sameID.ID = t1.ID
	assert.ErrorIs(f.t, f.ns.CreateToken(f.ctx, sameID, nil), news.ErrConflict, "taken ID")
	assert.ErrorIs(f.t, f.ns.CreateToken(f.ctx, mk("nam", "Không chủ", NewAccount("x", news.RoleEditor), hour(4)), nil), news.ErrNotFound)

	got, err := f.ns.Token(f.ctx, t1.ID)
	require.NoError(f.t, err)
	assert.Equal(f.t, t1, got)
	got, err = f.ns.TokenByHash(f.ctx, news.HashToken("hai"))
	require.NoError(f.t, err)
	assert.Equal(f.t, t2, got)
	_, err = f.ns.TokenByHash(f.ctx, news.HashToken("bon"))
	assert.ErrorIs(f.t, err, news.ErrNotFound, "a refused token was stored")

	mine, err := f.ns.Tokens(f.ctx, acc.ID)
	require.NoError(f.t, err)
	assert.Equal(f.t, []*news.APIToken{t2, t1}, mine, "Tokens, newest first")
	all, err := f.ns.Tokens(f.ctx, uuid.Nil)
	require.NoError(f.t, err)
	assert.Equal(f.t, []*news.APIToken{t3, t2, t1}, all)

	require.NoError(f.t, f.ns.TouchToken(f.ctx, t1.ID, hour(5)))
	got, err = f.ns.Token(f.ctx, t1.ID)
	require.NoError(f.t, err)
	assert.True(f.t, got.LastUsedAt.Equal(hour(5)) && got.LastUsedAt.Location() == time.UTC, "LastUsedAt = %s", got.LastUsedAt)
	assert.ErrorIs(f.t, f.ns.TouchToken(f.ctx, uuid.New(), hour(5)), news.ErrNotFound)

	rev := entry(2, news.ActionTokenRevoke, news.ObjectToken, t1.ID.String())
	require.NoError(f.t, f.ns.DeleteToken(f.ctx, t1.ID, rev))
	_, err = f.ns.Token(f.ctx, t1.ID)
	assert.ErrorIs(f.t, err, news.ErrNotFound)
	_, err = f.ns.TokenByHash(f.ctx, t1.Hash)
	assert.ErrorIs(f.t, err, news.ErrNotFound, "a revoked token is found by its hash")
	assert.ErrorIs(f.t, f.ns.DeleteToken(f.ctx, t1.ID, nil), news.ErrNotFound)
	assert.Equal(f.t, []*news.AuditEntry{rev, e}, f.auditLog())
}

func testAuditAppend(f *newsroomFixture) {
	var want []*news.AuditEntry
	for i := range 5 {
		e := entry(i, news.ActionSignIn, news.ObjectUsername, fmt.Sprintf("nguoi-%d", i))
		e.ActorID, e.Detail = uuid.New(), "chi tiết "+fmt.Sprint(i)
		require.NoError(f.t, f.ns.AppendAudit(f.ctx, e))
		if len(want) > 0 {
			assert.Greater(f.t, e.Seq, want[0].Seq, "Seq increases")
		}
		want = slices.Insert(want, 0, e.Clone())
		e.Detail = "sửa sau khi ghi"
	}
	got := f.auditLog()
	assert.Equal(f.t, want, got, "entries round-trip, newest first, as appended")
	for _, e := range got {
		assert.Equal(f.t, time.UTC, e.At.Location())
	}
	got[0].Detail = "sửa bản sao"
	assert.Equal(f.t, want, f.auditLog(), "Audit returns copies")
	assert.ErrorIs(f.t, f.ns.AppendAudit(f.ctx, nil), news.ErrInvalid)
}

func testAuditFilters(f *newsroomFixture) {
	alice, bob := uuid.New(), uuid.New()
	art := uuid.New().String()
	add := func(n int, actor uuid.UUID, action news.Action, typ, id, addr string, out news.Outcome) *news.AuditEntry {
		e := entry(n, action, typ, id)
		e.ActorID, e.Address, e.Outcome = actor, addr, out
		require.NoError(f.t, f.ns.AppendAudit(f.ctx, e))
		return e
	}
	e0 := add(0, uuid.Nil, news.ActionSignIn, news.ObjectUsername, "phongvien", "203.0.113.1", news.OutcomeFailure)
	e1 := add(1, uuid.Nil, news.ActionSignIn, news.ObjectUsername, "phongvien", "203.0.113.2", news.OutcomeFailure)
	e2 := add(2, alice, news.ActionSignIn, news.ObjectUsername, "phongvien", "203.0.113.1", news.OutcomeSuccess)
	e3 := add(3, alice, news.ActionEdit, news.ObjectArticle, art, "203.0.113.1", news.OutcomeSuccess)
	e4 := add(4, bob, news.ActionReturn, news.ObjectArticle, art, "198.51.100.9", news.OutcomeSuccess)
	e5 := add(5, uuid.Nil, news.ActionSignIn, news.ObjectUsername, "bientap", "203.0.113.1", news.OutcomeFailure)
	tests := []struct {
		name string
		f    news.AuditFilter
		want []*news.AuditEntry
	}{
		{"all", news.AuditFilter{}, []*news.AuditEntry{e5, e4, e3, e2, e1, e0}},
		{"actor", news.AuditFilter{ActorID: alice}, []*news.AuditEntry{e3, e2}},
		{"action", news.AuditFilter{Action: news.ActionSignIn}, []*news.AuditEntry{e5, e2, e1, e0}},
		{"object", news.AuditFilter{ObjectType: news.ObjectArticle, ObjectID: art}, []*news.AuditEntry{e4, e3}},
		{"object type", news.AuditFilter{ObjectType: news.ObjectUsername}, []*news.AuditEntry{e5, e2, e1, e0}},
		{"object ID alone", news.AuditFilter{ObjectID: "phongvien"}, []*news.AuditEntry{e2, e1, e0}},
		{"address", news.AuditFilter{Address: "203.0.113.1"}, []*news.AuditEntry{e5, e3, e2, e0}},
		{"outcome", news.AuditFilter{Outcome: news.OutcomeFailure}, []*news.AuditEntry{e5, e1, e0}},
		{"from inclusive", news.AuditFilter{From: e3.At}, []*news.AuditEntry{e5, e4, e3}},
		{"to exclusive", news.AuditFilter{To: e3.At}, []*news.AuditEntry{e2, e1, e0}},
		{"throttle by username", news.AuditFilter{Action: news.ActionSignIn, Outcome: news.OutcomeFailure,
			ObjectType: news.ObjectUsername, ObjectID: "phongvien", From: e1.At}, []*news.AuditEntry{e1}},
		{"throttle by address", news.AuditFilter{Action: news.ActionSignIn, Outcome: news.OutcomeFailure,
			Address: "203.0.113.1", From: e0.At}, []*news.AuditEntry{e5, e0}},
		{"nothing", news.AuditFilter{ActorID: uuid.New()}, nil},
	}
	for _, tc := range tests {
		p, err := f.ns.Audit(f.ctx, tc.f)
		require.NoError(f.t, err, tc.name)
		assert.Equal(f.t, tc.want, p.Entries, tc.name)
		assert.Empty(f.t, p.Next, tc.name)
	}
}

func testAuditPaging(f *newsroomFixture) {
	var seqs []int64
	for i := range 7 {
		e := entry(i, news.ActionEdit, news.ObjectArticle, "bai")
		if i%2 == 1 {
			e.ObjectID = "khac"
		}
		require.NoError(f.t, f.ns.AppendAudit(f.ctx, e))
		if i%2 == 0 {
			seqs = append(seqs, e.Seq)
		}
	}
	slices.Reverse(seqs)
	for _, filter := range []news.AuditFilter{{ObjectID: "bai"}, {ObjectType: news.ObjectArticle, ObjectID: "bai"}} {
		filter.Limit = 3
		p, err := f.ns.Audit(f.ctx, filter)
		require.NoError(f.t, err)
		require.Len(f.t, p.Entries, 3)
		assert.Equal(f.t, news.AuditCursor(p.Entries[2].Seq), p.Next)
		filter.Cursor = p.Next
		p2, err := f.ns.Audit(f.ctx, filter)
		require.NoError(f.t, err)
		require.Len(f.t, p2.Entries, 1)
		assert.Empty(f.t, p2.Next, "the last page has no cursor")
		got := []int64{p.Entries[0].Seq, p.Entries[1].Seq, p.Entries[2].Seq, p2.Entries[0].Seq}
		assert.Equal(f.t, seqs, got)
	}
	filter := news.AuditFilter{ObjectID: "bai", Limit: 4}
	p, err := f.ns.Audit(f.ctx, filter)
	require.NoError(f.t, err)
	assert.Len(f.t, p.Entries, 4)
	assert.Empty(f.t, p.Next, "a full last page has no cursor")
	for _, bad := range []news.AuditFilter{{Cursor: "abc"}, {Cursor: "-1"}, {Cursor: "0"}, {Cursor: "01"}, {Limit: -1}, {Limit: news.MaxLimit + 1}} {
		_, err := f.ns.Audit(f.ctx, bad)
		assert.ErrorIs(f.t, err, news.ErrInvalid, "Audit(%+v)", bad)
	}
}

// testSaveCategory checks that SaveCategory writes a category and its
// audit entry together, moving the public version, and that a refused
// write (a taken ID, slug or alias) writes neither.
func testSaveCategory(f *newsroomFixture) {
	other := f.category("thong-bao", "Thông báo", uuid.Nil)
	c := NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	pv := f.publicVersion()
	e := entry(1, news.ActionCategoryCreate, news.ObjectCategory, c.ID.String())
	require.NoError(f.t, f.ns.SaveCategory(f.ctx, c, true, e))
	assert.NotZero(f.t, e.Seq, "SaveCategory sets the entry's Seq")
	assert.Greater(f.t, f.publicVersion(), pv, "a category written moves the public version")

	renamed := c.Clone()
	renamed.Slug, renamed.Aliases = "tin-tuc-su-kien", []string{"tin-tuc"}
	require.NoError(f.t, f.ns.SaveCategory(f.ctx, renamed, false, entry(2, news.ActionCategoryUpdate, news.ObjectCategory, c.ID.String())))
	f.expectCategories(other, renamed)
	log := f.auditLog()
	require.Len(f.t, log, 2)
	assert.Equal(f.t, news.ActionCategoryUpdate, log[0].Action, "the newest entry first")

	v, pv := f.version(), f.publicVersion()
	takenAlias := other.Clone()
	takenAlias.Slug = "tin-tuc"
	dupID := NewCategory("hoi-dap", "Hỏi đáp", uuid.Nil)
	dupID.ID = c.ID
	for _, tc := range []struct {
		what   string
		c      *news.Category
		create bool
	}{
		{"a slug that is another's alias", takenAlias, false},
		{"a taken ID", dupID, true},
		{"an unknown category", NewCategory("moi", "Mới", uuid.Nil), false},
	} {
		err := f.ns.SaveCategory(f.ctx, tc.c, tc.create, entry(3, news.ActionCategoryUpdate, news.ObjectCategory, tc.c.ID.String()))
		assert.Error(f.t, err, "SaveCategory(%s)", tc.what)
	}
	assert.ErrorIs(f.t, f.ns.SaveCategory(f.ctx, nil, true, nil), news.ErrInvalid, "SaveCategory(nil)")
	assert.Len(f.t, f.auditLog(), 2, "a refused SaveCategory appended its audit entry")
	f.expectVersion("refused SaveCategory", v)
	assert.Equal(f.t, pv, f.publicVersion())
	f.expectCategories(other, renamed)
}
