package news_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

func TestCreateCategoryNameTaken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	root := e.category(t, "Tin tức", nil)
	child := e.category(t, "Hoạt động", root)
	other := e.category(t, "Thông báo", nil)
	tests := []struct {
		name   string
		in     news.CategoryInput
		update uuid.UUID // the category to update; uuid.Nil to create
		want   string    // "" when the write succeeds
	}{
		{"same name at the top", news.CategoryInput{Name: "Tin tức"}, uuid.Nil, `name: "Tin tức" is the name of category "tin-tuc" under the same parent`},
		{"folded name at the top", news.CategoryInput{Name: "TIN TUC"}, uuid.Nil, `name: "TIN TUC" is the name of category "tin-tuc" under the same parent`},
		{"same name under the same parent", news.CategoryInput{Name: "hoạt động", ParentID: root.ID}, uuid.Nil, `"hoat-dong" under the same parent`},
		{"same name with its own slug", news.CategoryInput{Name: "Tin tức", Slug: "tin-tuc-moi"}, uuid.Nil, `name: "Tin tức" is the name of category "tin-tuc"`},
		{"renamed onto a sibling", news.CategoryInput{Name: "Tin tức"}, other.ID, `name: "Tin tức" is the name of category "tin-tuc"`},
		{"same name under another parent", news.CategoryInput{Name: "Hoạt động"}, uuid.Nil, ""},
		{"same name under a child", news.CategoryInput{Name: "Tin tức", ParentID: child.ID}, uuid.Nil, ""},
		{"update keeping its name", news.CategoryInput{Name: "Hoạt động", ParentID: root.ID, Description: "Tin hoạt động."}, child.ID, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := e.version(t)
			var err error
			if tc.update == uuid.Nil {
				_, err = e.svc.CreateCategory(ctx, tc.in)
			} else {
				_, err = e.svc.UpdateCategory(ctx, tc.update, tc.in)
			}
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, news.ErrConflict)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, v, e.version(t), "a refused write moved the version")
		})
	}
}

func TestCategoryBounds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name  string
		opts  news.ServiceOptions
		depth int // categories nested, each under the previous
		flat  int // then top-level categories
		move  bool
		want  string
	}{
		{"default depth 8 allowed", news.ServiceOptions{}, 8, 0, false, ""},
		{"default depth 9 refused", news.ServiceOptions{}, 9, 0, false, "parent: would nest the category 9 levels deep; at most 8"},
		{"depth option", news.ServiceOptions{MaxCategoryDepth: 2}, 3, 0, false, "parent: would nest the category 3 levels deep; at most 2"},
		{"count option", news.ServiceOptions{MaxCategories: 5}, 1, 5, false, "would make 6 categories; at most 5"},
		{"count 1000 by default", news.ServiceOptions{}, 0, 1001, false, "would make 1001 categories; at most 1000"},
		{"moving a subtree too deep", news.ServiceOptions{MaxCategoryDepth: 3}, 3, 0, true, "parent: would nest categories 4 levels deep; at most 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := tc.opts
			svc := news.NewService(memstore.New(), &opts)
			var last error
			var parent uuid.UUID
			var chain []uuid.UUID
			for i := range tc.depth {
				c, err := svc.CreateCategory(ctx, news.CategoryInput{Name: fmt.Sprintf("Cấp %d", i+1), ParentID: parent})
				if last = err; err != nil {
					break
				}
				chain = append(chain, c.ID)
				parent = c.ID
			}
			for i := 0; i < tc.flat && last == nil; i++ {
				_, last = svc.CreateCategory(ctx, news.CategoryInput{Name: fmt.Sprintf("Chuyên mục %d", i+1)})
			}
			if tc.move {
				require.NoError(t, last)
				c, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Nhánh"})
				require.NoError(t, err)
				_, err = svc.CreateCategory(ctx, news.CategoryInput{Name: "Lá", ParentID: c.ID})
				require.NoError(t, err)
				_, last = svc.UpdateCategory(ctx, c.ID, news.CategoryInput{Name: "Nhánh", ParentID: chain[1]})
			}
			if tc.want == "" {
				require.NoError(t, last)
				return
			}
			require.ErrorIs(t, last, news.ErrInvalid)
			assert.Contains(t, last.Error(), tc.want)
		})
	}
}

