package admin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/orgnews/orgnews/news"
)

// The body editor's tests run the committed bundle (static/editor) in a
// real headless Chromium, on a page served with the newsroom's strict
// Content-Security-Policy, over the form's textarea as the editor page
// mounts it. They skip when no Chromium is found, unless
// ORGNEWS_REQUIRE_BROWSER=1.

// edCSP is the policy of the newsroom's pages.
const edCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types orgnews-editor"

// edMotto is the sentence every input method types.
const edMotto = "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập – Tự do – Hạnh phúc."

func TestEditorChromium(t *testing.T) {
	ctx := edStartBrowser(t)
	srv := httptest.NewServer(edTestServer())
	t.Cleanup(srv.Close)

	t.Run("Mount", func(t *testing.T) { edTestMount(t, ctx, srv.URL) })
	t.Run("Commands", func(t *testing.T) { edTestCommands(t, ctx, srv.URL) })
	t.Run("Paste", func(t *testing.T) { edTestPaste(t, ctx, srv.URL) })
	t.Run("ServerResult", func(t *testing.T) { edTestServerResult(t, ctx, srv.URL) })
	t.Run("Upload", func(t *testing.T) { edTestUpload(t, ctx, srv.URL) })
	t.Run("Input", func(t *testing.T) { edTestInput(t, ctx, srv.URL) })
	t.Run("Legacy", func(t *testing.T) { edTestLegacy(t, ctx, srv.URL) })
	t.Run("Combining", func(t *testing.T) { edTestCombining(t, ctx, srv.URL) })
}

// edTestServer serves the test page, its scripts and clipboard fixtures
// from editor/testdata, the news package's fixtures (the Word fragments in
// TCVN3 and VNI) under /news/, and the committed bundle under
// /static/editor/, every answer under the newsroom's CSP.
func edTestServer() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/static/editor/", http.StripPrefix("/static/editor/", http.FileServer(http.Dir("static/editor"))))
	mux.Handle("/news/", http.StripPrefix("/news/", http.FileServer(http.Dir("../news/testdata"))))
	mux.Handle("/", http.FileServer(http.Dir("editor/testdata")))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", edCSP)
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	})
}

// edStartBrowser starts a headless Chromium for the test and returns a
// context whose tab has run once; the browser stops when the test ends.
func edStartBrowser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("ORGNEWS_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	required := os.Getenv("ORGNEWS_REQUIRE_BROWSER") == "1"
	if path == "" {
		msg := "no Chromium found (looked for $ORGNEWS_CHROMIUM, chromium, chromium-browser, google-chrome)"
		if required {
			t.Fatal(msg + "; ORGNEWS_REQUIRE_BROWSER=1 makes the browser tests required")
		}
		t.Skip(msg + "; set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("lang", "vi-VN"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		if required {
			t.Fatalf("starting %s: %v", path, err)
		}
		t.Skipf("starting %s: %v (set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure)", path, err)
	}
	return ctx
}

// edOpen loads the test page in a new tab and waits for the editor.
func edOpen(t *testing.T, bctx context.Context, base string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(cancelTimeout)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/editor.html")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!window.editor"))
	require.NoError(t, err, "the editor never mounted")
	return ctx
}

// edEval evaluates expr in the page, awaiting a promise, and returns its value.
func edEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

