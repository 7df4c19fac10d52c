package news_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
	"github.com/orgnews/orgnews/news/memstore"
)

func ExampleProcessUpload() {
	// A phone photo: 1200×900 on the sensor, EXIF orientation 6, GPS.
	data, err := os.ReadFile(filepath.Join("testdata", "media", "phone.jpg"))
	if err != nil {
		panic(err)
	}
	m, files, err := news.ProcessUpload("IMG_2026.jpg", data, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Kind, m.Type, m.Width, "×", m.Height)
	for i, v := range m.Variants {
		fmt.Println(v.Width, "×", v.Height, "EXIF kept:", bytes.Contains(files[i], []byte("Exif")))
	}

	// The type comes from the content, never the name.
	_, _, err = news.ProcessUpload("anh.jpg", []byte("<script>alert(1)</script>"), nil)
	var te *news.TypeError
	fmt.Println(errors.As(err, &te))
	// Output:
	// image image/jpeg 900 × 1200
	// 480 × 640 EXIF kept: false
	// 900 × 1200 EXIF kept: false
	// true
}

func ExampleMediaLibrary() {
	ctx := context.Background()
	store := memstore.New()
	nr := news.NewNewsroom(store, &news.NewsroomOptions{
		Password: news.PasswordOptions{Argon2: news.Argon2Params{Memory: 64, Time: 1, Threads: 1}}})
	acc, err := nr.Bootstrap(ctx, news.AccountInput{Username: "admin", DisplayName: "Quản trị", Password: "Mật khẩu đủ dài 2026"})
	if err != nil {
		panic(err)
	}
	admin := news.Actor{AccountID: acc.ID, Username: acc.Username, Name: acc.DisplayName, Role: acc.Role}
	dir, err := os.MkdirTemp("", "media")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	files, err := mediadir.Open(dir) // or a sqlstore.Store, shared by every instance
	if err != nil {
		panic(err)
	}
	lib := news.NewMediaLibrary(nr, files, &news.MediaOptions{Widths: []int{480, 960}}, "/media/")

	img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(0, 0, color.RGBA{200, 0, 0, 255})
	var upload bytes.Buffer
	if err := png.Encode(&upload, img); err != nil {
		panic(err)
	}
	m, err := lib.Upload(ctx, admin, "so-do-to-chuc.png", &upload)
	if err != nil {
		panic(err)
	}
	for _, v := range m.Variants {
		fmt.Println(v.Type, v.Width, v.Height)
	}
	// A page writes <img src srcset sizes width height> from the variants;
	// a feed takes one sensible size.
	fmt.Println(len(m.Srcset(lib.URL)) > 0, m.Fit(600).Width)

	// An article that uses it keeps it from being deleted.
	cat, _ := nr.CreateCategory(ctx, admin, news.CategoryInput{Name: "Giới thiệu"})
	_, err = nr.CreateArticle(ctx, admin, news.ArticleInput{Title: "Sơ đồ tổ chức của Sở", CategoryID: cat.ID,
		Cover: &news.Image{URL: lib.URL(m.Widest().Key), Alt: "Sơ đồ tổ chức"}}, "")
	if err != nil {
		panic(err)
	}
	err = lib.Delete(ctx, admin, m.ID)
	var inUse *news.MediaInUseError
	fmt.Println(errors.As(err, &inUse), inUse.Articles[0].Title)
	// Output:
	// image/png 480 270
	// image/png 960 540
	// true 960
	// true Sơ đồ tổ chức của Sở
}