// largeTrees are category sets a store may hold when written around the
// Service: a 10,000-deep chain and 100,000 top-level categories.
func largeTrees(tb testing.TB) map[string][]*news.Category {
	tb.Helper()
	id := func(i int) uuid.UUID {
		return uuid.UUID{0: 1, 12: byte(i >> 24), 13: byte(i >> 16), 14: byte(i >> 8), 15: byte(i)}
	}
	chain := make([]*news.Category, 10_000)
	for i := range chain {
		chain[i] = &news.Category{ID: id(i + 1), Slug: fmt.Sprintf("cap-%d", i+1), Name: fmt.Sprintf("Cấp %d", i+1)}
		if i > 0 {
			chain[i].ParentID = id(i)
		}
	}
	flat := make([]*news.Category, 100_000)
	for i := range flat {
		flat[i] = &news.Category{ID: id(i + 1), Slug: fmt.Sprintf("muc-%d", i+1), Name: fmt.Sprintf("Mục %d", i+1)}
	}
	out := map[string][]*news.Category{"chain": chain, "flat": flat}
	for name, cats := range out {
		s := memstore.New()
		for _, c := range cats {
			require.NoError(tb, s.CreateCategory(context.Background(), c))
		}
		stored, err := s.Categories(context.Background())
		require.NoError(tb, err)
		out[name] = stored
	}
	return out
}

func TestCategoryTreeLarge(t *testing.T) {
	t.Parallel()
	trees := largeTrees(t)

	chain := news.NewCategoryTree(trees["chain"])
	require.Equal(t, 10_000, chain.Len())
	last := chain.BySlug("cap-10000")
	require.NotNil(t, last)
	assert.Equal(t, 9_999, chain.Depth(last.ID))
	path := chain.Path(last.ID)
	require.Len(t, path, 10_000)
	assert.Equal(t, "cap-1", path[0].Slug)
	n, deepest := 0, 0
	chain.Walk(func(_ *news.Category, depth int) bool { n++; deepest = max(deepest, depth); return true })
	assert.Equal(t, 10_000, n)
	assert.Equal(t, 9_999, deepest)

	flat := news.NewCategoryTree(trees["flat"])
	assert.Equal(t, 100_000, flat.Len())
	assert.Len(t, flat.Roots(), 100_000)
	assert.Equal(t, 0, flat.Depth(flat.BySlug("muc-5").ID))
	assert.Equal(t, -1, flat.Depth(uuid.New()))
}

func BenchmarkNewCategoryTree(b *testing.B) {
	trees := largeTrees(b)
	for _, name := range []string{"chain", "flat"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				news.NewCategoryTree(trees[name])
			}
		})
	}
}