// edJS quotes s as a JavaScript string.
func edJS(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// edClean asserts the page reported no CSP or Trusted Types violation and
// no uncaught error.
func edClean(t *testing.T, ctx context.Context) {
	t.Helper()
	assert.Empty(t, edEval[[]string](t, ctx, "window.violations"), "CSP violations")
	assert.Empty(t, edEval[[]string](t, ctx, "window.errors"), "uncaught errors")
}

// edNamedKeys are the Windows virtual key codes of the named keys the
// tests press.
var edNamedKeys = map[string]int64{
	"Backspace": 8, "Tab": 9, "Enter": 13, "End": 35, "Home": 36,
	"ArrowLeft": 37, "ArrowUp": 38, "ArrowRight": 39, "ArrowDown": 40,
}

// edKey sends one key press: a character, with modifiers (2 is Ctrl) a
// shortcut, or a named key such as Backspace.
func edKey(t *testing.T, ctx context.Context, key string, modifiers int64) {
	t.Helper()
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Text: key, Modifiers: modifiers}
	up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Modifiers: modifiers}
	if vk, ok := edNamedKeys[key]; ok {
		down = input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeRawKeyDown, Key: key, Code: key,
			WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk, Modifiers: modifiers}
		up.Code, up.WindowsVirtualKeyCode, up.NativeVirtualKeyCode = key, vk, vk
	} else if modifiers != 0 {
		r := unicode.ToUpper([]rune(key)[0])
		down = input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeRawKeyDown, Key: key, Code: "Key" + string(r),
			WindowsVirtualKeyCode: int64(r), Modifiers: modifiers}
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	}))
	require.NoError(t, err, "pressing %q", key)
}

// edSelectAll focuses the editor and presses Ctrl+A.
func edSelectAll(t *testing.T, ctx context.Context) {
	t.Helper()
	edEval[chromedp.Void](t, ctx, "editor.focus()")
	edKey(t, ctx, "a", 2)
}

func edTestMount(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	edClean(t, ctx)
	want := "<p>Sở Khoa học và Công nghệ tỉnh tổ chức hội nghị tổng kết năm.</p>"
	assert.Equal(t, want, edEval[string](t, ctx, "editor.getHTML()"))
	assert.Equal(t, want, edEval[string](t, ctx, "document.getElementById('body').value"), "the textarea carries the body")
	assert.True(t, edEval[bool](t, ctx, "document.getElementById('body').hidden"), "the textarea is hidden")
	labels := edEval[[]string](t, ctx, `Array.from(document.querySelectorAll('[role=toolbar] button')).map(b => b.getAttribute('aria-label'))`)
	require.NotEmpty(t, labels)
	assert.Contains(t, labels, "Chữ đậm (Ctrl+B)")
	for _, l := range labels {
		assert.NotEmpty(t, l, "every button has a label")
	}
	assert.Equal(t, []string{"0"}, edEval[[]string](t, ctx,
		`Array.from(document.querySelectorAll('[role=toolbar] button')).filter(b => b.tabIndex === 0).map(b => String(b.tabIndex))`),
		"the toolbar is one Tab stop")
	assert.Equal(t, "Nội dung", edEval[string](t, ctx,
		`document.getElementById(document.querySelector('[role=textbox]').getAttribute('aria-labelledby')).textContent`),
		"the editable area is named by the field's label")

	edSelectAll(t, ctx)
	edKey(t, ctx, "b", 2)
	assert.Equal(t, "true", edEval[string](t, ctx, `document.querySelector('[data-command=bold]').getAttribute('aria-pressed')`), "Ctrl+B presses the bold button")
	assert.Equal(t, "<p><strong>Sở Khoa học và Công nghệ tỉnh tổ chức hội nghị tổng kết năm.</strong></p>",
		edEval[string](t, ctx, "document.getElementById('body').value"), "the textarea follows each change")

	// The toolbar by keyboard: arrows move along it, Home and End go to
	// its ends (the table buttons are hidden outside a table).
	edEval[chromedp.Void](t, ctx, "document.querySelector('[role=toolbar] button').focus()")
	for _, step := range []struct{ key, want string }{
		{"ArrowRight", "italic"}, {"End", "redo"}, {"ArrowRight", "bold"}, {"ArrowLeft", "redo"}, {"Home", "bold"},
	} {
		edKey(t, ctx, step.key, 0)
		assert.Equal(t, step.want, edEval[string](t, ctx, "document.activeElement.dataset.command"), "after %s", step.key)
	}

	// A second editor, in English, shares the page's one policy.
	edEval[chromedp.Void](t, ctx, `window.second = OrgnewsEditor.mount(document.body.appendChild(document.createElement("div")), {lang: "en", html: "<p>Department of Science and Technology</p>"}); undefined`)
	assert.Equal(t, "Bold (Ctrl+B)", edEval[string](t, ctx, `document.querySelectorAll('[role=toolbar]')[1].querySelector('button').getAttribute('aria-label')`))
	assert.Equal(t, "<p>Department of Science and Technology</p>", edEval[string](t, ctx, "second.getHTML()"))
	edEval[chromedp.Void](t, ctx, "second.destroy()")
	assert.Equal(t, 1, edEval[int](t, ctx, "document.querySelectorAll('[role=toolbar]').length"), "destroy removes the editor")

	// A phone: the toolbar wraps inside 390 px.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 800)))
	assert.LessOrEqual(t, edEval[float64](t, ctx, "document.documentElement.scrollWidth"), 390.0, "nothing overflows a 390 px screen")
	edClean(t, ctx)
}

