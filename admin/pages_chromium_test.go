package admin_test

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// The pages' browser test signs in, writes an article, lets autosave keep
// a change, uploads a phone photo and makes it the cover, and submits it, in a real headless Chromium at 1280 px and at
// 390 px, under the pages' own CSP: no violation may be reported and the
// phone must never scroll sideways. It skips when no Chromium is found,
// unless ORGNEWS_REQUIRE_BROWSER=1 (see edStartBrowser).
//
// go test ./admin -run PagesChromium -update-screenshots also writes the
// screenshots of the README under ../docs/screenshots/.

var updateScreenshots = flag.Bool("update-screenshots", false, "write the pages' screenshots to ../docs/screenshots/")

// pgWatch records the page's CSP violations in window.__violations, from
// before any of its scripts runs.
const pgWatch = `window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});`

func TestPagesChromium(t *testing.T) {
	bctx := edStartBrowser(t)
	f, _ := mediaFixture(t, nil, nil)
	srv := httptest.NewServer(f.srv)
	t.Cleanup(srv.Close)
	for _, vp := range []struct {
		name          string
		width, height int64
		phone         bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		t.Run(vp.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext()) // cookies of its own
			t.Cleanup(cancel)
			ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
			t.Cleanup(cancelTimeout)
			opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
			if vp.phone {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...)))
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pgWatch})
			require.NoError(t, err)
			p := &pgTab{t: t, ctx: ctx, f: f, phone: vp.phone, suffix: vp.name}
			p.run(srv.URL, "Hội thảo ứng dụng công nghệ số ("+vp.name+")")
		})
	}
}

// A pgTab is one browser tab of the test.
type pgTab struct {
	t      *testing.T
	ctx    context.Context
	f      *fixture
	phone  bool
	suffix string // of the screenshots' names
}

// do runs actions, failing the test on an error.
func (p *pgTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.ctx, actions...), what)
}

// wait polls the JavaScript condition until it holds, across the
// navigations on the way (a form's post and its redirect).
func (p *pgTab) wait(what, cond string) {
	p.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		_, err := chromedp.Run(p.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil {
			return
		}
		// -32000: the page the condition ran in went away mid-poll.
		if !strings.Contains(err.Error(), "(-32000)") || time.Now().After(deadline) {
			state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`location.href + " " + JSON.stringify(window.__violations) + " " +
				Array.from(document.querySelectorAll('input[name="revision"]')).map(e => e.value).join(",") + " " +
				((document.querySelector("[data-save-state]") || {}).textContent || "")`))
			dbg, derr := chromedp.Run(p.ctx, chromedp.Evaluate[string](`fetch(document.getElementById("article").getAttribute("data-api"), {method: "PATCH", headers: {"Content-Type": "application/json", "If-Match": '"1"'}, body: JSON.stringify({summary: "x", autosave: true})}).then(r => r.text().then(t => r.status + " " + r.headers.get("ETag") + t.slice(0, 300)))`, chromedp.EvalAwaitPromise))
			p.t.Log(dbg, derr)
			require.NoError(p.t, err, "waiting for %s (%s); the page: %s", what, cond, state)
		}
	}
}

// eval evaluates expr in the page.
func eval[T any](p *pgTab, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	require.NoError(p.t, err, expr)
	return v
}

