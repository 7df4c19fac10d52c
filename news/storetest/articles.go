package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// fullArticle returns an article with every field set.
func fullArticle(cat uuid.UUID) *news.Article {
	return &news.Article{
		ID:      uuid.New(),
		Slug:    "hoi-nghi-tong-ket-cong-tac-khoa-hoc-nam-2025",
		Aliases: []string{"hoi-nghi-tong-ket-2025", "hoi-nghi-tong-ket"},
		OldURLs: []string{"/tin-tuc/hoi-nghi-tong-ket-cong-tac-khoa-hoc-2025-123.html", "/?p=123"},
		Title:   "Hội nghị tổng kết công tác khoa học năm 2025",
		Summary: "Sáng ngày 12/12, Sở tổ chức hội nghị tổng kết công tác khoa học và công nghệ năm 2025.\nHội nghị đề ra nhiệm vụ trọng tâm cho năm 2026.",
		Body: `<p>Tham dự hội nghị có lãnh đạo các phòng, đơn vị trực thuộc &amp; đại diện các huyện.</p>` +
			`<figure><img src="/uploads/hoi-nghi.jpg" alt="Quang cảnh hội nghị"><figcaption>Quang cảnh hội nghị</figcaption></figure>` +
			`<h2>Kết quả nổi bật</h2><ul><li>Nghiệm thu 12 nhiệm vụ cấp tỉnh;</li><li>Công nhận 45 sáng kiến.</li></ul>`,
		Cover: &news.Image{
			URL:     "https://sokhcn.example.gov.vn/uploads/2025/12/hoi-nghi.jpg",
			Alt:     "Quang cảnh hội nghị tổng kết",
			Caption: "Đồng chí Giám đốc Sở phát biểu khai mạc hội nghị.",
			Width:   1200,
			Height:  800,
			Type:    "image/jpeg",
			Size:    248331,
		},
		Attachments: []news.Attachment{
			{URL: "/uploads/2025/12/bao-cao-tong-ket.pdf", Title: "Báo cáo tổng kết năm 2025", Type: "application/pdf", Size: 1048576},
			{URL: "https://sokhcn.example.gov.vn/uploads/ke-hoach-2026.docx", Title: "Kế hoạch năm 2026", Type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Size: 53210},
		},
		Author:     "Nguyễn Thị Hồng Nhung",
		CategoryID: cat,
		Tags:       []string{"Khoa học", "Hội nghị", "chuyển đổi số"},
		Lang:       "vi",
		Featured:   true,
		Status:     news.StatusPublished,
		PublishAt:  hour(100),
		CreatedAt:  hour(90).Add(-987654 * time.Microsecond),
		UpdatedAt:  hour(95).Add(time.Microsecond),
	}
}

func testArticleRoundTrip(f *fixture) {
	cat := f.category("hoat-dong", "Hoạt động", uuid.Nil)
	full := f.createArticle(fullArticle(cat.ID))
	full.UpdatedAt = hour(96).Add(-time.Microsecond)
	f.updateArticle(full)

	bare := &news.Article{
		ID:         uuid.New(),
		Slug:       "ban-nhap",
		Title:      "Bản nháp chưa có nội dung",
		CategoryID: cat.ID,
		Lang:       "en",
		Status:     news.StatusDraft,
		CreatedAt:  base,
		UpdatedAt:  base,
	}
	f.createArticle(bare)

	archived := NewArticle(cat.ID, "luu-tru", "Tin lưu trữ về hội thảo năm 2019", hour(-50000))
	archived.Status = news.StatusArchived
	archived.Body = "<p>" + strings.Repeat("Nội dung dài về hoạt động khoa học và công nghệ của tỉnh. ", 9000) + "</p>"
	f.createArticle(archived)

	for _, want := range []*news.Article{full, bare, archived} {
		f.expectArticle(want)
	}
	got := f.list(news.Query{}, 0)
	want := []*news.Article{full, archived, bare}
	if len(got) != len(want) {
		f.t.Fatalf("Articles(news.Query{}) = %q, want %q", slugs(got), slugs(want))
	}
	for i := range want {
		if d := diffArticle(got[i], want[i]); d != "" {
			f.t.Errorf("Articles(news.Query{})[%d] differs:\n%s", i, d)
		}
	}
}

