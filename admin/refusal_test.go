package admin_test

import (
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefusalSentences checks that the pages word the workflow's and the
// categories' refusals as sentences, in Vietnamese and in English, with
// what the person may do instead, never as codes.
func TestRefusalSentences(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil, nil)
	pv := f.webSignIn("phongvien")
	bt := f.webSignIn("bientap")
	adm := f.webSignIn("admin")
	art := pv.draft("Tập huấn sở hữu trí tuệ cho doanh nghiệp", "khoa-hoc")
	base := "/admin/articles/" + art.ID.String()

	tests := []struct {
		name   string
		c      *client
		target string
		action string
		status int
		want   []string
	}{
		{"role, in Vietnamese", pv, base + "/step", "publish", http.StatusForbidden, []string{
			"Với vai trò phóng viên / cộng tác viên, bạn không thể đăng ngay bài đang ở trạng thái “bản nháp” khi trang đang dùng bước duyệt.",
			"Với bài này, bạn có thể: “sửa”, “Gửi biên tập”, “Xóa bài”, “Khôi phục”.",
		}},
		{"role, in English", pv, base + "/step?lang=en", "archive", http.StatusForbidden, []string{
			"As contributor, you cannot archive an article that is “draft” while the approval step is on.",
			"What you can do to this article: “edit”, “Submit for editing”, “Delete”, “Restore”.",
		}},
		{"state, in Vietnamese", bt, base + "/step", "return", http.StatusConflict, []string{
			"Không thể trả lại bài đang ở trạng thái “bản nháp”: chỉ bài chờ biên tập hoặc chờ duyệt mới trả lại được.",
		}},
		{"state, with what is left", pv, base + "/step", "approve", http.StatusConflict, []string{
			"Không thể duyệt đăng bài đang ở trạng thái “bản nháp”: chỉ bài đang chờ duyệt mới duyệt đăng được.",
			"Với bài này, bạn có thể: “sửa”, “Gửi biên tập”, “Xóa bài”, “Khôi phục”.",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.c.form(tc.target, url.Values{"action": {tc.action}, "revision": {"1"}, "comment": {"Cần bổ sung."}})
			require.Equal(t, tc.status, w.Code, w.Body.String())
			body := html.UnescapeString(w.Body.String())
			for _, s := range tc.want {
				assert.Contains(t, body, s)
			}
			assert.NotContains(t, body, "may not", "the domain's English rule is not shown")
		})
	}

	slug := "khoa-hoc-cong-nghe"
	_ = adm.do("PATCH", "/admin/api/categories/"+f.cats["khoa-hoc"].String(), `{"slug":"`+slug+`"}`)
	w := adm.form("/admin/categories/"+f.cats["thong-bao"].String(), url.Values{"name": {"Thông báo"}, "slug": {"khoa-hoc"}})
	require.Equal(t, http.StatusConflict, w.Code)
	assert.Contains(t, html.UnescapeString(w.Body.String()),
		"Đường dẫn “khoa-hoc” là đường dẫn cũ của chuyên mục “khoa-hoc-cong-nghe”, được giữ lại để các liên kết cũ vẫn dùng được; hãy chọn đường dẫn khác.")
}
