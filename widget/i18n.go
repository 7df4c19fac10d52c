package widget

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// messages holds the interface strings of one language.
type messages struct {
	Lang, Locale                                string // "vi", OpenGraph locale "vi_VN"
	News, Home, Latest, Featured, Categories    string
	Search, SearchLabel, SearchButton, Results  string
	NoResults, NoNews, Tag, Category, ReadMore  string
	MoreInCategory, Related, Previous, Next     string
	Attachments, Tags, Feeds, NextPage, SkipTo  string
	Published, Updated, Author, Pause, SeeAll   string
	NotFound, NotFoundText, BadRequest, BadText string
	MethodNotAllowed, ServerError, ErrorText    string
	Breadcrumb, Subcategories, BackHome         string
	WhyTags                                     string
	NoCategory                                  string // a box's notice when its category does not exist
	ResultsFor, AllNews                         string
	SearchBusy, SearchBusyText, BadSearchText   string
	Result, ResultsN, SortBy, Relevance, Newest string
	TrySpelling                                 string
	thousands                                   string // the thousands separator
}

var vi = &messages{
	Lang: "vi", Locale: "vi_VN",
	News: "Tin tức", Home: "Trang chủ", Latest: "Tin mới nhất", Featured: "Tin nổi bật",
	Categories: "Chuyên mục", Search: "Tìm kiếm", SearchLabel: "Tìm tin tức",
	SearchButton: "Tìm", Results: "Kết quả tìm kiếm", ResultsFor: "Kết quả cho", AllNews: "Tất cả tin",
	NoResults: "Không tìm thấy tin nào phù hợp.", NoNews: "Chưa có tin nào.",
	Tag: "Từ khóa", Category: "Chuyên mục", ReadMore: "Xem tiếp",
	MoreInCategory: "Tin tức khác cùng chuyên mục", Related: "Tin liên quan",
	Previous: "Bài trước", Next: "Bài sau", Attachments: "Tệp đính kèm", Tags: "Từ khóa",
	Feeds: "Theo dõi tin", NextPage: "Tin cũ hơn", SkipTo: "Bỏ qua, đến nội dung chính",
	Published: "Đăng ngày", Updated: "Cập nhật", Author: "Tác giả", Pause: "Tạm dừng chạy tin",
	SeeAll:   "Xem tất cả tin tức",
	NotFound: "Không tìm thấy trang", NotFoundText: "Trang bạn tìm không tồn tại hoặc đã được gỡ bỏ.",
	BadRequest: "Yêu cầu không hợp lệ", BadText: "Tham số của yêu cầu không hợp lệ.",
	MethodNotAllowed: "Phương thức không được hỗ trợ", ServerError: "Đã có lỗi xảy ra",
	ErrorText: "Xin vui lòng thử lại sau ít phút.", Breadcrumb: "Đường dẫn",
	Subcategories: "Chuyên mục con", BackHome: "Về trang tin tức",
	Result: "kết quả", ResultsN: "kết quả", SortBy: "Sắp xếp", Relevance: "Phù hợp nhất", Newest: "Mới nhất",
	TrySpelling: "Thử tìm không dấu:", thousands: ".",
	SearchBusy: "Tìm kiếm đang bận", SearchBusyText: "Đang có nhiều người tìm kiếm cùng lúc. Xin vui lòng thử lại sau vài giây.",
	BadSearchText: "Từ khóa tìm kiếm quá dài hoặc không hợp lệ: tối đa 256 byte (chữ có dấu tính 2 hoặc 3 byte) và 16 từ khác nhau. Xin vui lòng tìm với ít từ hơn.",
	WhyTags:       "Cùng từ khóa", NoCategory: "Không tìm thấy chuyên mục tin này: có thể chuyên mục đã được đổi tên hoặc gỡ bỏ.",
}