func edTestCommands(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	const p = "<p>Hội nghị tổng kết</p>"
	for _, tc := range []struct {
		name string
		html string
		run  string // JavaScript run after the selection is made
		all  bool   // select everything first; otherwise the caret is at the start
		want string
	}{
		{"bold", p, `editor.run("bold")`, true, "<p><strong>Hội nghị tổng kết</strong></p>"},
		{"italic", p, `editor.run("italic")`, true, "<p><em>Hội nghị tổng kết</em></p>"},
		{"heading", p, `editor.run("h2")`, true, "<h2>Hội nghị tổng kết</h2>"},
		{"subheading", p, `editor.run("h3")`, true, "<h3>Hội nghị tổng kết</h3>"},
		{"heading off", "<h2>Hội nghị tổng kết</h2>", `editor.run("h2")`, true, p},
		{"bulleted list", p, `editor.run("bullet")`, true, "<ul><li><p>Hội nghị tổng kết</p></li></ul>"},
		{"numbered list", p, `editor.run("ordered")`, true, "<ol><li><p>Hội nghị tổng kết</p></li></ol>"},
		{"quote", p, `editor.run("quote")`, true, "<blockquote><p>Hội nghị tổng kết</p></blockquote>"},
		{"link", p, `editor.run("link", "https://sokhcn.example.vn/tin/hoi-nghi")`, true,
			`<p><a href="https://sokhcn.example.vn/tin/hoi-nghi">Hội nghị tổng kết</a></p>`},
		{"table", p, `editor.run("table")`, false,
			"<table><tbody><tr><th><p></p></th><th><p></p></th><th><p></p></th></tr>" +
				"<tr><td><p></p></td><td><p></p></td><td><p></p></td></tr>" +
				"<tr><td><p></p></td><td><p></p></td><td><p></p></td></tr></tbody></table>" + p},
		{"figure", p, `editor.run("image", [{src: "/media/hoi-nghi-960.jpg", alt: "Quang cảnh hội nghị", width: 960, height: 640, caption: "Tặng hoa Bí thư chi bộ nhiệm kỳ mới."}])`, false,
			`<figure><img src="/media/hoi-nghi-960.jpg" alt="Quang cảnh hội nghị" width="960" height="640"><figcaption>Tặng hoa Bí thư chi bộ nhiệm kỳ mới.</figcaption></figure>` + p},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edEval[chromedp.Void](t, ctx, "editor.setHTML("+edJS(tc.html)+"); editor.focus()")
			if tc.all {
				edSelectAll(t, ctx)
			}
			assert.True(t, edEval[bool](t, ctx, tc.run), "%s applies", tc.run)
			assert.Equal(t, tc.want, edEval[string](t, ctx, "editor.getHTML()"))
			assert.Equal(t, tc.want, edEval[string](t, ctx, "document.getElementById('body').value"))
		})
	}

	t.Run("table typing", func(t *testing.T) {
		edEval[chromedp.Void](t, ctx, "editor.setHTML(''); editor.focus(); editor.run('table')")
		for _, s := range []string{"Lĩnh vực", "\t", "Số đề tài"} {
			if s == "\t" {
				edKey(t, ctx, "Tab", 0)
				continue
			}
			edInsertText(t, ctx, s)
		}
		assert.True(t, strings.HasPrefix(edEval[string](t, ctx, "editor.getHTML()"),
			"<table><tbody><tr><th><p>Lĩnh vực</p></th><th><p>Số đề tài</p></th><th><p></p></th></tr>"),
			"Tab moves to the next cell: %s", edEval[string](t, ctx, "editor.getHTML()"))
	})

	t.Run("caption typing", func(t *testing.T) {
		edEval[chromedp.Void](t, ctx, `editor.setHTML(""); editor.focus(); editor.run("image", [{src: "/media/a.jpg", alt: ""}])`)
		edInsertText(t, ctx, "Đoàn công tác thăm mô hình")
		assert.Equal(t, `<figure><img src="/media/a.jpg" alt=""><figcaption>Đoàn công tác thăm mô hình</figcaption></figure>`,
			edEval[string](t, ctx, "editor.getHTML()"), "the caret goes into the new caption")
	})
	edClean(t, ctx)
}

