package storetest

import (
	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"golang.org/x/text/unicode/norm"
)

// A vietnameseRoom is an archive of the words Vietnamese readers search
// for and the words that look like them. Its articles, by number, with
// the hour of their PublishAt:
//
//	v1  h10  title "Kỹ thuật trồng bưởi Năm Roi"           pomelo
//	v2  h20  title "Buổi họp giao ban tháng Năm"            a session
//	v3  h30  title "Buoi sang tai vuon uom"                 no marks
//	v4  h40  title "Đại hội Đảng bộ tỉnh lần thứ XII"       the congress
//	v5  h50  title with "đái tháo đường", body "Hội đồng"   diabetes
//	v6  h60  summary "Các đại biểu dự Hội thảo …"           shrimp farming
//	v7  h70  title "Hoà bình và phát triển"                 old tone placement
//	v8  h80  body "… hòa bình …"                            new tone placement
//	v9  h90  title "Công trình thuỷ lợi"                    old placement
//	v10 h100 title "Nuôi trồng thủy sản"                    new placement
//	v11 h110 title "Đai an toàn khi lái xe"                 a belt
//	v12 h120 title "Bánh tráng dai ngon"                    chewy
//	v13 h130 title "Hỏi thăm bà con vùng lũ"
//	v14 h5   body "… mua bưởi làm quà."
//	v15 h140 summary "Gian hàng bưởi da xanh …"
//	v17 h150 title "Hội nghị cán bộ chủ chốt", body "… đại hội …"
//	v18 h160 title "Hội khuyến học dự đại lễ"                both words, apart
type vietnameseRoom struct {
	s map[int]*news.Article
}

func newVietnameseRoom(f *fixture) *vietnameseRoom {
	f.t.Helper()
	r := &vietnameseRoom{s: make(map[int]*news.Article)}
	cat := f.category("tin-tuc", "Tin tức", uuid.Nil)
	add := func(n int, slug, title string, h int, summary, body string) {
		a := NewArticle(cat.ID, slug, title, hour(h))
		a.Summary = summary
		if body != "" {
			a.Body = body
		}
		r.s[n] = f.createArticle(a)
	}
	add(1, "trong-buoi-nam-roi", "Kỹ thuật trồng bưởi Năm Roi", 10, "", "<p>Nhà vườn chia sẻ cách chăm sóc cây.</p>")
	add(2, "buoi-hop-giao-ban", "Buổi họp giao ban tháng Năm", 20, "", "")
	add(3, "buoi-sang-tai-vuon", "Buoi sang tai vuon uom", 30, "", "")
	add(4, "dai-hoi-dang-bo", "Đại hội Đảng bộ tỉnh lần thứ XII", 40, "", "")
	add(5, "benh-dai-thao-duong", "Phòng chống bệnh đái tháo đường", 50, "", "<p>Hội đồng chuyên môn của bệnh viện khuyến cáo.</p>")
	add(6, "nuoi-tom-cong-nghe-cao", "Nuôi tôm công nghệ cao", 60, "Các đại biểu dự Hội thảo chia sẻ kinh nghiệm.", "")
	add(7, "hoa-binh", "Hoà bình và phát triển", 70, "", "")
	add(8, "dien-dan-ben-vung", "Diễn đàn phát triển bền vững", 80, "", "<p>Vì một nền hòa bình bền vững.</p>")
	add(9, "cong-trinh-thuy-loi", "Công trình thuỷ lợi", 90, "", "")
	add(10, "nuoi-trong-thuy-san", "Nuôi trồng thủy sản", 100, "", "")
	add(11, "deo-dai-an-toan", "Đai an toàn khi lái xe", 110, "", "")
	add(12, "banh-trang-dai", "Bánh tráng dai ngon", 120, "", "")
	add(13, "hoi-tham-vung-lu", "Hỏi thăm bà con vùng lũ", 130, "", "")
	add(14, "dac-san-mien-tay", "Đặc sản miền Tây", 5, "", "<p>Du khách mua bưởi làm quà.</p>")
	add(15, "hoi-cho-nong-san", "Hội chợ nông sản", 140, "Gian hàng bưởi da xanh thu hút khách.", "")
	add(17, "hoi-nghi-can-bo", "Hội nghị cán bộ chủ chốt", 150, "", "<p>Chuẩn bị cho đại hội nhiệm kỳ mới.</p>")
	add(18, "hoi-khuyen-hoc-dai-le", "Hội khuyến học dự đại lễ", 160, "", "")
	return r
}