func testArticleUpdate(f *fixture) {
	hd := f.category("hoat-dong", "Hoạt động", uuid.Nil)
	tb := f.category("thong-bao", "Thông báo", uuid.Nil)
	a := f.createArticle(fullArticle(hd.ID))
	other := NewArticle(hd.ID, "tap-huan-so-huu-tri-tue", "Tập huấn sở hữu trí tuệ cho doanh nghiệp", hour(50))
	other.Tags = []string{"Khoa học"}
	f.createArticle(other)

	oldSlug := a.Slug
	u := a.Clone()
	u.Slug = "hoi-nghi-tong-ket-nam-2025"
	u.Aliases = append([]string{oldSlug}, a.Aliases...)
	u.Title = "Hội nghị tổng kết năm 2025 và triển khai nhiệm vụ năm 2026"
	u.Cover = nil
	u.Attachments = nil
	u.Tags = []string{"Tổng kết"}
	u.CategoryID = tb.ID
	u.Featured = false
	u.Status = news.StatusArchived
	u.PublishAt = hour(10)
	u.UpdatedAt = hour(120)
	v := f.version()
	f.updateArticle(u)
	f.expectNewVersion("UpdateArticle", v)
	f.expectArticle(u)
	if got := f.bySlug(oldSlug); got.Slug != u.Slug {
		f.t.Errorf("ArticleBySlug(%q).Slug = %q, want the current slug %q", oldSlug, got.Slug, u.Slug)
	}

	// Every index follows the update.
	f.expectList(news.Query{CategoryID: hd.ID}, 0, []string{other.Slug})
	f.expectList(news.Query{CategoryID: tb.ID}, 0, []string{u.Slug})
	f.expectList(news.Query{Tag: "khoa học"}, 0, []string{other.Slug})
	f.expectList(news.Query{Tag: "tong ket"}, 0, []string{u.Slug})
	f.expectList(news.Query{Status: news.StatusPublished}, 0, []string{other.Slug})
	f.expectList(news.Query{Status: news.StatusArchived}, 0, []string{u.Slug})
	f.expectList(news.Query{}, 0, []string{other.Slug, u.Slug})
	featured := true
	f.expectList(news.Query{Featured: &featured}, 0, nil)
	f.expectList(news.Query{Text: "trien khai"}, 0, []string{u.Slug})

	// Dropping an alias frees it.
	u2 := u.Clone()
	u2.Aliases = []string{oldSlug}
	f.updateArticle(u2)
	f.expectNotFound(uuid.Nil, a.Aliases...)
	f.expectArticle(u2)

	missing := NewArticle(hd.ID, "khong-ton-tai", "Bài không có trong kho", hour(1))
	v = f.version()
	f.expectErr("UpdateArticle(unknown ID)", f.s.UpdateArticle(f.ctx, missing), news.ErrNotFound)
	f.expectVersion("a failed UpdateArticle", v)
	f.expectNotFound(missing.ID, missing.Slug)
}

func testArticleDelete(f *fixture) {
	cat := f.category("su-kien", "Sự kiện", uuid.Nil)
	a := fullArticle(cat.ID)
	a.Tags = []string{"Tri ân"}
	a.PublishAt = hour(20)
	f.createArticle(a)
	keep := NewArticle(cat.ID, "tham-gia-dinh-liet-si", "Thăm gia đình liệt sĩ nhân ngày 27/7", hour(80))
	keep.Tags = []string{"Tri ân"}
	f.createArticle(keep)

	v := f.version()
	if err := f.s.DeleteArticle(f.ctx, a.ID); err != nil {
		f.t.Fatalf("DeleteArticle: %v", err)
	}
	v = f.expectNewVersion("DeleteArticle", v)
	f.expectNotFound(a.ID, append([]string{a.Slug}, a.Aliases...)...)
	f.expectOldURLsNotFound(a.OldURLs...)
	f.expectArticle(keep)
	f.expectList(news.Query{}, 0, []string{keep.Slug})
	f.expectList(news.Query{CategoryID: cat.ID}, 0, []string{keep.Slug})
	f.expectList(news.Query{Tag: "tri an"}, 0, []string{keep.Slug})
	f.expectList(news.Query{Status: news.StatusPublished}, 0, []string{keep.Slug})
	f.expectList(news.Query{Text: "tong ket"}, 0, nil)
	if got, err := f.s.NextPublishAt(f.ctx, hour(0)); err != nil || !got.Equal(keep.PublishAt) {
		f.t.Errorf("NextPublishAt(%s) = %s, %v; want %s (the deleted article's time is gone)", hour(0), got, err, keep.PublishAt)
	}

	f.expectErr("DeleteArticle(deleted ID)", f.s.DeleteArticle(f.ctx, a.ID), news.ErrNotFound)
	f.expectVersion("a failed DeleteArticle", v)

	// The slug and aliases are free again.
	again := NewArticle(cat.ID, a.Aliases[0], "Hội nghị tổng kết (đăng lại)", hour(5))
	again.Aliases = []string{a.Slug}
	again.OldURLs = a.OldURLs
	f.createArticle(again)
	f.expectArticle(again)
}