func edInsertText(t *testing.T, ctx context.Context, s string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: s})
		return err
	})))
}

func edTestPaste(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	for _, tc := range []struct {
		name, fixture, want string
	}{
		{"Word", "word.html",
			"<h2>Kết quả thực hiện nhiệm vụ khoa học năm 2026</h2>" +
				`<p style="text-align: justify">Trong năm, Sở đã nghiệm thu <strong>12 đề tài</strong> cấp tỉnh và chuyển giao <em>5 mô hình</em> ứng dụng cho các huyện.</p>` +
				"<ul><li><p>Lĩnh vực nông nghiệp: 6 đề tài;</p></li><li><p>Lĩnh vực y dược: 4 đề tài.</p></li></ul>" +
				"<table><tbody><tr><td><p><strong>Lĩnh vực</strong></p></td><td><p style=\"text-align: center\"><strong>Số đề tài</strong></p></td></tr>" +
				"<tr><td><p>Nông nghiệp</p></td><td><p style=\"text-align: center\">6</p></td></tr></tbody></table>"},
		{"Google Docs", "gdocs.html",
			"<h2>Lịch tiếp công dân tháng 12</h2>" +
				"<p><strong>Giám đốc Sở</strong><em> tiếp công dân vào thứ Năm hằng tuần.</em></p>" +
				"<ul><li><p>Địa điểm: phòng tiếp dân, tầng 1.</p></li></ul>"},
		{"LibreOffice", "libreoffice.html",
			"<h3>Thông báo tuyển chọn nhiệm vụ</h3>" +
				`<p style="text-align: center"><strong>Hạn nộp hồ sơ:</strong> ngày 15 tháng 01 năm 2027</p>` +
				"<ol><li><p><em>Đơn đăng ký chủ trì</em></p></li><li><p>Thuyết minh nhiệm vụ</p></li></ol>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edEval[chromedp.Void](t, ctx, "editor.setHTML(''); editor.focus()")
			got := edEval[string](t, ctx, "pasteFixture("+edJS(tc.fixture)+")")
			assert.Equal(t, tc.want, got)
			for _, debris := range []string{"mso", "o:p", "class=", "Symbol", "·", "font-"} {
				assert.NotContains(t, got, debris)
			}
		})
	}
	edClean(t, ctx)
}

// edTestServerResult saves what the editor made through the server's
// sanitiser and shows the result: the editor's document is then exactly
// what the server keeps.
func edTestServerResult(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	edEval[chromedp.Void](t, ctx, "editor.setHTML(''); editor.focus()")
	body := edEval[string](t, ctx, "pasteFixture('word.html')")
	saved := news.Sanitize(body)
	edEval[chromedp.Void](t, ctx, "editor.setHTML("+edJS(saved)+")")
	assert.Equal(t, saved, edEval[string](t, ctx, "editor.getHTML()"), "the editor shows the saved body unchanged")
	assert.Equal(t, saved, edEval[string](t, ctx, "document.getElementById('body').value"))
	assert.Contains(t, edEval[string](t, ctx, "document.querySelector('[role=textbox]').textContent"), "Nông nghiệp")

	edEval[chromedp.Void](t, ctx, "editor.setHTML('')")
	assert.Equal(t, "", edEval[string](t, ctx, "editor.getHTML()"), "an empty body is empty, as the server saves it")
	assert.Equal(t, "", news.Sanitize("<p></p>"))

	hostile := `<p>Tin <img src=x onerror="window.errors.push('xss')"><script>window.errors.push('xss')</script><a href="javascript:window.errors.push('xss')">nhấn</a></p>`
	edEval[chromedp.Void](t, ctx, "editor.setHTML("+edJS(hostile)+")")
	got := edEval[string](t, ctx, "editor.getHTML()")
	assert.NotContains(t, got, "onerror")
	assert.NotContains(t, got, "javascript:")
	assert.NotContains(t, got, "script")
	edClean(t, ctx)
}

