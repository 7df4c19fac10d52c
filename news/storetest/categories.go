package storetest

import (
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// expectCategories checks that Categories returns exactly want, in order.
func (f *fixture) expectCategories(want ...*news.Category) {
	f.t.Helper()
	got := f.categories()
	if len(got) != len(want) {
		var gs, ws []string
		for _, c := range got {
			gs = append(gs, c.Slug)
		}
		for _, c := range want {
			ws = append(ws, c.Slug)
		}
		f.t.Errorf("Categories = %q, want %q", gs, ws)
		return
	}
	for i := range want {
		if d := diffCategory(got[i], want[i]); d != "" {
			f.t.Errorf("Categories[%d] (%q) differs:\n%s", i, want[i].Slug, d)
		}
	}
}

func testCategoryRoundTrip(f *fixture) {
	root := &news.Category{
		ID:          uuid.New(),
		Slug:        "tin-tuc-su-kien",
		Name:        "Tin tức – Sự kiện",
		Description: "Hoạt động của Sở và các đơn vị trực thuộc.\nCập nhật hằng ngày.",
		Position:    3,
		CreatedAt:   hour(-10).Add(123 * time.Microsecond),
		UpdatedAt:   hour(-5).Add(456 * time.Microsecond),
	}
	f.createCategory(root)
	child := NewCategory("khoa-hoc-cong-nghe", "Khoa học công nghệ", root.ID)
	child.Position = -2
	f.createCategory(child)
	f.expectCategories(child, root)

	u := root.Clone()
	u.Slug = "tin-tuc"
	u.Name = "Tin tức"
	u.Description = ""
	u.Position = -5
	u.UpdatedAt = hour(1)
	v := f.version()
	if err := f.s.UpdateCategory(f.ctx, u); err != nil {
		f.t.Fatalf("UpdateCategory: %v", err)
	}
	f.expectNewVersion("UpdateCategory", v)
	f.expectCategories(u, child)

	// The old slug is free again.
	f.category("tin-tuc-su-kien", "Tin tức – Sự kiện (mới)", uuid.Nil)
}

func testCategoryOrder(f *fixture) {
	mk := func(n int, slug, name string, pos int) *news.Category {
		c := NewCategory(slug, name, uuid.Nil)
		c.ID = seqID(n)
		c.Position = pos
		return c
	}
	// Written in an order that is neither the IDs' nor the answer's.
	cs := map[string]*news.Category{
		"thong-bao":   mk(5, "thong-bao", "Thông báo", 1),
		"hoat-dong-2": mk(2, "hoat-dong-2", "Hoạt động", 1),
		"tin-tuc":     mk(1, "tin-tuc", "Tin tức", 2),
		"hoat-dong-1": mk(3, "hoat-dong-1", "Hoạt động", 1),
		"anh":         mk(4, "anh", "Ảnh hoạt động", -1),
		"van-ban":     mk(6, "van-ban", "Văn bản", 1),
	}
	for _, slug := range []string{"thong-bao", "hoat-dong-2", "tin-tuc", "hoat-dong-1", "anh", "van-ban"} {
		f.createCategory(cs[slug])
	}
	// Position, then Name (Hoạt động < Thông báo < Văn bản), then ID.
	f.expectCategories(cs["anh"], cs["hoat-dong-2"], cs["hoat-dong-1"], cs["thong-bao"], cs["van-ban"], cs["tin-tuc"])
}

func testCategoryConflicts(f *fixture) {
	a := f.category("hoat-dong", "Hoạt động", uuid.Nil)
	b := f.category("thong-bao", "Thông báo", uuid.Nil)
	sameID := NewCategory("khac", "Khác", uuid.Nil)
	sameID.ID = a.ID
	sameSlug := NewCategory("hoat-dong", "Hoạt động (trùng)", uuid.Nil)
	bSlug := b.Clone()
	bSlug.Slug = a.Slug
	v := f.version()
	f.expectErr("CreateCategory(taken ID)", f.s.CreateCategory(f.ctx, sameID), news.ErrConflict)
	f.expectErr("CreateCategory(taken slug)", f.s.CreateCategory(f.ctx, sameSlug), news.ErrConflict)
	f.expectErr("UpdateCategory(taken slug)", f.s.UpdateCategory(f.ctx, bSlug), news.ErrConflict)
	f.expectErr("UpdateCategory(unknown ID)", f.s.UpdateCategory(f.ctx, NewCategory("moi", "Mới", uuid.Nil)), news.ErrNotFound)
	f.expectErr("DeleteCategory(unknown ID)", f.s.DeleteCategory(f.ctx, uuid.New()), news.ErrNotFound)
	f.expectVersion("failed category writes", v)
	f.expectCategories(a, b)
}

func testCategoryDelete(f *fixture) {
	root := f.category("tin-tuc", "Tin tức", uuid.Nil)
	child := f.category("hoat-dong", "Hoạt động", root.ID)
	leaf := f.category("khoa-hoc", "Khoa học", child.ID)
	draft := NewArticle(leaf.ID, "ban-nhap", "Bản nháp trong chuyên mục khoa học", hour(1))
	draft.Status = news.StatusDraft
	f.createArticle(draft)

	v := f.version()
	f.expectErr("DeleteCategory(with a subcategory)", f.s.DeleteCategory(f.ctx, root.ID), news.ErrConflict)
	f.expectErr("DeleteCategory(with a subcategory)", f.s.DeleteCategory(f.ctx, child.ID), news.ErrConflict)
	f.expectErr("DeleteCategory(with a draft article)", f.s.DeleteCategory(f.ctx, leaf.ID), news.ErrConflict)
	f.expectVersion("failed DeleteCategory", v)
	f.expectCategories(child, leaf, root)

	if err := f.s.DeleteArticle(f.ctx, draft.ID); err != nil {
		f.t.Fatal(err)
	}
	for _, c := range []*news.Category{leaf, child} {
		v = f.version()
		if err := f.s.DeleteCategory(f.ctx, c.ID); err != nil {
			f.t.Fatalf("DeleteCategory(%q): %v", c.Slug, err)
		}
		f.expectNewVersion("DeleteCategory", v)
	}
	f.expectCategories(root)
	f.expectErr("DeleteCategory(deleted)", f.s.DeleteCategory(f.ctx, leaf.ID), news.ErrNotFound)
	f.category("khoa-hoc", "Khoa học (lập lại)", root.ID) // the slug is free
}

func testCategoryMove(f *fixture) {
	a := f.category("tin-tuc", "Tin tức", uuid.Nil)
	b := f.category("thong-bao", "Thông báo", uuid.Nil)
	child := f.category("hoat-dong", "Hoạt động", a.ID)
	leaf := f.category("khoa-hoc", "Khoa học", child.ID)
	x := f.createArticle(NewArticle(leaf.ID, "nghiem-thu-de-tai", "Nghiệm thu đề tài cấp tỉnh", hour(2)))
	y := f.createArticle(NewArticle(a.ID, "gap-mat-dau-xuan", "Gặp mặt đầu xuân", hour(1)))
	f.expectList(news.Query{CategoryID: a.ID}, 0, []string{x.Slug, y.Slug})
	f.expectList(news.Query{CategoryID: b.ID}, 0, nil)

	moved := child.Clone()
	moved.ParentID = b.ID
	if err := f.s.UpdateCategory(f.ctx, moved); err != nil {
		f.t.Fatalf("UpdateCategory: %v", err)
	}
	f.expectList(news.Query{CategoryID: a.ID}, 0, []string{y.Slug})
	f.expectList(news.Query{CategoryID: b.ID}, 0, []string{x.Slug})
	f.expectErr("DeleteCategory(new parent)", f.s.DeleteCategory(f.ctx, b.ID), news.ErrConflict)
	f.expectErr("DeleteCategory(with an article)", f.s.DeleteCategory(f.ctx, a.ID), news.ErrConflict)
	f.expectArticle(x)
}

func testCategoryCopies(f *fixture) {
	c := NewCategory("hoat-dong", "Hoạt động", uuid.Nil)
	want := c.Clone()
	f.createCategory(c)
	c.Name = "đã sửa"
	f.expectCategories(want)
	got := f.categories()
	got[0].Name = "đã sửa"
	got[0].Position = 99
	f.expectCategories(want)
	u := want.Clone()
	u.Name = "Hoạt động của Sở"
	want = u.Clone()
	if err := f.s.UpdateCategory(f.ctx, u); err != nil {
		f.t.Fatal(err)
	}
	u.Name = "đã sửa"
	f.expectCategories(want)
	if !slices.EqualFunc(f.categories(), []*news.Category{want}, func(x, y *news.Category) bool { return diffCategory(x, y) == "" }) {
		f.t.Error("Categories changed between two reads")
	}
}

// testCategoryAliases checks that a category's slug and aliases share one
// namespace with every other category's, that aliases round-trip, and that
// a deleted category, or a dropped alias, frees its slugs.
func testCategoryAliases(f *fixture) {
	a := NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	a.Aliases = []string{"tin-moi", "ban-tin"}
	f.createCategory(a)
	b := f.category("thong-bao", "Thông báo", uuid.Nil)
	f.expectCategories(b, a) // by name: "Thông báo" < "Tin tức"

	v := f.version()
	for _, tc := range []struct {
		what    string
		slug    string
		aliases []string
	}{
		{"slug that is an alias", "tin-moi", nil},
		{"alias that is a slug", "khac", []string{"tin-tuc"}},
		{"alias that is an alias", "khac", []string{"thong-bao-cu", "ban-tin"}},
	} {
		c := NewCategory(tc.slug, "Chuyên mục khác", uuid.Nil)
		c.Aliases = tc.aliases
		f.expectErr("CreateCategory("+tc.what+")", f.s.CreateCategory(f.ctx, c), news.ErrConflict)
		u := b.Clone()
		u.Slug, u.Aliases = tc.slug, tc.aliases
		if tc.slug == "khac" {
			u.Slug = b.Slug
		}
		f.expectErr("UpdateCategory("+tc.what+")", f.s.UpdateCategory(f.ctx, u), news.ErrConflict)
	}
	f.expectVersion("failed writes of aliases", v)
	f.expectCategories(b, a) // by name: "Thông báo" < "Tin tức"

	// A rename keeps the old slug; a category may take back its own alias.
	renamed := a.Clone()
	renamed.Slug, renamed.Aliases = "ban-tin", []string{"tin-moi", "tin-tuc"}
	if err := f.s.UpdateCategory(f.ctx, renamed); err != nil {
		f.t.Fatalf("UpdateCategory(taking back an alias): %v", err)
	}
	f.expectNewVersion("UpdateCategory(aliases)", v)
	f.expectCategories(b, renamed)
	f.expectErr("CreateCategory(the old slug)", f.s.CreateCategory(f.ctx, NewCategory("tin-tuc", "Tin tức (mới)", uuid.Nil)), news.ErrConflict)

	// An alias dropped is free; a deleted category frees its aliases.
	dropped := renamed.Clone()
	dropped.Aliases = []string{"tin-tuc"}
	if err := f.s.UpdateCategory(f.ctx, dropped); err != nil {
		f.t.Fatalf("UpdateCategory(dropping an alias): %v", err)
	}
	f.category("tin-moi", "Tin mới", uuid.Nil)
	if err := f.s.DeleteCategory(f.ctx, dropped.ID); err != nil {
		f.t.Fatalf("DeleteCategory: %v", err)
	}
	f.category("tin-tuc", "Tin tức (lập lại)", uuid.Nil)

	// Import keeps aliases and refuses, atomically, one that is taken.
	imported := NewCategory("van-ban", "Văn bản", uuid.Nil)
	imported.Aliases = []string{"van-ban-cu"}
	if err := f.s.Import(f.ctx, &news.Batch{Categories: []*news.Category{imported}}); err != nil {
		f.t.Fatalf("Import(a category with an alias): %v", err)
	}
	clash := NewCategory("van-ban-moi", "Văn bản mới", uuid.Nil)
	clash.Aliases = []string{"thong-bao"}
	other := NewCategory("hoi-dap", "Hỏi đáp", uuid.Nil)
	v = f.version()
	f.expectErr("Import(an alias that is a slug)", f.s.Import(f.ctx, &news.Batch{Categories: []*news.Category{other, clash}}), news.ErrConflict)
	f.expectVersion("failed Import", v)
	for _, c := range f.categories() {
		if c.ID == imported.ID {
			if d := diffCategory(c, imported); d != "" {
				f.t.Errorf("imported category differs:\n%s", d)
			}
		}
		if c.ID == other.ID || c.ID == clash.ID {
			f.t.Errorf("Import that failed wrote category %q", c.Slug)
		}
	}
}
