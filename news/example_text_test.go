package news_test

import (
	"fmt"

	"github.com/orgnews/orgnews/news"
)

func ExampleSlugify() {
	fmt.Println(news.Slugify("Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025"))
	fmt.Println(news.Slugify("Sở KH&CN tỉnh Bến Tre: thông báo số 12/TB-SKHCN"))
	fmt.Printf("%q\n", news.Slugify("中文"))
	// Output:
	// dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025
	// so-kh-cn-tinh-ben-tre-thong-bao-so-12-tb-skhcn
	// ""
}

func ExampleFold() {
	fmt.Println(news.Fold("Đại Hội"))
	fmt.Println(news.Fold("ĐẠI HỘI") == news.Fold("dai hoi"))
	fmt.Println(news.Words("Ứng dụng trí tuệ nhân tạo, năm 2025"))
	// Output:
	// dai hoi
	// true
	// [ung dung tri tue nhan tao nam 2025]
}

func ExampleExcerpt() {
	body := "<p>Sáng ngày 28 tháng 11, Chi bộ Chuyên ngành đã tổ chức thành công Đại hội nhiệm kỳ 2022&ndash;2025.</p>"
	fmt.Println(news.Excerpt(body, 40))
	fmt.Println(news.Excerpt("<p>Hội nghị <b>tổng kết</b></p>", 160))
	// Output:
	// Sáng ngày 28 tháng 11, Chi bộ Chuyên…
	// Hội nghị tổng kết
}

func ExampleSanitize() {
	pasted := `<p class=MsoNormal style='text-align:justify;mso-line-height-alt:150%'>` +
		`<span lang=VI style='font-size:14.0pt'>Chi bộ tổ chức <b>Đại hội</b>` +
		`<o:p></o:p></span></p><p>&nbsp;</p>` +
		`<p><a href="https://baochinhphu.vn/" onclick="track()">Báo Chính phủ</a>` +
		`<script>alert(1)</script></p>`
	fmt.Println(news.Sanitize(pasted))
	// Output:
	// <p style="text-align: justify">Chi bộ tổ chức <b>Đại hội</b></p><p><a href="https://baochinhphu.vn/" rel="noopener noreferrer">Báo Chính phủ</a></p>
}

func ExampleSanitizer() {
	s := news.NewSanitizer(&news.SanitizerOptions{SiteHosts: []string{"sokhcn.example.gov.vn"}})
	fmt.Println(s.Sanitize(`<a href="https://sokhcn.example.gov.vn/thong-bao">Thông báo</a>`))
	fmt.Println(s.Sanitize(`<iframe src="https://www.youtube.com/embed/abc" allowfullscreen></iframe>`))
	// Output:
	// <a href="https://sokhcn.example.gov.vn/thong-bao">Thông báo</a>
	// <iframe src="https://www.youtube.com/embed/abc" allowfullscreen=""></iframe>
}

func ExampleAbsoluteURLs() {
	body := `<p><a href="/van-ban/qd-12.pdf">Quyết định</a> <img src="anh.jpg" alt="Ảnh"/></p>`
	fmt.Println(news.AbsoluteURLs(body, "https://sokhcn.example.gov.vn/tin-tuc/"))
	// Output:
	// <p><a href="https://sokhcn.example.gov.vn/van-ban/qd-12.pdf">Quyết định</a> <img src="https://sokhcn.example.gov.vn/tin-tuc/anh.jpg" alt="Ảnh"/></p>
}

func ExampleCheckURL() {
	fmt.Println(news.CheckURL("https://sokhcn.example.gov.vn/uploads/qd-12.pdf"))
	fmt.Println(news.CheckURL("/uploads/anh-hoi-nghi.jpg"))
	fmt.Println(news.CheckURL("javascript:alert(1)"))
	// Output:
	// <nil>
	// <nil>
	// scheme not allowed: javascript
}