func (r *vietnameseRoom) slugs(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = r.s[n].Slug
	}
	return out
}

// testSearchVietnamese states the rule of a search (news.MatchWord and the
// ranks of news.Cursor) in the words Vietnamese readers type: every store
// lists exactly these articles in exactly this order, on pages of any
// size, and counts them.
func testSearchVietnamese(f *fixture) {
	r := newVietnameseRoom(f)
	tests := []struct {
		name string
		text string
		sort news.Sort
		want []int
	}{
		// A word typed with marks finds those marks; without, any.
		{"marked: the pomelo, in title, summary, then body", "bưởi", "", []int{1, 15, 14}},
		{"marked, capital", "Bưởi", "", []int{1, 15, 14}},
		{"marked, upper case", "BƯỞI", "", []int{1, 15, 14}},
		{"marked, typed in NFD", norm.NFD.String("bưởi"), "", []int{1, 15, 14}},
		{"marked: the session", "buổi", "", []int{2}},
		{"unmarked finds every marking, title first", "buoi", "", []int{3, 2, 1, 15, 14}},
		{"old tone placement finds the new", "hoà", "", []int{7, 8}},
		{"new tone placement finds the old", "hòa", "", []int{7, 8}},
		{"tone placement, upper case", "HOÀ", "", []int{7, 8}},
		{"unmarked hoa", "hoa", "", []int{7, 8}},
		{"thuỷ finds thủy", "thuỷ", "", []int{10, 9}},
		{"thủy finds thuỷ", "thủy", "", []int{10, 9}},
		// đ is a letter of its own when typed.
		{"đai is not dai nor đại", "đai", "", []int{11}},
		{"Đai", "Đai", "", []int{11}},
		{"dai finds đ and d", "dai", "", []int{18, 12, 11, 5, 4, 6, 17}},
		{"đại", "đại", "", []int{18, 4, 6, 17}},
		// Whole words: no prefix, no inside.
		{"a prefix does not match", "buo", "", nil},
		{"a short prefix does not match", "ho", "", nil},
		{"the inside of a word does not match", "uoi", "", nil},
		// Two syllables: the phrase first, then both apart; the diabetes
		// article (đái … Hội đồng) holds neither đại nor the phrase.
		{"đại hội: phrase in title, in body, words in title, in summary", "đại hội", "", []int{4, 17, 18, 6}},
		{"ĐẠI HỘI", "ĐẠI HỘI", "", []int{4, 17, 18, 6}},
		{"đại hội in NFD", norm.NFD.String("Đại hội"), "", []int{4, 17, 18, 6}},
		{"dai hoi: and the words spread over title and body", "dai hoi", "", []int{4, 17, 18, 6, 5}},
		{"hội đại: the phrase in the order typed", "hội đại", "", []int{18, 4, 6, 17}},
		{"mixed marks", "đại hoi", "", []int{4, 17, 18, 6}},
		// Quotes and punctuation force a phrase.
		{"quoted phrase", `"đại hội"`, "", []int{4, 17}},
		{"quoted phrase without marks", `"dai hoi"`, "", []int{4, 17}},
		{"phrase joined by a hyphen", "đại-hội", "", []int{4, 17}},
		{"quoted phrase in the other order", `"hội đại"`, "", nil},
		// A leading "-" excludes, with marks as typed.
		{"exclude a marked word", "buoi -bưởi", "", []int{3, 2}},
		{"exclude another marking", "bưởi -buổi", "", []int{1, 15, 14}},
		{"exclude đại", "dai -đại", "", []int{12, 11, 5}},
		{"exclude a phrase", `dai hoi -"đại hội"`, "", []int{18, 6, 5}},
		// Newest first, whatever matches.
		{"newest first", "đại hội", news.SortNewest, []int{18, 17, 6, 4}},
		{"newest first without marks", "buoi", news.SortNewest, []int{15, 3, 2, 1, 14}},
	}
	for _, tc := range tests {
		q := news.Query{Text: tc.text, Sort: tc.sort}
		for _, limit := range []int{0, 1, 2, 3} {
			f.expectList(q, limit, r.slugs(tc.want...))
		}
		q.Limit = 1
		if p := f.page(q); p.Total != len(tc.want) || p.TotalCapped {
			f.t.Errorf("%s: Articles(%s).Total = %d (capped %v), want %d", tc.name, describe(q), p.Total, p.TotalCapped, len(tc.want))
		}
	}
	// Each page's Next is the cursor of its last article at its rank.
	ranks := []int{news.RankTitlePhrase, news.RankBodyPhrase, news.RankTitleWords, news.RankSummaryWords, news.RankRareTitle}
	want := r.slugs(4, 17, 18, 6, 5)
	q := news.Query{Text: "dai hoi", Limit: 1}
	for i := 0; ; i++ {
		p := f.page(q)
		if p.Next == "" {
			break
		}
		if i+1 >= len(want) || len(p.Articles) != 1 || p.Articles[0].Slug != want[i] {
			f.t.Fatalf("Articles(%s) page %d = %q, want %q", describe(q), i+1, slugs(p.Articles), want[i])
		}
		if wantNext := news.CursorAfter(p.Articles[0], ranks[i]).String(); p.Next != wantNext {
			c, err := news.ParseCursor(p.Next)
			f.t.Errorf("Articles(%s) page %d: Next = %+v (%v), want rank %d", describe(q), i+1, c, err, ranks[i])
		}
		q.Cursor = p.Next
	}
}

