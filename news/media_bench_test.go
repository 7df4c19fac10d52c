package news_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	"github.com/orgnews/orgnews/news"
)

// BenchmarkProcessUpload re-encodes a 12-megapixel phone photo (4000×3000)
// into the default widths.
func BenchmarkProcessUpload(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i * 31)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := news.ProcessUpload("anh.jpg", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMediaUsers looks for the articles that use a photo among
// 10,000, as a deletion does.
func BenchmarkMediaUsers(b *testing.B) {
	ctx := context.Background()
	site := newMediaSite(b)
	m, err := site.lib.Upload(ctx, site.admin, "a.png", bytes.NewReader(encodeImage(b, "png", 50, 40, 255)))
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10_000 {
		_, err := site.svc.CreateDraft(ctx, news.ArticleInput{Title: fmt.Sprintf("Tin hoạt động số %d", i), CategoryID: site.cat.ID,
			BodyHTML: "<p>Sở Khoa học và Công nghệ tổ chức hội nghị tập huấn về sở hữu trí tuệ cho doanh nghiệp.</p>"})
		if err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		users, err := site.lib.Users(ctx, m)
		if err != nil || len(users) != 0 {
			b.Fatal(users, err)
		}
	}
}
