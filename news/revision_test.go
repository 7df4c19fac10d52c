package news_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sides joins the texts of ops: the old side (equal and deleted) and the
// new side (equal and inserted).
func sides(ops []news.DiffOp) (from, to string) {
	var a, b strings.Builder
	for _, op := range ops {
		if op.Kind != news.DiffInsert {
			a.WriteString(op.Text)
		}
		if op.Kind != news.DiffDelete {
			b.WriteString(op.Text)
		}
	}
	return a.String(), b.String()
}

func TestDiffText(t *testing.T) {
	t.Parallel()
	eq := func(s string) news.DiffOp { return news.DiffOp{Kind: news.DiffEqual, Text: s} }
	del := func(s string) news.DiffOp { return news.DiffOp{Kind: news.DiffDelete, Text: s} }
	ins := func(s string) news.DiffOp { return news.DiffOp{Kind: news.DiffInsert, Text: s} }
	tests := []struct {
		name string
		a, b string
		want []news.DiffOp
	}{
		{"both empty", "", "", nil},
		{"same", "Hội nghị tổng kết", "Hội nghị tổng kết", []news.DiffOp{eq("Hội nghị tổng kết")}},
		{"from nothing", "", "Tin mới", []news.DiffOp{ins("Tin mới")}},
		{"to nothing", "Tin cũ", "", []news.DiffOp{del("Tin cũ")}},
		{"one word changed", "Hội nghị tổng kết năm 2025", "Hội nghị sơ kết năm 2025",
			[]news.DiffOp{eq("Hội nghị "), del("tổng "), ins("sơ "), eq("kết năm 2025")}},
		{"word added at the end", "Sở Khoa học", "Sở Khoa học và Công nghệ",
			[]news.DiffOp{eq("Sở Khoa "), del("học"), ins("học và Công nghệ")}},
		{"word removed inside", "họp báo định kỳ quý IV", "họp báo quý IV",
			[]news.DiffOp{eq("họp báo "), del("định kỳ "), eq("quý IV")}},
		{"lines", "Đoạn một.\nĐoạn hai.\nĐoạn ba.", "Đoạn một.\nĐoạn ba.",
			[]news.DiffOp{eq("Đoạn một.\n"), del("Đoạn hai.\n"), eq("Đoạn ba.")}},
		{"leading space", "  tin", "tin", []news.DiffOp{del("  "), eq("tin")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := news.DiffText(tc.a, tc.b)
			assert.Equal(t, tc.want, got)
			a, b := sides(got)
			assert.Equal(t, tc.a, a, "old side")
			assert.Equal(t, tc.b, b, "new side")
		})
	}
}

func TestDiffTextLarge(t *testing.T) {
	t.Parallel()
	// Many lines, a few added, removed and changed.
	text := func(n int, change func(i int, line string) []string) string {
		var sb strings.Builder
		for i := range n {
			line := strings.Repeat("chữ ", 1+i%3) + "dòng " + uuid.NewSHA1(uuid.Nil, []byte{byte(i), byte(i >> 8)}).String() + "\n"
			for _, l := range change(i, line) {
				sb.WriteString(l)
			}
		}
		return sb.String()
	}
	count := func(ops []news.DiffOp) map[news.DiffKind]int {
		c := map[news.DiffKind]int{}
		for _, op := range ops {
			c[op.Kind] += strings.Count(op.Text, "\n")
		}
		return c
	}
	same := func(i int, line string) []string { return []string{line} }
	edited := func(i int, line string) []string {
		switch {
		case i%500 == 250:
			return []string{"dòng mới thêm vào\n", line}
		case i%700 == 1:
			return nil
		}
		return []string{line}
	}
	a, b := text(1800, same), text(1800, edited)
	ops := news.DiffText(a, b)
	from, to := sides(ops)
	require.Equal(t, a, from)
	require.Equal(t, b, to)
	assert.Equal(t, map[news.DiffKind]int{news.DiffEqual: 1800 - 3, news.DiffInsert: 4, news.DiffDelete: 3}, count(ops))

	// Past the table's bound, the middle is replaced whole.
	a, b = text(4000, same), text(4000, edited)
	ops = news.DiffText(a, b)
	from, to = sides(ops)
	require.Equal(t, a, from)
	require.Equal(t, b, to)
	c := count(ops)
	assert.Equal(t, 4000, c[news.DiffEqual]+c[news.DiffDelete])
	assert.Greater(t, c[news.DiffDelete], 3000)
}

