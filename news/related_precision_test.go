package news_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// topicCorpus generates n published articles, each on one of the topics:
// its title takes three words of its topic and two of any topic, its tags
// one or two of its topic's and, one time in three, one of another topic;
// categories are drawn at random, so they say nothing of the topic. It
// returns the articles and the topic of each.
func topicCorpus(n int) ([]*news.Category, []*news.Article, map[uuid.UUID]int) {
	topics := [][]string{
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
	tags := make([][]string, len(topics))
	for i, words := range topics {
		tags[i] = []string{words[0] + " " + words[1], words[2], fmt.Sprintf("chủ đề %d", i)}
	}
	r := rand.New(rand.NewPCG(3, 5))
	var cats []*news.Category
	for i := range 8 {
		cats = append(cats, &news.Category{ID: uuid.New(), Slug: fmt.Sprintf("chuyen-muc-%d", i), Name: fmt.Sprintf("Chuyên mục %d", i)})
	}
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	topicOf := map[uuid.UUID]int{}
	var arts []*news.Article
	for i := range n {
		t := r.IntN(len(topics))
		var title []string
		for range 3 {
			title = append(title, topics[t][r.IntN(len(topics[t]))])
		}
		for range 2 {
			o := topics[r.IntN(len(topics))]
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
		at := now.Add(-time.Duration(i) * 7 * time.Hour)
		a := &news.Article{ID: uuid.New(), Slug: fmt.Sprintf("bai-%d", i), Title: strings.Join(title, " "), Lang: "vi",
			CategoryID: cats[r.IntN(len(cats))].ID, Tags: tg, Status: news.StatusPublished, PublishAt: at, CreatedAt: at, UpdatedAt: at}
		topicOf[a.ID] = t
		arts = append(arts, a)
	}
	return cats, arts, topicOf
}

// TestRelatedPrecision checks that of the five articles Related returns
// first, at least nine in ten are on the looked-up article's topic, on a
// corpus whose topics are known, before and after the index followed
// writes.
func TestRelatedPrecision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cats, arts, topicOf := topicCorpus(4000)
	st := memstore.New()
	require.NoError(t, st.Import(ctx, &news.Batch{Categories: cats, Articles: arts[:3000]}))
	p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return arts[0].PublishAt }})
	precision := func() float64 {
		t.Helper()
		var hits, total int
		for i := 0; i < 3000; i += 15 {
			list, err := p.Related(ctx, arts[i], 5)
			require.NoError(t, err)
			for _, r := range list {
				total++
				if topicOf[r.Article.ID] == topicOf[arts[i].ID] {
					hits++
				}
			}
		}
		require.NotZero(t, total)
		return float64(hits) / float64(total)
	}
	before := precision()
	assert.GreaterOrEqual(t, before, 0.9, "precision@5 after a build")
	for _, a := range arts[3000:] {
		require.NoError(t, st.CreateArticle(ctx, a))
	}
	after := precision()
	assert.GreaterOrEqual(t, after, 0.9, "precision@5 after following 1,000 publishes")
	t.Logf("precision@5: %.3f after a build of 3,000 articles, %.3f after 1,000 more publishes", before, after)
}
