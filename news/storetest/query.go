package storetest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// A newsroom is a small archive in a three-level category tree:
//
//	tin-tuc "Tin tức"
//	  hoat-dong "Hoạt động"
//	    khoa-hoc "Khoa học và công nghệ"
//	  su-kien "Sự kiện"
//	thong-bao "Thông báo"
//
// Its articles, newest first (a6 has no PublishAt; a9 and a4 share one and
// a9 has the greater ID):
//
//	a10 le-ky-niem-thanh-lap     tin-tuc    published  hour 120
//	a5  du-thao-quy-che          khoa-hoc   draft      hour 110  tag "Khoa Học"
//	a1  hoi-nghi-tong-ket-2025   khoa-hoc   published  hour 100  tags "Khoa học" "Hội nghị"; featured; author Nguyễn Văn An
//	a2  tham-gia-dinh-liet-si    su-kien    published  hour 90   tags "tri ân" "gia đình chính sách"; author Nguyễn Văn Anh
//	a3  dai-hoi-chi-bo-2025      hoat-dong  published  hour 80   tag "khoa học"; author NGUYỄN VĂN AN
//	a9  khai-giang-lop-tap-huan  su-kien    published  hour 70   tag "sở hữu trí tuệ"; featured
//	a4  tuyen-dung-vien-chuc     thong-bao  published  hour 70   tags "khoa-hoc" "tuyển dụng"
//	a8  science-conference       tin-tuc    published  hour 60   tag "Science"; featured; lang en
//	a7  hoi-thao-sinh-hoc        hoat-dong  archived   hour 40   author nguyen van an
//	a6  ghi-chu-noi-bo           tin-tuc    draft      none
type newsroom struct {
	tinTuc, hoatDong, khoaHoc, suKien, thongBao *news.Category
	a                                           map[int]*news.Article
}

func newNewsroom(f *fixture) *newsroom {
	f.t.Helper()
	r := &newsroom{a: make(map[int]*news.Article)}
	r.tinTuc = f.category("tin-tuc", "Tin tức", uuid.Nil)
	r.hoatDong = f.category("hoat-dong", "Hoạt động", r.tinTuc.ID)
	r.khoaHoc = f.category("khoa-hoc", "Khoa học và công nghệ", r.hoatDong.ID)
	r.suKien = f.category("su-kien", "Sự kiện", r.tinTuc.ID)
	r.thongBao = f.category("thong-bao", "Thông báo", uuid.Nil)
	add := func(n int, cat *news.Category, slug, title string, h int, edit func(a *news.Article)) {
		a := NewArticle(cat.ID, slug, title, hour(h))
		a.ID = seqID(n)
		if edit != nil {
			edit(a)
		}
		r.a[n] = f.createArticle(a)
	}
	add(1, r.khoaHoc, "hoi-nghi-tong-ket-2025", "Hội nghị tổng kết công tác khoa học năm 2025", 100, func(a *news.Article) {
		a.Tags = []string{"Khoa học", "Hội nghị"}
		a.Featured = true
		a.Author = "Nguyễn Văn An"
	})
	add(2, r.suKien, "tham-gia-dinh-liet-si", "Thăm gia đình liệt sĩ nhân ngày 27/7", 90, func(a *news.Article) {
		a.Tags = []string{"tri ân", "gia đình chính sách"}
		a.Author = "Nguyễn Văn Anh"
	})
	add(3, r.hoatDong, "dai-hoi-chi-bo-2025", "Đại hội chi bộ Khoa học nhiệm kỳ 2025–2030", 80, func(a *news.Article) {
		a.Tags = []string{"khoa học"}
		a.Author = "NGUYỄN VĂN AN"
	})
	add(4, r.thongBao, "tuyen-dung-vien-chuc", "Thông báo tuyển dụng viên chức năm 2025", 70, func(a *news.Article) {
		a.Tags = []string{"khoa-hoc", "tuyển dụng"}
		a.Author = "Phòng Tổ chức cán bộ"
	})
	add(5, r.khoaHoc, "du-thao-quy-che", "Dự thảo quy chế quản lý nhiệm vụ khoa học", 110, func(a *news.Article) {
		a.Tags = []string{"Khoa Học"}
		a.Status = news.StatusDraft
	})
	add(6, r.tinTuc, "ghi-chu-noi-bo", "Ghi chú nội bộ về lịch họp giao ban", 0, func(a *news.Article) {
		a.Status = news.StatusDraft
		a.PublishAt = time.Time{}
	})
	add(7, r.hoatDong, "hoi-thao-sinh-hoc", "Hội thảo ứng dụng công nghệ sinh học trong nông nghiệp", 40, func(a *news.Article) {
		a.Status = news.StatusArchived
		a.Author = "nguyen van an"
	})
	add(8, r.tinTuc, "science-conference", "Provincial science and technology conference opens", 60, func(a *news.Article) {
		a.Tags = []string{"Science"}
		a.Featured = true
		a.Lang = "en"
		a.Author = "Foreign Affairs Office"
	})
	add(9, r.suKien, "khai-giang-lop-tap-huan", "Khai giảng lớp tập huấn sở hữu trí tuệ", 70, func(a *news.Article) {
		a.Tags = []string{"sở hữu trí tuệ"}
		a.Featured = true
	})
	add(10, r.tinTuc, "le-ky-niem-thanh-lap", "Lễ kỷ niệm 30 năm thành lập Sở", 120, nil)
	return r
}

