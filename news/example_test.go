package news_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// exampleClock returns a clock fixed at 20 November 2026, 08:00 in Hanoi,
// that each call to the returned advance function moves by d.
func exampleClock() (now func() time.Time, advance func(d time.Duration)) {
	t := time.Date(2026, 11, 20, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	return func() time.Time { return t }, func(d time.Duration) { t = t.Add(d) }
}

func ExampleNewService() {
	ctx := context.Background()
	now, _ := exampleClock()
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{Now: now})

	cat, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Tin tức - Sự kiện"})
	if err != nil {
		panic(err)
	}
	a, err := svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2025–2030",
		BodyHTML:   `<p>Sáng 20/11, Chi bộ Chuyên ngành tổ chức đại hội với đầy đủ đảng viên tham dự.</p><script>alert(1)</script>`,
		CategoryID: cat.ID,
		Tags:       []string{"Đại hội", "Chi bộ"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Slug, a.Status)
	fmt.Println(a.Body)
	fmt.Println(a.Summary)

	a, err = svc.Publish(ctx, a.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Status, a.PublishAt)

	_, err = svc.CreateDraft(ctx, news.ArticleInput{Title: "", CategoryID: cat.ID, Tags: []string{"a", "A"}})
	fmt.Println(err)
	// Output:
	// dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2025-2030 draft
	// <p>Sáng 20/11, Chi bộ Chuyên ngành tổ chức đại hội với đầy đủ đảng viên tham dự.</p>
	// Sáng 20/11, Chi bộ Chuyên ngành tổ chức đại hội với đầy đủ đảng viên tham dự.
	// published 2026-11-20 01:00:00 +0000 UTC
	// news: create draft: title: required; tags[1]: duplicate of tags[0]
}

func ExamplePublic_SameCategory() {
	ctx := context.Background()
	now, advance := exampleClock()
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{Now: now})
	pub := news.NewPublic(store, &news.PublicOptions{Now: now})

	cat, _ := svc.CreateCategory(ctx, news.CategoryInput{Name: "Hoạt động của Sở"})
	var list []*news.Article
	for _, title := range []string{
		"Tập huấn nghiệp vụ đo lường cho doanh nghiệp",
		"Hội nghị sơ kết công tác 6 tháng",
		"Kiểm tra an toàn bức xạ tại các cơ sở y tế",
		"Đón tiếp đoàn công tác của Bộ Khoa học và Công nghệ",
	} {
		a, _ := svc.CreateDraft(ctx, news.ArticleInput{Title: title, CategoryID: cat.ID})
		a, _ = svc.Publish(ctx, a.ID)
		list = append(list, a)
		advance(24 * time.Hour)
	}
	// A draft and a scheduled article never appear.
	svc.CreateDraft(ctx, news.ArticleInput{Title: "Bản nháp", CategoryID: cat.ID})
	s, _ := svc.CreateDraft(ctx, news.ArticleInput{Title: "Lịch công tác tuần tới", CategoryID: cat.ID})
	svc.Schedule(ctx, s.ID, now().Add(48*time.Hour))

	// Other news of the category, newer and older than the one shown.
	same, err := pub.SameCategory(ctx, list[1], 10)
	if err != nil {
		panic(err)
	}
	for _, a := range same {
		fmt.Println(a.PublishAt.Format("02/01/2006"), a.Title)
	}
	prev, next, _ := pub.Adjacent(ctx, list[1])
	fmt.Println("older:", prev.Title)
	fmt.Println("newer:", next.Title)
	// Output:
	// 23/11/2026 Đón tiếp đoàn công tác của Bộ Khoa học và Công nghệ
	// 22/11/2026 Kiểm tra an toàn bức xạ tại các cơ sở y tế
	// 20/11/2026 Tập huấn nghiệp vụ đo lường cho doanh nghiệp
	// older: Tập huấn nghiệp vụ đo lường cho doanh nghiệp
	// newer: Kiểm tra an toàn bức xạ tại các cơ sở y tế
}

func ExamplePublic_Related() {
	ctx := context.Background()
	now, advance := exampleClock()
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{Now: now})
	pub := news.NewPublic(store, &news.PublicOptions{Now: now})

	khcn, _ := svc.CreateCategory(ctx, news.CategoryInput{Name: "Khoa học - Công nghệ"})
	tb, _ := svc.CreateCategory(ctx, news.CategoryInput{Name: "Thông báo"})
	publish := func(title string, cat *news.Category, tags ...string) *news.Article {
		a, err := svc.CreateDraft(ctx, news.ArticleInput{Title: title, CategoryID: cat.ID, Tags: tags})
		if err != nil {
			panic(err)
		}
		a, _ = svc.Publish(ctx, a.ID)
		advance(24 * time.Hour)
		return a
	}
	publish("Nghiệm thu đề tài trồng dừa sáp nuôi cấy phôi", khcn, "dừa sáp", "nghiệm thu")
	publish("Thông báo tuyển chọn đề tài khoa học năm 2027", tb, "đề tài")
	publish("Hội thảo về chuyển đổi số trong nông nghiệp", khcn, "chuyển đổi số")
	a := publish("Chuyển giao công nghệ nhân giống dừa sáp cho nông dân", khcn, "dừa sáp", "chuyển giao công nghệ")

	// The notice shares nothing with a and is in another category: only
	// two articles are related.
	related, err := pub.Related(ctx, a, 3)
	if err != nil {
		panic(err)
	}
	for _, r := range related {
		fmt.Printf("%.2f %s tags=%q words=%q same category=%v\n", r.Score, r.Article.Slug, r.Why.Tags, r.Why.Words, r.Why.SameCategory)
	}
	// Output:
	// 9.52 nghiem-thu-de-tai-trong-dua-sap-nuoi-cay-phoi tags=["dừa sáp"] words=["dừa sáp"] same category=true
	// 5.17 hoi-thao-ve-chuyen-doi-so-trong-nong-nghiep tags=[] words=["Chuyển" "nông"] same category=true
}

func ExampleService_Import() {
	ctx := context.Background()
	now, _ := exampleClock()
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{Now: now})

	archive := `{
	  "version": 1,
	  "categories": [
	    {"slug": "van-ban", "name": "Văn bản", "parent": "tin-tuc"},
	    {"slug": "tin-tuc", "name": "Tin tức"}
	  ],
	  "articles": [
	    {"title": "Quyết định phê duyệt danh mục đề tài năm 2027", "category": "van-ban",
	     "status": "published", "publish_at": "2026-11-18T09:00:00+07:00", "tags": ["Quyết định"],
	     "attachments": [{"url": "/files/qd-45.pdf", "title": "Quyết định số 45/QĐ-SKHCN", "type": "application/pdf"}]},
	    {"title": "Thông báo nghỉ lễ", "category": "tin-tuc", "body_html": "<p>Cơ quan nghỉ lễ theo quy định.</p>"}
	  ]
	}`
	res, err := svc.Import(ctx, strings.NewReader(archive))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n", *res)

	// One bad record rejects the whole file and names the record. The
	// "version" member is optional.
	_, err = svc.Import(ctx, strings.NewReader(`{"articles":[
	    {"title": "Bài hợp lệ", "category": "tin-tuc"},
	    {"title": "", "category": "khong-co"}]}`))
	fmt.Println(err)
	// Output:
	// {CategoriesCreated:2 CategoriesUpdated:0 ArticlesCreated:2 ArticlesUpdated:0}
	// news: import: articles[1].title: required; articles[1].category: unknown category "khong-co"
}
