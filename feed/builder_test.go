package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/orgnews/orgnews/news"
)

// TestBuilderMatchesBuild checks that a Builder, cold and warm, writes
// exactly what Build writes, and notices every change to an article, even
// one made in place in a slice it was given before.
func TestBuilderMatchesBuild(t *testing.T) {
	var b Builder
	arts := articles()
	changes := []struct {
		name   string
		change func()
	}{
		{"unchanged", func() {}},
		{"title", func() { arts[0].Title = "Hội thảo đã kết thúc" }},
		{"summary", func() { arts[0].Summary = "Tóm tắt mới." }},
		{"body", func() { arts[1].Body = `<p>Nội dung mới với <a href="/moi">liên kết</a>.</p>` }},
		{"author", func() { arts[1].Author = "Phòng Tổng hợp" }},
		{"lang", func() { arts[1].Lang = "en" }},
		{"publish time", func() { arts[2].PublishAt = arts[2].PublishAt.Add(time.Hour) }},
		{"update time", func() { arts[2].UpdatedAt = arts[2].UpdatedAt.Add(48 * time.Hour) }},
		{"tag in place", func() { arts[0].Tags[0] = "kinh tế số" }},
		{"attachment in place", func() { arts[0].Attachments[0].Title = "Kế hoạch (sửa đổi)" }},
		{"cover in place", func() { arts[0].Cover.URL = "/uploads/2026/11/anh-moi.jpg" }},
		{"cover removed", func() { arts[0].Cover = nil }},
		{"slug", func() { arts[0].Slug = "hoi-thao-da-ket-thuc" }},
		{"category", func() { arts[0].CategoryID = catHoatDong.ID }},
	}
	for _, c := range changes {
		c.change()
		for _, f := range Formats {
			for _, m := range []*Meta{meta(), {Location: time.UTC}} {
				want, err := Build(f, arts, m)
				if err != nil {
					t.Fatal(err)
				}
				for pass := range 2 {
					got, err := b.Build(f, arts, m)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got, want) {
						t.Fatalf("after changing the %s, Builder.Build(%s) pass %d differs from Build:\n%s", c.name, f, pass, firstDiff(got, want))
					}
				}
			}
		}
	}
}

func TestBuilderMemoBound(t *testing.T) {
	b := Builder{MemoBytes: 64 << 10}
	arts := benchArticles(100) // about 5 KB of body each
	if _, err := b.Build(RSS, arts, meta()); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	n := len(b.cur) + len(b.old)
	used := b.curBytes
	b.mu.Unlock()
	if n == 0 || n >= len(arts) || used > b.MemoBytes/2 {
		t.Errorf("Builder with MemoBytes %d remembers %d of %d articles, %d bytes in the current half", b.MemoBytes, n, len(arts), used)
	}

	off := Builder{MemoBytes: -1}
	if _, err := off.Build(RSS, arts, meta()); err != nil {
		t.Fatal(err)
	}
	if len(off.cur)+len(off.old) != 0 {
		t.Errorf("Builder with MemoBytes -1 remembers %d articles", len(off.cur)+len(off.old))
	}
}

func TestNormalizeLine(t *testing.T) {
	tests := []string{
		"", "a", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "a\u3000b", "Đại hội chi bộ",
		"Tiêu đề\u2028dòng", "\x00", "a \x00 b", "a\u200b b", "emoji 🎉 ở giữa", "e\u0301",
	}
	for _, s := range tests {
		if got, want := normalizeLine(s), news.NormalizeLine(s); got != want {
			t.Errorf("normalizeLine(%q) = %q, want %q", s, got, want)
		}
	}
	if s := strings.Repeat("Tin tức ", 10) + "cuối"; !isLine(s) {
		t.Errorf("isLine(%q) = false, want true", s)
	}
}