// slugs returns the slugs of the newsroom's articles with the numbers.
func (r *newsroom) slugs(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = r.a[n].Slug
	}
	return out
}

// listOrder compares articles in list order: PublishAt descending, then ID
// descending.
func listOrder(a, b *news.Article) int {
	if c := b.PublishAt.Compare(a.PublishAt); c != 0 {
		return c
	}
	return bytes.Compare(b.ID[:], a.ID[:])
}

// expected returns the slugs of the articles that match, in list order.
func expected(model []*news.Article, match func(*news.Article) bool) []string {
	var out []*news.Article
	for _, a := range model {
		if match(a) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, listOrder)
	return slugs(out)
}

func testArticlesFilters(f *fixture) {
	r := newNewsroom(f)
	yes, no := true, false
	tests := []struct {
		name string
		q    news.Query
		want []int
	}{
		{"everything", news.Query{}, []int{10, 5, 1, 2, 3, 9, 4, 8, 7, 6}},
		{"category at the root", news.Query{CategoryID: r.tinTuc.ID}, []int{10, 5, 1, 2, 3, 9, 8, 7, 6}},
		{"category in the middle", news.Query{CategoryID: r.hoatDong.ID}, []int{5, 1, 3, 7}},
		{"category at a leaf", news.Query{CategoryID: r.khoaHoc.ID}, []int{5, 1}},
		{"category with a sibling", news.Query{CategoryID: r.suKien.ID}, []int{2, 9}},
		{"category at another root", news.Query{CategoryID: r.thongBao.ID}, []int{4}},
		{"tag as written", news.Query{Tag: "Khoa học"}, []int{5, 1, 3, 4}},
		{"tag as a slug", news.Query{Tag: "khoa-hoc"}, []int{5, 1, 3, 4}},
		{"tag upper case without marks", news.Query{Tag: "KHOA HOC"}, []int{5, 1, 3, 4}},
		{"tag decomposed (NFD)", news.Query{Tag: "khoa ho\u0323c"}, []int{5, 1, 3, 4}},
		{"tag is matched whole", news.Query{Tag: "khoa"}, nil},
		{"tag of one article", news.Query{Tag: "Tri Ân"}, []int{2}},
		{"tag of several words", news.Query{Tag: "Gia đình chính sách"}, []int{2}},
		{"unknown tag", news.Query{Tag: "không có thẻ này"}, nil},
		{"author as written", news.Query{Author: "Nguyễn Văn An"}, []int{1, 3, 7}},
		{"author folded", news.Query{Author: "nguyen van an"}, []int{1, 3, 7}},
		{"author is matched whole", news.Query{Author: "Nguyễn Văn Anh"}, []int{2}},
		{"lang en", news.Query{Lang: "en"}, []int{8}},
		{"lang vi", news.Query{Lang: "vi"}, []int{10, 5, 1, 2, 3, 9, 4, 7, 6}},
		{"drafts", news.Query{Status: news.StatusDraft}, []int{5, 6}},
		{"published", news.Query{Status: news.StatusPublished}, []int{10, 1, 2, 3, 9, 4, 8}},
		{"archived", news.Query{Status: news.StatusArchived}, []int{7}},
		{"featured", news.Query{Featured: &yes}, []int{1, 9, 8}},
		{"not featured", news.Query{Featured: &no}, []int{10, 5, 2, 3, 4, 7, 6}},
		{"from, inclusive", news.Query{From: hour(70)}, []int{10, 5, 1, 2, 3, 9, 4}},
		{"from a microsecond later", news.Query{From: hour(70).Add(time.Microsecond)}, []int{10, 5, 1, 2, 3}},
		{"to, inclusive; no PublishAt is the oldest", news.Query{To: hour(70)}, []int{9, 4, 8, 7, 6}},
		{"to a microsecond earlier", news.Query{To: hour(70).Add(-time.Microsecond)}, []int{8, 7, 6}},
		{"between", news.Query{From: hour(70), To: hour(90)}, []int{2, 3, 9, 4}},
		{"one instant", news.Query{From: hour(70), To: hour(70)}, []int{9, 4}},
		{"empty range", news.Query{From: hour(71), To: hour(79)}, nil},
		{"exclude", news.Query{Exclude: seqID(1)}, []int{10, 5, 2, 3, 9, 4, 8, 7, 6}},
		{"category, tag and status", news.Query{CategoryID: r.tinTuc.ID, Tag: "khoa hoc", Status: news.StatusPublished}, []int{1, 3}},
		{"category, featured and lang", news.Query{CategoryID: r.suKien.ID, Featured: &yes, Lang: "vi"}, []int{9}},
		{"author, status and from", news.Query{Author: "Nguyễn Văn An", Status: news.StatusPublished, From: hour(90)}, []int{1}},
		{"tag and exclude", news.Query{Tag: "khoa-hoc", Exclude: seqID(3)}, []int{5, 1, 4}},
		{"category and to", news.Query{CategoryID: r.hoatDong.ID, To: hour(100)}, []int{1, 3, 7}},
		{"published and due", news.Query{Status: news.StatusPublished, To: hour(100)}, []int{1, 2, 3, 9, 4, 8}},
		{"tag in a category without it", news.Query{CategoryID: r.suKien.ID, Tag: "khoa học"}, nil},
	}
	for _, tc := range tests {
		for _, limit := range []int{0, 1, 2, 3} {
			f.expectList(tc.q, limit, r.slugs(tc.want...))
		}
	}
}

