// Command mkv1db fills a new database (SQLite or PostgreSQL) with the
// schema and content of the release at e9cf504 and writes its articles,
// as that release reads them back, to a JSON file: the fixtures of the
// sqlstore upgrade test (see ../README.md). Run it in a checkout of
// e9cf504.
package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
)

func main() {
	if len(os.Args) != 4 {
		log.Fatal("usage: mkv1db driver dsn articles.json")
	}
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, os.Args[1], os.Args[2], nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2025, 6, 2, 7, 15, 0, 250000000, time.UTC)
	n := uint64(0)
	svc := news.NewService(s, &news.ServiceOptions{
		Now: func() time.Time { now = now.Add(37 * time.Minute); return now },
		NewID: func() uuid.UUID {
			n++
			var id uuid.UUID
			binary.BigEndian.PutUint64(id[8:], n)
			id[6], id[8] = 0x40, 0x80|id[8]&0x3f
			return id
		},
	})
	must := func(a *news.Article, err error) *news.Article {
		if err != nil {
			log.Fatal(err)
		}
		return a
	}
	tin, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Tin hoạt động", Description: "Hoạt động của Sở Khoa học và Công nghệ."})
	if err != nil {
		log.Fatal(err)
	}
	khcn, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Khoa học công nghệ", ParentID: tin.ID, Position: 1})
	if err != nil {
		log.Fatal(err)
	}
	tb, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Thông báo", Position: 2})
	if err != nil {
		log.Fatal(err)
	}
	// published, then retitled with a new slug: the old one is an alias
	a1 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Hội nghị tổng kết nhiệm vụ khoa học cấp tỉnh năm 2024",
		BodyHTML: "<p>Sáng nay, Sở tổ chức hội nghị tổng kết các nhiệm vụ khoa học và công nghệ cấp tỉnh.</p><p>Đại biểu thảo luận về kết quả ứng dụng.</p>",
		Author:   "Phòng Quản lý khoa học", CategoryID: tin.ID, Tags: []string{"Hội nghị", "Nhiệm vụ KH&CN"}, Featured: true,
		Cover: &news.Image{URL: "/anh/hoi-nghi.jpg", Alt: "Toàn cảnh hội nghị", Caption: "Quang cảnh hội nghị", Width: 1200, Height: 800, Type: "image/jpeg", Size: 154321}}))
	must(svc.Publish(ctx, a1.ID))
	must(svc.Update(ctx, a1.ID, news.ArticleInput{Slug: "tong-ket-nhiem-vu-khoa-hoc-2024", Title: "Tổng kết nhiệm vụ khoa học cấp tỉnh năm 2024",
		BodyHTML: a1.Body, Author: a1.Author, CategoryID: tin.ID, Tags: a1.Tags, Featured: true, Cover: a1.Cover}))
	// published, with an attachment, in a subcategory
	a2 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Thông báo tuyển chọn đề tài năm 2026", Summary: "Sở thông báo tuyển chọn tổ chức, cá nhân chủ trì đề tài.",
		BodyHTML: "<p>Hồ sơ gửi về Văn phòng Sở trước ngày 30 tháng 9.</p>", Author: "Văn phòng Sở", CategoryID: tb.ID,
		Attachments: []news.Attachment{{URL: "/tep/thong-bao-tuyen-chon.pdf", Title: "Thông báo số 45/TB-SKHCN", Type: "application/pdf", Size: 88211}}}))
	must(svc.Publish(ctx, a2.ID))
	a3 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Ứng dụng công nghệ sinh học trong sản xuất giống lúa",
		BodyHTML: "<p>Mô hình được triển khai tại ba huyện, năng suất tăng rõ rệt.</p>", Author: "Trung tâm Ứng dụng", CategoryID: khcn.ID,
		Tags: []string{"Công nghệ sinh học", "Nông nghiệp"}, Lang: "vi"}))
	must(svc.Publish(ctx, a3.ID))
	// scheduled: published with a PublishAt far ahead
	a4 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Lễ trao giải Hội thi sáng tạo kỹ thuật lần thứ X",
		BodyHTML: "<p>Lễ trao giải sẽ diễn ra tại Hội trường Ủy ban nhân dân tỉnh.</p>", CategoryID: tin.ID}))
	must(svc.Schedule(ctx, a4.ID, time.Date(2030, 1, 15, 2, 0, 0, 0, time.UTC)))
	// draft
	must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Bản nháp: kế hoạch kiểm tra đo lường quý III",
		BodyHTML: "<p>Đang soạn.</p>", Author: "Chi cục Tiêu chuẩn Đo lường Chất lượng", CategoryID: tb.ID}))
	// archived
	a6 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Lịch tiếp công dân tháng 5", BodyHTML: "<p>Lãnh đạo Sở tiếp công dân vào thứ Năm.</p>",
		CategoryID: tb.ID, Lang: "vi"}))
	must(svc.Publish(ctx, a6.ID))
	must(svc.Archive(ctx, a6.ID))
	// English, published
	a7 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Department of Science and Technology signs cooperation agreement",
		BodyHTML: "<p>The agreement covers technology transfer.</p>", CategoryID: tin.ID, Lang: "en"}))
	must(svc.Publish(ctx, a7.ID))
	// deleted: leaves nothing behind
	a8 := must(svc.CreateDraft(ctx, news.ArticleInput{Title: "Bài sẽ xoá", BodyHTML: "<p>Xoá.</p>", CategoryID: tin.ID}))
	if err := svc.Delete(ctx, a8.ID); err != nil {
		log.Fatal(err)
	}

	var all []*news.Article
	for q := (news.Query{Limit: news.MaxLimit}); ; {
		p, err := s.Articles(ctx, q)
		if err != nil {
			log.Fatal(err)
		}
		all = append(all, p.Articles...)
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	b, err := json.MarshalIndent(all, "", "\t")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(os.Args[3], append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	v, _ := s.Version(ctx)
	fmt.Printf("%d articles, version %d\n", len(all), v)
}
