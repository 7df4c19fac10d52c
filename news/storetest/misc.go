package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

func testNextPublishAt(f *fixture) {
	next := func(t time.Time) time.Time {
		f.t.Helper()
		got, err := f.s.NextPublishAt(f.ctx, t)
		if err != nil {
			f.t.Fatalf("NextPublishAt(%s): %v", t, err)
		}
		if !got.IsZero() && got.Location() != time.UTC {
			f.t.Errorf("NextPublishAt(%s) = %s, want a time in UTC", t, got)
		}
		return got
	}
	if got := next(hour(0)); !got.IsZero() {
		f.t.Errorf("NextPublishAt on an empty store = %s, want the zero time", got)
	}
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	add := func(slug string, h int, st news.Status) *news.Article {
		a := NewArticle(cat.ID, slug, "Tin hẹn giờ "+slug, hour(h))
		a.Status = st
		return f.createArticle(a)
	}
	add("dang-luc-10", 10, news.StatusPublished)
	add("dang-luc-20", 20, news.StatusPublished)
	add("cung-luc-20", 20, news.StatusPublished)
	add("dang-luc-30", 30, news.StatusPublished)
	draft := add("nhap-luc-15", 15, news.StatusDraft)
	add("luu-tru-luc-25", 25, news.StatusArchived)
	noTime := NewArticle(cat.ID, "nhap-khong-gio", "Bản nháp chưa hẹn giờ", time.Time{})
	noTime.Status = news.StatusDraft
	f.createArticle(noTime)

	tests := []struct {
		t    time.Time
		want time.Time
	}{
		{time.Time{}, hour(10)},
		{hour(-1000), hour(10)},
		{hour(10).Add(-time.Microsecond), hour(10)},
		{hour(10), hour(20)}, // strictly after
		{hour(10).Add(time.Nanosecond), hour(20)},
		{hour(14), hour(20)}, // the draft at 15 does not count
		{hour(20), hour(30)}, // the archived article at 25 does not count
		{hour(30), time.Time{}},
		{hour(5000), time.Time{}},
	}
	for _, tc := range tests {
		if got := next(tc.t); !got.Equal(tc.want) {
			f.t.Errorf("NextPublishAt(%s) = %s, want %s", tc.t.Format(time.RFC3339Nano), got.Format(time.RFC3339Nano), tc.want.Format(time.RFC3339Nano))
		}
	}

	draft.Status = news.StatusPublished
	f.updateArticle(draft)
	if got := next(hour(14)); !got.Equal(hour(15)) {
		f.t.Errorf("NextPublishAt(hour 14) after publishing the draft = %s, want %s", got, hour(15))
	}
	draft.PublishAt = hour(40)
	f.updateArticle(draft)
	if got := next(hour(30)); !got.Equal(hour(40)) {
		f.t.Errorf("NextPublishAt(hour 30) after rescheduling = %s, want %s", got, hour(40))
	}
}

func testVersion(f *fixture) {
	v := f.version()
	step := func(what string, err error) {
		f.t.Helper()
		if err != nil {
			f.t.Fatalf("%s: %v", what, err)
		}
		v = f.expectNewVersion(what, v)
	}
	read := func() {
		f.t.Helper()
		f.page(news.Query{})
		f.categories()
		f.s.NextPublishAt(f.ctx, hour(0))
		f.expectVersion("reads", v)
	}
	cat := NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	step("CreateCategory", f.s.CreateCategory(f.ctx, cat))
	cat.Name = "Tin tức – Sự kiện"
	step("UpdateCategory", f.s.UpdateCategory(f.ctx, cat))
	a := NewArticle(cat.ID, "hop-mat-bao-chi", "Họp mặt báo chí nhân ngày 21/6", hour(1))
	step("CreateArticle", f.s.CreateArticle(f.ctx, a))
	read()
	a.Title = "Họp mặt các cơ quan báo chí nhân ngày 21/6"
	step("UpdateArticle", f.s.UpdateArticle(f.ctx, a))
	step("UpdateArticle with no change", f.s.UpdateArticle(f.ctx, a))
	step("Import", f.s.Import(f.ctx, &news.Batch{Articles: []*news.Article{
		NewArticle(cat.ID, "nhap-tu-tep", "Bài nhập từ tệp", hour(2)),
	}}))
	step("DeleteArticle", f.s.DeleteArticle(f.ctx, a.ID))
	read()
	other := NewCategory("thong-bao", "Thông báo", uuid.Nil)
	step("CreateCategory", f.s.CreateCategory(f.ctx, other))
	step("DeleteCategory", f.s.DeleteCategory(f.ctx, other.ID))

	f.expectErr("DeleteArticle(unknown)", f.s.DeleteArticle(f.ctx, a.ID), news.ErrNotFound)
	f.expectErr("CreateCategory(taken slug)", f.s.CreateCategory(f.ctx, NewCategory("tin-tuc", "Trùng", uuid.Nil)), news.ErrConflict)
	f.expectErr("DeleteCategory(with articles)", f.s.DeleteCategory(f.ctx, cat.ID), news.ErrConflict)
	f.expectVersion("failed writes", v)
}

