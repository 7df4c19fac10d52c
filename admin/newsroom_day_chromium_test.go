package admin_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // the served photos
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/mmcdole/gofeed"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// TestNewsroomDayChromium runs a newsroom's day in a real headless
// Chromium, as its people would, on a site like the demo's: the newsroom
// at /admin/, its photos at /media/ and the readers' news section, feeds
// and box at /news/, all over one store and one clock the test moves.
//
// phongvien signs in, writes an article, pastes a fragment of a Word
// document with a table, uploads a phone photo carrying its GPS position,
// gives it its caption and submits; bientap returns it with a comment;
// phongvien sees the comment, fixes the article and submits it again;
// bientap sends it for approval; lanhdao, on a 390 px phone, approves it
// for a time two seconds ahead. The readers do not see it until the clock
// reaches that time; then it is on /news/, in its category, in the RSS,
// Atom and JSON feeds (read by a feed parser) and in the embedded box, and
// every size of its photo served has no metadata left and the width it
// claims. Last, the shared XSS payloads typed into every field of an
// article and of the workflow execute nothing on any page that shows them.
//
// Every page is checked for CSP violations and, at 390 px, for sideways
// scrolling; go test ./admin -run NewsroomDayChromium -update-screenshots
// writes each at 1280 and 390 px to ../docs/screenshots/day-*.png.
func TestNewsroomDayChromium(t *testing.T) {
	bctx := edStartBrowser(t)
	d := newDay(t)
	pv := d.person(bctx, "phongvien", false)
	bt := d.person(bctx, "bientap", false)
	ld := d.person(bctx, "lanhdao", true)

	pv.signIn()
	id := pv.write()
	d.id = id
	pv.saveWhileAutosaving(id)
	pv.photo(id)
	pv.step(id, "submit", "chờ biên tập")

	bt.signIn()
	bt.open(id)
	bt.shoot("review", ".workflow")
	bt.returnIt(id, "Đề nghị ghi rõ nguồn số liệu và tên tác giả ảnh.")

	pv.fix(id, "Đề nghị ghi rõ nguồn số liệu")
	pv.step(id, "submit", "chờ biên tập")
	bt.step(id, "send-for-approval", "chờ duyệt")

	ld.signIn()
	ld.approveAhead(id)
	d.readersSee(bctx, id)
	d.photoServed(id)

	d.hostile(pv, bt, ld)
}

// A day is the site of the test: the newsroom, its media and the news
// section over one memstore, with the fixture's clock.
type day struct {
	t   *testing.T
	f   *fixture
	lib *news.MediaLibrary
	url string    // of the server, without a trailing slash
	id  uuid.UUID // the day's article, once written
}

// daySite is the department's name on the news pages.
const daySite = "Sở Khoa học và Công nghệ tỉnh Hòa An"

// dayTitle is the title of the day's article.
const dayTitle = "Tổng kết nhiệm vụ khoa học và công nghệ năm 2026"

// newDay starts the site: admin and /media/ as mediaFixture mounts them,
// and the widget at /news/ over the public view with the same clock.
func newDay(t *testing.T) *day {
	t.Helper()
	f, lib := mediaFixture(t, nil, nil)
	mux := http.NewServeMux()
	mux.Handle("/", f.srv)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	pub := news.NewPublic(f.store, &news.PublicOptions{Now: f.clock.Now})
	mux.Handle("/news/", http.StripPrefix("/news", widget.New(pub, &widget.Options{BaseURL: srv.URL + "/news/", SiteName: daySite})))
	return &day{t: t, f: f, lib: lib, url: srv.URL}
}

// dayWatch is run in every document before its scripts: it records CSP
// violations (pgWatch) and any call of the dialogs a payload would use to
// show it ran, instead of opening them.
const dayWatch = pgWatch + `
window.__ran = [];
["alert", "confirm", "prompt", "print"].forEach(function (name) {
  window[name] = function () { window.__ran.push(name + "(" + Array.prototype.join.call(arguments, ",") + ")"); };
});`

// A dayTab is a person's browser: a context with its own cookies.
type dayTab struct {
	*pgTab
	d        *day
	username string
}

// viewports of the screenshots and the sideways-scroll check.
var (
	dayDesktop = []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	dayPhone   = []chromedp.EmulateViewportOption{chromedp.EmulatePortrait, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch}
)

