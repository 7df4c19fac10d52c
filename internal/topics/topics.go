// Package topics generates news archives whose articles' topics are
// known, to measure how often related items are on the topic of the
// article they are shown beside (precision@k). news's precision test and
// the comparison with Hugo's related package (benchmarks/hugorelated) use the
// same archive.
//
// There are ten topics, each of eight words or phrases of a provincial
// department's news (coconut, pomelo, shrimp farming, solar power,
// software, metrology, radiation safety, start-ups, innovation awards,
// salinity and fresh water). An article's title takes three words of its
// topic and two of any topic, shuffled, so titles share words across
// topics; its tags one or two of its topic's three tags and, one time in
// three, a tag of another topic; its category is drawn at random, so it
// says nothing of the topic. Articles are published seven hours apart,
// the first the newest.
package topics

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// words are the words and phrases of each topic.
var words = [][]string{
	{"dừa", "sáp", "giống", "vườn", "trái", "chế biến", "xuất khẩu", "thạch"},
	{"bưởi", "da xanh", "nhãn hiệu", "tập thể", "hợp tác xã", "chỉ dẫn", "vùng trồng", "truy xuất"},
	{"tôm", "thủy sản", "ao nuôi", "mặn", "con giống", "dịch bệnh", "thức ăn", "quảng canh"},
	{"điện", "mặt trời", "áp mái", "năng lượng", "tiết kiệm", "công suất", "lưới", "pin"},
	{"phần mềm", "dữ liệu", "chuyển đổi số", "nền tảng", "điện toán", "máy chủ", "an ninh mạng", "ứng dụng"},
	{"đo lường", "hiệu chuẩn", "cân", "kiểm định", "phương tiện", "đồng hồ", "sai số", "chuẩn đo"},
	{"bức xạ", "X-quang", "an toàn", "nguồn phóng xạ", "liều kế", "y tế", "giấy phép", "thiết bị chiếu"},
	{"khởi nghiệp", "ý tưởng", "gọi vốn", "vườn ươm", "nhà đầu tư", "cuộc thi", "dự án", "cố vấn"},
	{"sáng kiến", "giải thưởng", "hội thi", "sáng tạo", "kỹ thuật", "thanh thiếu niên", "mô hình", "giải nhất"},
	{"hạn mặn", "nước sạch", "khí hậu", "hồ chứa", "lọc nước", "cống", "đê bao", "nước ngọt"},
}

// Newest is the PublishAt of a Corpus's first article, the newest.
var Newest = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

// A Corpus is a generated archive of published Vietnamese articles and
// the topic of each.
type Corpus struct {
	Categories []*news.Category // eight top-level categories
	Articles   []*news.Article  // newest first, seven hours apart
	Topic      []int            // Topic[i] is the topic (0 to 9) of Articles[i]
	topicOf    map[uuid.UUID]int
}

// New generates a corpus of n articles, the same for the same n (IDs
// included). n must not be negative.
func New(n int) (*Corpus, error) {
	if n < 0 {
		return nil, &news.FieldError{Field: "n", Rule: fmt.Sprintf("negative (%d)", n)}
	}
	tags := make([][]string, len(words))
	for i, w := range words {
		tags[i] = []string{w[0] + " " + w[1], w[2], fmt.Sprintf("chủ đề %d", i)}
	}
	r := rand.New(rand.NewPCG(3, 5))
	id := func(kind byte, i int) uuid.UUID {
		u := uuid.UUID{kind, 0, 0, 0, 0, 0, 0x40, 0, 0x80} // version 4, RFC 4122 variant
		u[12], u[13], u[14], u[15] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		return u
	}
	c := &Corpus{topicOf: make(map[uuid.UUID]int, n)}
	for i := range 8 {
		c.Categories = append(c.Categories, &news.Category{ID: id(1, i), Slug: fmt.Sprintf("chuyen-muc-%d", i), Name: fmt.Sprintf("Chuyên mục %d", i)})
	}
	for i := range n {
		t := r.IntN(len(words))
		var title []string
		for range 3 {
			title = append(title, words[t][r.IntN(len(words[t]))])
		}
		for range 2 {
			o := words[r.IntN(len(words))]
			title = append(title, o[r.IntN(len(o))])
		}
		r.Shuffle(len(title), func(i, j int) { title[i], title[j] = title[j], title[i] })
		var tg []string
		for range 1 + r.IntN(2) {
			tg = append(tg, tags[t][r.IntN(len(tags[t]))])
		}
		if r.IntN(3) == 0 {
			o := tags[r.IntN(len(tags))]
			tg = append(tg, o[r.IntN(len(o))])
		}
		at := Newest.Add(-time.Duration(i) * 7 * time.Hour)
		a := &news.Article{ID: id(2, i), Slug: fmt.Sprintf("bai-%d", i), Title: strings.Join(title, " "), Lang: "vi",
			CategoryID: c.Categories[r.IntN(len(c.Categories))].ID, Tags: tg, Status: news.StatusPublished,
			PublishAt: at, CreatedAt: at, UpdatedAt: at}
		c.Articles = append(c.Articles, a)
		c.Topic = append(c.Topic, t)
		c.topicOf[a.ID] = t
	}
	return c, nil
}

// SameTopic reports whether the articles with IDs a and b are both in the
// corpus and on the same topic.
func (c *Corpus) SameTopic(a, b uuid.UUID) bool {
	ta, ok := c.topicOf[a]
	tb, okb := c.topicOf[b]
	return ok && okb && ta == tb
}