// testSearchRarity checks that matches whose words are spread over
// their fields rank by where the search's rarest word stands (news.Rarest):
// in the title (news.RankRareTitle), in the summary, then elsewhere. The
// articles, with the hour of their PublishAt:
//
//	r1 h10 title "Điện mặt trời mái nhà", body "… hội nghị …"
//	r2 h20 title "Hội nghị tổng kết năm 2025", body "… điện mặt trời …"
//	r3 h30 title "Hội nghị xúc tiến đầu tư", summary "… điện mặt trời …"
//	r4 h40 title "Hội nghị Mặt trận Tổ quốc"          hội, nghị, mặt
//	r5 h50 title "Điện mặt trời áp mái", summary "Hội nghị …"
//	r6 h60 title "Trời nắng nóng kéo dài"              trời
//	r7 h70 title "Mặt trời mọc trên biển"             mặt, trời
//	r8 h80 title "Diễn đàn doanh nghiệp"              dien, not điện
//	r9 h90 title "Diện mạo nông thôn mới"             dien, not điện
//	r10, r11 (written last) titles with "điện" alone
//
// Typed with marks, "điện" is the rarest word (4 articles; hội and nghị 5,
// mặt and trời 6). Typed without, "dien" is held by 6 articles and "hoi",
// the first typed of the two words held by 5, is the rarest.
func testSearchRarity(f *fixture) {
	cat := f.category("nang-luong", "Năng lượng", uuid.Nil)
	s := make(map[int]*news.Article)
	add := func(n int, slug, title string, h int, summary, body string) {
		a := NewArticle(cat.ID, slug, title, hour(h))
		a.Summary = summary
		if body != "" {
			a.Body = body
		}
		s[n] = f.createArticle(a)
	}
	add(1, "dien-mat-troi-mai-nha", "Điện mặt trời mái nhà", 10, "", "<p>Sở Công Thương tổ chức hội nghị hướng dẫn lắp đặt.</p>")
	add(2, "hoi-nghi-tong-ket", "Hội nghị tổng kết năm 2025", 20, "", "<p>Tỉnh đã đưa vào vận hành ba dự án điện mặt trời.</p>")
	add(3, "hoi-nghi-xuc-tien", "Hội nghị xúc tiến đầu tư", 30, "Nhà đầu tư quan tâm đến điện mặt trời.", "")
	add(4, "mat-tran-to-quoc", "Hội nghị Mặt trận Tổ quốc", 40, "", "")
	add(5, "dien-mat-troi-ap-mai", "Điện mặt trời áp mái", 50, "Hội nghị bàn cách tháo gỡ vướng mắc.", "")
	add(6, "troi-nang-nong", "Trời nắng nóng kéo dài", 60, "", "")
	add(7, "mat-troi-moc", "Mặt trời mọc trên biển", 70, "", "")
	add(8, "dien-dan-doanh-nghiep", "Diễn đàn doanh nghiệp", 80, "", "")
	add(9, "dien-mao-nong-thon", "Diện mạo nông thôn mới", 90, "", "")
	tests := []struct {
		name  string
		text  string
		want  []int
		ranks []int // the rank of each of want
	}{
		{"điện is the rarest: in the title, in the summary, in the body", "hội nghị điện mặt trời",
			[]int{5, 1, 3, 2}, []int{news.RankRareTitle, news.RankRareTitle, news.RankRareSummary, news.RankSpread}},
		{"the order typed does not change the rarest", "điện mặt trời hội nghị",
			[]int{5, 1, 3, 2}, []int{news.RankRareTitle, news.RankRareTitle, news.RankRareSummary, news.RankSpread}},
		{"dien without marks is common: hoi is the rarest", "hoi nghi dien mat troi",
			[]int{3, 2, 5, 1}, []int{news.RankRareTitle, news.RankRareTitle, news.RankRareSummary, news.RankSpread}},
		{"a quoted phrase is no word: hội, typed before nghị, is the rarest", `"điện mặt trời" hội nghị`,
			[]int{3, 2, 5, 1}, []int{news.RankRareTitle, news.RankRareTitle, news.RankRareSummary, news.RankSpread}},
		{"the phrase and the words in a field rank first", "mặt trời",
			[]int{7, 5, 1, 3, 2}, []int{news.RankTitlePhrase, news.RankTitlePhrase, news.RankTitlePhrase, news.RankSummaryPhrase, news.RankBodyPhrase}},
	}
	for _, tc := range tests {
		q := news.Query{Text: tc.text}
		for _, limit := range []int{0, 1, 2, 3} {
			f.expectList(q, limit, slugsOf(s, tc.want))
		}
		// Each page's Next is the cursor of its last article at its rank.
		q.Limit = 1
		for i := range tc.want {
			p := f.page(q)
			if i == 0 && (p.Total != len(tc.want) || p.TotalCapped) {
				f.t.Errorf("%s: Articles(%s).Total = %d (capped %v), want %d", tc.name, describe(q), p.Total, p.TotalCapped, len(tc.want))
			}
			if len(p.Articles) != 1 || p.Articles[0].Slug != s[tc.want[i]].Slug {
				f.t.Fatalf("%s: Articles(%s) page %d = %q, want %q", tc.name, describe(q), i+1, slugs(p.Articles), s[tc.want[i]].Slug)
			}
			if i+1 == len(tc.want) {
				if p.Next != "" {
					f.t.Errorf("%s: Articles(%s) last page: Next = %q, want none", tc.name, describe(q), p.Next)
				}
				break
			}
			if want := news.CursorAfter(p.Articles[0], tc.ranks[i]).String(); p.Next != want {
				c, err := news.ParseCursor(p.Next)
				f.t.Errorf("%s: Articles(%s) page %d: Next = %+v (%v), want rank %d", tc.name, describe(q), i+1, c, err, tc.ranks[i])
			}
			q.Cursor = p.Next
		}
	}
	// Rarity follows writes: with two more articles on electricity,
	// "điện" (6) is no rarer than "hội" (5), which now ranks.
	add(10, "tiet-kiem-dien", "Tiết kiệm điện mùa nắng nóng", 100, "", "")
	add(11, "gia-dien", "Giá điện sinh hoạt", 110, "", "")
	f.expectList(news.Query{Text: "hội nghị điện mặt trời"}, 0, slugsOf(s, []int{3, 2, 5, 1}))
}

// slugsOf returns the slugs of the articles numbered ns in s.
func slugsOf(s map[int]*news.Article, ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = s[n].Slug
	}
	return out
}
