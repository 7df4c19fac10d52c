package news

import (
	"bufio"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// updateGolden is the -update flag, which rewrites the golden files under
// testdata instead of comparing with them. Other test files of the package
// may define the flag too; whichever runs first defines it and the others
// look it up.
var updateGolden = func() flag.Value {
	if f := flag.Lookup("update"); f != nil {
		return f.Value
	}
	flag.Bool("update", false, "rewrite the golden files in testdata")
	return flag.Lookup("update").Value
}()

// allowedAttrs lists, for every element Sanitize may write, the attributes
// it may carry.
var allowedAttrs = map[string][]string{
	"p": {"style"}, "h2": {"style"}, "h3": {"style"}, "h4": {"style"}, "h5": {"style"}, "h6": {"style"},
	"ul": nil, "ol": {"start"}, "li": {"style"}, "blockquote": {"style"},
	"em": nil, "strong": nil, "b": nil, "i": nil, "u": nil, "s": nil, "sub": nil, "sup": nil,
	"br": nil, "hr": nil, "a": {"href", "title", "rel"},
	"img":    {"src", "alt", "title", "width", "height", "loading"},
	"figure": nil, "figcaption": {"style"}, "table": nil, "caption": {"style"},
	"thead": nil, "tbody": nil, "tfoot": nil, "tr": nil,
	"th":     {"scope", "colspan", "rowspan", "style"},
	"td":     {"colspan", "rowspan", "style"},
	"iframe": {"src", "allowfullscreen", "allow", "frameborder", "width", "height", "title", "loading", "referrerpolicy"},
}

// checkSafe fails tb unless out, the output of Sanitize, holds only the
// allowed elements and attributes, no script, no event handler and no
// javascript:, vbscript: or data: URL, and is text that XML can carry.
func checkSafe(tb testing.TB, in, out string) {
	tb.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		tb.Fatalf("Sanitize(%q) = %q: <script survived", in, out)
	}
	checkXMLText(tb, "Sanitize", out)
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), body)
	if err != nil {
		tb.Fatalf("Sanitize(%q) = %q: does not parse: %v", in, out, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.CommentNode {
			tb.Fatalf("Sanitize(%q) = %q: comment %q survived", in, out, n.Data)
		}
		if n.Type == html.ElementNode {
			allowed, ok := allowedAttrs[n.Data]
			if !ok || n.Namespace != "" {
				tb.Fatalf("Sanitize(%q) = %q: element <%s> (namespace %q) survived", in, out, n.Data, n.Namespace)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || !slices.Contains(allowed, a.Key) {
					tb.Fatalf("Sanitize(%q) = %q: attribute %s on <%s> survived", in, out, a.Key, n.Data)
				}
				switch a.Key {
				case "href", "src":
					if dangerousURL(a.Val) {
						tb.Fatalf("Sanitize(%q) = %q: %s=%q survived", in, out, a.Key, a.Val)
					}
				case "style":
					if !strings.HasPrefix(a.Val, "text-align: ") || strings.ContainsAny(a.Val, ";(") {
						tb.Fatalf("Sanitize(%q) = %q: style %q survived", in, out, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

// dangerousURL reports whether a browser would run u as script or load it
// as inline content: it strips what browsers strip before the scheme.
func dangerousURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(u))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}

// checkIdempotent fails tb unless sanitising out again changes nothing.
func checkIdempotent(tb testing.TB, s *Sanitizer, in, out string) {
	tb.Helper()
	if again := s.Sanitize(out); again != out {
		tb.Fatalf("Sanitize not idempotent:\ninput:  %q\nonce:   %q\ntwice:  %q", in, out, again)
	}
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	testSanitizeCases(t, []sanitizeCase{
		{"empty", "", ""},
		{"plain text", "Sở KH&CN tỉnh Bến Tre", "Sở KH&amp;CN tỉnh Bến Tre"},
		{"paragraph", "<p>Chi bộ tổ chức Đại hội.</p>", "<p>Chi bộ tổ chức Đại hội.</p>"},
		{"NFD text becomes NFC", "<p>Đa\u0323i ho\u0302\u0323i</p>", "<p>Đại hội</p>"},
		{"entity decoded to a control character", "<p>a&#1;b&#x200B;c&#65279;</p>", "<p>abc</p>"},
		{"headings", "<h2>Hai</h2><h3>Ba</h3><h4>Bốn</h4><h5>Năm</h5><h6>Sáu</h6>", "<h2>Hai</h2><h3>Ba</h3><h4>Bốn</h4><h5>Năm</h5><h6>Sáu</h6>"},
		{"lists", "<ul><li>Một</li></ul><ol start=3 type=a><li>Ba</li></ol>", "<ul><li>Một</li></ul><ol start=\"3\"><li>Ba</li></ol>"},
		{"emphasis", "<p><em>a</em><strong>b</strong><b>c</b><i>d</i><u>e</u><s>f</s>H<sub>2</sub>O m<sup>2</sup></p>",
			"<p><em>a</em><strong>b</strong><b>c</b><i>d</i><u>e</u><s>f</s>H<sub>2</sub>O m<sup>2</sup></p>"},
		{"blockquote, br, hr", "<blockquote><p>Trích dẫn<br>dòng hai</p></blockquote><hr>", "<blockquote><p>Trích dẫn<br/>dòng hai</p></blockquote><hr/>"},
		{"relative link", `<a href="/tin-tuc/dai-hoi" title="Tin">Đại hội</a>`, `<a href="/tin-tuc/dai-hoi" title="Tin">Đại hội</a>`},
		{"external link gets rel", `<a href="https://vnexpress.net/" target="_blank" rel="nofollow">VnExpress</a>`, `<a href="https://vnexpress.net/" rel="noopener noreferrer">VnExpress</a>`},
		{"protocol-relative link is external", `<a href="//baochinhphu.vn/x">x</a>`, `<a href="//baochinhphu.vn/x" rel="noopener noreferrer">x</a>`},
		{"mailto and tel", `<a href="mailto:vanthu@example.gov.vn">thư</a> <a href="tel:+842753822222">gọi</a>`, `<a href="mailto:vanthu@example.gov.vn">thư</a> <a href="tel:+842753822222">gọi</a>`},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, "x"},
		{"data link", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, "x"},
		{"image", `<img src="/uploads/hoi-nghi.jpg" alt="Hội nghị" width="800" height="450" loading="lazy" class="x" onerror="alert(1)">`,
			`<img src="/uploads/hoi-nghi.jpg" alt="Hội nghị" width="800" height="450" loading="lazy"/>`},
		{"image without src", `<p>Ảnh<img alt="a"></p>`, "<p>Ảnh</p>"},
		{"figure", `<figure><img src="a.jpg" alt="Lễ ký kết"><figcaption style="text-align:center">Lễ ký kết</figcaption></figure>`,
			`<figure><img src="a.jpg" alt="Lễ ký kết"/><figcaption style="text-align: center">Lễ ký kết</figcaption></figure>`},
		{"table", `<table border=1><caption>Kết quả</caption><thead><tr><th scope="col" colspan="2" rowspan="1" style="text-align: center; color: red">Lĩnh vực</th></tr></thead><tbody><tr><td colspan=2 width=100>Nông nghiệp</td></tr></tbody><tfoot><tr><td>Tổng</td></tr></tfoot></table>`,
			`<table><caption>Kết quả</caption><thead><tr><th scope="col" colspan="2" rowspan="1" style="text-align: center">Lĩnh vực</th></tr></thead><tbody><tr><td colspan="2">Nông nghiệp</td></tr></tbody><tfoot><tr><td>Tổng</td></tr></tfoot></table>`},
		{"bad colspan", `<table><tr><td colspan="0" rowspan="9999">Ô</td></tr></table>`, "<table><tbody><tr><td>Ô</td></tr></tbody></table>"},
		{"bad text-align", `<p style="text-align: expression(alert(1))">a</p>`, "<p>a</p>"},
		{"style on a disallowed element", `<span style="text-align:center">a</span>`, "a"},
		{"style other than text-align", `<p style="background:url(javascript:alert(1))">a</p>`, "<p>a</p>"},
		{"YouTube iframe", `<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
			`<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen=""></iframe>`},
		{"Vimeo iframe", `<iframe src="https://player.vimeo.com/video/76979871" loading="lazy" allowfullscreen="allowfullscreen"></iframe>`,
			`<iframe src="https://player.vimeo.com/video/76979871" loading="lazy" allowfullscreen="allowfullscreen"></iframe>`},
		{"iframe content dropped", `<iframe src="https://www.youtube-nocookie.com/embed/x">&lt;script&gt;alert(1)&lt;/script&gt;</iframe>`, `<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>`},
		{"iframe host in capitals", `<iframe src="HTTPS://Player.Vimeo.com/video/76979871"></iframe>`, `<iframe src="https://Player.Vimeo.com/video/76979871"></iframe>`},
		{"iframe over http", `<iframe src="http://www.youtube.com/embed/x"></iframe>`, ""},
		{"iframe from another host", `<iframe src="https://evil.example/embed"></iframe>`, ""},
		{"iframe host lookalike", `<iframe src="https://www.youtube.com.evil.example/embed"></iframe><iframe src="https://www.youtube.com@evil.example/"></iframe>`, ""},
		{"iframe srcdoc and sandbox dropped", `<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>" onload="alert(1)"></iframe>`, `<iframe src="https://www.youtube.com/embed/x"></iframe>`},
		{"script", "<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>"},
		{"style element", "<style>p{color:red}</style><p>a</p>", "<p>a</p>"},
		{"event handler", `<p onclick="alert(1)">a</p>`, "<p>a</p>"},
		{"comment", "<p>a<!-- ghi chú --></p>", "<p>a</p>"},
		{"doctype and html", "<!DOCTYPE html><html><head><title>T</title></head><body><p>a</p></body></html>", "<p>a</p>"},
		{"invalid UTF-8", "<p>S\xff</p>", "<p>S\ufffd</p>"},
	})
}

// A sanitizeCase is an input of Sanitize and the output it must give.
type sanitizeCase struct {
	name, in, want string
}

// testSanitizeCases runs Sanitize on each case, in parallel, and checks
// the output, its safety and that sanitising it again changes nothing.
func testSanitizeCases(t *testing.T, tests []sanitizeCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Sanitize(tc.in)
			if got != tc.want {
				t.Errorf("Sanitize(%q) =\n%q, want\n%q", tc.in, got, tc.want)
			}
			checkSafe(t, tc.in, got)
			checkIdempotent(t, defaultSanitizer(), tc.in, got)
		})
	}
}

func TestSanitizerOptions(t *testing.T) {
	t.Parallel()
	site := NewSanitizer(&SanitizerOptions{SiteHosts: []string{"SoKHCN.example.gov.vn"}})
	custom := NewSanitizer(&SanitizerOptions{VideoHosts: []string{"video.example.gov.vn"}})
	none := NewSanitizer(&SanitizerOptions{VideoHosts: []string{}})
	const yt = `<iframe src="https://www.youtube.com/embed/x"></iframe>`
	tests := []struct {
		name string
		s    *Sanitizer
		in   string
		want string
	}{
		{"own host gets no rel", site, `<a href="https://sokhcn.example.gov.vn/tin">a</a>`, `<a href="https://sokhcn.example.gov.vn/tin">a</a>`},
		{"own host over http", site, `<a href="http://SOKHCN.example.gov.vn/">a</a>`, `<a href="http://SOKHCN.example.gov.vn/">a</a>`},
		{"other host gets rel", site, `<a href="https://example.gov.vn/">a</a>`, `<a href="https://example.gov.vn/" rel="noopener noreferrer">a</a>`},
		{"nil options allow YouTube", NewSanitizer(nil), yt, yt},
		{"custom video host", custom, `<iframe src="https://video.example.gov.vn/v/1"></iframe>`, `<iframe src="https://video.example.gov.vn/v/1"></iframe>`},
		{"custom hosts replace the defaults", custom, yt, ""},
		{"empty video hosts allow no iframe", none, yt, ""},
		{"empty video hosts keep iframe attributes out", none, `<iframe allowfullscreen></iframe>`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := tc.s.Sanitize(tc.in)
			if got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
			checkIdempotent(t, tc.s, tc.in, got)
		})
	}
}

// readPayloads returns the payloads of an xss-vectors file: one a line,
// "\n" standing for a newline, lines starting with "# " being comments.
func readPayloads(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "# ") {
			continue
		}
		out = append(out, strings.ReplaceAll(line, `\n`, "\n"))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func testXSS(t *testing.T, path string) {
	payloads := readPayloads(t, path)
	if len(payloads) == 0 {
		t.Fatalf("%s: no payloads", path)
	}
	for _, p := range payloads {
		out := Sanitize(p)
		checkSafe(t, p, out)
		checkIdempotent(t, defaultSanitizer(), p, out)
	}
}

func TestSanitizeXSS(t *testing.T) {
	t.Parallel()
	t.Run("local", func(t *testing.T) {
		t.Parallel()
		testXSS(t, filepath.Join("testdata", "sanitize_xss.txt"))
	})
	t.Run("shared", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join("..", "..", "shared", "testdata", "xss-vectors.txt")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			t.Skipf("skipping: %s is absent (the shared test data sits beside the repository); testdata/sanitize_xss.txt still runs", path)
		}
		testXSS(t, path)
	})
}