func TestUpdateCategoryKeepsOldSlug(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	root := e.category(t, "Tin tức", nil)
	other := e.category(t, "Thông báo", nil)
	rename := func(t *testing.T, id uuid.UUID, name, slug string) (*news.Category, error) {
		t.Helper()
		return e.svc.UpdateCategory(ctx, id, news.CategoryInput{Name: name, Slug: slug})
	}
	steps := []struct {
		name        string
		id          uuid.UUID
		newName     string
		slug        string
		wantSlug    string
		wantAliases []string
	}{
		{"renamed", root.ID, "Tin tức", "tin-hoat-dong", "tin-hoat-dong", []string{"tin-tuc"}},
		{"renamed again", root.ID, "Tin tức", "tin-so", "tin-so", []string{"tin-tuc", "tin-hoat-dong"}},
		{"own old slug taken back", root.ID, "Tin tức", "tin-tuc", "tin-tuc", []string{"tin-hoat-dong", "tin-so"}},
		{"name changed, slug kept", root.ID, "Tin tức – Sự kiện", "", "tin-tuc", []string{"tin-hoat-dong", "tin-so"}},
		{"same slug again", root.ID, "Tin tức – Sự kiện", "tin-tuc", "tin-tuc", []string{"tin-hoat-dong", "tin-so"}},
	}
	for _, st := range steps {
		c, err := rename(t, st.id, st.newName, st.slug)
		require.NoError(t, err, st.name)
		assert.Equal(t, st.wantSlug, c.Slug, st.name)
		assert.Equal(t, st.wantAliases, c.Aliases, st.name)
	}
	for _, old := range []string{"tin-hoat-dong", "tin-so"} {
		c, err := e.pub.CategoryBySlug(ctx, old)
		require.NoError(t, err, "CategoryBySlug(%q)", old)
		assert.Equal(t, "tin-tuc", c.Slug, "CategoryBySlug(%q) finds the category by its old slug", old)
	}
	_, err := e.pub.CategoryBySlug(ctx, "tin-cu")
	require.ErrorIs(t, err, news.ErrNotFound)

	refusals := []struct {
		name string
		id   uuid.UUID // uuid.Nil to create
		slug string
		want news.SlugTakenError
		msg  string
	}{
		{"another's old slug", other.ID, "tin-so", news.SlugTakenError{Slug: "tin-so", Owner: "tin-tuc", Alias: true},
			`slug: "tin-so" is taken: it is an old slug of category "tin-tuc", kept so that its old links keep working`},
		{"another's slug", other.ID, "tin-tuc", news.SlugTakenError{Slug: "tin-tuc", Owner: "tin-tuc"}, `slug: "tin-tuc" is taken by category "tin-tuc"`},
		{"a new category on an old slug", uuid.Nil, "tin-hoat-dong", news.SlugTakenError{Slug: "tin-hoat-dong", Owner: "tin-tuc", Alias: true}, `"tin-hoat-dong" is taken: it is an old slug`},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			v := e.version(t)
			var err error
			if tc.id == uuid.Nil {
				_, err = e.svc.CreateCategory(ctx, news.CategoryInput{Name: "Hoạt động", Slug: tc.slug})
			} else {
				_, err = rename(t, tc.id, "Thông báo", tc.slug)
			}
			require.ErrorIs(t, err, news.ErrConflict)
			var se *news.SlugTakenError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.want, *se)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Equal(t, v, e.version(t), "a refused write moved the version")
		})
	}

	// A slug made from a name skips the old slugs too.
	c := e.category(t, "Tin hoạt động", nil)
	assert.Equal(t, "tin-hoat-dong-2", c.Slug)
}

func TestCategoryAliasesRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	root := e.category(t, "Tin tức", nil)
	_, err := e.svc.UpdateCategory(ctx, root.ID, news.CategoryInput{Name: "Tin tức", Slug: "tin-tuc-su-kien"})
	require.NoError(t, err)
	var file bytes.Buffer
	require.NoError(t, e.svc.Export(ctx, &file))
	assert.Regexp(t, `"aliases": \[\s*"tin-tuc"\s*\]`, file.String())

	e2 := newEnv(t)
	_, err = e2.svc.Import(ctx, bytes.NewReader(file.Bytes()))
	require.NoError(t, err)
	got, err := e2.pub.CategoryBySlug(ctx, "tin-tuc")
	require.NoError(t, err)
	assert.Equal(t, "tin-tuc-su-kien", got.Slug)
	assert.Equal(t, []string{"tin-tuc"}, got.Aliases)

	// An alias in the file that is another category's slug is refused.
	e3 := newEnv(t)
	e3.category(t, "Thông báo", nil)
	_, err = e3.svc.Import(ctx, strings.NewReader(`{"categories":[{"slug":"tin-tuc","name":"Tin tức","aliases":["thong-bao","bad slug"]}],"articles":[]}`))
	require.ErrorIs(t, err, news.ErrInvalid)
	assert.Contains(t, err.Error(), `categories[0].aliases[0]: "thong-bao" is taken by category "thong-bao"`)
	assert.Contains(t, err.Error(), `categories[0].aliases[1]: `)
}