var en = &messages{
	Lang: "en", Locale: "en_GB",
	News: "News", Home: "Home", Latest: "Latest news", Featured: "Featured",
	Categories: "Categories", Search: "Search", SearchLabel: "Search the news",
	SearchButton: "Search", Results: "Search results", ResultsFor: "Results for", AllNews: "All news",
	NoResults: "No news matches your search.", NoNews: "No news yet.",
	Tag: "Tag", Category: "Category", ReadMore: "Read more",
	MoreInCategory: "More news in this category", Related: "Related news",
	Previous: "Previous", Next: "Next", Attachments: "Attachments", Tags: "Tags",
	Feeds: "Follow the news", NextPage: "Older news", SkipTo: "Skip to main content",
	Published: "Published", Updated: "Updated", Author: "Author", Pause: "Pause the ticker",
	SeeAll:   "See all news",
	NotFound: "Page not found", NotFoundText: "The page you are looking for does not exist or was removed.",
	BadRequest: "Bad request", BadText: "The request's parameters are not valid.",
	MethodNotAllowed: "Method not allowed", ServerError: "Something went wrong",
	ErrorText: "Please try again in a few minutes.", Breadcrumb: "Breadcrumb",
	Subcategories: "Subcategories", BackHome: "Back to the news",
	Result: "result", ResultsN: "results", SortBy: "Sort by", Relevance: "Relevance", Newest: "Newest",
	TrySpelling: "Try without accents:", thousands: ",",
	SearchBusy: "Search is busy", SearchBusyText: "Many readers are searching at once. Please try again in a few seconds.",
	BadSearchText: "The search is too long or not valid: at most 256 bytes (an accented letter counts 2 or 3) and 16 different words. Please search with fewer words.",
	WhyTags:       "Shared tags", NoCategory: "This news category could not be found: it may have been renamed or removed.",
}

// msgs returns the messages of lang ("vi" or "en"); anything else is "vi".
func msgs(lang string) *messages {
	if lang == "en" {
		return en
	}
	return vi
}

// langNames names each language in itself, for the language link.
var langNames = map[string]string{"vi": "Tiếng Việt", "en": "English"}

// otherLang returns the interface language that is not lang.
func otherLang(lang string) string {
	if lang == "en" {
		return "vi"
	}
	return "en"
}

var langMatcher = language.NewMatcher([]language.Tag{language.Vietnamese, language.English})

// requestLang returns the language of a page: the lang parameter if it is
// "vi" or "en", else the default (see defaultLang).
func (h *Handler) requestLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "vi" || l == "en" {
		return l
	}
	return h.defaultLang(r)
}

// defaultLang returns the language of a page without a lang parameter:
// the best match of Accept-Language when Options.AcceptLanguage is set,
// else Options.Lang.
func (h *Handler) defaultLang(r *http.Request) string {
	al := r.Header.Get("Accept-Language")
	if !h.accept || al == "" || len(al) > 512 {
		return h.lang
	}
	tags, _, err := language.ParseAcceptLanguage(al)
	if err != nil || len(tags) == 0 {
		return h.lang
	}
	_, i, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return h.lang
	}
	if i == 1 {
		return "en"
	}
	return "vi"
}

var viWeekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// shortDate formats t in loc: "28/11/2022" in Vietnamese, "28 November
// 2022" in English.
func shortDate(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if lang == "en" {
		return strconv.Itoa(t.Day()) + " " + t.Month().String() + " " + strconv.Itoa(t.Year())
	}
	return t.Format("02/01/2006")
}

// longDate formats t in loc with the weekday in Vietnamese ("Thứ Hai,
// 28/11/2022") and as "28 November 2022" in English.
func longDate(lang string, t time.Time, loc *time.Location) string {
	if lang == "en" {
		return shortDate(lang, t, loc)
	}
	t = t.In(loc)
	return viWeekdays[t.Weekday()] + ", " + t.Format("02/01/2006")
}

// byteSize formats a file size: "1,2 MB" in Vietnamese, "1.2 MB" in English.
func byteSize(lang string, n int64) string {
	if n <= 0 {
		return ""
	}
	units := []string{"B", "KB", "MB", "GB"}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if u == 0 {
		s = strconv.FormatInt(n, 10)
	}
	s = strings.TrimSuffix(s, ".0")
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[u]
}