// person opens a browser context for username ("" for a reader), on a
// 390 px phone when phone.
func (d *day) person(bctx context.Context, username string, phone bool) *dayTab {
	d.t.Helper()
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	d.t.Cleanup(cancel)
	// The whole day, on a loaded machine, stays well inside it.
	ctx, cancelTimeout := context.WithTimeout(ctx, 6*time.Minute)
	d.t.Cleanup(cancelTimeout)
	p := &dayTab{pgTab: &pgTab{t: d.t, ctx: ctx, f: d.f, phone: phone}, d: d, username: username}
	p.emulate(phone)
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: dayWatch})
	require.NoError(d.t, err)
	// A Vietnamese browser, whatever the machine's locale: the news
	// section speaks the reader's language, the time fields show
	// day/month/year.
	_, err = chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "vi-VN,vi;q=0.9"}})
	require.NoError(d.t, err)
	_, err = chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "vi_VN"})
	require.NoError(d.t, err)
	return p
}

// emulate sets the tab's viewport: a 390 px phone or a 1280 px desktop.
func (p *dayTab) emulate(phone bool) {
	p.t.Helper()
	if phone {
		p.do("a phone", chromedp.EmulateViewport(390, 844, dayPhone...))
		return
	}
	p.do("a desktop", chromedp.EmulateViewport(1280, 900, dayDesktop...))
}

// clean asserts that nothing ran on the page: no dialog called, no CSP
// violation.
func (p *dayTab) clean(what string) {
	p.t.Helper()
	assert.Empty(p.t, eval[[]string](p.pgTab, "window.__ran"), "something ran on %s", what)
	assert.Empty(p.t, eval[[]string](p.pgTab, "window.__violations"), "CSP violations on %s", what)
}

