package migrate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRewriteBody(t *testing.T) {
	moved := func(_, u string) string {
		if strings.HasSuffix(u, "/a.jpg") || strings.HasSuffix(u, ".pdf") {
			return "/media/x" + u[strings.LastIndexByte(u, '.'):]
		}
		return u
	}
	cases := []struct{ name, in, want string }{
		{"untouched tags keep their bytes and entities",
			`<P CLASS="x">Tom &amp; Jerry <a href="/tin?a=1&amp;b=2">tin</a></P>`,
			`<P CLASS="x">Tom &amp; Jerry <a href="/tin?a=1&amp;b=2">tin</a></P>`},
		{"an img moves and loses its srcset",
			`<img src="https://cu.example/a.jpg" srcset="https://cu.example/a-300.jpg 300w" sizes="100vw" alt="Ảnh &quot;một&quot;">`,
			`<img src="/media/x.jpg" alt="Ảnh &#34;một&#34;">`},
		{"a link to a file moves",
			`<p><a href="https://cu.example/qd.pdf" title="QĐ">Quyết định</a></p>`,
			`<p><a href="/media/x.pdf" title="QĐ">Quyết định</a></p>`},
		{"no tag", `Chỉ có chữ & dấu`, `Chỉ có chữ & dấu`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, rewriteBody(tc.in, moved))
		})
	}
}

func TestAcceptedType(t *testing.T) {
	for typ, want := range map[string]bool{
		"image/jpeg": true, "application/pdf": true, "application/octet-stream": true, "": true,
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
		"text/html; charset=utf-8": false, "application/xhtml+xml": false, "application/json": false,
		"image/svg+xml": true, "not a type;;": false,
	} {
		assert.Equal(t, want, acceptedType(typ), "acceptedType(%q)", typ)
	}
}

func TestDropLeadingImage(t *testing.T) {
	const cover = "https://cu.example/anh.png"
	cases := []struct{ name, in, want string }{
		{"the cover first", `<img src="https://cu.example/anh.png" alt="x"><p>Nội dung</p>`, `<p>Nội dung</p>`},
		{"after white space", "\n  <img src=\"https://cu.example/anh.png\"/><p>Nội dung</p>", "\n  <p>Nội dung</p>"},
		{"another photo first", `<img src="https://cu.example/khac.png"><p>Nội dung</p>`, `<img src="https://cu.example/khac.png"><p>Nội dung</p>`},
		{"text first", `<p>Nội dung</p><img src="https://cu.example/anh.png">`, `<p>Nội dung</p><img src="https://cu.example/anh.png">`},
		{"empty", ``, ``},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, dropLeadingImage(tc.in, cover))
		})
	}
}
