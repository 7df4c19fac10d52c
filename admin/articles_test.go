package admin_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestCreateAndGetArticle(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("phongvien")
	w := c.do("POST", "/admin/api/articles", `{"title":"Nghiệm thu đề tài giống lúa chịu mặn","category_id":"`+
		f.cats["khoa-hoc"].String()+`","summary":"Hội đồng khoa học tỉnh nghiệm thu đề tài cấp tỉnh.","body":"<p>Sáng nay, hội đồng đã họp.</p><script>alert(1)</script>","tags":["nông nghiệp","giống lúa"],"note":"bản đầu"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	a := decode[article](t, w)
	assert.Equal(t, "articles/"+a.ID.String(), w.Header().Get("Location"))
	assert.Equal(t, `"1"`, w.Header().Get("ETag"))
	assert.Equal(t, news.StatusDraft, a.Status)
	assert.Equal(t, "bản nháp", a.Label)
	assert.Equal(t, 1, a.Revision)
	assert.Equal(t, f.accs["phongvien"].ID, a.OwnerID)
	assert.NotContains(t, a.Body, "script", "sanitised on write")
	assert.Equal(t, "nghiem-thu-de-tai-giong-lua-chiu-man", a.Slug)
	assert.Equal(t, []news.Action{news.ActionView, news.ActionEdit, news.ActionSubmit, news.ActionDelete, news.ActionRestore}, a.Actions)

	w = c.do("POST", "/admin/api/articles", `{"title":"Chuyển đổi số trong quản lý đề tài","category":"chuyen-doi-so"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	assert.Equal(t, f.cats["chuyen-doi-so"], decode[article](t, w).CategoryID, "a category by its slug")

	w = c.do("GET", "/admin/api/articles/"+a.ID.String(), "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, `"1"`, w.Header().Get("ETag"))
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	got := decode[article](t, w)
	assert.Equal(t, a.Title, got.Title)

	for _, tc := range []struct {
		name, body string
		status     int
		code       string
		field      string
	}{
		{"no title", `{"category_id":"` + f.cats["khoa-hoc"].String() + `"}`, 422, "invalid_field", "title"},
		{"category outside the scope", `{"title":"Thông báo nghỉ lễ","category_id":"` + f.cats["thong-bao"].String() + `"}`, 403, "forbidden", ""},
		{"malformed category", `{"title":"Tin","category_id":"khoa-hoc"}`, 422, "invalid_field", "category_id"},
		{"unknown category slug", `{"title":"Tin","category":"khong-co"}`, 422, "invalid_field", "category"},
		{"category twice", `{"title":"Tin","category":"khoa-hoc","category_id":"` + f.cats["khoa-hoc"].String() + `"}`, 422, "invalid_field", "category"},
		{"tags of the wrong type", `{"title":"Tin","tags":"khoa học"}`, 422, "invalid_field", "tags"},
		{"unknown field", `{"title":"Tin","status":"published"}`, 400, "invalid_parameter", "status"},
		{"field twice", `{"title":"Tin","title":"Tin 2"}`, 400, "invalid_parameter", "title"},
		{"malformed JSON", `{"title":"Tin"`, 400, "invalid_body", ""},
		{"not an object", `["title"]`, 400, "invalid_body", ""},
		{"two objects", `{"title":"Tin"} {"title":"Tin"}`, 400, "invalid_body", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := requireError(t, c.do("POST", "/admin/api/articles", tc.body), tc.status, tc.code)
			assert.Equal(t, tc.field, e.Error.Field)
		})
	}
}

func TestContributorSeesOnlyOwnDrafts(t *testing.T) {
	f := newFixture(t, nil, nil)
	mine := f.signIn("phongvien")
	other := f.signIn("congtacvien")
	a := mine.draft("Tập huấn sở hữu trí tuệ cho doanh nghiệp", "khoa-hoc")
	b := other.draft("Hội chợ công nghệ và thiết bị", "khoa-hoc")

	requireError(t, other.do("GET", "/admin/api/articles/"+a.ID.String(), ""), http.StatusNotFound, "not_found")
	requireError(t, other.do("PATCH", "/admin/api/articles/"+a.ID.String(), `{"title":"Đổi"}`, `If-Match: "1"`), http.StatusNotFound, "not_found")
	requireError(t, other.step(a.ID, news.ActionSubmit, ""), http.StatusNotFound, "not_found")
	requireError(t, other.do("GET", "/admin/api/articles/"+a.ID.String()+"/revisions", ""), http.StatusNotFound, "not_found")
	unknown := requireError(t, other.do("GET", "/admin/api/articles/"+uuid.NewString(), ""), http.StatusNotFound, "not_found")
	hidden := requireError(t, other.do("GET", "/admin/api/articles/"+a.ID.String(), ""), http.StatusNotFound, "not_found")
	assert.Equal(t, unknown, hidden, "another's draft looks like no article at all")

	list := decode[struct{ Articles []article }](t, other.do("GET", "/admin/api/articles", ""))
	require.Len(t, list.Articles, 1)
	assert.Equal(t, b.ID, list.Articles[0].ID)

	ed := f.signIn("bientap")
	list = decode[struct{ Articles []article }](t, ed.do("GET", "/admin/api/articles", ""))
	assert.Len(t, list.Articles, 2, "editors see every article of their scope")
}

func TestListArticles(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("bientap")
	for i, title := range []string{"Hội nghị chuyển đổi số", "Ứng dụng trí tuệ nhân tạo", "Tọa đàm đổi mới sáng tạo", "Chuyển đổi số nông nghiệp"} {
		a := c.draft(title, []string{"khoa-hoc", "chuyen-doi-so"}[i%2])
		if i == 3 {
			require.Equal(t, http.StatusOK, c.step(a.ID, news.ActionSubmit, "").Code)
		}
		f.clock.Advance(time.Minute)
	}
	titles := func(query string) []string {
		t.Helper()
		w := c.do("GET", "/admin/api/articles"+query, "")
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		var out []string
		for _, a := range decode[struct{ Articles []article }](t, w).Articles {
			out = append(out, a.Title)
		}
		return out
	}
	assert.Len(t, titles(""), 4)
	assert.Equal(t, []string{"Chuyển đổi số nông nghiệp"}, titles("?state=submitted"))
	assert.ElementsMatch(t, []string{"Ứng dụng trí tuệ nhân tạo", "Chuyển đổi số nông nghiệp"}, titles("?category=chuyen-doi-so"))
	assert.ElementsMatch(t, []string{"Ứng dụng trí tuệ nhân tạo", "Chuyển đổi số nông nghiệp"}, titles("?category="+f.cats["chuyen-doi-so"].String()))
	assert.ElementsMatch(t, []string{"Hội nghị chuyển đổi số", "Chuyển đổi số nông nghiệp"}, titles("?q=chuyen+doi"))

	// Keyset paging: two pages of two, then nothing.
	w := c.do("GET", "/admin/api/articles?limit=2", "")
	page := decode[struct {
		Articles []article
		Next     string
	}](t, w)
	require.Len(t, page.Articles, 2)
	require.NotEmpty(t, page.Next)
	w = c.do("GET", "/admin/api/articles?limit=2&cursor="+page.Next, "")
	page2 := decode[struct {
		Articles []article
		Next     string
	}](t, w)
	require.Len(t, page2.Articles, 2)
	assert.NotEqual(t, page.Articles[0].ID, page2.Articles[0].ID)

	for _, tc := range []struct{ query, field string }{
		{"?state=pending", "state"},
		{"?limit=0", "limit"},
		{"?limit=many", "limit"},
		{"?category=khong-co", "category"},
		{"?cursor=khong-hop-le", "cursor"},
		{"?cursor=%%%", "query"},
		{"?sort=title", "sort"},
		{"?state=draft&state=submitted", "state"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			e := requireError(t, c.do("GET", "/admin/api/articles"+tc.query, ""), http.StatusBadRequest, "invalid_parameter")
			assert.Equal(t, tc.field, e.Error.Field)
		})
	}
}

func TestPatchArticle(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("phongvien")
	a := c.draft("Khởi công nhà máy điện mặt trời", "khoa-hoc")
	url := "/admin/api/articles/" + a.ID.String()

	requireError(t, c.do("PATCH", url, `{"title":"Không có If-Match"}`), http.StatusPreconditionRequired, "precondition_required")
	requireError(t, c.do("PATCH", url, `{"title":"x"}`, "If-Match: abc"), http.StatusBadRequest, "invalid_parameter")

	// Only the fields sent change.
	w := c.do("PATCH", url, `{"title":"Khánh thành nhà máy điện mặt trời","note":"đổi tiêu đề"}`, `If-Match: "1"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	got := decode[article](t, w)
	assert.Equal(t, "Khánh thành nhà máy điện mặt trời", got.Title)
	assert.Equal(t, a.Body, got.Body, "the body is kept")
	assert.Equal(t, a.Tags, got.Tags, "the tags are kept")
	assert.Equal(t, 2, got.Revision)
	assert.Equal(t, `"2"`, w.Header().Get("ETag"))

	// A cover and attachments, then the cover removed.
	w = c.do("PATCH", url, `{"cover":{"url":"https://skhcn.example.gov.vn/anh/nha-may.jpg","alt":"Nhà máy","caption":"Toàn cảnh nhà máy","width":1200,"height":800},"attachments":[{"url":"/tep/quyet-dinh.pdf","title":"Quyết định","type":"application/pdf","size":52311}]}`, `If-Match: "2"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"cover":{"url":"https://skhcn.example.gov.vn/anh/nha-may.jpg","alt":"Nhà máy","caption":"Toàn cảnh nhà máy","width":1200,"height":800}`)
	assert.Contains(t, w.Body.String(), `"attachments":[{"url":"/tep/quyet-dinh.pdf","title":"Quyết định","type":"application/pdf","size":52311}]`)
	e := requireError(t, c.do("PATCH", url, `{"cover":{"src":"x"}}`, `If-Match: "3"`), http.StatusUnprocessableEntity, "invalid_field")
	assert.Equal(t, "cover", e.Error.Field)
	w = c.do("PATCH", url, `{"cover":null}`, `If-Match: "3"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.NotContains(t, w.Body.String(), `"cover"`, "null removes the cover")
	assert.Contains(t, w.Body.String(), "quyet-dinh.pdf", "and keeps the attachments")

	w = c.do("PATCH", url, `{"tags":null,"summary":""}`, "If-Match: 4")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Empty(t, decode[article](t, w).Tags, "null empties a list")
}

func TestStalePatchLosesNothing(t *testing.T) {
	f := newFixture(t, nil, nil)
	writer := f.signIn("phongvien")
	ed := f.signIn("bientap")
	a := writer.draft("Hội thảo ứng dụng công nghệ sinh học", "khoa-hoc")
	url := "/admin/api/articles/" + a.ID.String()

	// Both open revision 1; the editor saves first.
	w := ed.do("PATCH", url, `{"summary":"Bản tóm tắt của biên tập viên."}`, `If-Match: "1"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	w = writer.do("PATCH", url, `{"body":"<p>Đoạn mới của phóng viên.</p>"}`, `If-Match: "1"`)
	require.Equal(t, http.StatusConflict, w.Code, w.Body.String())
	assert.Equal(t, `"2"`, w.Header().Get("ETag"))
	conflict := decode[struct {
		Error   struct{ Code, Message string }
		Current struct {
			Number    int    `json:"number"`
			ActorName string `json:"actor_name"`
		}
		Kept int
	}](t, w)
	assert.Equal(t, "conflict", conflict.Error.Code)
	assert.Equal(t, 2, conflict.Current.Number)
	assert.Equal(t, "Lê Minh Châu", conflict.Current.ActorName)
	assert.Equal(t, 3, conflict.Kept)
	assert.Contains(t, conflict.Error.Message, "kept as revision 3")

	// The rejected change is a revision of its own, and not current.
	w = writer.do("GET", url+"/revisions/3", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	kept := decode[struct {
		Rejected bool
		Snapshot struct{ Body, Summary string }
	}](t, w)
	assert.True(t, kept.Rejected)
	assert.Contains(t, kept.Snapshot.Body, "Đoạn mới của phóng viên.")
	cur := decode[article](t, writer.do("GET", url, ""))
	assert.Equal(t, "Bản tóm tắt của biên tập viên.", cur.Summary)
	assert.NotContains(t, cur.Body, "Đoạn mới")

	// Restoring the kept revision merges it back, as a new revision.
	w = writer.do("POST", url+"/revisions/3/restore", "", `If-Match: "`+itoa(cur.Revision)+`"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, decode[article](t, w).Body, "Đoạn mới của phóng viên.")
}

func TestWorkflowThroughHTTP(t *testing.T) {
	f := newFixture(t, nil, nil)
	writer, ed, boss := f.signIn("phongvien"), f.signIn("bientap"), f.signIn("lanhdao")
	a := writer.draft("Công bố kết quả đánh giá trình độ công nghệ", "khoa-hoc")

	// The writer may not jump ahead.
	e := requireError(t, writer.step(a.ID, news.ActionPublish, ""), http.StatusForbidden, "forbidden")
	assert.Contains(t, e.Error.Message, "contributor may not publish")
	require.Equal(t, http.StatusOK, writer.step(a.ID, news.ActionSubmit, "").Code)

	// The editor returns it with a comment, which is required.
	e = requireError(t, ed.step(a.ID, news.ActionReturn, ""), http.StatusUnprocessableEntity, "invalid_field")
	assert.Equal(t, "comment", e.Error.Field)
	w := ed.step(a.ID, news.ActionReturn, `{"comment":"Bổ sung số liệu năm 2026."}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, news.StatusReturned, decode[article](t, w).Status)

	require.Equal(t, http.StatusOK, writer.step(a.ID, news.ActionSubmit, "").Code)
	requireError(t, ed.step(a.ID, news.ActionApprove, ""), http.StatusConflict, "conflict") // not awaiting approval yet
	require.Equal(t, http.StatusOK, ed.step(a.ID, news.ActionSendForApproval, "").Code)
	e = requireError(t, ed.step(a.ID, news.ActionApprove, ""), http.StatusForbidden, "forbidden")
	assert.Contains(t, e.Error.Message, "editor may not approve")

	// The approver schedules it for tomorrow morning.
	at := f.clock.Now().Add(24 * time.Hour).Format(time.RFC3339)
	w = boss.step(a.ID, news.ActionApprove, `{"publish_at":"`+at+`","comment":"Đồng ý đăng."}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	got := decode[article](t, w)
	assert.Equal(t, news.StatusPublished, got.Status)
	require.NotNil(t, got.PublishAt)
	assert.Equal(t, at, got.PublishAt.Format(time.RFC3339))

	requireError(t, writer.step(a.ID, news.ActionSubmit, ""), http.StatusConflict, "conflict")
	e = requireError(t, boss.step(a.ID, news.ActionSchedule, `{"publish_at":"ngày mai"}`), http.StatusUnprocessableEntity, "invalid_field")
	assert.Equal(t, "publish_at", e.Error.Field)
	require.Equal(t, http.StatusOK, boss.step(a.ID, news.ActionUnpublish, "").Code)
	require.Equal(t, http.StatusOK, boss.step(a.ID, news.ActionArchive, "").Code)

	revs := decode[struct {
		Revisions []struct{ Action news.Action }
	}](t, writer.do("GET", "/admin/api/articles/"+a.ID.String()+"/revisions", ""))
	var actions []news.Action
	for _, r := range revs.Revisions {
		actions = append(actions, r.Action)
	}
	assert.Equal(t, []news.Action{news.ActionCreate, news.ActionSubmit, news.ActionReturn, news.ActionSubmit,
		news.ActionSendForApproval, news.ActionApprove, news.ActionUnpublish, news.ActionArchive}, actions)
}

// TestRoleMatrixSlice drives a representative slice of the role × action
// × state matrix through HTTP; the whole matrix is tested in package news.
func TestRoleMatrixSlice(t *testing.T) {
	f := newFixture(t, nil, nil)
	clients := map[string]*client{}
	for _, u := range []string{"phongvien", "bientap", "lanhdao", "admin"} {
		clients[u] = f.signIn(u)
	}
	// reach makes a draft of phongvien's and moves it to state.
	reach := func(state news.Status) uuid.UUID {
		a := clients["phongvien"].draft("Bài ở trạng thái "+string(state), "khoa-hoc")
		steps := map[news.Status][]struct {
			who    string
			action news.Action
			body   string
		}{
			news.StatusSubmitted:        {{"phongvien", news.ActionSubmit, ""}},
			news.StatusReturned:         {{"phongvien", news.ActionSubmit, ""}, {"bientap", news.ActionReturn, `{"comment":"Sửa lại"}`}},
			news.StatusAwaitingApproval: {{"bientap", news.ActionSendForApproval, ""}},
			news.StatusPublished:        {{"lanhdao", news.ActionPublish, ""}},
			news.StatusArchived:         {{"lanhdao", news.ActionArchive, ""}},
		}
		for _, s := range steps[state] {
			w := clients[s.who].step(a.ID, s.action, s.body)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		}
		return a.ID
	}
	for _, tc := range []struct {
		who    string
		action news.Action
		state  news.Status
		status int
	}{
		{"phongvien", news.ActionSubmit, news.StatusDraft, 200},
		{"phongvien", news.ActionSubmit, news.StatusReturned, 200},
		{"phongvien", news.ActionSendForApproval, news.StatusSubmitted, 403},
		{"phongvien", news.ActionPublish, news.StatusAwaitingApproval, 403},
		{"phongvien", news.ActionArchive, news.StatusPublished, 403},
		{"bientap", news.ActionReturn, news.StatusSubmitted, 200},
		{"bientap", news.ActionReturn, news.StatusAwaitingApproval, 403},
		{"bientap", news.ActionReturn, news.StatusDraft, 409},
		{"bientap", news.ActionSendForApproval, news.StatusSubmitted, 200},
		{"bientap", news.ActionApprove, news.StatusAwaitingApproval, 403},
		{"bientap", news.ActionPublish, news.StatusSubmitted, 403},
		{"lanhdao", news.ActionApprove, news.StatusAwaitingApproval, 200},
		{"lanhdao", news.ActionApprove, news.StatusSubmitted, 409},
		{"lanhdao", news.ActionPublish, news.StatusDraft, 200},
		{"lanhdao", news.ActionUnpublish, news.StatusPublished, 200},
		{"lanhdao", news.ActionUnpublish, news.StatusDraft, 409},
		{"lanhdao", news.ActionArchive, news.StatusArchived, 409},
		{"admin", news.ActionArchive, news.StatusPublished, 200},
		{"admin", news.ActionSubmit, news.StatusPublished, 409},
	} {
		t.Run(tc.who+" "+string(tc.action)+" "+string(tc.state), func(t *testing.T) {
			id := reach(tc.state)
			body := ""
			if tc.action == news.ActionReturn {
				body = `{"comment":"Chưa đạt"}`
			}
			w := clients[tc.who].step(id, tc.action, body)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			if tc.status != 200 {
				e := decode[apiError](t, w)
				assert.True(t, strings.HasPrefix(e.Error.Message, tc.who[:0]+string(f.accs[tc.who].Role)+" may not "+string(tc.action)), e.Error.Message)
			}
		})
	}
}

func TestApprovalStepOff(t *testing.T) {
	f := newFixture(t, &news.NewsroomOptions{SkipApproval: true}, nil)
	writer, ed := f.signIn("phongvien"), f.signIn("bientap")
	a := writer.draft("Thông báo tuyển chọn nhiệm vụ khoa học", "khoa-hoc")
	require.Equal(t, http.StatusOK, writer.step(a.ID, news.ActionSubmit, "").Code)
	e := requireError(t, ed.step(a.ID, news.ActionSendForApproval, ""), http.StatusConflict, "conflict")
	assert.Contains(t, e.Error.Message, "approval step is off")
	w := ed.step(a.ID, news.ActionPublish, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, ed.do("GET", "/admin/api/session", "").Body.String(), `"approval_required":false`)
}

func TestRevisions(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("bientap")
	a := c.draft("Hội nghị tổng kết năm", "khoa-hoc")
	url := "/admin/api/articles/" + a.ID.String()
	w := c.do("PATCH", url, `{"title":"Hội nghị tổng kết công tác năm 2026","body":"<p>Hội nghị tổng kết công tác khoa học.</p>"}`, `If-Match: "1"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())

	list := decode[struct {
		Revisions []struct {
			Number   int
			Snapshot *struct{}
		}
	}](t, c.do("GET", url+"/revisions", ""))
	require.Len(t, list.Revisions, 2)
	assert.Nil(t, list.Revisions[0].Snapshot, "lists leave snapshots out")

	one := decode[struct {
		Number   int
		Snapshot struct{ Title string }
	}](t, c.do("GET", url+"/revisions/1", ""))
	assert.Equal(t, "Hội nghị tổng kết năm", one.Snapshot.Title)

	w = c.do("GET", url+"/revisions/1/diff?to=2", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	diff := decode[struct {
		From, To int
		Title    []struct{ Kind, Text string }
	}](t, w)
	assert.Equal(t, 1, diff.From)
	assert.Equal(t, 2, diff.To)
	assert.Equal(t, []struct{ Kind, Text string }{{"equal", "Hội nghị tổng kết "}, {"delete", "năm"}, {"insert", "công tác năm 2026"}}, diff.Title)

	requireError(t, c.do("GET", url+"/revisions/1/diff", ""), http.StatusBadRequest, "invalid_parameter")
	requireError(t, c.do("GET", url+"/revisions/1/diff?to=9", ""), http.StatusNotFound, "not_found")
	requireError(t, c.do("GET", url+"/revisions/0", ""), http.StatusNotFound, "not_found")
	requireError(t, c.do("GET", url+"/revisions/x", ""), http.StatusNotFound, "not_found")
	requireError(t, c.do("GET", url+"/revisions/7", ""), http.StatusNotFound, "not_found")

	requireError(t, c.do("POST", url+"/revisions/1/restore", "", `If-Match: "1"`), http.StatusConflict, "conflict")
	w = c.do("POST", url+"/revisions/1/restore", "", `If-Match: "2"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	restored := decode[article](t, w)
	assert.Equal(t, "Hội nghị tổng kết năm", restored.Title)
	assert.Equal(t, 3, restored.Revision, "a stale restore keeps nothing: it had no change of its own")
}

func TestDeleteArticle(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("phongvien")
	a := c.draft("Bản nháp viết nhầm", "khoa-hoc")
	url := "/admin/api/articles/" + a.ID.String()
	requireError(t, c.do("DELETE", url, "", `If-Match: "5"`), http.StatusConflict, "conflict")
	require.Equal(t, http.StatusNoContent, c.do("DELETE", url, "", `If-Match: "1"`).Code)
	requireError(t, c.do("GET", url, ""), http.StatusNotFound, "not_found")
	requireError(t, c.do("DELETE", url, ""), http.StatusNotFound, "not_found")
}