// shoot checks the page as it is at 390 px (no sideways scroll) and
// nothing ran on it; under -update-screenshots it also writes
// day-name-desktop.png and day-name-phone.png, scrolled to the element
// at (a CSS selector), or at the top when at is "".
func (p *dayTab) shoot(name, at string) {
	p.t.Helper()
	p.clean(name)
	for _, phone := range []bool{false, true} {
		p.emulate(phone)
		if at != "" {
			p.do("show "+at, chromedp.ScrollIntoView(chromedp.CSS(at)))
		}
		if phone {
			width := eval[[]int](p.pgTab, "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
			assert.LessOrEqual(p.t, width[0], width[1], "%s scrolls sideways on a phone", name)
		}
		if !*updateScreenshots {
			continue
		}
		shot, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		require.NoError(p.t, err)
		suffix := map[bool]string{false: "desktop", true: "phone"}[phone]
		file := filepath.Join("..", "docs", "screenshots", "day-"+name+"-"+suffix+".png")
		require.NoError(p.t, os.WriteFile(file, shot, 0o644))
	}
	p.emulate(p.phone)
}

// signIn signs the person in through the sign-in page.
func (p *dayTab) signIn() {
	p.t.Helper()
	p.do("open the newsroom", chromedp.Navigate(p.d.url+"/admin/"))
	p.wait("the sign-in page", `location.pathname === "/admin/sign-in" && document.readyState === "complete"`)
	p.do("type the name and password",
		chromedp.SendKeys(chromedp.CSS("#username"), p.username),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	p.click("sign in", `form button[type="submit"]`, `location.pathname === "/admin/" && document.readyState === "complete"`)
}

// click clicks the element that leaves the page (a link, a form's
// button) and waits for the next page, on which cond holds.
func (p *dayTab) click(what, selector, cond string) {
	p.t.Helper()
	p.do(what, chromedp.Evaluate[chromedp.Void](`window.__before = true`), chromedp.Click(chromedp.CSS(selector)))
	p.wait(what, `!window.__before && `+cond)
}

// open opens the article's editor page.
func (p *dayTab) open(id uuid.UUID) {
	p.t.Helper()
	p.do("open the article", chromedp.Navigate(p.d.url+"/admin/articles/"+id.String()))
	p.wait("the article", `document.readyState === "complete" && !!document.getElementById("article")`)
}

// revision returns the revision the editor page works on.
func (p *dayTab) revision() string {
	return eval[string](p.pgTab, `document.querySelector('#article input[name="revision"]').value`)
}

// write writes the day's article as a new draft: typed fields, a typed
// paragraph and a pasted Word fragment with a table; it returns its ID.
func (p *dayTab) write() uuid.UUID {
	p.t.Helper()
	word, err := os.ReadFile(filepath.Join("editor", "testdata", "word.html"))
	require.NoError(p.t, err)
	p.click("write a new article", `a[href="/admin/articles/new"]`, `location.pathname === "/admin/articles/new" && document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	p.do("fill the form",
		chromedp.SendKeys(chromedp.CSS("#title"), dayTitle),
		chromedp.SendKeys(chromedp.CSS("#summary"), "Sở nghiệm thu 12 đề tài cấp tỉnh và chuyển giao 5 mô hình cho các huyện."),
		chromedp.SetValue(chromedp.CSS("#category_id"), f2cat(p.pgTab)),
		chromedp.Click(chromedp.CSS(".ProseMirror")),
		chromedp.SendKeys(chromedp.CSS(".ProseMirror"), "Sáng nay, Sở tổ chức hội nghị tổng kết năm.\r"),
		chromedp.SendKeys(chromedp.CSS("#tags"), "khoa học, tổng kết"))
	p.do("paste from Word", chromedp.Evaluate[chromedp.Void](`(() => {
		const data = new DataTransfer();
		data.setData("text/html", `+edJS(string(word))+`);
		document.querySelector(".ProseMirror").dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
	})()`))
	p.wait("the pasted table", `!!document.querySelector(".ProseMirror table")`)
	p.shoot("editor-new", ".ProseMirror table")
	p.click("create the draft", `#article button[type="submit"]`, `location.search === "?done=created" && document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	id := uuid.MustParse(strings.TrimPrefix(eval[string](p.pgTab, "location.pathname"), "/admin/articles/"))
	art := p.f.requireArticle(id)
	assert.Equal(p.t, dayTitle, art.Title)
	assert.Contains(p.t, art.Body, "<p>Sáng nay, Sở tổ chức hội nghị tổng kết năm.</p><h2>Kết quả thực hiện nhiệm vụ khoa học năm 2026</h2>")
	assert.Contains(p.t, art.Body, "<td><p>Nông nghiệp</p></td>", "the Word table is kept")
	for _, debris := range []string{"mso", "o:p", "class=", "font-"} {
		assert.NotContains(p.t, art.Body, debris)
	}
	assert.Equal(p.t, art.Body, eval[string](p.pgTab, `document.getElementById("body").value`), "the editor shows what the server kept")
	return id
}

// saveWhileAutosaving clicks Save while an autosave is in flight: the
// server has taken the autosave, its answer is held back, and the form
// must wait for it instead of posting a revision that is no longer the
// latest (which the server would refuse as a conflict).
func (p *dayTab) saveWhileAutosaving(id uuid.UUID) {
	p.t.Helper()
	p.do("hold the answers of autosaves", chromedp.Evaluate[chromedp.Void](`(() => {
		window.__held = [];
		const fetch = window.fetch;
		window.fetch = (url, opts) => fetch(url, opts).then(resp =>
			opts && opts.method === "PATCH" ? new Promise(r => window.__held.push(() => r(resp))) : resp);
	})()`))
	before := p.revision()
	p.do("change the summary",
		chromedp.Evaluate[chromedp.Void](`(s => s.setSelectionRange(s.value.length, s.value.length))(document.getElementById("summary"))`),
		chromedp.SendKeys(chromedp.CSS("#summary"), " Có 120 đại biểu dự."))
	p.wait("the autosave in flight", `window.__held.length === 1`)
	p.do("note the change", chromedp.SendKeys(chromedp.CSS("#note"), "thêm số đại biểu"))
	p.do("save", chromedp.Evaluate[chromedp.Void](`window.__before = true`), chromedp.Click(chromedp.CSS(`#article button[type="submit"]`)))
	assert.True(p.t, eval[bool](p.pgTab, "window.__before === true"), "the form waits for the autosave")
	p.do("let the autosave answer", chromedp.Evaluate[chromedp.Void](`window.__held.forEach(f => f())`))
	p.wait("the saved article", `!window.__before && location.search === "?done=saved" && document.readyState === "complete"`)
	assert.Equal(p.t, 0, eval[int](p.pgTab, `document.querySelectorAll(".conflict:not([hidden])").length`), "no conflict")
	art := p.f.requireArticle(id)
	assert.Equal(p.t, itoa(art.Revision), p.revision())
	assert.Equal(p.t, itoa(atoi(p.t, before)+2), p.revision(), "the autosave and the save, one revision each")
	assert.Contains(p.t, art.Summary, "các huyện. Có 120 đại biểu dự.")
}

// atoi parses s.
func atoi(tb testing.TB, s string) int {
	tb.Helper()
	var n int
	_, err := fmt.Sscan(s, &n)
	require.NoError(tb, err, s)
	return n
}

// dayPhoto is the phone's photo: 1200×900 turned by EXIF to portrait,
// with the device and the GPS position (news/testdata/media/gen.go).
var dayPhoto = filepath.Join("..", "news", "testdata", "media", "phone.jpg")

// dayCaption is the cover's caption.
const dayCaption = "Tặng hoa Bí thư chi bộ nhiệm kỳ mới."

// photo uploads the phone photo through the file picker, makes it the
// cover with its alt text and caption, and saves.
func (p *dayTab) photo(id uuid.UUID) {
	p.t.Helper()
	phone, err := filepath.Abs(dayPhoto)
	require.NoError(p.t, err)
	p.do("pick the photo", chromedp.SetUploadFiles(chromedp.CSS("#upload-input"), []string{phone}))
	p.wait("the upload", `(i => !!i && i.querySelector("progress").value === 1)(document.querySelector(".upload__item--done"))`)
	p.do("make it the cover",
		chromedp.Click(chromedp.CSS(`.upload__item--done button`)),
		chromedp.SendKeys(chromedp.CSS("#cover_alt"), "Lãnh đạo Sở tặng hoa tại hội nghị"),
		chromedp.SendKeys(chromedp.CSS("#cover_caption"), dayCaption))
	p.shoot("editor-photo", "#cover_caption")
	p.click("save", `#article button[type="submit"]`, `location.search === "?done=saved" && document.readyState === "complete"`)
	art := p.f.requireArticle(id)
	require.NotNil(p.t, art.Cover)
	assert.Equal(p.t, dayCaption, art.Cover.Caption)
	assert.Regexp(p.t, `^/media/[0-9a-f]+\.jpg$`, art.Cover.URL)
	assert.Equal(p.t, [2]int{900, 1200}, [2]int{art.Cover.Width, art.Cover.Height}, "turned upright")
}

// step takes the workflow step by its button on the editor page and
// checks the state it leads to.
func (p *dayTab) step(id uuid.UUID, action, state string) {
	p.t.Helper()
	p.open(id)
	p.click(action, `form.step--`+action+` button`, `location.search === "?done=step" && document.readyState === "complete"`)
	assert.Contains(p.t, eval[string](p.pgTab, `document.querySelector(".facts").textContent`), state)
	p.clean(action)
}

// returnIt returns the article with the comment.
func (p *dayTab) returnIt(id uuid.UUID, comment string) {
	p.t.Helper()
	p.do("write the comment", chromedp.SendKeys(chromedp.CSS("#comment"), comment))
	p.click("return it", `form.step--return button`, `location.search === "?done=step" && document.readyState === "complete"`)
	assert.Equal(p.t, news.StatusReturned, p.f.requireArticle(id).Status)
}

// fix finds the returned article on the dashboard with the comment,
// opens it, and saves a fix.
func (p *dayTab) fix(id uuid.UUID, comment string) {
	p.t.Helper()
	p.do("open the dashboard", chromedp.Navigate(p.d.url+"/admin/"))
	p.wait("the dashboard", `document.readyState === "complete" && !!document.querySelector("blockquote.comment")`)
	assert.Contains(p.t, eval[string](p.pgTab, `document.querySelector("blockquote.comment").textContent`), comment)
	p.shoot("returned", "")
	p.do("open the returned article", chromedp.Click(chromedp.CSS(`a[href="/admin/articles/`+id.String()+`"]`)))
	p.wait("the article", `document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	assert.Contains(p.t, eval[string](p.pgTab, `document.querySelector(".alert.returned").textContent`), comment)
	p.do("put the caret after the paragraph before the list",
		chromedp.Click(chromedp.CSS(".ProseMirror")),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const r = document.createRange();
			r.selectNodeContents(Array.from(document.querySelectorAll(".ProseMirror > p")).pop());
			r.collapse(false);
			getSelection().removeAllRanges();
			getSelection().addRange(r);
		})()`))
	edInsertText(p.t, p.ctx, " Số liệu: Phòng Quản lý khoa học; ảnh: Nguyễn Văn An.")
	p.click("save", `#article button[type="submit"]`, `location.search === "?done=saved" && document.readyState === "complete"`)
	assert.Contains(p.t, p.f.requireArticle(id).Body, "cho các huyện. Số liệu: Phòng Quản lý khoa học; ảnh: Nguyễn Văn An.</p>")
}

// dayPublishAt is the time lanhdao approves the article for: 16:00 in
// Hà Nội, two seconds after the clock is set to 15:59:58.
var dayPublishAt = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// approveAhead approves the article, on the phone, for two seconds
// ahead: the clock is set to 15:59:58 and the time field to 16:00.
func (p *dayTab) approveAhead(id uuid.UUID) {
	p.t.Helper()
	assert.Contains(p.t, eval[string](p.pgTab, `document.querySelector("main").textContent`), dayTitle, "waiting for approval on the dashboard")
	p.shoot("dashboard-approver", "")
	p.f.clock.Advance(dayPublishAt.Add(-2 * time.Second).Sub(p.f.clock.Now()))
	p.open(id)
	p.do("set the time", chromedp.SetValue(chromedp.CSS("#at-approve"), "2026-12-04T16:00"))
	p.shoot("approve", "#at-approve")
	p.click("approve at the time", `form.step--approve button[value="custom"]`, `location.search === "?done=step" && document.readyState === "complete"`)
	art := p.f.requireArticle(id)
	assert.Equal(p.t, news.StatusPublished, art.Status)
	assert.True(p.t, dayPublishAt.Equal(art.PublishAt), "publish at %v, want %v", art.PublishAt, dayPublishAt)
}

// get fetches a URL of the site as a reader and returns its body.
func (d *day) get(target string) []byte {
	d.t.Helper()
	resp, err := http.Get(d.url + target)
	require.NoError(d.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(d.t, err)
	require.Equal(d.t, http.StatusOK, resp.StatusCode, "%s: %s", target, body)
	return body
}

// feeds are the news section's feeds of every article and of the
// category.
var dayFeeds = []string{"/news/feed.rss", "/news/feed.atom", "/news/feed.json",
	"/news/categories/khoa-hoc/feed.rss", "/news/categories/khoa-hoc/feed.atom", "/news/categories/khoa-hoc/feed.json"}

// readersSee checks the public side around the approved time: nothing
// before it, everything after, in the pages, the feeds and the box.
func (d *day) readersSee(bctx context.Context, id uuid.UUID) {
	d.t.Helper()
	art := d.f.requireArticle(id)
	where := []string{"/news/", "/news/categories/khoa-hoc", "/news/fragment?category=khoa-hoc"}
	for _, u := range append(where, dayFeeds...) {
		assert.NotContains(d.t, string(d.get(u)), dayTitle, "%s before its time", u)
	}
	d.f.clock.Advance(2 * time.Second)
	for _, u := range where {
		assert.Contains(d.t, string(d.get(u)), dayTitle, "%s at its time", u)
	}
	for _, u := range dayFeeds {
		fd, err := gofeed.NewParser().Parse(bytes.NewReader(d.get(u)))
		require.NoError(d.t, err, u)
		require.NotEmpty(d.t, fd.Items, u)
		item := fd.Items[0]
		assert.Equal(d.t, dayTitle, item.Title, "%s: the newest item", u)
		assert.Equal(d.t, d.url+"/news/articles/"+art.Slug, item.Link, u)
		require.NotNil(d.t, item.PublishedParsed, u)
		assert.True(d.t, dayPublishAt.Equal(*item.PublishedParsed), "%s: published %v", u, item.PublishedParsed)
	}

	r := d.person(bctx, "", false)
	for _, pg := range []struct{ name, path, selector string }{
		{"news", "/news/", "main"},
		{"category", "/news/categories/khoa-hoc", "main"},
		{"article", "/news/articles/" + art.Slug, "main"},
		{"box", "/news/embed?category=khoa-hoc&show=image,date", "body"},
	} {
		r.do("open "+pg.path, chromedp.Navigate(d.url+pg.path))
		r.wait(pg.path, `document.readyState === "complete"`)
		assert.Contains(d.t, eval[string](r.pgTab, `document.querySelector("`+pg.selector+`").textContent`), dayTitle, pg.path)
		if pg.name == "article" {
			txt := eval[string](r.pgTab, `document.querySelector("main").textContent`)
			assert.Contains(d.t, txt, dayCaption)
			assert.Contains(d.t, txt, "Nông nghiệp", "the table")
			r.wait("the cover", `Array.from(document.querySelectorAll("main img")).some(i => i.complete && i.naturalWidth > 0)`)
		}
		r.shoot(pg.name, "")
	}
}

// photoServed checks every size of the article's photo as served, and
// every photo URL the public page and the feeds give: each is one of the
// sizes, has no EXIF, GPS, XMP or comment left, and decodes to its width.
func (d *day) photoServed(id uuid.UUID) {
	d.t.Helper()
	art := d.f.requireArticle(id)
	m, err := d.lib.ByURL(context.Background(), art.Cover.URL)
	require.NoError(d.t, err)
	widths := map[string]int{}
	for _, v := range m.Variants {
		widths[d.lib.URL(v.Key)] = v.Width
	}
	assert.Equal(d.t, []int{480, 900}, variantWidths(m), "the sizes of a 900 px wide photo")
	used := regexp.MustCompile(`/media/[0-9a-f]+\.jpg`)
	seen := map[string]bool{}
	for _, u := range append([]string{"/news/articles/" + art.Slug}, dayFeeds...) {
		for _, m := range used.FindAllString(string(d.get(u)), -1) {
			_, ok := widths[m]
			assert.True(d.t, ok, "%s gives %s, not a size of the photo", u, m)
			seen[m] = true
		}
	}
	assert.NotEmpty(d.t, seen, "the page and the feeds show the photo")
	for _, v := range m.Variants {
		u := d.lib.URL(v.Key)
		data := d.get(u)
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		require.NoError(d.t, err, u)
		assert.Equal(d.t, "jpeg", format)
		assert.Equal(d.t, [2]int{v.Width, v.Height}, [2]int{cfg.Width, cfg.Height}, u)
		assert.Empty(d.t, jpegMetadata(d.t, data), "%s keeps metadata", u)
		for _, s := range []string{"Exif", "GPS", "SM-A546E", "http://ns.adobe.com/xap"} {
			assert.NotContains(d.t, string(data), s, u)
		}
	}
}

// variantWidths lists the widths of m's sizes.
func variantWidths(m *news.Media) []int {
	out := make([]int, len(m.Variants))
	for i, v := range m.Variants {
		out[i] = v.Width
	}
	return out
}

// jpegMetadata walks the JPEG's segments up to the image data and
// returns the names of those that carry metadata: APP1 (EXIF, XMP),
// APP2 and over (vendors'), and COM; not the ICC colour profile (APP2)
// nor APP14 (Adobe's colour transform).
func jpegMetadata(tb testing.TB, data []byte) []string {
	tb.Helper()
	require.True(tb, len(data) > 4 && data[0] == 0xff && data[1] == 0xd8, "not a JPEG")
	var found []string
	for i := 2; i+4 <= len(data); {
		require.Equal(tb, byte(0xff), data[i], "segment at %d", i)
		marker := data[i+1]
		if marker == 0xda { // start of scan: the image data follows
			break
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		switch {
		case marker == 0xfe:
			found = append(found, "COM")
		case marker == 0xe2 && bytes.HasPrefix(data[i+4:], []byte("ICC_PROFILE\x00")):
			// The colour profile, kept so that colours stay as shot.
		case marker >= 0xe1 && marker <= 0xef && marker != 0xee:
			found = append(found, fmt.Sprintf("APP%d", marker-0xe0))
		}
		i += 2 + n
	}
	return found
}

// hostile has the shared XSS payloads typed into every field of an
// article and into the comment that returns it, takes the article through
// to publication, and opens every page that shows them: nothing may run.
func (d *day) hostile(pv, bt, ld *dayTab) {
	d.t.Helper()
	vectors := xssVectors(d.t)
	cover := d.f.requireArticle(d.id).Cover.URL
	fields := []struct {
		id  string
		max int
	}{{"title", news.MaxTitleLen}, {"summary", news.MaxSummaryLen}, {"author", news.MaxAuthorLen},
		{"cover_alt", news.MaxAltLen}, {"cover_caption", news.MaxCaptionLen}, {"note", news.MaxAltLen}}
	// take returns the next payloads, in turn, as many as fit in max
	// characters (the first one cut if it alone is longer).
	next := 0
	take := func(max int) string {
		var out []rune
		for start := next; next-start < len(vectors); next++ {
			v := []rune(vectors[next%len(vectors)])
			if len(out) == 0 && len(v) > max {
				next++
				return string(v[:max])
			}
			if len(out)+1+len(v) > max {
				break
			}
			if len(out) > 0 {
				out = append(out, ' ')
			}
			out = append(out, v...)
		}
		return string(out)
	}

	pv.do("write a new article", chromedp.Navigate(d.url+"/admin/articles/new"))
	pv.wait("the editor", `document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
	for _, fl := range fields {
		pv.typeInto("#"+fl.id, take(fl.max))
	}
	var tags []string
	seen := map[string]bool{}
	for i := 0; len(tags) < news.MaxTags && i < len(vectors); i++ {
		tag := strings.TrimSpace(strings.ReplaceAll(vectors[(next+i)%len(vectors)], ",", " "))
		if r := []rune(tag); len(r) > 60 {
			tag = strings.TrimSpace(string(r[:60]))
		}
		if key := news.Slugify(tag); key != "" && !seen[key] {
			seen[key] = true
			tags = append(tags, tag)
		}
	}
	pv.typeInto("#tags", strings.Join(tags, ", "))
	pv.typeInto("#cover_url", cover)
	var atts []string
	for i := 0; len(atts) < news.MaxAttachments && i < len(vectors); i++ {
		if v := vectors[(next+len(tags)+i)%len(vectors)]; utf8.RuneCountInString(v) <= news.MaxAttachTitleLen {
			atts = append(atts, "/media/quyet-dinh.pdf | "+v)
		}
	}
	pv.typeInto("#attachments", strings.Join(atts, "\n"))
	pv.do("set the category", chromedp.SetValue(chromedp.CSS("#category_id"), f2cat(pv.pgTab)))
	pv.typeInto(".ProseMirror", strings.Join(vectors, " "))
	pv.do("paste every payload as HTML", chromedp.Evaluate[chromedp.Void](`(vectors => {
		const pm = document.querySelector(".ProseMirror");
		vectors.forEach(v => {
			const data = new DataTransfer();
			data.setData("text/html", v.replaceAll("\\n", "\n"));
			pm.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
		});
	})(`+jsonOf(d.t, vectors)+`)`))
	// The editor parses a paste in an inert document (DOMParser), where
	// nothing loads or runs; Chromium still reports the attributes the
	// page's CSP would refuse there, so reports from the editor's bundle
	// are expected, and nothing may have run.
	assert.Empty(d.t, eval[[]string](pv.pgTab, "window.__ran"), "something ran in the editor")
	for _, v := range eval[[]string](pv.pgTab, "window.__violations") {
		assert.Regexp(d.t, `/admin/assets/editor/editor\.[0-9a-f]+\.js:\d+$`, v, "a CSP report not from the editor's parse of a paste")
	}
	pv.do("forget the reports", chromedp.Evaluate[chromedp.Void](`window.__violations = []`))
	title, caption := pv.value("#title"), pv.value("#cover_caption")
	pv.click("create the draft", `#article button[type="submit"]`, `location.search === "?done=created" && document.readyState === "complete"`)
	id := uuid.MustParse(strings.TrimPrefix(eval[string](pv.pgTab, "location.pathname"), "/admin/articles/"))
	art := d.f.requireArticle(id)
	assert.Equal(d.t, news.NormalizeLine(title), art.Title, "the title is kept as typed, as text")
	assert.Equal(d.t, news.NormalizeLine(caption), art.Cover.Caption)
	assert.Len(d.t, art.Tags, len(tags))
	assert.Len(d.t, art.Attachments, len(atts))
	assert.Contains(d.t, art.Body, "&lt;script&gt;", "typed payloads are text")
	requireInert(d.t, art.Body)
	pv.clean("the hostile draft")
	d.transition("phongvien", id, news.ActionSubmit)
	bt.open(id)
	bt.typeInto("#comment", take(news.MaxSummaryLen))
	bt.click("return it", `form.step--return button`, `location.search === "?done=step" && document.readyState === "complete"`)
	bt.clean("the returned article")

	pv.do("open the dashboard", chromedp.Navigate(d.url+"/admin/"))
	pv.wait("the dashboard", `document.readyState === "complete"`)
	pv.clean("the dashboard with the comment")
	d.transition("phongvien", id, news.ActionSubmit)
	d.transition("bientap", id, news.ActionSendForApproval)
	art = d.transition("lanhdao", id, news.ActionApprove)
	require.Equal(d.t, news.StatusPublished, art.Status)

	base := "/admin/articles/" + id.String()
	word := url.QueryEscape(strings.Fields(title)[0])
	// The pages opened on the way (the editor, the dashboard with the
	// comment) were checked as they came; the rest of those that show the
	// payloads follow.
	for _, u := range []string{"/admin/", "/admin/articles?q=" + word, base + "/revisions", base + "/diff?from=1&to=" + itoa(art.Revision)} {
		bt.visit(u)
	}
	for _, u := range []string{"/admin/", base, "/news/", "/news/categories/khoa-hoc", "/news/articles/" + art.Slug,
		"/news/embed?category=khoa-hoc&show=image,date,summary", "/news/search?q=" + word, "/news/tags/" + news.Slugify(tags[0])} {
		ld.visit(u)
	}
	for _, u := range dayFeeds {
		_, err := gofeed.NewParser().Parse(bytes.NewReader(d.get(u)))
		require.NoError(d.t, err, "%s with the payloads", u)
	}
}

// transition takes the workflow step as username, through the
// Newsroom as a Go program would: for the steps that type nothing.
func (d *day) transition(username string, id uuid.UUID, action news.Action) *news.Article {
	d.t.Helper()
	art, err := d.f.nr.Transition(context.Background(), d.f.actor(username), id, news.TransitionInput{Action: action})
	require.NoError(d.t, err, "%s: %s", username, action)
	return art
}

// visit opens the page and asserts that nothing ran on it.
func (p *dayTab) visit(target string) {
	p.t.Helper()
	p.do("open "+target, chromedp.Navigate(p.d.url+target))
	p.wait(target, `document.readyState === "complete"`)
	p.clean(p.username + " on " + target)
}

// typeInto focuses the field and types s over what it holds, as an
// input method commits text: one input event, as a person's typing gives.
func (p *dayTab) typeInto(selector, s string) {
	p.t.Helper()
	p.do("focus "+selector, chromedp.Evaluate[chromedp.Void](`(el => { el.scrollIntoView(); el.focus(); if (el.select) el.select(); })(document.querySelector(`+edJS(selector)+`))`))
	edInsertText(p.t, p.ctx, s)
}

// value returns the value of the form field.
func (p *dayTab) value(selector string) string {
	p.t.Helper()
	return eval[string](p.pgTab, `document.querySelector(`+edJS(selector)+`).value`)
}

// jsonOf encodes v as JSON, a JavaScript literal.
func jsonOf(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	require.NoError(tb, err)
	return string(b)
}

// requireInert parses the HTML fragment and fails on any element that
// runs or loads something (script, style, iframe, object, embed, svg,
// math, form, base, meta, link), an event handler attribute or a URL of
// a scheme that runs.
func requireInert(tb testing.TB, fragment string) {
	tb.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	require.NoError(tb, err)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link", "frame", "frameset":
				tb.Errorf("<%s> in %.200s", n.Data, fragment)
			}
			for _, a := range n.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				assert.False(tb, strings.HasPrefix(key, "on"), "%s on <%s>", key, n.Data)
				for _, scheme := range []string{"javascript:", "vbscript:", "data:text", "livescript:", "mocha:"} {
					assert.False(tb, strings.HasPrefix(val, scheme), "%s=%q on <%s>", key, a.Val, n.Data)
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}