func testArticlesOrder(f *fixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	rng := rand.New(rand.NewPCG(1, 2))
	var model []*news.Article
	for i := range 30 {
		a := NewArticle(cat.ID, fmt.Sprintf("ban-tin-so-%d", i+1), fmt.Sprintf("Bản tin khoa học công nghệ số %d", i+1), hour(rng.IntN(4)))
		if i%10 == 9 {
			a.Status = news.StatusDraft
			a.PublishAt = time.Time{}
		}
		model = append(model, a)
	}
	rng.Shuffle(len(model), func(i, j int) { model[i], model[j] = model[j], model[i] })
	for _, a := range model {
		f.createArticle(a)
	}
	want := expected(model, func(*news.Article) bool { return true })
	for _, limit := range []int{news.MaxLimit, 1, 4, 7} {
		f.expectList(news.Query{}, limit, want)
	}

	// Page.Next is news.Cursor of the page's last article.
	p := f.page(news.Query{Limit: 4})
	if len(p.Articles) != 4 {
		f.t.Fatalf("Articles(Limit 4) = %d articles, want 4", len(p.Articles))
	}
	if wantNext := news.CursorAfter(p.Articles[3], 0).String(); p.Next != wantNext {
		c, err := news.ParseCursor(p.Next)
		f.t.Errorf("Articles(Limit 4).Next = %q (%+v, %v), want news.CursorAfter(last article, 0) = %q", p.Next, c, err, wantNext)
	}
	// The same query gives the same page.
	if again := f.page(news.Query{Limit: 4}); !slices.Equal(slugs(again.Articles), slugs(p.Articles)) || again.Next != p.Next {
		f.t.Errorf("Articles(Limit 4) twice = %q %q, then %q %q", slugs(p.Articles), p.Next, slugs(again.Articles), again.Next)
	}
}