func TestSanitizeConcurrent(t *testing.T) {
	t.Parallel()
	inputs := []string{
		`<p style="text-align:center">Một</p>`,
		`<a href="https://vnexpress.net/">x</a>`,
		`<iframe src="https://www.youtube.com/embed/x"></iframe>`,
		`<p><span style="font-weight:bold">đậm</span></p><script>alert(1)</script>`,
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = Sanitize(in)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				k := (g + i) % len(inputs)
				if got := Sanitize(inputs[k]); got != want[k] {
					t.Errorf("concurrent Sanitize(%q) = %q, want %q", inputs[k], got, want[k])
				}
			}
		})
	}
	wg.Wait()
}

// hostileInputs are inputs built to make a sanitiser slow: deep nesting,
// formatting elements the parser reopens, long style attributes (the CSS
// shorthand case of bluemonday issue #225), many attributes, many
// conditional comments and empty paragraphs.
var hostileInputs = map[string]string{
	"nested tables":     strings.Repeat("<table><tr><td>", 5000) + "x",
	"nested lists":      strings.Repeat("<ul><li>", 10000) + "x",
	"nested quotes":     strings.Repeat("<blockquote>", 20000) + "x",
	"reopened emphasis": strings.Repeat("<b><i><u><s><em><strong><p>x", 3000),
	"misnested":         strings.Repeat("<i><b></i></b>x", 10000),
	"links":             strings.Repeat("<a href=/x>", 10000) + "x",
	"font shorthand":    `<p style="font:` + strings.Repeat(" normal", 5000) + ` 16px Roboto; text-align: center">x</p>`,
	"many styles":       strings.Repeat(`<p style="text-align:center;font: normal    16px  Roboto">x</p>`, 5000),
	"attributes":        "<p " + strings.Repeat("a=b ", 20000) + ">x</p>",
	"conditionals":      strings.Repeat("<p><!--[if !supportLists]-->1.<!--[endif]-->x</p>", 10000),
	"empty paragraphs":  strings.Repeat("<p>&nbsp;</p>", 20000),
	"entities":          strings.Repeat("&#1;&nbsp;&amp;", 20000),
	"spans":             strings.Repeat(`<span style="font-weight:700;font-style:italic">`, 10000) + "x",
}