// check asserts the page so far: no CSP violation, and on the phone no
// sideways scroll; and takes its screenshot when asked (name not "").
func (p *pgTab) check(name string) {
	p.t.Helper()
	assert.Empty(p.t, eval[[]string](p, "window.__violations"), "CSP violations on %s", name)
	if p.phone {
		width := eval[[]int](p, "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
		assert.LessOrEqual(p.t, width[0], width[1], "%s scrolls sideways on a phone", name)
	}
	if name == "" || !*updateScreenshots {
		return
	}
	shot, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	require.NoError(p.t, err)
	dir := filepath.Join("..", "docs", "screenshots")
	require.NoError(p.t, os.MkdirAll(dir, 0o755))
	file := filepath.Join(dir, "newsroom-"+name+"-"+p.suffix+".png")
	require.NoError(p.t, os.WriteFile(file, shot, 0o644))
	p.t.Logf("wrote %s (%d bytes)", file, len(shot))
}

// run is the day of a writer: sign in, write, save, let autosave keep a
// change, submit.
func (p *pgTab) run(site, title string) {
	p.t.Helper()
	p.do("open the dashboard", chromedp.Navigate(site+"/admin/"))
	p.wait("the sign-in page", `location.pathname === "/admin/sign-in" && document.readyState === "complete"`)
	p.check("sign-in")
	p.do("sign in",
		chromedp.SendKeys(chromedp.CSS("#username"), "phongvien"),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
	p.wait("the dashboard", `location.pathname === "/admin/" && document.readyState === "complete"`)
	p.check("dashboard")

	p.do("write a new article", chromedp.Click(chromedp.CSS(`a[href="/admin/articles/new"]`)))
	p.wait("the editor", `location.pathname === "/admin/articles/new" && document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	p.do("fill the form",
		chromedp.SendKeys(chromedp.CSS("#title"), title),
		chromedp.SendKeys(chromedp.CSS("#summary"), "Sở tổ chức hội thảo cho cán bộ các huyện."),
		chromedp.SetValue(chromedp.CSS("#category_id"), f2cat(p)),
		chromedp.Click(chromedp.CSS(".ProseMirror")),
		chromedp.SendKeys(chromedp.CSS(".ProseMirror"), "Hội thảo giới thiệu các nền tảng số dùng chung của tỉnh."),
		chromedp.SendKeys(chromedp.CSS("#tags"), "chuyển đổi số"))
	p.check("")
	p.do("create the draft", chromedp.Click(chromedp.CSS(`#article button[type="submit"]`)))
	p.wait("the draft's editor", `location.search === "?done=created" && document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	assert.Equal(p.t, "1", eval[string](p, `document.querySelector('#article input[name="revision"]').value`))
	assert.Contains(p.t, eval[string](p, `document.querySelector(".ProseMirror").textContent`), "nền tảng số dùng chung")

	p.do("change the summary", chromedp.SendKeys(chromedp.CSS("#summary"), "Có 120 đại biểu tham dự. "))
	p.wait("the autosave", `document.querySelector('#article input[name="revision"]').value === "2"`)
	assert.Equal(p.t, "Đã lưu.", eval[string](p, `document.querySelector("[data-save-state]").textContent`))
	p.check("")

	// Someone else saves meanwhile: the next autosave is stale, and the
	// page offers the choice; keeping mine saves it over theirs.
	id := uuid.MustParse(strings.TrimPrefix(eval[string](p, "location.pathname"), "/admin/articles/"))
	theirs := "Hội thảo ứng dụng công nghệ số (biên tập sửa)"
	_, err := p.f.nr.PatchArticle(context.Background(), p.f.actor("bientap"), id, news.ArticlePatch{Title: &theirs})
	require.NoError(p.t, err)
	p.do("change the summary again", chromedp.SendKeys(chromedp.CSS("#summary"), "Khai mạc sáng nay. "))
	p.wait("the conflict", `!document.getElementById("autosave-conflict").hidden`)
	p.check("")
	p.do("keep mine", chromedp.Click(chromedp.CSS("[data-keep-mine]")))
	p.wait("the save over theirs", `document.getElementById("autosave-conflict").hidden && document.querySelector("[data-save-state]").textContent === "Đã lưu."`)
	art := p.f.requireArticle(id)
	assert.Equal(p.t, strconv.Itoa(art.Revision), eval[string](p, `document.querySelector('#article input[name="revision"]').value`))
	assert.Contains(p.t, art.Summary, "Khai mạc sáng nay.", "mine is saved")
	assert.Equal(p.t, theirs, art.Title, "the fields I did not change stay theirs")

	p.cover(id)

	p.do("submit it", chromedp.Click(chromedp.CSS(`form.step--submit button`)))
	p.wait("the submitted article", `location.search === "?done=step" && document.readyState === "complete"`)
	assert.Contains(p.t, eval[string](p, `document.querySelector(".facts").textContent`), "chờ biên tập")
	assert.Contains(p.t, eval[string](p, `document.querySelector("#summary").value`), "120 đại biểu", "the autosaved change is kept")
	p.check("")

	p.do("open the list", chromedp.Navigate(site+"/admin/articles"))
	p.wait("the list", `document.readyState === "complete" && !!document.querySelector("table.list")`)
	assert.True(p.t, strings.Contains(eval[string](p, `document.querySelector("table.list").textContent`), "Hội thảo ứng dụng công nghệ số"))
	p.check("list")

	p.do("open the media library", chromedp.Click(chromedp.CSS(`a[href="/admin/media"]`)))
	p.wait("the media page", `location.pathname === "/admin/media" && document.readyState === "complete" && !!document.querySelector(".media-item img")`)
	p.do("scroll to the first thumbnail", chromedp.ScrollIntoView(chromedp.CSS(".media-item img")))
	p.wait("the thumbnail", `document.querySelector(".media-item img").naturalWidth > 0`)
	thumb := eval[[]int](p, `(i => [i.naturalWidth, i.width, i.getAttribute("width") | 0])(document.querySelector(".media-item img"))`)
	assert.Equal(p.t, thumb[2], thumb[0], "the thumbnail is the smallest variant, its width given")
	p.check("media")
}

// cover uploads a phone photo carrying GPS EXIF through the editor's file
// picker, waits for its progress bar, makes it the cover and saves: the
// saved cover is a /media/ URL with the widest variant's facts, and its
// bytes have no EXIF left.
func (p *pgTab) cover(id uuid.UUID) {
	p.t.Helper()
	phone, err := filepath.Abs(filepath.Join("..", "news", "testdata", "media", "phone.jpg"))
	require.NoError(p.t, err)
	p.do("pick the photo", chromedp.SetUploadFiles(chromedp.CSS("#upload-input"), []string{phone}))
	p.wait("the upload", `(i => !!i && i.querySelector("progress").value === 1)(document.querySelector(".upload__item--done"))`)
	p.check("")

	// Two at once: a PDF is attached with its real type and size, and a
	// text file is refused in the page's language.
	pdf, err := filepath.Abs(filepath.Join("..", "examples", "newsroom", "static", "files", "ke-hoach-tai-san-tri-tue-2026-2030.pdf"))
	require.NoError(p.t, err)
	text, err := filepath.Abs(filepath.Join("editor", "README.md"))
	require.NoError(p.t, err)
	p.do("pick a PDF and a text file", chromedp.SetUploadFiles(chromedp.CSS("#upload-input"), []string{pdf, text}))
	p.wait("both answers", `document.querySelectorAll(".upload__item--done, .upload__item--failed").length === 3`)
	assert.Equal(p.t, "README.md không phải loại tệp được nhận (ảnh JPEG, PNG, GIF, WebP; tệp PDF, DOC, DOCX, XLS, XLSX, ODT, ZIP).",
		eval[string](p, `(i => i.querySelector(".upload__name").textContent + " " + i.querySelector("[role=alert]").textContent)(document.querySelector(".upload__item--failed"))`))
	assert.Regexp(p.t, `^/media/[0-9a-f]+\.pdf \| ke-hoach-tai-san-tri-tue-2026-2030\.pdf$`, eval[string](p, `document.getElementById("attachments").value`))
	p.do("set it as the cover",
		chromedp.Click(chromedp.CSS(`.upload__item--done button`)),
		chromedp.SendKeys(chromedp.CSS("#cover_alt"), "Đại biểu tham quan mô hình"),
		chromedp.SendKeys(chromedp.CSS("#cover_caption"), "Đại biểu tham quan mô hình nhà màng tại huyện."))
	assert.True(p.t, strings.HasPrefix(eval[string](p, `document.getElementById("cover_url").value`), "/media/"))
	// A photo pasted into the body is uploaded and goes in as a figure.
	p.do("paste a photo into the body", chromedp.Evaluate[chromedp.Void](`fetch(document.getElementById("cover_url").value)
		.then(r => r.blob()).then(b => {
			const dt = new DataTransfer();
			dt.items.add(new File([b], "dan-trong-lua.jpg", {type: "image/jpeg"}));
			document.querySelector(".ProseMirror").dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
		})`, chromedp.EvalAwaitPromise))
	p.wait("the pasted figure", `!!document.querySelector('.ProseMirror figure img[src^="/media/"][width][height]')`)
	p.do("show the cover and the upload", chromedp.ScrollIntoView(chromedp.CSS("#cover_url")))
	p.check("editor")
	p.do("save", chromedp.Click(chromedp.CSS(`#article button[type="submit"]`)))
	p.wait("the saved article", `location.search === "?done=saved" && document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	p.check("")
	art := p.f.requireArticle(id)
	require.NotNil(p.t, art.Cover)
	assert.True(p.t, strings.HasPrefix(art.Cover.URL, "/media/"), art.Cover.URL)
	assert.Equal(p.t, "image/jpeg", art.Cover.Type)
	assert.Positive(p.t, art.Cover.Width)
	assert.Positive(p.t, art.Cover.Size)
	assert.Equal(p.t, "Đại biểu tham quan mô hình nhà màng tại huyện.", art.Cover.Caption)
	assert.Regexp(p.t, `<figure><img src="/media/[0-9a-f]+\.jpg"[^>]* width="\d+" height="\d+"`, art.Body)
	require.Len(p.t, art.Attachments, 1)
	assert.Equal(p.t, "application/pdf", art.Attachments[0].Type)
	info, err := os.Stat(pdf)
	require.NoError(p.t, err)
	assert.Equal(p.t, info.Size(), art.Attachments[0].Size)
	w := p.f.get("GET", art.Cover.URL)
	require.Equal(p.t, http.StatusOK, w.Code)
	assert.Equal(p.t, art.Cover.Size, int64(w.Body.Len()))
	assert.NotContains(p.t, w.Body.String(), "Exif", "the served photo keeps no EXIF")
}

// f2cat returns the value of the "Khoa học" option of the category field.
func f2cat(p *pgTab) string {
	return eval[string](p, `Array.from(document.querySelectorAll("#category_id option")).find(o => o.textContent === "Khoa học").value`)
}