func FuzzDiffText(f *testing.F) {
	f.Add("Hội nghị tổng kết năm 2025", "Hội nghị sơ kết năm 2025")
	f.Add("a b c", "c b a")
	f.Add("", " \n ")
	f.Fuzz(func(t *testing.T, a, b string) {
		ops := news.DiffText(a, b)
		from, to := sides(ops)
		require.Equal(t, a, from)
		require.Equal(t, b, to)
		for i, op := range ops {
			require.NotEmpty(t, op.Text)
			if i > 0 {
				require.NotEqual(t, ops[i-1].Kind, op.Kind, "adjacent runs of one kind")
			}
		}
		if a == b && a != "" {
			require.Equal(t, []news.DiffOp{{Kind: news.DiffEqual, Text: a}}, ops)
		}
	})
}

func TestDiffRevisions(t *testing.T) {
	t.Parallel()
	r1 := &news.Revision{Number: 1, Snapshot: &news.ArticleSnapshot{Title: "Hội thảo chuyển đổi số",
		Summary: "Tóm tắt cũ.", Body: "<p>Đoạn <b>một</b>.</p><p>Đoạn hai.</p>"}}
	r3 := &news.Revision{Number: 3, Snapshot: &news.ArticleSnapshot{Title: "Hội thảo chuyển đổi số năm 2026",
		Summary: "Tóm tắt cũ.", Body: "<p>Đoạn <b>một</b>.</p><ul><li>Mục mới.</li></ul><p>Đoạn hai.</p>"}}
	d := news.Diff(r1, r3)
	assert.Equal(t, 1, d.From)
	assert.Equal(t, 3, d.To)
	assert.Equal(t, []news.DiffOp{{Kind: news.DiffEqual, Text: "Hội thảo chuyển đổi "}, {Kind: news.DiffDelete, Text: "số"},
		{Kind: news.DiffInsert, Text: "số năm 2026"}}, d.Title)
	assert.Equal(t, []news.DiffOp{{Kind: news.DiffEqual, Text: "Tóm tắt cũ."}}, d.Summary)
	assert.Equal(t, []news.DiffOp{{Kind: news.DiffEqual, Text: "Đoạn một.\n"}, {Kind: news.DiffInsert, Text: "Mục mới.\n"},
		{Kind: news.DiffEqual, Text: "Đoạn hai."}}, d.Body, "the body is compared as text, a line per block")
	empty := news.Diff(&news.Revision{Number: 2}, r1)
	_, to := sides(empty.Title)
	assert.Equal(t, "Hội thảo chuyển đổi số", to, "a revision without a snapshot counts as empty")
}

func TestArticlePatch(t *testing.T) {
	t.Parallel()
	cat := uuid.New()
	in := news.ArticleInput{Title: "Tiêu đề", Summary: "Tóm tắt", BodyHTML: "<p>Nội dung</p>", Tags: []string{"a"},
		Cover: &news.Image{URL: "/anh.jpg"}, Author: "Phòng Quản lý", Lang: "vi"}
	title, featured := "Tiêu đề mới", true
	var noCover *news.Image
	var noTags []string
	p := news.ArticlePatch{Title: &title, Featured: &featured, Cover: &noCover, Tags: &noTags, CategoryID: &cat}
	assert.False(t, p.Empty())
	assert.True(t, (&news.ArticlePatch{Base: 3, Note: "chỉ ghi chú"}).Empty())
	got := p.Apply(in)
	want := in
	want.Title, want.Featured, want.Cover, want.Tags, want.CategoryID = title, true, nil, nil, cat
	assert.Equal(t, want, got)
}