// edTestUpload pastes a photo file into an editor that has an upload
// handler: the handler gets the file, and the photo it answers is
// inserted with an empty caption.
func edTestUpload(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	got := edEval[string](t, ctx, `(async () => {
		let asked;
		const ed = OrgnewsEditor.mount(document.body.appendChild(document.createElement("div")), {
			onUploadRequest(files) {
				asked = files.map(f => f.name + " " + f.type);
				return Promise.resolve([{src: "/media/le-trao-giai-960.jpg", alt: "Lễ trao giải", width: 960, height: 640}]);
			},
		});
		ed.focus();
		const data = new DataTransfer();
		data.items.add(new File([new Uint8Array([0xff, 0xd8, 0xff])], "IMG_0412.jpg", {type: "image/jpeg"}));
		ed.view.dom.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
		await new Promise(r => setTimeout(r, 0));
		return JSON.stringify(asked) + " " + ed.getHTML();
	})()`)
	assert.Equal(t, `["IMG_0412.jpg image/jpeg"] `+
		`<figure><img src="/media/le-trao-giai-960.jpg" alt="Lễ trao giải" width="960" height="640"><figcaption></figcaption></figure>`, got)
	edClean(t, ctx)
}

// edWords splits the motto into its words and the separators between them.
func edWords(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == ' ' {
			if i > start {
				out = append(out, string(rs[start:i]))
			}
			if i < len(rs) {
				out = append(out, " ")
			}
			start = i + 1
		}
	}
	return out
}

// edBase strips a letter's marks: what a Telex writer types first.
func edBase(r rune) rune {
	switch r {
	case 'đ':
		return 'd'
	case 'Đ':
		return 'D'
	}
	d := []rune(norm.NFD.String(string(r)))
	return d[0]
}

// edHat is r with its vowel mark (circumflex, breve, horn, đ) but no
// tone: what Telex shows after "oo", "aw", "dd".
func edHat(r rune) rune {
	if r == 'đ' || r == 'Đ' {
		return r
	}
	var keep []rune
	for _, m := range norm.NFD.String(string(r)) {
		switch m {
		case '\u0300', '\u0301', '\u0309', '\u0303', '\u0323':
		default:
			keep = append(keep, m)
		}
	}
	return []rune(norm.NFC.String(string(keep)))[0]
}

// edTelexStates lists what a Telex input method shows as a word is typed:
// each base letter as typed, its vowel mark as the doubled letter or w
// arrives, and the tone when its key ends the word.
func edTelexStates(word string) []string {
	var states []string
	var shown []rune
	for _, r := range word {
		shown = append(shown, edBase(r))
		states = append(states, string(shown))
		if h := edHat(r); h != edBase(r) {
			shown[len(shown)-1] = h
			states = append(states, string(shown))
		}
	}
	if states[len(states)-1] != word {
		states = append(states, word)
	}
	return states
}

