package storetest

import (
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testTags checks NewsroomStore.Tags: counts, order, the prefix, the
// limit, how a tag is written, and the scope (public, own, categories).
func testTags(f *newsroomFixture) {
	tin := f.category("tin-tuc", "Tin tức", uuid.Nil)
	khcn := f.category("khoa-hoc", "Khoa học", tin.ID)
	tb := f.category("thong-bao", "Thông báo", uuid.Nil)
	owner1, owner2 := uuid.New(), uuid.New()
	art := func(cat *news.Category, slug string, status news.Status, at time.Time, owner uuid.UUID, tags ...string) {
		a := NewArticle(cat.ID, slug, "Bài "+slug, at)
		a.Status, a.OwnerID, a.Tags = status, owner, tags
		f.createArticle(a)
	}
	art(tin, "dai-hoi", news.StatusPublished, hour(-3), owner1, "Khoa học", "Đại hội")
	art(khcn, "chuyen-doi-so", news.StatusPublished, hour(-2), owner2, "khoa học", "Chuyển đổi số")
	art(tb, "ban-nhap", news.StatusDraft, time.Time{}, owner2, "Khoa học", "Bí mật nội bộ")
	art(tb, "hoi-thao", news.StatusPublished, hour(5), owner1, "Hội thảo")
	art(tb, "thong-bao-moi", news.StatusPublished, hour(-1), owner1, "KHOA HỌC")

	tc := func(tag string, n int) news.TagCount { return news.TagCount{Tag: tag, Count: n} }
	for _, c := range []struct {
		name   string
		filter news.TagFilter
		want   []news.TagCount
	}{
		{"every tag", news.TagFilter{All: true},
			[]news.TagCount{tc("KHOA HỌC", 4), tc("Bí mật nội bộ", 1), tc("Chuyển đổi số", 1), tc("Đại hội", 1), tc("Hội thảo", 1)}},
		{"limit", news.TagFilter{All: true, Limit: 2}, []news.TagCount{tc("KHOA HỌC", 4), tc("Bí mật nội bộ", 1)}},
		{"prefix", news.TagFilter{All: true, Prefix: "khoa-h"}, []news.TagCount{tc("KHOA HỌC", 4)}},
		{"one-letter prefix", news.TagFilter{All: true, Prefix: "d"}, []news.TagCount{tc("Đại hội", 1)}},
		{"no match", news.TagFilter{All: true, Prefix: "x"}, []news.TagCount{}},
		{"public", news.TagFilter{PublishedBy: base},
			[]news.TagCount{tc("KHOA HỌC", 3), tc("Chuyển đổi số", 1), tc("Đại hội", 1)}},
		{"public and own", news.TagFilter{PublishedBy: base, OwnerID: owner2},
			[]news.TagCount{tc("KHOA HỌC", 4), tc("Bí mật nội bộ", 1), tc("Chuyển đổi số", 1), tc("Đại hội", 1)}},
		{"categories with descendants", news.TagFilter{Categories: []uuid.UUID{tin.ID}},
			[]news.TagCount{tc("khoa học", 2), tc("Chuyển đổi số", 1), tc("Đại hội", 1)}},
		{"no scope", news.TagFilter{}, []news.TagCount{}},
	} {
		got, err := f.ns.Tags(f.ctx, c.filter)
		if assert.NoError(f.t, err, c.name) {
			assert.Equal(f.t, c.want, got, c.name)
		}
	}
	for _, limit := range []int{-1, news.MaxTagLimit + 1} {
		_, err := f.ns.Tags(f.ctx, news.TagFilter{All: true, Limit: limit})
		require.ErrorIs(f.t, err, news.ErrInvalid, "limit %d", limit)
	}
}
