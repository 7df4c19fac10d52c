package admin_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// goldenFixture is a fixture whose IDs are made in order, so pages come
// out the same on every run: its clock is fixed (4 December 2026, 15:00
// in Hà Nội) and the pages show times in Asia/Ho_Chi_Minh.
func goldenFixture(t *testing.T) *fixture {
	var n atomic.Uint32
	space := uuid.MustParse("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
	return newFixture(t, &news.NewsroomOptions{NewID: func() uuid.UUID {
		return uuid.NewSHA1(space, []byte{byte(n.Add(1))})
	}}, nil)
}

// assetHash matches the content hash in an asset's URL.
var assetHash = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)"`)

// requireGolden compares got with testdata/pages/name, or writes it
// there with -update. Assets' content hashes are left out, so that a
// change of a stylesheet or of the editor's bundle does not change the
// pages' golden files.
func requireGolden(t *testing.T, name, got string) {
	t.Helper()
	got = assetHash.ReplaceAllString(got, `.HASH.$1"`)
	path := filepath.Join("testdata", "pages", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -run Golden -update to write it")
	require.Equal(t, string(want), got)
}

func TestPagesGolden(t *testing.T) {
	f := goldenFixture(t)
	pv, bt, ld := f.webSignIn("phongvien"), f.webSignIn("bientap"), f.webSignIn("lanhdao")
	pv.createByForm(f.articleValues("Khảo sát nhu cầu đổi mới công nghệ của doanh nghiệp", "chuyen-doi-so"))
	returned := pv.createByForm(f.articleValues("Nghiệm thu mô hình nuôi tôm công nghệ cao", "khoa-hoc"))
	step := func(c *client, id uuid.UUID, values url.Values) {
		t.Helper()
		values.Set("revision", itoa(f.requireArticle(id).Revision))
		w := c.form("/admin/articles/"+id.String()+"/step", values)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	}
	step(pv, returned, url.Values{"action": {"submit"}})
	step(bt, returned, url.Values{"action": {"return"}, "comment": {"Bổ sung ảnh hiện trường và số liệu sản lượng."}})
	for i, title := range []string{"Hội chợ công nghệ và thiết bị năm 2026", "Ra mắt sàn giao dịch công nghệ của tỉnh"} {
		id := pv.createByForm(f.articleValues(title, "khoa-hoc"))
		step(pv, id, url.Values{"action": {"submit"}})
		step(bt, id, url.Values{"action": {"send-for-approval"}})
		at := url.Values{"action": {"approve"}, "at": {"now"}}
		if i == 1 {
			at.Set("at", "tomorrow-8")
		}
		step(ld, id, at)
	}
	requireGolden(t, "dashboard.html", pv.page("/admin/", http.StatusOK))
	requireGolden(t, "editor.html", pv.page("/admin/articles/"+returned.String(), http.StatusOK))
}