func testConcurrent(f *fixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	const writers, perWriter = 6, 15
	v0 := f.version()
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				a := NewArticle(cat.ID, fmt.Sprintf("tin-%d-%d", w, i), fmt.Sprintf("Tin số %d của nhóm %d", i, w), hour(w*perWriter+i))
				a.Tags = []string{"Khoa học"}
				if err := f.s.CreateArticle(f.ctx, a); err != nil {
					f.t.Errorf("CreateArticle(%q): %v", a.Slug, err)
					return
				}
				a.Title += " (cập nhật)"
				a.Featured = i%2 == 0
				if err := f.s.UpdateArticle(f.ctx, a); err != nil {
					f.t.Errorf("UpdateArticle(%q): %v", a.Slug, err)
					return
				}
				if i%3 == 0 {
					if err := f.s.DeleteArticle(f.ctx, a.ID); err != nil {
						f.t.Errorf("DeleteArticle(%q): %v", a.Slug, err)
						return
					}
				}
			}
		}()
	}
	var readers sync.WaitGroup
	for r := range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			last := int64(-1)
			for {
				select {
				case <-done:
					return
				default:
				}
				v, err := f.s.Version(f.ctx)
				if err != nil || v < last {
					f.t.Errorf("Version = %d, %v after %d: it moved back", v, err, last)
					return
				}
				last = v
				p, err := f.s.Articles(f.ctx, news.Query{Tag: "khoa hoc", Limit: 5 + r})
				if err != nil {
					f.t.Errorf("Articles: %v", err)
					return
				}
				for i := 1; i < len(p.Articles); i++ {
					if listOrder(p.Articles[i-1], p.Articles[i]) >= 0 {
						f.t.Errorf("Articles returned %q before %q", p.Articles[i-1].Slug, p.Articles[i].Slug)
						return
					}
				}
				if p.Next != "" {
					if _, err := f.s.Articles(f.ctx, news.Query{Text: "tin so", Cursor: p.Next}); err != nil {
						f.t.Errorf("Articles(next page): %v", err)
						return
					}
				}
				if _, err := f.s.ArticleBySlug(f.ctx, "tin-0-1"); err != nil && !errors.Is(err, news.ErrNotFound) {
					f.t.Errorf("ArticleBySlug: %v", err)
					return
				}
				if _, err := f.s.NextPublishAt(f.ctx, hour(r)); err != nil {
					f.t.Errorf("NextPublishAt: %v", err)
					return
				}
				if _, err := f.s.Categories(f.ctx); err != nil {
					f.t.Errorf("Categories: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	if f.t.Failed() {
		return
	}

	var want []string
	for w := range writers {
		for i := range perWriter {
			if i%3 != 0 {
				want = append(want, fmt.Sprintf("tin-%d-%d", w, i))
			}
		}
	}
	// Every writer's articles are dated after the previous writer's, so
	// the newest first order is the reverse of want.
	for i, j := 0, len(want)-1; i < j; i, j = i+1, j-1 {
		want[i], want[j] = want[j], want[i]
	}
	f.expectList(news.Query{}, news.MaxLimit, want)
	if least := v0 + writers*perWriter*2 + writers*((perWriter+2)/3); f.version() < least {
		f.t.Errorf("Version = %d after %d writes from %d, want at least %d", f.version(), least-v0, v0, least)
	}
}

// testChangeLog checks news.ChangeLogger, when the store is one: each
// public write logs its article, drafts are not logged, an Import starts
// the log again, and a since ahead of the version is incomplete.
func testChangeLog(f *fixture) {
	cl, ok := f.s.(news.ChangeLogger)
	if !ok {
		f.t.Skip("the store is not a news.ChangeLogger")
	}
	changed := func(since int64) news.Changes {
		f.t.Helper()
		c, err := cl.ChangedSince(f.ctx, since)
		if err != nil {
			f.t.Fatalf("ChangedSince(%d): %v", since, err)
		}
		slices.SortFunc(c.Articles, func(x, y uuid.UUID) int { return bytes.Compare(x[:], y[:]) })
		return c
	}
	expect := func(what string, c news.Changes, complete bool, ids ...uuid.UUID) {
		f.t.Helper()
		slices.SortFunc(ids, func(x, y uuid.UUID) int { return bytes.Compare(x[:], y[:]) })
		if c.Complete != complete || !slices.Equal(c.Articles, ids) {
			f.t.Errorf("%s: ChangedSince = complete %v, %v; want complete %v, %v", what, c.Complete, c.Articles, complete, ids)
		}
	}
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	start := changed(0).Version
	a := f.createArticle(NewArticle(cat.ID, "hoi-thao-khoa-hoc", "Hội thảo khoa học", hour(1)))
	b := f.createArticle(NewArticle(cat.ID, "tap-huan-so-huu-tri-tue", "Tập huấn sở hữu trí tuệ", hour(2)))
	draft := NewArticle(cat.ID, "ban-nhap", "Bản nháp", hour(3))
	draft.Status = news.StatusDraft
	f.createArticle(draft)
	mid := changed(start)
	expect("two publishes and a draft", mid, true, a.ID, b.ID)
	a.Title = "Hội thảo khoa học và công nghệ"
	f.updateArticle(a)
	a.Title = "Hội thảo khoa học, công nghệ"
	f.updateArticle(a)
	if err := f.s.DeleteArticle(f.ctx, b.ID); err != nil {
		f.t.Fatalf("DeleteArticle: %v", err)
	}
	f.category("thong-bao", "Thông báo", uuid.Nil)
	c := changed(mid.Version)
	expect("two updates, a delete and a category", c, true, a.ID, b.ID)
	if c.Version <= mid.Version {
		f.t.Errorf("ChangedSince: version %d after writes, was %d", c.Version, mid.Version)
	}
	expect("nothing since", changed(c.Version), true)
	expect("ahead of the version", changed(c.Version+10), false)
	if err := f.s.Import(f.ctx, &news.Batch{Articles: []*news.Article{NewArticle(cat.ID, "nhap-tu-tep", "Bài nhập từ tệp", hour(4))}}); err != nil {
		f.t.Fatalf("Import: %v", err)
	}
	expect("before an Import", changed(c.Version), false)
	after := changed(0).Version
	a.Status = news.StatusDraft
	f.updateArticle(a)
	expect("after an Import", changed(after), true, a.ID)
}

// testEachPublished checks news.PublishedLister, when the store is one:
// every published article, scheduled ones too, once, with the fields the
// related index reads and no others; no draft, archived or deleted one;
// fn's error stops the listing and comes back.
func testEachPublished(f *fixture) {
	pl, ok := f.s.(news.PublishedLister)
	if !ok {
		f.t.Skip("the store is not a news.PublishedLister")
	}
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	other := f.category("thong-bao", "Thông báo", uuid.Nil)
	a := NewArticle(cat.ID, "hoi-thao-khoa-hoc", "Hội thảo khoa học", hour(1))
	a.Tags = []string{"Khoa học", "Hội thảo"}
	a.Summary, a.Author, a.Featured = "Tóm tắt.", "Phòng Quản lý khoa học", true
	f.createArticle(a)
	scheduled := NewArticle(other.ID, "tap-huan-sap-toi", "Tập huấn sắp tới", hour(24*365))
	scheduled.Lang = "en"
	f.createArticle(scheduled)
	draft := NewArticle(cat.ID, "ban-nhap", "Bản nháp", hour(2))
	draft.Status = news.StatusDraft
	f.createArticle(draft)
	archived := NewArticle(cat.ID, "luu-tru", "Lưu trữ", hour(3))
	archived.Status = news.StatusArchived
	f.createArticle(archived)
	gone := f.createArticle(NewArticle(cat.ID, "da-xoa", "Đã xoá", hour(4)))
	if err := f.s.DeleteArticle(f.ctx, gone.ID); err != nil {
		f.t.Fatalf("DeleteArticle: %v", err)
	}
	unpublished := f.createArticle(NewArticle(cat.ID, "go-xuong", "Gỡ xuống", hour(5)))
	unpublished.Status = news.StatusDraft
	f.updateArticle(unpublished)

	got := map[uuid.UUID]news.Article{}
	err := pl.EachPublished(f.ctx, func(x *news.Article) error {
		if _, dup := got[x.ID]; dup {
			f.t.Errorf("EachPublished: article %q twice", x.Slug)
		}
		c := *x
		c.Tags = slices.Clone(x.Tags)
		got[x.ID] = c
		return nil
	})
	if err != nil {
		f.t.Fatalf("EachPublished: %v", err)
	}
	want := map[uuid.UUID]news.Article{}
	for _, w := range []*news.Article{a, scheduled} {
		want[w.ID] = news.Article{ID: w.ID, Slug: w.Slug, Title: w.Title, Tags: w.Tags, CategoryID: w.CategoryID,
			Lang: w.Lang, Status: news.StatusPublished, PublishAt: w.PublishAt}
	}
	if len(got) != len(want) {
		f.t.Errorf("EachPublished listed %d articles, want %d (the published and the scheduled)", len(got), len(want))
	}
	for id, w := range want {
		g, ok := got[id]
		switch {
		case !ok:
			f.t.Errorf("EachPublished: %q missing", w.Slug)
		case g.Slug != w.Slug || g.Title != w.Title || !slices.Equal(g.Tags, w.Tags) || g.CategoryID != w.CategoryID ||
			g.Lang != w.Lang || g.Status != w.Status || !g.PublishAt.Equal(w.PublishAt):
			f.t.Errorf("EachPublished: %q = %+v, want %+v", w.Slug, g, w)
		case g.Summary != "" || g.Body != "" || g.Author != "" || g.Featured || len(g.Aliases) > 0:
			f.t.Errorf("EachPublished: %q has fields besides the related index's: %+v", w.Slug, g)
		}
	}

	stop := errors.New("stop")
	calls := 0
	err = pl.EachPublished(f.ctx, func(*news.Article) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		f.t.Errorf("EachPublished with fn failing: %v after %d calls, want %v after 1", err, calls, stop)
	}
}
