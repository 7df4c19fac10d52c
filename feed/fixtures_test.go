package feed

import (
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// ict is Asia/Ho_Chi_Minh as a fixed zone, so golden files do not depend on
// the machine's time zone database.
var ict = time.FixedZone("ICT", 7*60*60)

// base is the news section's URL in every test.
const base = "https://sokhcn.example.gov.vn/tin-tuc/"

// at returns a time on 2026-11-dd hh:mm in ict, in UTC as stores keep it.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, 0, 0, ict).UTC()
}

// Fixed IDs, so golden files are stable.
var (
	catHoatDong = &news.Category{
		ID:   uuid.MustParse("8d7b5c0e-2f4a-4b1e-9a51-0c3c1d2e3f40"),
		Slug: "hoat-dong-so", Name: "Hoạt động Sở",
		Description: "Tin về hoạt động của Sở Khoa học và Công nghệ",
	}
	catChiBo = &news.Category{
		ID:       uuid.MustParse("8d7b5c0e-2f4a-4b1e-9a51-0c3c1d2e3f41"),
		Slug:     "chi-bo",
		Name:     "Chi bộ",
		ParentID: catHoatDong.ID,
	}
	catKHCN = &news.Category{
		ID:   uuid.MustParse("8d7b5c0e-2f4a-4b1e-9a51-0c3c1d2e3f42"),
		Slug: "khoa-hoc-cong-nghe", Name: "Khoa học – Công nghệ",
	}
	categories = []*news.Category{catHoatDong, catChiBo, catKHCN}
)

// articles returns three public articles, newest first, written in the
// style of a provincial department's news page.
func articles() []*news.Article {
	return []*news.Article{
		{
			ID:      uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a01"),
			Slug:    "hoi-thao-chuyen-doi-so-trong-nong-nghiep",
			Title:   "Hội thảo chuyển đổi số trong nông nghiệp năm 2026",
			Summary: "Sở KH&CN phối hợp với các huyện tổ chức hội thảo về ứng dụng công nghệ số cho hợp tác xã dừa.",
			Body: `<p>Sáng ngày 20/11/2026, tại Hội trường 01, Sở Khoa học và Công nghệ tổ chức hội thảo "Chuyển đổi số trong nông nghiệp".</p>` +
				`<figure><img src="/uploads/2026/11/hoi-thao.jpg" srcset="/uploads/2026/11/hoi-thao-640.jpg 640w, /uploads/2026/11/hoi-thao-1280.jpg 1280w" alt="Quang cảnh hội thảo"><figcaption>Quang cảnh hội thảo.</figcaption></figure>` +
				`<p>Có 42/50 hợp tác xã tham dự, tỷ lệ 84%. Xem <a href="tai-lieu/chuong-trinh.pdf">chương trình</a> và <a href="https://example.org/bao-cao">báo cáo</a>.</p>`,
			Cover: &news.Image{
				URL: "/uploads/2026/11/hoi-thao.jpg", Alt: "Quang cảnh hội thảo", Caption: "Quang cảnh hội thảo.",
				Width: 1280, Height: 720, Type: "image/jpeg", Size: 245760,
			},
			Attachments: []news.Attachment{
				{URL: "/uploads/2026/11/ke-hoach-123.pdf", Title: "Kế hoạch số 123/KH-SKHCN", Type: "application/pdf", Size: 1048576},
				{URL: "https://sokhcn.example.gov.vn/uploads/2026/11/phu-luc.docx", Title: "Phụ lục", Type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Size: 52000},
			},
			Author:     "Phòng Quản lý Khoa học",
			CategoryID: catKHCN.ID,
			Tags:       []string{"chuyển đổi số", "nông nghiệp"},
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  at(20, 14, 30),
			CreatedAt:  at(19, 9, 0),
			UpdatedAt:  at(21, 8, 15),
		},
		{
			ID:      uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a02"),
			Slug:    "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2026-2029",
			Title:   "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2026–2029",
			Summary: "Chi bộ Chuyên ngành tổ chức thành công đại hội, 07/07 đảng viên có mặt.",
			Body:    `<p>Chiều ngày 12/11/2026, Chi bộ Chuyên ngành tổ chức Đại hội nhiệm kỳ 2026 – 2029.</p><p>&nbsp;</p><p>Tặng hoa Bí thư chi bộ nhiệm kỳ mới.</p>`,
			Cover: &news.Image{
				URL: "/uploads/2026/11/dai-hoi-chi-bo.jpg", Alt: "Đại biểu biểu quyết thông qua nghị quyết",
				Caption: "Các đảng viên biểu quyết thông qua Nghị quyết Đại hội.",
			},
			Author:     "Văn phòng Sở",
			CategoryID: catChiBo.ID,
			Tags:       []string{"đại hội"},
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  at(12, 16, 0),
			CreatedAt:  at(12, 15, 0),
			UpdatedAt:  at(12, 15, 30),
		},
		{
			ID:      uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a03"),
			Slug:    "thong-bao-tuyen-chon-nhiem-vu-2027",
			Title:   "Thông báo tuyển chọn nhiệm vụ khoa học năm 2027",
			Summary: "Sở thông báo tuyển chọn tổ chức, cá nhân chủ trì nhiệm vụ khoa học và công nghệ cấp tỉnh.",
			Body:    `<p>Hồ sơ nộp trước ngày 15/12/2026. Chi tiết xem tệp đính kèm.</p>`,
			Attachments: []news.Attachment{
				{URL: "/uploads/2026/11/thong-bao-45.pdf", Title: "Thông báo số 45/TB-SKHCN", Type: "application/pdf", Size: 204800},
			},
			CategoryID: catHoatDong.ID,
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  at(5, 8, 0),
			CreatedAt:  at(4, 17, 0),
			UpdatedAt:  at(4, 17, 0),
		},
	}
}