func testArticleNotFound(f *fixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	a := f.createArticle(NewArticle(cat.ID, "hoi-thao-chuyen-doi-so", "Hội thảo chuyển đổi số trong doanh nghiệp", hour(1)))
	f.expectNotFound(uuid.New(), "khong-co-bai-nay", "hoi-thao", "Hoi-thao-chuyen-doi-so", "hoi-thao-chuyen-doi-so-2", "")
	f.expectNotFound(seqID(1))
	f.expectArticle(a)
}

func testArticleConflicts(f *fixture) {
	tests := []struct {
		name   string
		update bool // change the second article instead of creating a new one
		change func(b, existing *news.Article)
	}{
		{"create with a taken ID", false, func(b, e *news.Article) { b.ID = e.ID }},
		{"create with a taken slug", false, func(b, e *news.Article) { b.Slug = e.Slug }},
		{"create with a slug that is an alias", false, func(b, e *news.Article) { b.Slug = e.Aliases[1] }},
		{"create with an alias that is a slug", false, func(b, e *news.Article) { b.Aliases = []string{"lich-cu", e.Slug} }},
		{"create with an alias that is an alias", false, func(b, e *news.Article) { b.Aliases = []string{e.Aliases[0]} }},
		{"update to a taken slug", true, func(b, e *news.Article) { b.Slug = e.Slug }},
		{"update to a slug that is an alias", true, func(b, e *news.Article) { b.Slug = e.Aliases[0] }},
		{"update to an alias that is a slug", true, func(b, e *news.Article) { b.Aliases = []string{e.Slug} }},
		{"update to an alias that is an alias", true, func(b, e *news.Article) { b.Aliases = append(b.Aliases, e.Aliases[1]) }},
		{"create with a taken old URL", false, func(b, e *news.Article) { b.OldURLs = []string{"/moi.html", e.OldURLs[1]} }},
		{"update to a taken old URL", true, func(b, e *news.Article) { b.OldURLs = append(b.OldURLs, e.OldURLs[0]) }},
	}
	for _, tc := range tests {
		f.t.Run(tc.name, func(t *testing.T) {
			f := &fixture{t: t, s: f.s, ctx: f.ctx}
			cat := f.category("cat-"+news.Slugify(tc.name), tc.name, uuid.Nil)
			existing := fullArticle(cat.ID)
			prefix := news.Slugify(tc.name) + "-"
			existing.Slug = prefix + existing.Slug
			for i := range existing.Aliases {
				existing.Aliases[i] = prefix + existing.Aliases[i]
			}
			for i := range existing.OldURLs {
				existing.OldURLs[i] = "/" + prefix + existing.OldURLs[i]
			}
			f.createArticle(existing)
			b := NewArticle(cat.ID, prefix+"lich-tiep-cong-dan", "Lịch tiếp công dân tháng 8", hour(3))
			b.Aliases = []string{prefix + "lich-tiep-dan"}
			b.OldURLs = []string{"/" + prefix + "lich-tiep-dan.html"}
			orig := b.Clone()
			if tc.update {
				f.createArticle(b)
				b = b.Clone()
			}
			tc.change(b, existing)
			v := f.version()
			var err error
			if tc.update {
				err = f.s.UpdateArticle(f.ctx, b)
			} else {
				err = f.s.CreateArticle(f.ctx, b)
			}
			f.expectErr(tc.name, err, news.ErrConflict)
			f.expectVersion("a conflict", v)
			f.expectArticle(existing)
			if tc.update {
				f.expectArticle(orig)
				return
			}
			if b.ID != existing.ID {
				f.expectNotFound(b.ID)
			}
			taken := append([]string{existing.Slug}, existing.Aliases...)
			for _, slug := range append([]string{b.Slug}, b.Aliases...) {
				if !slices.Contains(taken, slug) {
					f.expectNotFound(uuid.Nil, slug) // nothing of the failed write stays
				}
			}
			for _, path := range b.OldURLs {
				if !slices.Contains(existing.OldURLs, path) {
					f.expectOldURLsNotFound(path)
				}
			}
		})
	}

	f.t.Run("own slug and aliases", func(t *testing.T) {
		f := &fixture{t: t, s: f.s, ctx: f.ctx}
		cat := f.category("rieng", "Riêng", uuid.Nil)
		a := NewArticle(cat.ID, "ngay-hoi-khoi-nghiep", "Ngày hội khởi nghiệp đổi mới sáng tạo", hour(7))
		a.Aliases = []string{"ngay-hoi-khoi-nghiep-2025"}
		f.createArticle(a)
		a.Title = "Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh năm 2025"
		f.updateArticle(a) // the same slug and aliases are not a conflict
		a.Aliases = []string{a.Slug, "ngay-hoi-khoi-nghiep-2025"}
		a.Slug = "ngay-hoi-khoi-nghiep-doi-moi-sang-tao"
		f.updateArticle(a) // the old slug becomes an alias
		f.expectArticle(a)
	})
}

