package news

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// absoluteURLsReference is AbsoluteURLs as it was written first, one
// html.Tokenizer pass with url.Parse and ResolveReference for every URL:
// the specification the fast paths are checked against.
func absoluteURLsReference(h, base string) string {
	bu, err := url.Parse(base)
	if err != nil || (bu.Scheme != "http" && bu.Scheme != "https") || bu.Host == "" {
		return h
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			t := z.Token()
			changed := false
			for i, a := range t.Attr {
				var v string
				switch a.Key {
				case "href", "src":
					v = resolve(bu, a.Val)
				case "srcset":
					v = referenceSrcset(bu, a.Val)
				default:
					continue
				}
				if v != a.Val {
					t.Attr[i].Val = v
					changed = true
				}
			}
			if changed {
				b.WriteString(t.String())
			} else {
				b.WriteString(raw)
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// referenceSrcset is resolveSrcset as it was written first.
func referenceSrcset(base *url.URL, srcset string) string {
	var parts []string
	rest := srcset
	for {
		rest = strings.TrimLeft(rest, ", \t\n\f\r")
		if rest == "" {
			return strings.Join(parts, ", ")
		}
		end := strings.IndexAny(rest, " \t\n\f\r")
		if end < 0 {
			end = len(rest)
		}
		ref, desc := rest[:end], ""
		rest = rest[end:]
		if trimmed := strings.TrimRight(ref, ","); trimmed != ref {
			ref = trimmed
		} else if i := strings.IndexByte(rest, ','); i >= 0 {
			desc, rest = rest[:i], rest[i+1:]
		} else {
			desc, rest = rest, ""
		}
		cand := resolve(base, ref)
		if d := strings.Join(strings.Fields(desc), " "); d != "" {
			cand += " " + d
		}
		parts = append(parts, cand)
	}
}

// absoluteBases are the bases the differential tests resolve against.
var absoluteBases = []string{
	"https://sokhcn.example.gov.vn/tin-tuc/",
	"https://sokhcn.example.gov.vn/tin-tuc/articles/dai-hoi-chi-bo",
	"https://sokhcn.example.gov.vn",
	"http://vanthu:matkhau@[2001:db8::1]:8080/a/../b/./c/",
	"https://sokhcn.example.gov.vn/tin%2Ftuc/t%E1%BB%A9c/?trang=2#muc",
	"https://sokhcn.example.gov.vn//hai-gach/",
	"https://sokhcn.example.gov.vn/tin tức/",
	"https://sokhcn.example.gov.vn/tin'tuc/a&b<c>/",
	"https://o'brien.example.vn/",
	"ftp://sokhcn.example.gov.vn/",
	"/tin-tuc/",
}

// absoluteInputs are fragments in and out of the form AbsoluteURLs scans
// without the tokenizer.
var absoluteInputs = []string{
	"",
	"Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết năm.",
	`<p>Hội thảo <a href="/tin-tuc/articles/hoi-thao">chuyển đổi số</a> &amp; đổi mới sáng tạo.</p>`,
	`<figure><img src="/uploads/2026/11/anh-1.jpg" srcset="/uploads/anh-640.jpg 640w, anh-1280.jpg  1280w" alt="Ảnh" width="1280"/><figcaption>Quang cảnh hội nghị.</figcaption></figure>`,
	`<a href="https://vnexpress.net/a" rel="noopener">báo</a><a href="mailto:vanthu@example.gov.vn">thư</a>`,
	`<a href="../van-ban/./qd.pdf">x</a><a href="./a">b</a><a href=".">c</a><a href="..">d</a><a href="a/..">e</a><a href="...">f</a>`,
	`<a href="?trang=2">x</a><a href="#muc-1">y</a><a href="/tim?q=a&amp;trang=2">z</a><a href="//cdn.example.vn/a.jpg">w</a>`,
	`<a href=" /co-khoang-trang ">x</a><a href="/tin-tức">y</a><a href="/a%20b">z</a><a href="a:b">v</a><a href="/a,b;c=d@e">u</a>`,
	`<A HREF="/hoa">x</A><a Href="/a">y</a><img SRC="anh.jpg">`,
	`<a href=/khong-ngoac>x</a><a href='/ngoac-don'>y</a><a href = "/cach">z</a>`,
	`<a href="/mot" href="/hai">x</a><a href="https://a.vn/" href="/hai">y</a>`,
	"<a href=\"/xuong\rdong\">x</a><a title=\"a\x00b\" href=\"/nul\">y</a><a title=\"A &amp; B\" href=\"/c\">z</a>",
	`<!-- <a href="/an"> --><a href="/hien">x</a>`,
	`<script>var a = '<a href="/trong-script">';</script><a href="/sau">x</a>`,
	`<style>a[href="/x"]{}</style><title><a href="/t"></title><textarea><img src="/ta"></textarea><xmp><a href="/x"></xmp>`,
	`<iframe src="/video/1" width="560"></iframe><a href="/sau-iframe">x</a>`,
	`<plaintext><a href="/p">`,
	`<a href="/cut`, `<a href="/cut"`, `<a href="/cut" `, `<img src="/a.jpg"/`, `</p`, `</`, `<`, `a < b <3 <a`,
	`<br/><br /><hr/><input disabled/><input disabled /><video controls autoplay src="/v.mp4">`,
	`<a/ href="/gach">x</a><a href="/x"/ title="y">z</a><a href="/x"title="y">w</a><a_b href="/x">v</a>`,
	`</p ><p>x</p><//p></>`, `<?xml version="1.0"?><!DOCTYPE html><a href="/x">y</a>`,
	`<my-el href="/x" data-src="/y" src="">z</my-el><img src="" srcset="">`,
	`<img srcset="/c/w_300,h_200/a.jpg 1x, /c/w_600,h_400/a.jpg 2x"><img srcset="a.jpg,b.jpg 2x"><img srcset=",, a.jpg\u00a0 1x ,b.jpg">`,
	`<a href="/a" x1="1" x2="2" x3="3" x4="4" x5="5" x6="6" x7="7" x8="8" x9="9" x10="10" x11="11" x12="12" x13="13" x14="14" x15="15" x16="16">nhiều</a>`,
	`<a href="/a" x1="1" x2="2" x3="3" x4="4" x5="5" x6="6" x7="7" x8="8" x9="9" x10="10" x11="11" x12="12" x13="13" x14="14" x15="15">mười sáu</a>`,
	`<a href="/a" title='Ý kiến "cử tri"'>x</a><a href="/b" title="a<b>c">y</a>`,
	"<a\thref=\"/tab\"\n\ftitle=\"x\">y</a>",
	`<img src="anh.jpg" alt='Ảnh' data-x="it's" title="">`, `<img src="a.jpg"  alt="x"><img src="b.jpg" /><img alt="c" src="c.jpg" hidden/><img src="d.jpg" alt="e&gt;f"><img src="e.jpg" alt="g>h">`, `<img alt="a" src='/b.jpg' hidden>`, `<a href="/a"target="_blank">x</a>`,
}

// TestAbsoluteURLsMatchesTokenizer checks AbsoluteURLs, which scans plain
// markup without the tokenizer and resolves plain references by
// appending them, against the reference tokenizer pass, byte for byte.
func TestAbsoluteURLsMatchesTokenizer(t *testing.T) {
	t.Parallel()
	inputs := append([]string(nil), absoluteInputs...)
	for _, name := range []string{"sanitize_docs", "sanitize_libreoffice", "sanitize_word"} {
		for _, ext := range []string{".html", ".golden"} {
			data, err := os.ReadFile(filepath.Join("testdata", name+ext))
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, string(data))
		}
	}
	for _, base := range absoluteBases {
		for _, in := range inputs {
			want := absoluteURLsReference(in, base)
			if got := AbsoluteURLs(in, base); got != want {
				t.Errorf("AbsoluteURLs(%q, %q) =\n%q, want (tokenizer)\n%q", in, base, got, want)
			}
		}
	}
}

// TestAbsoluteURLsScansSanitized checks that sanitised bodies take the
// path without the tokenizer, and that a body with nothing to resolve is
// returned as it is, without allocating.
func TestAbsoluteURLsScansSanitized(t *testing.T) {
	const base = "https://sokhcn.example.gov.vn/tin-tuc/"
	bu, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sanitize_docs", "sanitize_libreoffice", "sanitize_word"} {
		data, err := os.ReadFile(filepath.Join("testdata", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		body := Sanitize(string(data))
		r := &resolver{base: bu}
		if _, ok := r.scan(body); !ok {
			t.Errorf("scan(Sanitize(%s.html)) fell back to the tokenizer", name)
		}
	}
	plain := `<p>Sở Khoa học và Công nghệ <strong>thông báo</strong> lịch tiếp công dân.</p><a href="https://sokhcn.example.gov.vn/lich">Lịch</a>`
	if n := testing.AllocsPerRun(100, func() { AbsoluteURLs(plain, base) }); n > 1 {
		t.Errorf("AbsoluteURLs(%q) allocates %v times, want at most 1 (parsing the base)", plain, n)
	}
	if got := AbsoluteURLs(plain, base); got != plain {
		t.Errorf("AbsoluteURLs(%q) = %q, want it unchanged", plain, got)
	}
}

// TestResolveAppends checks the references resolved by appending them to
// a prefix against url.URL.ResolveReference.
func TestResolveAppends(t *testing.T) {
	t.Parallel()
	refs := []string{"/", "/a", "a", "/tin-tuc/articles/ke-hoach-3", "uploads/2026/11/anh-1.jpg", "a//b", "/a/", "a/", "~vanthu/.a",
		"...", "a..b/c.", ".a/b", "/a/./b", "/a/../b", "a/.", "a/..", ".", "..", "//cdn.example.vn/a", "/a?b", "/a#b", "a:b", "/a%41", "/tức", "/a b", "",
		"https://vnexpress.net/a", " mailto:vanthu@example.gov.vn ", "tel:+84275", "1a:b", "+a:b", ":a", "a+b.c-d:x", "https://[::1", "http://a\x00b", "a#b:c"}
	for _, base := range absoluteBases {
		bu, err := url.Parse(base)
		if err != nil || bu.Host == "" {
			continue
		}
		r := &resolver{base: bu}
		for _, ref := range refs {
			if got, want := r.resolve(ref), resolve(bu, ref); got != want {
				t.Errorf("resolver{%q}.resolve(%q) = %q, want %q", base, ref, got, want)
			}
		}
	}
}

func FuzzAbsoluteURLs(f *testing.F) {
	for i, in := range absoluteInputs {
		f.Add(in, absoluteBases[i%len(absoluteBases)])
	}
	f.Fuzz(func(t *testing.T, in, base string) {
		want := absoluteURLsReference(in, base)
		if got := AbsoluteURLs(in, base); got != want {
			t.Fatalf("AbsoluteURLs(%q, %q) =\n%q, want (tokenizer)\n%q", in, base, got, want)
		}
	})
}

// benchBody returns an article body of about 5 KB as the publishing
// service stores it: paragraphs with relative links, and figures with src
// and srcset.
func benchBody() string {
	var b strings.Builder
	for p := range 12 {
		fmt.Fprintf(&b, `<p>Đoạn %d: Sở Khoa học và Công nghệ phối hợp với Ủy ban nhân dân các huyện triển khai kế hoạch hỗ trợ doanh nghiệp đổi mới công nghệ, đạt 46,27%% chỉ tiêu năm; xem <a href="/tin-tuc/articles/ke-hoach-%d">kế hoạch</a>.</p>`, p, p)
		if p%4 == 0 {
			fmt.Fprintf(&b, `<figure><img src="/uploads/2026/11/anh-%d.jpg" srcset="/uploads/2026/11/anh-%d-640.jpg 640w, /uploads/2026/11/anh-%d-1280.jpg 1280w" alt="Ảnh %d" width="1280" height="720"/><figcaption>Quang cảnh buổi làm việc.</figcaption></figure>`, p, p, p, p)
		}
	}
	return b.String()
}

// BenchmarkAbsoluteURLs resolves the links of a 5 KB body, beside the
// reference tokenizer pass.
func BenchmarkAbsoluteURLs(b *testing.B) {
	body := benchBody()
	const base = "https://sokhcn.example.gov.vn/tin-tuc/"
	for _, c := range []struct {
		name string
		f    func(h, base string) string
	}{{"scan", AbsoluteURLs}, {"tokenizer", absoluteURLsReference}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				c.f(body, base)
			}
		})
	}
}