func testArticlesLimit(f *fixture) {
	cat := f.category("thong-bao", "Thông báo", uuid.Nil)
	var model []*news.Article
	for i := range news.MaxLimit + 5 {
		model = append(model, f.createArticle(NewArticle(cat.ID, fmt.Sprintf("thong-bao-so-%d", i+1), fmt.Sprintf("Thông báo số %d của Sở", i+1), hour(i))))
	}
	all := expected(model, func(*news.Article) bool { return true })
	tests := []struct {
		limit, want int
	}{
		{0, news.DefaultLimit},
		{1, 1},
		{7, 7},
		{news.MaxLimit, news.MaxLimit},
	}
	for _, tc := range tests {
		p := f.page(news.Query{Limit: tc.limit})
		if got := slugs(p.Articles); !slices.Equal(got, all[:tc.want]) || p.Next == "" {
			f.t.Errorf("Articles(Limit %d) = %q, Next %q; want %q and a Next cursor", tc.limit, got, p.Next, all[:tc.want])
		}
	}
	p := f.page(news.Query{Limit: news.MaxLimit, Cursor: f.page(news.Query{Limit: news.MaxLimit}).Next})
	if got := slugs(p.Articles); !slices.Equal(got, all[news.MaxLimit:]) || p.Next != "" {
		f.t.Errorf("second page of Limit %d = %q, Next %q; want %q and no Next", news.MaxLimit, got, p.Next, all[news.MaxLimit:])
	}
	f.expectList(news.Query{}, 5, all) // 105 = 21 full pages: the last full page has no Next

	q := news.Query{Limit: news.MaxLimit + 1}
	if p, err := f.s.Articles(f.ctx, q); err != nil {
		f.expectErr("Articles(Limit MaxLimit+1)", err, news.ErrInvalid)
	} else if len(p.Articles) > news.MaxLimit {
		f.t.Errorf("Articles(Limit %d) = %d articles, want an ErrInvalid error or at most %d", q.Limit, len(p.Articles), news.MaxLimit)
	}

	empty := f.page(news.Query{Tag: "không có"})
	if len(empty.Articles) != 0 || empty.Next != "" {
		f.t.Errorf("Articles(unknown tag) = %q, Next %q; want none and no Next", slugs(empty.Articles), empty.Next)
	}
}

func testArticlesPagination(f *fixture) {
	root := f.category("tin-tuc", "Tin tức", uuid.Nil)
	child := f.category("hoat-dong", "Hoạt động", root.ID)
	other := f.category("thong-bao", "Thông báo", uuid.Nil)
	cats := []*news.Category{root, child, other}
	tags := []string{"Khoa học", "khoa-hoc", "Đổi mới sáng tạo", "Tiêu chuẩn đo lường"}
	rng := rand.New(rand.NewPCG(3, 4))
	var model []*news.Article
	for i := range 57 {
		a := NewArticle(cats[rng.IntN(3)].ID, fmt.Sprintf("tin-hoat-dong-%d", i+1), fmt.Sprintf("Tin hoạt động số %d", i+1), hour(rng.IntN(12)))
		a.Tags = []string{tags[rng.IntN(4)]}
		if rng.IntN(4) == 0 {
			a.Status = news.StatusDraft
		}
		model = append(model, f.createArticle(a))
	}
	tests := []struct {
		name  string
		q     news.Query
		match func(*news.Article) bool
	}{
		{"everything", news.Query{}, func(*news.Article) bool { return true }},
		{"category and its child", news.Query{CategoryID: root.ID}, func(a *news.Article) bool { return a.CategoryID != other.ID }},
		{"tag", news.Query{Tag: "khoa học"}, func(a *news.Article) bool { return news.Slugify(a.Tags[0]) == "khoa-hoc" }},
		{"published", news.Query{Status: news.StatusPublished}, func(a *news.Article) bool { return a.Status == news.StatusPublished }},
		{"range", news.Query{From: hour(3), To: hour(8)}, func(a *news.Article) bool { return !a.PublishAt.Before(hour(3)) && !a.PublishAt.After(hour(8)) }},
		{"category, tag and status", news.Query{CategoryID: root.ID, Tag: "Đổi mới sáng tạo", Status: news.StatusPublished}, func(a *news.Article) bool {
			return a.CategoryID != other.ID && a.Tags[0] == "Đổi mới sáng tạo" && a.Status == news.StatusPublished
		}},
	}
	for _, tc := range tests {
		want := expected(model, tc.match)
		for _, limit := range []int{1, 2, 5, 10, news.MaxLimit} {
			f.expectList(tc.q, limit, want)
		}
	}
}

