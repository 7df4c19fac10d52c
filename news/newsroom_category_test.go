package news_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// rootSlugs returns the slugs of the top-level categories in order.
func (r *room) rootSlugs(tb testing.TB) []string {
	tb.Helper()
	cats, err := r.nr.Categories(context.Background(), r.admin)
	require.NoError(tb, err)
	var out []string
	for _, c := range news.NewCategoryTree(cats).Roots() {
		out = append(out, c.Slug)
	}
	return out
}

func TestMoveCategory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	// All three top-level categories are at position 0, in name order.
	require.Equal(t, []string{"thong-bao", "tin-tuc", "van-ban"}, r.rootSlugs(t))

	steps := []struct {
		name    string
		id      uuid.UUID
		by      int
		want    []string
		written int
	}{
		{"down, numbering the siblings first", r.thongBao.ID, 1, []string{"tin-tuc", "thong-bao", "van-ban"}, 3},
		{"down again: a swap", r.thongBao.ID, 1, []string{"tin-tuc", "van-ban", "thong-bao"}, 2},
		{"the last down: nothing", r.thongBao.ID, 1, []string{"tin-tuc", "van-ban", "thong-bao"}, 0},
		{"up", r.vanBan.ID, -1, []string{"van-ban", "tin-tuc", "thong-bao"}, 2},
		{"the first up: nothing", r.vanBan.ID, -5, []string{"van-ban", "tin-tuc", "thong-bao"}, 0},
		{"an only child: nothing", r.khcn.ID, 1, []string{"van-ban", "tin-tuc", "thong-bao"}, 0},
	}
	for _, st := range steps {
		before, err := r.store.Audit(ctx, news.AuditFilter{ObjectType: news.ObjectCategory, Limit: 100})
		require.NoError(t, err)
		written, err := r.nr.MoveCategory(ctx, r.admin, st.id, st.by)
		require.NoError(t, err, st.name)
		assert.Len(t, written, st.written, st.name)
		assert.Equal(t, st.want, r.rootSlugs(t), st.name)
		after, err := r.store.Audit(ctx, news.AuditFilter{ObjectType: news.ObjectCategory, Limit: 100})
		require.NoError(t, err)
		assert.Len(t, after.Entries, len(before.Entries)+st.written, "%s: an audit entry per category written", st.name)
	}

	_, err := r.nr.MoveCategory(ctx, r.editor, r.tin.ID, 1)
	require.ErrorIs(t, err, news.ErrForbidden)
	_, err = r.nr.MoveCategory(ctx, r.admin, uuid.New(), 1)
	require.ErrorIs(t, err, news.ErrNotFound)
}

func TestNewsroomRenameCategory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newRoom(t, nil)
	slug := "tin-hoat-dong"
	c, err := r.nr.UpdateCategory(ctx, r.admin, r.tin.ID, news.CategoryPatch{Slug: &slug})
	require.NoError(t, err)
	assert.Equal(t, []string{"tin-tuc"}, c.Aliases)
	page, err := r.store.Audit(ctx, news.AuditFilter{ObjectType: news.ObjectCategory, ObjectID: r.tin.ID.String()})
	require.NoError(t, err)
	require.NotEmpty(t, page.Entries)
	assert.Equal(t, news.ActionCategoryUpdate, page.Entries[0].Action)
	assert.Equal(t, "slug", page.Entries[0].Detail)

	// Taking another's old slug is refused, and leaves no audit entry.
	old := "tin-tuc"
	_, err = r.nr.UpdateCategory(ctx, r.admin, r.vanBan.ID, news.CategoryPatch{Slug: &old})
	var se *news.SlugTakenError
	require.ErrorAs(t, err, &se)
	assert.True(t, se.Alias)
	again, err := r.store.Audit(ctx, news.AuditFilter{ObjectType: news.ObjectCategory, ObjectID: r.vanBan.ID.String()})
	require.NoError(t, err)
	assert.Len(t, again.Entries, 1, "only the creation of Văn bản is in the log")
}