func testArticleCopies(f *fixture) {
	cat := f.category("hoat-dong", "Hoạt động", uuid.Nil)
	in := fullArticle(cat.ID)
	want := in.Clone()
	f.createArticle(in)
	mutate(in)
	f.expectArticle(want)

	for name, get := range map[string]func() *news.Article{
		"Article":         func() *news.Article { return f.article(want.ID) },
		"ArticleBySlug":   func() *news.Article { return f.bySlug(want.Aliases[0]) },
		"ArticleByOldURL": func() *news.Article { return f.byOldURL(want.OldURLs[0]) },
		"Articles":        func() *news.Article { return f.page(news.Query{}).Articles[0] },
	} {
		mutate(get())
		if d := diffArticle(get(), want); d != "" {
			f.t.Errorf("changing what %s returned changed the store:\n%s", name, d)
		}
	}

	u := want.Clone()
	u.Title = "Hội nghị tổng kết công tác khoa học năm 2025 (cập nhật)"
	want = u.Clone()
	f.updateArticle(u)
	mutate(u)
	f.expectArticle(want)
}

// mutate changes every part of a that a shallow copy would share.
func mutate(a *news.Article) {
	a.Title = "đã sửa"
	a.Slug = "da-sua"
	if len(a.Aliases) > 0 {
		a.Aliases[0] = "da-sua-alias"
	}
	if len(a.OldURLs) > 0 {
		a.OldURLs[0] = "/da-sua.html"
	}
	if len(a.Tags) > 0 {
		a.Tags[0] = "đã sửa"
	}
	if len(a.Attachments) > 0 {
		a.Attachments[0].Title = "đã sửa"
	}
	if a.Cover != nil {
		a.Cover.Caption = "đã sửa"
	}
	a.PublishAt = a.PublishAt.Add(1)
}

func testArticleOldURLs(f *fixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	a := NewArticle(cat.ID, "dai-hoi-chi-bo", "Đại hội Chi bộ nhiệm kỳ 2025–2027", hour(1))
	a.OldURLs = []string{"/tin-tức/đại-hội-chi-bộ-123.html", "/?p=123", "/default.aspx?id=AbC"}
	f.createArticle(a)
	draft := NewArticle(cat.ID, "ban-nhap", "Bản nháp", hour(2))
	draft.Status = news.StatusDraft
	draft.OldURLs = []string{"/?p=124"}
	f.createArticle(draft)
	f.expectArticle(a)
	f.expectArticle(draft) // whatever its status: the Public view filters
	// Compared exactly: the caller gives the canonical form.
	f.expectOldURLsNotFound("/?p=12", "/?p=1234", "/?P=123", "/default.aspx?id=abc", "/tin-tuc/dai-hoi-chi-bo-123.html", "", "/")

	// Dropping an old URL frees it for another article; a kept one is not.
	u := a.Clone()
	u.OldURLs = []string{"/?p=123"}
	f.updateArticle(u)
	f.expectArticle(u)
	f.expectOldURLsNotFound(a.OldURLs[0], a.OldURLs[2])
	b := NewArticle(cat.ID, "hoi-nghi", "Hội nghị", hour(3))
	b.OldURLs = []string{a.OldURLs[0]}
	f.createArticle(b)
	f.expectArticle(b)
	b.OldURLs = append(b.OldURLs, "/?p=123")
	v := f.version()
	f.expectErr("UpdateArticle(another's old URL)", f.s.UpdateArticle(f.ctx, b), news.ErrConflict)
	f.expectVersion("a conflict", v)
	f.expectArticle(u)

	// An old URL may look like a slug of another article: another namespace.
	c := NewArticle(cat.ID, "tin-khac", "Tin khác", hour(4))
	c.OldURLs = []string{"/dai-hoi-chi-bo", "dai-hoi-chi-bo"}
	f.createArticle(c)
	f.expectArticle(c)
	f.expectArticle(u)

	// An article written with no old URLs reads back with none.
	x := f.createArticle(NewArticle(cat.ID, "khong-co-dia-chi-cu", "Không có địa chỉ cũ", hour(5)))
	if got := f.article(x.ID).OldURLs; got != nil {
		f.t.Errorf("an article written without old URLs reads back with %#v, want nil", got)
	}
}