func TestAbsoluteURLs(t *testing.T) {
	t.Parallel()
	const base = "https://sokhcn.example.gov.vn/tin-tuc/dai-hoi"
	tests := []struct {
		name, in, base, want string
	}{
		{"root-relative", `<a href="/thong-bao">x</a>`, base, `<a href="https://sokhcn.example.gov.vn/thong-bao">x</a>`},
		{"document-relative", `<img src="anh/1.jpg" alt="Ảnh">`, base, `<img src="https://sokhcn.example.gov.vn/tin-tuc/anh/1.jpg" alt="Ảnh">`},
		{"parent", `<a href="../van-ban/qd.pdf">x</a>`, base, `<a href="https://sokhcn.example.gov.vn/van-ban/qd.pdf">x</a>`},
		{"query and fragment", `<a href="?trang=2">x</a><a href="#muc-1">y</a>`, base, `<a href="https://sokhcn.example.gov.vn/tin-tuc/dai-hoi?trang=2">x</a><a href="https://sokhcn.example.gov.vn/tin-tuc/dai-hoi#muc-1">y</a>`},
		{"protocol-relative", `<img src="//cdn.example.vn/a.jpg">`, base, `<img src="https://cdn.example.vn/a.jpg">`},
		{"absolute kept", `<a href="https://vnexpress.net/a" rel="noopener noreferrer">x</a>`, base, `<a href="https://vnexpress.net/a" rel="noopener noreferrer">x</a>`},
		{"mailto and tel kept", `<a href="mailto:vanthu@example.gov.vn">a</a><a href="tel:+84275">b</a>`, base, `<a href="mailto:vanthu@example.gov.vn">a</a><a href="tel:+84275">b</a>`},
		{"srcset", `<img src="/a.jpg" srcset="/a-480.jpg 480w, a-800.jpg 800w,https://cdn.example.vn/a.jpg 2x">`, base,
			`<img src="https://sokhcn.example.gov.vn/a.jpg" srcset="https://sokhcn.example.gov.vn/a-480.jpg 480w, https://sokhcn.example.gov.vn/tin-tuc/a-800.jpg 800w, https://cdn.example.vn/a.jpg 2x">`},
		{"srcset URL with commas", `<img srcset="/c/w_300,h_200/a.jpg 1x, /c/w_600,h_400/a.jpg 2x">`, base,
			`<img srcset="https://sokhcn.example.gov.vn/c/w_300,h_200/a.jpg 1x, https://sokhcn.example.gov.vn/c/w_600,h_400/a.jpg 2x">`},
		{"srcset URL is everything up to white space", `<img srcset="a.jpg,b.jpg 2x">`, base, `<img srcset="https://sokhcn.example.gov.vn/tin-tuc/a.jpg,b.jpg 2x">`},
		{"srcset without descriptors", `<img srcset="a.jpg, b.jpg">`, base, `<img srcset="https://sokhcn.example.gov.vn/tin-tuc/a.jpg, https://sokhcn.example.gov.vn/tin-tuc/b.jpg">`},
		{"iframe src", `<iframe src="/video/1"></iframe>`, base, `<iframe src="https://sokhcn.example.gov.vn/video/1"></iframe>`},
		{"query ampersand escaped", `<a href="/tim?q=khoa+hoc&amp;trang=2">x</a>`, base, `<a href="https://sokhcn.example.gov.vn/tim?q=khoa+hoc&amp;trang=2">x</a>`},
		{"text and other markup untouched", `<p style="text-align: center">a &amp; b &lt; c<br/></p><!-- x -->`, base, `<p style="text-align: center">a &amp; b &lt; c<br/></p><!-- x -->`},
		{"Vietnamese path", `<a href="/tin-tức">x</a>`, base, `<a href="https://sokhcn.example.gov.vn/tin-t%E1%BB%A9c">x</a>`},
		{"relative base refused", `<a href="/a">x</a>`, "/tin-tuc/", `<a href="/a">x</a>`},
		{"non-http base refused", `<a href="/a">x</a>`, "ftp://example.vn/", `<a href="/a">x</a>`},
		{"empty", "", base, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := AbsoluteURLs(tc.in, tc.base); got != tc.want {
				t.Errorf("AbsoluteURLs(%q, %q) =\n%q, want\n%q", tc.in, tc.base, got, tc.want)
			}
		})
	}
}