// BenchmarkSanitizeHostile measures Sanitize on hostile inputs; each must
// take milliseconds, not seconds (compare ns/op with the input sizes).
func BenchmarkSanitizeHostile(b *testing.B) {
	for name, in := range hostileInputs {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				Sanitize(in)
			}
		})
	}
}

// TestSanitizeHostile checks that the hostile inputs come out safe,
// idempotent and with their text.
func TestSanitizeHostile(t *testing.T) {
	t.Parallel()
	for name, in := range hostileInputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := Sanitize(in)
			checkSafe(t, name, out)
			checkIdempotent(t, defaultSanitizer(), name, out)
			if name != "empty paragraphs" && name != "entities" && !strings.Contains(out, "x") {
				t.Errorf("Sanitize(%s) lost the text: %.200q", name, out)
			}
		})
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		`<p class=MsoNormal style='text-align:justify'><span lang=VI>Sở Khoa học<o:p></o:p></span></p>`,
		`<a href="https://x.vn">x</a><img src=/a.jpg alt=y><iframe src="https://www.youtube.com/embed/a"></iframe>`,
		`<table><tr><td colspan=2>a</td></tr></table><ul><li>b<ol start=3><li>c</ol></ul>`,
		`<p><b> </b></p><h1>x</h1><blockquote><p>y</p></blockquote><figure><img src=a.png><figcaption>z</figcaption></figure>`,
		`<p><!--[if !supportLists]-->1.<!--[endif]-->a</p><b id=docs-internal-guid-1><span style="font-weight:700">b</span></b>`,
		`<svg><p><style><img src=x onerror=alert(1)></style></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		"e<b></b>\u0301 &#1; \x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		checkSafe(t, in, out)
		checkIdempotent(t, defaultSanitizer(), in, out)
	})
}
