package news_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// importFile imports file into a store holding the category tin-tuc and
// returns the error.
func importFile(t *testing.T, opts *news.ServiceOptions, file string) (*env, error) {
	t.Helper()
	e := newEnv(t)
	if opts != nil {
		o := *opts
		o.Now, o.NewID = e.clock.Now, seqIDs()
		e.svc = news.NewService(e.store, &o)
	}
	e.category(t, "Tin tức", nil)
	_, err := e.svc.Import(context.Background(), strings.NewReader(file))
	return e, err
}

func TestImportErrorsStaffCanActOn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, want string
	}{
		{"trailing comma in a record", "{\n  \"articles\": [\n    {\"title\": \"Hội nghị\", \"category\": \"tin-tuc\",}\n  ]\n}",
			`malformed JSON at line 3, column 49: invalid character '}' looking for beginning of object key string`},
		{"trailing comma in the list", "{\"articles\": [\n  {\"title\": \"Hội nghị\", \"category\": \"tin-tuc\"},\n]}",
			`malformed JSON at line 3, column 1: invalid character ']' looking for beginning of value`},
		{"column counts characters", "{\"articles\": [{\"title\": \"Đại hội chi bộ\" \"category\": \"tin-tuc\"}]}",
			`malformed JSON at line 1, column 42: invalid character '"' after object key:value pair`},
		{"unknown field names the record", `{"articles": [` + strings.Repeat(`{"title": "Tin", "category": "tin-tuc"}, `, 3) + `{"tittle": "Tin", "category": "tin-tuc"}]}`,
			`articles[3]: unknown field "tittle"`},
		{"unknown field of a category", `{"categories": [{"slug": "a", "name": "A", "parnet": "tin-tuc"}]}`,
			`categories[0]: unknown field "parnet"`},
		{"wrong type names the field", `{"articles": [{"title": "Tin", "category": "tin-tuc", "cover": {"url": "/a.jpg", "width": "1200"}}]}`,
			`articles[0].cover.width: must be a whole number, not a string`},
		{"a record that is not an object", `{"articles": ["Tin mới"]}`,
			`articles[0]: must be an object, not a string`},
		{"top-level array", `[{"title": "Tin", "category": "tin-tuc"}]`,
			`not an archive: the file must hold one JSON object, {"version": 1, "categories": [...], "articles": [...]}, not an array`},
		{"articles not an array", `{"articles": {"title": "Tin"}}`,
			`articles: must be an array, [{"title": "…", "category": "tin-tuc"}, ...], not an object`},
		{"unknown member", `{"version": 1, "article": []}`,
			`unknown member "article": an archive is {"version": 1, "categories": [...], "articles": [...]}`},
		{"member twice", `{"articles": [], "articles": []}`, `articles: given twice`},
		{"version not a number", `{"version": "1"}`, `version: must be a whole number, not a string`},
		{"ends early", "{\"articles\": [\n  {\"title\": \"Tin\"", `malformed JSON at line 2, column 18: the file ends before the archive does`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, err := importFile(t, nil, tc.file)
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Equal(t, "news: import: "+tc.want, err.Error())
			assert.NotContains(t, err.Error(), "Go ")
			assert.NotContains(t, err.Error(), "news.")
			assert.Equal(t, int64(1), e.version(t), "a rejected import changed the store")
		})
	}
}

func TestImportAcceptsBOM(t *testing.T) {
	t.Parallel()
	e, err := importFile(t, nil, "\uFEFF{\"articles\": [{\"title\": \"Thông báo lịch tiếp công dân\", \"category\": \"tin-tuc\"}]}")
	require.NoError(t, err)
	_, err = e.store.ArticleBySlug(context.Background(), "thong-bao-lich-tiep-cong-dan")
	require.NoError(t, err)

	_, err = importFile(t, nil, "\uFEFF{\"articles\": [,]}")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 1, column 15:", "the column does not count the byte order mark")
}