func testArticlesPaginationStable(f *fixture) {
	cat := f.category("su-kien", "Sự kiện", uuid.Nil)
	p := make([]*news.Article, 10)
	for i := range p {
		a := NewArticle(cat.ID, fmt.Sprintf("su-kien-%d", i), fmt.Sprintf("Sự kiện thứ %d trong tháng", i), hour(10*(i+1)))
		a.ID = seqID(100 + 2*i) // room between the IDs
		p[i] = f.createArticle(a)
	}
	q := news.Query{CategoryID: cat.ID, Limit: 4}
	first := f.page(q)
	if got, want := slugs(first.Articles), []string{"su-kien-9", "su-kien-8", "su-kien-7", "su-kien-6"}; !slices.Equal(got, want) {
		f.t.Fatalf("first page = %q, want %q", got, want)
	}
	// Between two fetches: a newer article, an older one, one at the
	// cursor's time on each side of its ID, and the cursor's own article and
	// the one after it deleted.
	add := func(slug string, h int, id uuid.UUID) {
		a := NewArticle(cat.ID, slug, "Tin chèn giữa hai lần đọc: "+slug, hour(h))
		a.ID = id
		f.createArticle(a)
	}
	add("moi-hon", 200, uuid.New())
	add("cu-hon", 55, uuid.New())
	add("cung-gio-id-nho-hon", 70, seqID(111)) // p[6] has seqID(112)
	add("cung-gio-id-lon-hon", 70, seqID(113))
	for _, a := range []*news.Article{p[6], p[5]} {
		if err := f.s.DeleteArticle(f.ctx, a.ID); err != nil {
			f.t.Fatal(err)
		}
	}
	q.Cursor = first.Next
	second := f.page(q)
	if got, want := slugs(second.Articles), []string{"cung-gio-id-nho-hon", "cu-hon", "su-kien-4", "su-kien-3"}; !slices.Equal(got, want) {
		f.t.Fatalf("second page after inserts and deletes = %q, want %q", got, want)
	}
	add("sau-trang-hai", 25, uuid.New())
	q.Cursor = second.Next
	rest := f.list(q, 0)
	if got, want := slugs(rest), []string{"su-kien-2", "sau-trang-hai", "su-kien-1", "su-kien-0"}; !slices.Equal(got, want) {
		f.t.Errorf("rest after another insert = %q, want %q", got, want)
	}
}

func testArticlesInvalidCursor(f *fixture) {
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	f.createArticle(NewArticle(cat.ID, "hop-bao", "Họp báo công bố kết quả nghiên cứu", hour(1)))
	raw := func(b0, b1 byte) string {
		b := make([]byte, 26)
		b[0], b[1] = b0, b1
		return base64.RawURLEncoding.EncodeToString(b)
	}
	for _, c := range []string{
		"khong-phai-con-tro!",
		"AAAA",
		raw(3, 0),                    // an unknown version
		raw(2, news.MaxRank+1),       // past the last rank
		raw(1, news.RankBodyWords+1), // version 1's spread rank, split since
		raw(1, 9),
		strings.Repeat("A", 100),
		news.CursorAfter(&news.Article{ID: seqID(1), PublishAt: hour(1)}, 0).String() + "A",
	} {
		for _, q := range []news.Query{{Cursor: c}, {Cursor: c, CategoryID: cat.ID}, {Cursor: c, Text: "hop bao"}} {
			p, err := f.s.Articles(f.ctx, q)
			if !errors.Is(err, news.ErrInvalid) {
				f.t.Errorf("Articles(%s) = %v, %v; want an error wrapping ErrInvalid", describe(q), p, err)
			}
		}
	}
}