// edPlaces are where the input method tests type the motto: the body as
// it starts, the keys that move the caret from its first text position,
// and the body wanted, with %s where the motto goes.
var edPlaces = []struct {
	name, html string
	keys       []string
	want       string
}{
	{"paragraph", "", nil, "<p>%s</p>"},
	{"line start", "<p>(Quốc hiệu)</p>", nil, "<p>%s(Quốc hiệu)</p>"},
	{"line end", "<p>Quốc hiệu:</p><p>Tiêu ngữ</p>", []string{"End", " "}, "<p>Quốc hiệu: %s</p><p>Tiêu ngữ</p>"},
	{"list item", "<ul><li><p></p></li></ul>", nil, "<ul><li><p>%s</p></li></ul>"},
	{"table cell", "<table><tbody><tr><td><p></p></td><td><p>Tiêu ngữ</p></td></tr></tbody></table>", nil,
		"<table><tbody><tr><td><p>%s</p></td><td><p>Tiêu ngữ</p></td></tr></tbody></table>"},
	{"caption", `<figure><img src="/media/quoc-hieu.jpg" alt=""><figcaption></figcaption></figure>`, nil,
		`<figure><img src="/media/quoc-hieu.jpg" alt=""><figcaption>%s</figcaption></figure>`},
	{"inside a link", `<p><a href="https://sokhcn.example.vn/">Cổng thông tin điện tử</a></p>`,
		[]string{"End", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft"},
		`<p><a href="https://sokhcn.example.vn/">Cổng thông tin %sđiện tử</a></p>`},
}

// edTestInput types the motto with each input method at each place.
func edTestInput(t *testing.T, bctx context.Context, base string) {
	for _, m := range []struct {
		name string
		typ  func(t *testing.T, ctx context.Context)
	}{
		{"Composition", func(t *testing.T, ctx context.Context) { edTypeComposition(t, ctx, edMotto) }},
		{"Unikey", func(t *testing.T, ctx context.Context) { edTypeUnikey(t, ctx, edMotto, false) }},
		{"Unikey clipboard", func(t *testing.T, ctx context.Context) { edTypeUnikey(t, ctx, edMotto, true) }},
	} {
		for _, pl := range edPlaces {
			t.Run(m.name+"/"+pl.name, func(t *testing.T) {
				ctx := edOpen(t, bctx, base)
				edEval[chromedp.Void](t, ctx, "editor.setHTML("+edJS(pl.html)+"); editor.focus()")
				for _, k := range pl.keys {
					edKey(t, ctx, k, 0)
				}
				edEval[chromedp.Void](t, ctx, "window.changes = []")
				m.typ(t, ctx)
				_, err := chromedp.Run(ctx, chromedp.Poll[bool]("!editor.isComposing()"))
				require.NoError(t, err)
				want := strings.Replace(pl.want, "%s", edMotto, 1)
				edAssertTyped(t, ctx, want)
				if m.name == "Composition" {
					edAssertWholeSyllables(t, ctx)
				}

				// Undo takes back the last typing, redo gives it back,
				// letter for letter.
				edKey(t, ctx, "z", 2)
				undone := edEval[string](t, ctx, "editor.getHTML()")
				assert.NotEqual(t, want, undone, "Ctrl+Z undoes")
				edKey(t, ctx, "y", 2)
				assert.Equal(t, want, edEval[string](t, ctx, "editor.getHTML()"), "Ctrl+Y redoes")
			})
		}
	}
}

// edSplitWord splits a word of typed text into its letters, which an
// input method composes, and the signs after them ("tỉnh," gives "tỉnh"
// and ","); a word that starts with no letter ("2027.", "–") is all signs.
func edSplitWord(w string) (letters, signs string) {
	if !unicode.IsLetter([]rune(w)[0]) {
		return "", w
	}
	letters = strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	return letters, w[len(letters):]
}

// edComposing is true while the page's editor composes: the test page's
// editor.isComposing(), or on another page the composition events that
// edWatchComposition counts.
const edComposing = `window.editor ? window.editor.isComposing() : window.edComposing === true`

// edWatchComposition makes the page record whether a composition is under
// way, for edComposing.
const edWatchComposition = `document.addEventListener("compositionstart", () => { window.edComposing = true; }, true);
document.addEventListener("compositionend", () => { window.edComposing = false; }, true);`

// edTypeComposition types text as an IME does: each syllable composed
// (its Telex states as candidates), then committed; spaces and
// punctuation inserted.
func edTypeComposition(t *testing.T, ctx context.Context, text string) {
	for _, w := range edWords(text) {
		word, signs := edSplitWord(w)
		if w == " " || word == "" {
			edInsertText(t, ctx, w)
			continue
		}
		for _, s := range edTelexStates(word) {
			n := int64(len([]rune(s)))
			require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, input.ImeSetComposition, input.ImeSetCompositionParams{Text: s, SelectionStart: n, SelectionEnd: n})
				return err
			})))
		}
		assert.True(t, edEval[bool](t, ctx, edComposing), "composing %q", w)
		edInsertText(t, ctx, word)
		if signs != "" {
			edInsertText(t, ctx, signs)
		}
	}
}