func TestImportTimes(t *testing.T) {
	t.Parallel()
	hcm := time.FixedZone("+07", 7*3600)
	tests := []struct {
		name string
		loc  *time.Location // ServiceOptions.Location; nil for the default
		in   string
		want time.Time
		rule string // the error when not ""
	}{
		{"RFC 3339", nil, "2026-12-05T08:00:00+07:00", time.Date(2026, 12, 5, 8, 0, 0, 0, hcm), ""},
		{"RFC 3339 in UTC", nil, "2026-12-05T01:00:00Z", time.Date(2026, 12, 5, 8, 0, 0, 0, hcm), ""},
		{"a date", nil, "2026-12-05", time.Date(2026, 12, 5, 0, 0, 0, 0, hcm), ""},
		{"a date and time", nil, "2026-12-05 08:00", time.Date(2026, 12, 5, 8, 0, 0, 0, hcm), ""},
		{"a date and time with T", nil, "2026-12-05T08:00", time.Date(2026, 12, 5, 8, 0, 0, 0, hcm), ""},
		{"with seconds", nil, "2026-12-05 08:00:30", time.Date(2026, 12, 5, 8, 0, 30, 0, hcm), ""},
		{"the site's zone", time.UTC, "2026-12-05 08:00", time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC), ""},
		{"day first", nil, "05/12/2026", time.Time{},
			`articles[0].publish_at: not a time: write a date "2026-12-05", a date and time "2026-12-05 08:00" (Asia/Ho_Chi_Minh), or RFC 3339 "2026-12-05T08:00:00+07:00"`},
		{"example in the site's zone", time.UTC, "hôm qua", time.Time{},
			`articles[0].publish_at: not a time: write a date "2026-12-05", a date and time "2026-12-05 08:00" (UTC), or RFC 3339 "2026-12-05T08:00:00Z"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			file := fmt.Sprintf(`{"articles": [{"title": "Lịch tiếp công dân", "category": "tin-tuc", "status": "published", "publish_at": %q}]}`, tc.in)
			e, err := importFile(t, &news.ServiceOptions{Location: tc.loc}, file)
			if tc.rule != "" {
				require.ErrorIs(t, err, news.ErrInvalid)
				assert.Equal(t, "news: import: "+tc.rule, err.Error())
				return
			}
			require.NoError(t, err)
			a, err := e.store.ArticleBySlug(context.Background(), "lich-tiep-cong-dan")
			require.NoError(t, err)
			assert.True(t, a.PublishAt.Equal(tc.want), "PublishAt = %v, want %v", a.PublishAt, tc.want)
		})
	}
}

func TestImportUpdatedAt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	file := `{"articles": [
		{"slug": "sua-doi", "title": "Bài đã sửa sau khi đăng", "category": "tin-tuc", "status": "published",
		 "publish_at": "2026-11-02 08:00", "updated_at": "2026-11-03 15:30"},
		{"slug": "khong-sua", "title": "Bài không sửa", "category": "tin-tuc", "status": "published", "publish_at": "2022-05-10 09:00"},
		{"slug": "hen-gio", "title": "Bài hẹn giờ", "category": "tin-tuc", "status": "published", "publish_at": "2026-12-24 07:00"},
		{"slug": "nhap", "title": "Bản nháp", "category": "tin-tuc"},
		{"slug": "sai", "title": "Giờ sai", "category": "tin-tuc", "updated_at": "ngày mai"}]}`
	_, err := importFile(t, nil, file)
	require.ErrorContains(t, err, `articles[4].updated_at: not a time`)

	file = strings.Replace(file, `,
		{"slug": "sai", "title": "Giờ sai", "category": "tin-tuc", "updated_at": "ngày mai"}`, "", 1)
	e, err := importFile(t, nil, file)
	require.NoError(t, err)
	now := e.clock.Now()
	tests := []struct {
		slug                string
		updated             time.Time
		updatedAfterPublish bool // what decides whether readers see "Cập nhật"
	}{
		{"sua-doi", time.Date(2026, 11, 3, 15, 30, 0, 0, ict), true},
		{"khong-sua", time.Date(2022, 5, 10, 9, 0, 0, 0, ict), false},
		{"hen-gio", now, false},
		{"nhap", now, false},
	}
	for _, tc := range tests {
		a, err := e.store.ArticleBySlug(ctx, tc.slug)
		require.NoError(t, err)
		assert.True(t, a.UpdatedAt.Equal(tc.updated), "%s: UpdatedAt = %v, want %v", tc.slug, a.UpdatedAt, tc.updated)
		assert.Equal(t, tc.updatedAfterPublish, !a.PublishAt.IsZero() && a.UpdatedAt.After(a.PublishAt), tc.slug)
		assert.False(t, a.CreatedAt.After(a.UpdatedAt), "%s: CreatedAt %v after UpdatedAt %v", tc.slug, a.CreatedAt, a.UpdatedAt)
	}
	out := export(t, e.svc)
	assert.Contains(t, string(out), `"updated_at": "2026-11-03T08:30:00Z"`)

	// An update by id without updated_at is a change made now.
	a, err := e.store.ArticleBySlug(ctx, "khong-sua")
	require.NoError(t, err)
	e.clock.Add(time.Hour)
	_, err = e.svc.Import(ctx, strings.NewReader(`{"articles": [{"id": "`+a.ID.String()+`", "slug": "khong-sua", "title": "Bài đã sửa lại", "category": "tin-tuc", "status": "published"}]}`))
	require.NoError(t, err)
	b, err := e.store.Article(ctx, a.ID)
	require.NoError(t, err)
	assert.True(t, b.UpdatedAt.Equal(e.clock.Now()), "UpdatedAt = %v, want now", b.UpdatedAt)
	assert.True(t, b.PublishAt.Equal(a.PublishAt), "the update moved PublishAt")

	// The same file imported again changes no content: UpdatedAt stays.
	e.clock.Add(time.Hour)
	_, err = e.svc.Import(ctx, strings.NewReader(`{"articles": [{"id": "`+a.ID.String()+`", "slug": "khong-sua", "title": "Bài đã sửa lại", "category": "tin-tuc", "status": "published"}]}`))
	require.NoError(t, err)
	c, err := e.store.Article(ctx, a.ID)
	require.NoError(t, err)
	assert.True(t, c.UpdatedAt.Equal(b.UpdatedAt), "reimported unchanged: UpdatedAt = %v, want %v", c.UpdatedAt, b.UpdatedAt)
}

func TestImportArticlesBeforeCategories(t *testing.T) {
	t.Parallel()
	file := `{"articles": [{"title": "Hội thảo chuyển đổi số", "category": "hoi-thao"}, {"title": "Tin cũ", "category": "tin-tuc"}],
		"categories": [{"slug": "hoi-thao", "name": "Hội thảo", "parent": "tin-tuc"}]}`
	e, err := importFile(t, nil, file)
	require.NoError(t, err)
	a, err := e.store.ArticleBySlug(context.Background(), "hoi-thao-chuyen-doi-so")
	require.NoError(t, err)
	tree, err := e.pub.CategoryTree(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "hoi-thao", tree.Category(a.CategoryID).Slug)

	_, err = importFile(t, nil, `{"articles": [{"title": "Tin", "category": "khong-co"}], "categories": []}`)
	require.ErrorContains(t, err, `articles[0].category: unknown category "khong-co"`)
}

// TestImportRoundTripsLocalTimes checks that a file written by hand with
// local times imports, exports in RFC 3339 and imports again unchanged.
func TestImportRoundTripsLocalTimes(t *testing.T) {
	t.Parallel()
	e, err := importFile(t, nil, `{"articles": [{"title": "Tin", "category": "tin-tuc", "status": "published", "publish_at": "2026-11-01", "updated_at": "2026-11-02 10:00"}]}`)
	require.NoError(t, err)
	first := export(t, e.svc)
	e2 := newEnv(t)
	_, err = e2.svc.Import(context.Background(), bytes.NewReader(first))
	require.NoError(t, err)
	assert.Equal(t, string(first), string(export(t, e2.svc)))
}
func TestImportCategoryBounds(t *testing.T) {
	t.Parallel()
	var cats []string
	for i := range 4 {
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("cap-%d", i)
		}
		cats = append(cats, fmt.Sprintf(`{"slug":"cap-%d","name":"Cấp %d","parent":%q}`, i+1, i+1, parent))
	}
	file := `{"categories":[` + strings.Join(cats, ",") + `],"articles":[]}`
	tests := []struct {
		name string
		opts news.ServiceOptions
		want string
	}{
		{"fits", news.ServiceOptions{}, ""},
		{"too deep", news.ServiceOptions{MaxCategoryDepth: 3}, "categories[3].parent: would nest the category 4 levels deep; at most 3"},
		{"too many", news.ServiceOptions{MaxCategories: 3}, "categories: would make 4 categories; at most 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := tc.opts
			_, err := news.NewService(memstore.New(), &opts).Import(context.Background(), strings.NewReader(file))
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
