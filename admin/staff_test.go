package admin_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestCategories(t *testing.T) {
	f := newFixture(t, nil, nil)
	adm, ed := f.signIn("admin"), f.signIn("bientap")
	w := ed.do("GET", "/admin/api/categories", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Len(t, decode[struct{ Categories []struct{ Slug string } }](t, w).Categories, 3)

	requireError(t, ed.do("POST", "/admin/api/categories", `{"name":"Hợp tác quốc tế"}`), http.StatusForbidden, "forbidden")
	w = adm.do("POST", "/admin/api/categories", `{"name":"Hợp tác quốc tế","parent_id":"`+f.cats["khoa-hoc"].String()+`","position":2}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	cat := decode[struct {
		ID       uuid.UUID `json:"id"`
		Slug     string    `json:"slug"`
		ParentID uuid.UUID `json:"parent_id"`
		Position int       `json:"position"`
	}](t, w)
	assert.Equal(t, "hop-tac-quoc-te", cat.Slug)
	assert.Equal(t, f.cats["khoa-hoc"], cat.ParentID)
	assert.Equal(t, 2, cat.Position)

	w = adm.do("PATCH", "/admin/api/categories/"+cat.ID.String(), `{"description":"Tin hợp tác với các tổ chức nước ngoài."}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"slug":"hop-tac-quoc-te"`, "the slug is kept")
	assert.Contains(t, w.Body.String(), "Tin hợp tác")

	requireError(t, adm.do("POST", "/admin/api/categories", `{"name":""}`), http.StatusUnprocessableEntity, "invalid_field")
	requireError(t, adm.do("POST", "/admin/api/categories", `{"name":"Khoa học","slug":"khoa-hoc"}`), http.StatusConflict, "conflict")
	requireError(t, adm.do("PATCH", "/admin/api/categories/"+uuid.NewString(), `{"name":"X"}`), http.StatusNotFound, "not_found")
	e := requireError(t, adm.do("PATCH", "/admin/api/categories/"+cat.ID.String(), `{"position":"đầu"}`), http.StatusUnprocessableEntity, "invalid_field")
	assert.Equal(t, "position", e.Error.Field)
}

func TestAccounts(t *testing.T) {
	f := newFixture(t, nil, nil)
	adm, ed := f.signIn("admin"), f.signIn("bientap")

	w := adm.do("GET", "/admin/api/accounts", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Len(t, decode[struct{ Accounts []struct{ Username string } }](t, w).Accounts, 5)
	assert.NotContains(t, w.Body.String(), "argon2", "no hash in any answer")
	requireError(t, ed.do("GET", "/admin/api/accounts", ""), http.StatusForbidden, "forbidden")

	body := `{"username":"Thu.Ky","display_name":"Đỗ Thu Hà","email":"thuha@skhcn.example.gov.vn","role":"editor","categories":["` +
		f.cats["thong-bao"].String() + `"],"password":"` + password + `"}`
	requireError(t, ed.do("POST", "/admin/api/accounts", body), http.StatusForbidden, "forbidden")
	w = adm.do("POST", "/admin/api/accounts", body)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	assert.NotContains(t, w.Body.String(), password)
	acc := decode[struct {
		ID         uuid.UUID   `json:"id"`
		Username   string      `json:"username"`
		Role       news.Role   `json:"role"`
		RoleLabel  string      `json:"role_label"`
		Categories []uuid.UUID `json:"categories"`
	}](t, w)
	assert.Equal(t, "thu.ky", acc.Username)
	assert.Equal(t, "biên tập viên", acc.RoleLabel)
	assert.Equal(t, []uuid.UUID{f.cats["thong-bao"]}, acc.Categories)
	requireError(t, adm.do("POST", "/admin/api/accounts", body), http.StatusConflict, "conflict")

	for _, tc := range []struct{ name, body, field string }{
		{"short password", `{"username":"moi","display_name":"Người mới","role":"editor","password":"ngan"}`, "password"},
		{"password is the name", `{"username":"nguoimoi","display_name":"Người mới","role":"editor","password":"nguoimoi-2026"}`, "password"},
		{"unknown role", `{"username":"moi","display_name":"Người mới","role":"boss","password":"` + password + `"}`, "role"},
		{"malformed scope", `{"username":"moi","display_name":"Người mới","role":"editor","categories":["khoa-hoc"],"password":"` + password + `"}`, "categories[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := requireError(t, adm.do("POST", "/admin/api/accounts", tc.body), http.StatusUnprocessableEntity, "invalid_field")
			assert.Equal(t, tc.field, e.Error.Field)
			assert.NotContains(t, e.Error.Message, "nguoimoi-2026", "a password is never repeated")
		})
	}

	// Anyone reads and renames themself; only an admin reads others.
	me := "/admin/api/accounts/" + f.accs["bientap"].ID.String()
	require.Equal(t, http.StatusOK, ed.do("GET", me, "").Code)
	requireError(t, ed.do("GET", "/admin/api/accounts/"+acc.ID.String(), ""), http.StatusNotFound, "not_found")
	w = ed.do("PATCH", me, `{"display_name":"Lê Minh Châu (Ban biên tập)"}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	requireError(t, ed.do("PATCH", me, `{"role":"admin"}`), http.StatusForbidden, "forbidden")
	requireError(t, adm.do("PATCH", "/admin/api/accounts/"+f.accs["admin"].ID.String(), `{"disabled":true}`), http.StatusForbidden, "forbidden")
	requireError(t, adm.do("PATCH", me, `{"password":"x"}`), http.StatusBadRequest, "invalid_parameter")
}

func TestChangePassword(t *testing.T) {
	f := newFixture(t, nil, nil)
	ed := f.signIn("bientap")
	other := f.signIn("bientap")
	me := "/admin/api/accounts/" + f.accs["bientap"].ID.String() + "/password"
	e := requireError(t, ed.do("PUT", me, `{"current":"khong-dung-dau","password":"Mat-khau-moi-2027"}`), http.StatusUnprocessableEntity, "invalid_field")
	assert.Equal(t, "current", e.Error.Field)
	require.Equal(t, http.StatusNoContent, ed.do("PUT", me, `{"current":"`+password+`","password":"Mat-khau-moi-2027"}`).Code)
	requireError(t, other.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
	w := f.anon().do("POST", "/admin/api/session", `{"username":"bientap","password":"Mat-khau-moi-2027"}`)
	assert.Equal(t, http.StatusCreated, w.Code, w.Body.String())
}

func TestTokens(t *testing.T) {
	f := newFixture(t, nil, nil)
	ed := f.signIn("bientap")

	requireError(t, ed.do("POST", "/admin/api/tokens", `{"name":"Đồng bộ cổng tỉnh","role":"approver"}`), http.StatusForbidden, "forbidden")
	requireError(t, ed.do("POST", "/admin/api/tokens", `{"name":""}`), http.StatusUnprocessableEntity, "invalid_field")
	expires := f.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)
	w := ed.do("POST", "/admin/api/tokens", `{"name":"Đồng bộ cổng tỉnh","role":"contributor","expires_at":"`+expires+`"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	tok := decode[struct {
		ID    uuid.UUID `json:"id"`
		Token string    `json:"token"`
		Role  news.Role `json:"role"`
	}](t, w)
	require.True(t, strings.HasPrefix(tok.Token, news.APITokenPrefix))
	assert.Equal(t, news.RoleContributor, tok.Role)

	// Shown once: the list has no secret, and the store keeps only a hash.
	w = ed.do("GET", "/admin/api/tokens", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.NotContains(t, w.Body.String(), tok.Token)
	assert.NotContains(t, w.Body.String(), `"token"`)
	assert.Len(t, decode[struct{ Tokens []struct{ ID uuid.UUID } }](t, w).Tokens, 1)
	stored, err := f.store.TokenByHash(t.Context(), news.HashToken(tok.Token))
	require.NoError(t, err)
	assert.Equal(t, tok.ID, stored.ID)

	// A program acts with it, with the token's role, no cookie needed.
	bot := f.anon()
	bot.bearer = tok.Token
	w = bot.do("GET", "/admin/api/session", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"role":"contributor"`)
	assert.Contains(t, w.Body.String(), `"token_id":"`+tok.ID.String()+`"`)
	a := bot.draft("Tin đồng bộ từ cổng thông tin tỉnh", "khoa-hoc")
	assert.Equal(t, f.accs["bientap"].ID, a.OwnerID)
	requireError(t, bot.step(a.ID, news.ActionSendForApproval, ""), http.StatusForbidden, "forbidden")
	requireError(t, bot.do("POST", "/admin/api/tokens", `{"name":"Token sinh token"}`), http.StatusForbidden, "forbidden")

	// It expires…
	f.clock.Advance(49 * time.Hour)
	requireError(t, bot.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")

	// …and is revoked at once.
	ed = f.signIn("bientap")
	w = ed.do("POST", "/admin/api/tokens", `{"name":"Xuất dữ liệu"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	tok2 := decode[struct {
		ID    uuid.UUID `json:"id"`
		Token string    `json:"token"`
	}](t, w)
	bot.bearer = tok2.Token
	require.Equal(t, http.StatusOK, bot.do("GET", "/admin/api/session", "").Code)
	requireError(t, f.signIn("lanhdao").do("DELETE", "/admin/api/tokens/"+tok2.ID.String(), ""), http.StatusNotFound, "not_found")
	require.Equal(t, http.StatusNoContent, ed.do("DELETE", "/admin/api/tokens/"+tok2.ID.String(), "").Code)
	requireError(t, bot.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestAudit(t *testing.T) {
	f := newFixture(t, nil, nil)
	adm := f.signIn("admin")
	writer := f.signIn("phongvien")
	requireError(t, f.anon().do("POST", "/admin/api/session", `{"username":"phongvien","password":"sai-mat-khau-roi"}`), http.StatusUnauthorized, "unauthorized")
	a := writer.draft("Khảo sát nhu cầu đổi mới công nghệ", "khoa-hoc")
	require.Equal(t, http.StatusOK, writer.step(a.ID, news.ActionSubmit, `{"comment":"Nhờ anh chị biên tập."}`).Code)

	requireError(t, writer.do("GET", "/admin/api/audit", ""), http.StatusForbidden, "forbidden")

	type entry struct {
		Seq        int64        `json:"seq"`
		ActorID    uuid.UUID    `json:"actor_id"`
		Action     news.Action  `json:"action"`
		ObjectType string       `json:"object_type"`
		ObjectID   string       `json:"object_id"`
		Outcome    news.Outcome `json:"outcome"`
		Detail     string       `json:"detail"`
		Address    string       `json:"address"`
	}
	w := adm.do("GET", "/admin/api/audit?object_id="+a.ID.String(), "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	got := decode[struct{ Entries []entry }](t, w).Entries
	require.Len(t, got, 2)
	assert.Equal(t, news.ActionSubmit, got[0].Action, "newest first")
	assert.Equal(t, news.ActionCreate, got[1].Action)
	assert.Equal(t, "192.0.2.1", got[0].Address, "httptest's client address")

	w = adm.do("GET", "/admin/api/audit?action=sign-in&outcome=failure", "")
	fails := decode[struct{ Entries []entry }](t, w).Entries
	require.Len(t, fails, 1)
	assert.Equal(t, "phongvien", fails[0].ObjectID)
	assert.NotContains(t, w.Body.String(), "sai-mat-khau-roi", "no password in the log")

	// Paging by cursor covers every entry once.
	var all []int64
	next := ""
	for range 20 {
		w = adm.do("GET", "/admin/api/audit?limit=2&cursor="+next, "")
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		page := decode[struct {
			Entries []entry
			Next    string
		}](t, w)
		for _, e := range page.Entries {
			all = append(all, e.Seq)
		}
		if next = page.Next; next == "" {
			break
		}
	}
	require.Len(t, all, 13, "five accounts and three categories created, two sign-ins and a failed one, a draft and its submission")

	// Exported as JSON lines, by parameter or by Accept; each line parses.
	for _, req := range []struct{ query, accept string }{{"?format=jsonl", ""}, {"", "application/x-ndjson"}} {
		var hdr []string
		if req.accept != "" {
			hdr = append(hdr, "Accept: "+req.accept)
		}
		w = adm.do("GET", "/admin/api/audit"+req.query, "", hdr...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "application/x-ndjson; charset=utf-8", w.Header().Get("Content-Type"))
		assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
		sc := bufio.NewScanner(strings.NewReader(w.Body.String()))
		var seqs []int64
		for sc.Scan() {
			var e entry
			require.NoError(t, json.Unmarshal(sc.Bytes(), &e), sc.Text())
			seqs = append(seqs, e.Seq)
		}
		assert.Len(t, seqs, len(all))
		assert.Equal(t, all, seqs)
	}
	requireError(t, writer.do("GET", "/admin/api/audit?format=jsonl", ""), http.StatusForbidden, "forbidden")

	for _, q := range []string{"?actor=phongvien", "?from=hôm-qua", "?format=csv", "?limit=1000", "?cursor=abc", "?who=me"} {
		t.Run(q, func(t *testing.T) {
			requireError(t, adm.do("GET", "/admin/api/audit"+q, ""), http.StatusBadRequest, "invalid_parameter")
		})
	}
}

func TestStaffRoutesForbidden(t *testing.T) {
	f := newFixture(t, nil, nil)
	for _, who := range []string{"phongvien", "bientap", "lanhdao"} {
		c := f.signIn(who)
		for _, req := range []struct{ method, path, body string }{
			{"POST", "/admin/api/categories", `{"name":"Chuyên mục mới"}`},
			{"PATCH", "/admin/api/categories/" + f.cats["thong-bao"].String(), `{"name":"Đổi tên"}`},
			{"GET", "/admin/api/accounts", ""},
			{"POST", "/admin/api/accounts", `{"username":"moi","display_name":"Người mới","role":"contributor","password":"` + password + `"}`},
			{"PATCH", "/admin/api/accounts/" + f.accs["admin"].ID.String(), `{"disabled":true}`},
			{"GET", "/admin/api/audit", ""},
		} {
			t.Run(who+" "+req.method+" "+req.path, func(t *testing.T) {
				w := c.do(req.method, req.path, req.body)
				require.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, w.Code, w.Body.String())
			})
		}
	}
}