// hostileArticles returns articles whose every field is filled with what
// breaks naive feeds: control characters, invalid UTF-8, "]]>", bidi
// overrides, noncharacters, emoji and a 100 KB title.
func hostileArticles() []*news.Article {
	long := strings.Repeat("Tiêu đề rất dài 🚀 ", 100*1024/len("Tiêu đề rất dài 🚀 ")+1)
	return []*news.Article{
		{
			ID:      uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9b01"),
			Slug:    "tin-co-ky-tu-dieu-khien",
			Title:   "Điều\x00 khiển\x01\x08 \x0b\x0c\x1b[31m đỏ\x7f \u0085C1 \uFFFE\uFFFF ]]> <b>đậm</b> & \"trích\" 'dẫn' 🎉",
			Summary: "Tóm tắt\x00 với \xff\xfe byte hỏng, \xed\xa0\x80 nửa cặp thay thế, \u202Eđảo chiều\u202C, \u200Bẩn và ]]> cuối CDATA <script>alert(1)</script>",
			Body:    "<p>Thân bài ]]> có CDATA <![CDATA[ lồng ]]> nhau\x00\x01 và \xc3\x28 UTF-8 hỏng, \uFEFFBOM, emoji 👩‍👩‍👧 🇻🇳.</p><p><a href=\"/lien-ket?a=1&amp;b=2\">liên kết</a> <img src=\"anh.png\" alt=\"ảnh ]]>\"></p>",
			Cover: &news.Image{
				URL: "javascript:alert(1)", Alt: "ảnh\x00", Type: "image/png", Size: 10,
			},
			Attachments: []news.Attachment{
				{URL: "/tep\x00 dinh kem.pdf", Title: "Tệp ]]> \x01 đính kèm", Type: "application/pdf", Size: 3_000_000_000},
				{URL: "data:text/html,<script>alert(1)</script>", Title: "dữ liệu", Type: "text/html"},
			},
			Author:     "Người\x00 viết \u202Egnorw\u202C (bí danh)",
			CategoryID: catKHCN.ID,
			Tags:       []string{"thẻ\x00 hỏng", "]]>", "\xff", "  khoảng   trắng  ", "🎉"},
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  at(25, 9, 0),
			CreatedAt:  at(25, 8, 0),
			UpdatedAt:  at(25, 9, 0),
		},
		{
			ID:         uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9b02"),
			Slug:       "tieu-de-100-kb",
			Title:      long,
			Summary:    strings.Repeat("\x1f", 50) + "chỉ còn chữ",
			Body:       "<p>" + strings.Repeat("Đoạn văn dài. ", 2000) + "</p>",
			Author:     "\u200F\u200E",
			CategoryID: uuid.MustParse("8d7b5c0e-2f4a-4b1e-9a51-0c3c1d2e3fff"), // unknown: no category name
			Lang:       "not a language tag!",
			Status:     news.StatusPublished,
			PublishAt:  at(24, 9, 0),
			CreatedAt:  at(24, 9, 0),
			UpdatedAt:  at(24, 9, 0),
		},
	}
}

// meta returns the Meta used by golden tests.
func meta() *Meta {
	return &Meta{
		Title:       "Sở Khoa học và Công nghệ – Tin tức",
		Description: "Tin tức, thông báo và hoạt động của Sở Khoa học và Công nghệ",
		Author:      "Sở Khoa học và Công nghệ",
		BaseURL:     base,
		SelfURL:     base + "feed.rss",
		Icon:        "/static/logo.png",
		Location:    ict,
		Categories:  categories,
	}
}
