package storetest

import (
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

func testImport(f *fixture) {
	// Into an empty store: parents before children.
	root := NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	child := NewCategory("hoat-dong", "Hoạt động", root.ID)
	a := fullArticle(child.ID)
	b := NewArticle(root.ID, "le-ky-niem-ngay-khoa-hoc", "Lễ kỷ niệm Ngày Khoa học và Công nghệ Việt Nam 18/5", hour(30))
	b.Tags = []string{"Khoa học"}
	v := f.version()
	if err := f.s.Import(f.ctx, &news.Batch{Categories: []*news.Category{root, child}, Articles: []*news.Article{a, b}}); err != nil {
		f.t.Fatalf("Import: %v", err)
	}
	v = f.expectNewVersion("Import", v)
	f.expectCategories(child, root)
	f.expectArticle(a)
	f.expectArticle(b)
	f.expectList(news.Query{CategoryID: root.ID}, 0, []string{a.Slug, b.Slug})
	f.expectList(news.Query{Tag: "khoa-hoc"}, 0, []string{a.Slug, b.Slug})

	// Replacing by ID: a category renamed, an article moved to a new slug
	// and category, its old slug taken by a new article of the same batch.
	other := NewCategory("thong-bao", "Thông báo", uuid.Nil)
	root2 := root.Clone()
	root2.Name = "Tin tức – Sự kiện"
	root2.Position = 5
	a2 := a.Clone()
	a2.Slug = "hoi-nghi-tong-ket-2025-da-sua"
	a2.Aliases = nil
	a2.CategoryID = other.ID
	a2.Tags = []string{"Tổng kết"}
	a2.Title = "Hội nghị tổng kết năm 2025 (đã sửa)"
	c := NewArticle(child.ID, a.Slug, "Bài mới mang đường dẫn cũ", hour(10))
	if err := f.s.Import(f.ctx, &news.Batch{
		Categories: []*news.Category{other, root2},
		Articles:   []*news.Article{a2, c},
	}); err != nil {
		f.t.Fatalf("Import (replace): %v", err)
	}
	f.expectNewVersion("Import (replace)", v)
	f.expectCategories(child, other, root2)
	f.expectArticle(a2)
	f.expectArticle(b)
	f.expectArticle(c)
	f.expectNotFound(uuid.Nil, a.Aliases...)
	f.expectList(news.Query{CategoryID: root.ID}, 0, []string{b.Slug, c.Slug})
	f.expectList(news.Query{CategoryID: other.ID}, 0, []string{a2.Slug})
	f.expectList(news.Query{Tag: "khoa-hoc"}, 0, []string{b.Slug})
	f.expectList(news.Query{}, 0, []string{a2.Slug, b.Slug, c.Slug})
}

func testImportAtomic(f *fixture) {
	root := f.category("tin-tuc", "Tin tức", uuid.Nil)
	existing := fullArticle(root.ID)
	f.createArticle(existing)
	second := NewArticle(root.ID, "thong-bao-lich-nghi-le", "Thông báo lịch nghỉ lễ Quốc khánh 2/9", hour(20))
	f.createArticle(second)

	tests := []struct {
		name  string
		batch func() *news.Batch
	}{
		{"a new article takes a slug", func() *news.Batch {
			return &news.Batch{Articles: []*news.Article{
				NewArticle(root.ID, "bai-hop-le", "Bài hợp lệ", hour(1)),
				NewArticle(root.ID, existing.Slug, "Bài trùng đường dẫn", hour(2)),
			}}
		}},
		{"a new article takes an alias", func() *news.Batch {
			x := NewArticle(root.ID, "bai-hop-le", "Bài hợp lệ", hour(1))
			x.Aliases = []string{existing.Aliases[1]}
			return &news.Batch{Articles: []*news.Article{x}}
		}},
		{"a replaced article takes another's slug", func() *news.Batch {
			x := second.Clone()
			x.Slug = existing.Aliases[0]
			return &news.Batch{Articles: []*news.Article{x}}
		}},
		{"a new article takes an old URL", func() *news.Batch {
			x := NewArticle(root.ID, "bai-hop-le", "Bài hợp lệ", hour(1))
			x.OldURLs = []string{"/bai-hop-le.html", existing.OldURLs[1]}
			return &news.Batch{Articles: []*news.Article{x}}
		}},
		{"two new articles share an old URL", func() *news.Batch {
			x := NewArticle(root.ID, "bai-mot", "Bài thứ nhất", hour(1))
			y := NewArticle(root.ID, "bai-hai", "Bài thứ hai", hour(2))
			x.OldURLs, y.OldURLs = []string{"/?p=9"}, []string{"/?p=8", "/?p=9"}
			return &news.Batch{Articles: []*news.Article{x, y}}
		}},
		{"two new articles share a slug", func() *news.Batch {
			return &news.Batch{Articles: []*news.Article{
				NewArticle(root.ID, "trung-nhau", "Bài thứ nhất", hour(1)),
				NewArticle(root.ID, "trung-nhau", "Bài thứ hai", hour(2)),
			}}
		}},
		{"a category takes a slug", func() *news.Batch {
			return &news.Batch{
				Categories: []*news.Category{NewCategory("moi", "Mới", uuid.Nil), NewCategory("tin-tuc", "Tin tức (trùng)", uuid.Nil)},
			}
		}},
		{"good writes before the bad one", func() *news.Batch {
			cat := NewCategory("van-ban", "Văn bản", root.ID)
			renamed := root.Clone()
			renamed.Name = "Tin tức (đổi tên)"
			upd := existing.Clone()
			upd.Title = "Tiêu đề đã sửa"
			upd.Slug = "tieu-de-da-sua"
			upd.Aliases = nil
			del := second.Clone()
			del.Status = news.StatusArchived
			return &news.Batch{
				Categories: []*news.Category{cat, renamed},
				Articles: []*news.Article{
					upd,
					del,
					NewArticle(cat.ID, "van-ban-moi", "Văn bản mới ban hành", hour(3)),
					NewArticle(cat.ID, "van-ban-moi-2", "Văn bản mới thứ hai", hour(4)),
					NewArticle(cat.ID, "van-ban-moi", "Văn bản trùng đường dẫn", hour(5)),
				},
			}
		}},
	}
	for _, tc := range tests {
		before := f.snapshot()
		b := tc.batch()
		f.expectErr("Import("+tc.name+")", f.s.Import(f.ctx, b), news.ErrConflict)
		if after := f.snapshot(); after != before {
			f.t.Errorf("Import(%s) failed but changed the store:\n%s", tc.name, LineDiff(before, after))
		}
		for _, a := range b.Articles {
			if a.ID != existing.ID && a.ID != second.ID {
				f.expectNotFound(a.ID)
			}
		}
	}
	f.expectArticle(existing)
	f.expectArticle(second)
}

func testImportCopies(f *fixture) {
	root := NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	a := fullArticle(root.ID)
	wantCat, wantArticle := root.Clone(), a.Clone()
	if err := f.s.Import(f.ctx, &news.Batch{Categories: []*news.Category{root}, Articles: []*news.Article{a}}); err != nil {
		f.t.Fatalf("Import: %v", err)
	}
	root.Name = "đã sửa"
	mutate(a)
	f.expectCategories(wantCat)
	f.expectArticle(wantArticle)
}

// LineDiff lists, one a line, the lines only in before ("- " and the line)
// and then those only in after ("+ "): how a store's contents, dumped a
// row a line, changed.
func LineDiff(before, after string) string {
	b, a := strings.Split(before, "\n"), strings.Split(after, "\n")
	var out []string
	for _, l := range b {
		if !slices.Contains(a, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