func testArticlesFollowUpdates(f *fixture) {
	a := f.category("hoat-dong", "Hoạt động", uuid.Nil)
	b := f.category("thong-bao", "Thông báo", uuid.Nil)
	rng := rand.New(rand.NewPCG(5, 6))
	statuses := []news.Status{news.StatusDraft, news.StatusPublished, news.StatusArchived}
	tags := []string{"Khoa học", "Sở hữu trí tuệ", "Chuyển đổi số"}
	model := make(map[uuid.UUID]*news.Article)
	for i := range 24 {
		x := NewArticle(a.ID, fmt.Sprintf("ban-tin-%d", i), fmt.Sprintf("Bản tin hoạt động số %d", i), hour(rng.IntN(48)))
		x.Tags = []string{tags[rng.IntN(3)]}
		model[x.ID] = f.createArticle(x).Clone()
	}
	for round := range 60 {
		ids := slices.SortedFunc(maps.Keys(model), func(x, y uuid.UUID) int { return bytes.Compare(x[:], y[:]) })
		x := model[ids[rng.IntN(len(ids))]].Clone()
		switch rng.IntN(6) {
		case 0:
			x.PublishAt = hour(rng.IntN(48))
		case 1:
			x.Status = statuses[rng.IntN(3)]
		case 2:
			x.CategoryID = []uuid.UUID{a.ID, b.ID}[rng.IntN(2)]
		case 3:
			x.Tags = []string{tags[rng.IntN(3)], tags[rng.IntN(3)]}
		case 4:
			x.Featured = !x.Featured
		case 5:
			if err := f.s.DeleteArticle(f.ctx, x.ID); err != nil {
				f.t.Fatal(err)
			}
			delete(model, x.ID)
			x = NewArticle(b.ID, fmt.Sprintf("ban-tin-moi-%d", round), "Bản tin mới thay thế", hour(rng.IntN(48)))
			x.Tags = []string{tags[rng.IntN(3)]}
			f.createArticle(x)
			model[x.ID] = x.Clone()
			continue
		}
		f.updateArticle(x)
		model[x.ID] = x
	}
	articles := slices.Collect(maps.Values(model))
	yes := true
	for _, tc := range []struct {
		q     news.Query
		match func(*news.Article) bool
	}{
		{news.Query{}, func(*news.Article) bool { return true }},
		{news.Query{CategoryID: a.ID}, func(x *news.Article) bool { return x.CategoryID == a.ID }},
		{news.Query{CategoryID: b.ID}, func(x *news.Article) bool { return x.CategoryID == b.ID }},
		{news.Query{Tag: "khoa-hoc"}, func(x *news.Article) bool { return slices.Contains(x.Tags, "Khoa học") }},
		{news.Query{Tag: "Chuyển đổi số", CategoryID: b.ID}, func(x *news.Article) bool {
			return slices.Contains(x.Tags, "Chuyển đổi số") && x.CategoryID == b.ID
		}},
		{news.Query{Status: news.StatusPublished}, func(x *news.Article) bool { return x.Status == news.StatusPublished }},
		{news.Query{Featured: &yes, Status: news.StatusPublished}, func(x *news.Article) bool {
			return x.Featured && x.Status == news.StatusPublished
		}},
	} {
		f.expectList(tc.q, 5, expected(articles, tc.match))
	}
	for h := -1; h < 49; h++ {
		var want time.Time
		for _, x := range articles {
			if x.Status == news.StatusPublished && x.PublishAt.After(hour(h)) && (want.IsZero() || x.PublishAt.Before(want)) {
				want = x.PublishAt
			}
		}
		if got, err := f.s.NextPublishAt(f.ctx, hour(h)); err != nil || !got.Equal(want) {
			f.t.Errorf("NextPublishAt(hour %d) = %v, %v; want %v", h, got, err, want)
		}
	}
}