// edPasteText pastes text as plain text into the focused element, as
// Unikey's clipboard mode does after its backspaces.
func edPasteText(t *testing.T, ctx context.Context, text string) {
	edEval[chromedp.Void](t, ctx, `(text => {
		const data = new DataTransfer();
		data.setData("text/plain", text);
		document.activeElement.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
	})(`+edJS(text)+`)`)
}

// edTypeUnikey types text as Unikey does: every key shows the next
// Telex state by deleting what changed with Backspace and then typing the
// new letters as ordinary key presses (its backspace mode) or pasting them
// (its clipboard mode).
func edTypeUnikey(t *testing.T, ctx context.Context, text string, clipboard bool) {
	for _, w := range edWords(text) {
		word, signs := edSplitWord(w)
		if w == " " || word == "" {
			for _, r := range w {
				edKey(t, ctx, string(r), 0)
			}
			continue
		}
		var prev []rune
		for _, s := range edTelexStates(word) {
			next := []rune(s)
			same := 0
			for same < len(prev) && same < len(next) && prev[same] == next[same] {
				same++
			}
			for range len(prev) - same {
				edKey(t, ctx, "Backspace", 0)
			}
			switch {
			case clipboard && len(prev) > same:
				edPasteText(t, ctx, string(next[same:]))
			default:
				for _, r := range next[same:] {
					edKey(t, ctx, string(r), 0)
				}
			}
			prev = next
		}
		for _, r := range signs {
			edKey(t, ctx, string(r), 0)
		}
	}
}

// edAssertTyped asserts the editor, the page and the form hold exactly
// want, in NFC, and no change was reported during a composition.
func edAssertTyped(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	require.True(t, norm.NFC.IsNormalString(edMotto))
	got := edEval[string](t, ctx, "editor.getHTML()")
	assert.Equal(t, want, got)
	assert.True(t, norm.NFC.IsNormalString(got), "the body is NFC")
	assert.Contains(t, edEval[string](t, ctx, "document.querySelector('[role=textbox]').textContent"), edMotto, "the page shows the motto")
	assert.Equal(t, want, edEval[string](t, ctx, "document.getElementById('body').value"), "the form carries the body")
	changes := edEval[[]struct {
		HTML      string `json:"html"`
		Composing bool   `json:"composing"`
	}](t, ctx, "window.changes")
	require.NotEmpty(t, changes)
	assert.Equal(t, want, changes[len(changes)-1].HTML, "the last change is the body")
	for _, c := range changes {
		assert.False(t, c.Composing, "a change reported during a composition: %s", c.HTML)
	}
	edClean(t, ctx)
}

// edAssertWholeSyllables asserts autosave could only see whole
// syllables: every word of the motto's line in every reported change is
// a word of the motto.
func edAssertWholeSyllables(t *testing.T, ctx context.Context) {
	t.Helper()
	words := map[string]bool{}
	for _, w := range strings.Fields(edMotto) {
		words[strings.TrimRight(w, ".")] = true
	}
	before := map[string]bool{}
	for _, pl := range edPlaces {
		for _, w := range strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(pl.html, " ")) {
			before[strings.TrimRight(w, ".:")] = true
		}
	}
	for _, c := range edEval[[]string](t, ctx, "window.changes.map(c => c.html.replace(/<[^>]*>/g, ' '))") {
		for _, w := range strings.Fields(c) {
			// The motto's last word runs into the text after the caret.
			w = strings.TrimSuffix(strings.TrimSuffix(w, "(Quốc"), "điện")
			w = strings.TrimRight(w, ".:")
			if w == "" || before[w] {
				continue // the text that was there before
			}
			assert.True(t, words[w], "change %q holds %q, half a syllable", c, w)
		}
	}
}