func TestAbsoluteURLsAfterSanitize(t *testing.T) {
	t.Parallel()
	in := `<p><a href="/van-ban/qd-12.pdf">Quyết định</a><img src="anh.jpg" alt="Ảnh"></p>`
	got := AbsoluteURLs(Sanitize(in), "https://sokhcn.example.gov.vn/tin-tuc/")
	want := `<p><a href="https://sokhcn.example.gov.vn/van-ban/qd-12.pdf">Quyết định</a><img src="https://sokhcn.example.gov.vn/tin-tuc/anh.jpg" alt="Ảnh"/></p>`
	if got != want {
		t.Errorf("AbsoluteURLs(Sanitize(%q)) = %q, want %q", in, got, want)
	}
}

func TestCheckURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		rule string // "" when the URL is accepted
	}{
		{"https://sokhcn.example.gov.vn/uploads/qd-12.pdf", ""},
		{"http://example.vn", ""},
		{"HTTPS://Example.VN/a?b=c#d", ""},
		{"/uploads/2025/anh-hoi-nghi.jpg", ""},
		{"/", ""},
		{"/tin-tức", ""},
		{"", "empty"},
		{"javascript:alert(1)", "scheme not allowed: javascript"},
		{"JavaScript:alert(1)", "scheme not allowed: javascript"},
		{"vbscript:msgbox(1)", "scheme not allowed: vbscript"},
		{"data:image/png;base64,AAAA", "scheme not allowed: data"},
		{"file:///C:/a.png", "scheme not allowed: file"},
		{"ftp://example.vn/a", "scheme not allowed: ftp"},
		{"mailto:a@example.vn", "scheme not allowed: mailto"},
		{"uploads/a.jpg", "not an absolute http(s) URL or a path starting with /"},
		{"//evil.example/a", "protocol-relative URL: write https://"},
		{`/\evil.example/a`, "contains a backslash"},
		{"https:///a", "missing host"},
		{"https://", "missing host"},
		{"https://user:pass@example.vn/", "user name or password in URL"},
		{" https://example.vn/", "contains white space or control characters"},
		{"https://example.vn/a b", "contains white space or control characters"},
		{"java\tscript:alert(1)", "contains white space or control characters"},
		{"https://example.vn/\x00", "contains white space or control characters"},
		{"https://example.vn/\u200b", "contains white space or control characters"},
		{"https://example.vn/\xff", "not valid UTF-8"},
		{"https://example.vn/%zz", "not a valid URL"},
		{"/a%zz", "not a valid URL path"},
		{"https://example.vn/" + strings.Repeat("a", 2048), "longer than 2048 bytes"},
	}
	for _, tc := range tests {
		err := CheckURL(tc.in)
		switch {
		case tc.rule == "" && err != nil:
			t.Errorf("CheckURL(%q) = %v, want nil", tc.in, err)
		case tc.rule != "" && err == nil:
			t.Errorf("CheckURL(%q) = nil, want %q", tc.in, tc.rule)
		case err != nil:
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "" || fe.Rule != tc.rule || err.Error() != tc.rule {
				t.Errorf("CheckURL(%q) = %#v, want a *FieldError with rule %q", tc.in, err, tc.rule)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("CheckURL(%q) = %v, does not wrap ErrInvalid", tc.in, err)
			}
		}
	}
}
