package news_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/orgnews/orgnews/news"
)

// photo is the ResponsiveImage of the test library's one photo, 1600×1200.
var photo = news.ResponsiveImage{
	Srcset: "/media/a.jpg 480w, /media/b.jpg 960w, /media/c.jpg 1600w",
	Sizes:  "(min-width: 48rem) 46rem, 100vw",
	Width:  1600, Height: 1200,
}

// knownPhoto knows every src under /media/ as photo.
func knownPhoto(src string) (news.ResponsiveImage, bool) {
	return photo, strings.HasPrefix(src, "/media/")
}

func TestResponsiveImages(t *testing.T) {
	t.Parallel()
	const set = ` srcset="/media/a.jpg 480w, /media/b.jpg 960w, /media/c.jpg 1600w" sizes="(min-width: 48rem) 46rem, 100vw"`
	for _, tc := range []struct{ name, in, want string }{
		{"no image", `<p>Hội nghị tổng kết năm 2026.</p>`, `<p>Hội nghị tổng kết năm 2026.</p>`},
		{"photo", `<figure><img src="/media/c.jpg" alt="Tặng hoa"><figcaption>Tặng hoa Bí thư chi bộ.</figcaption></figure>`,
			`<figure><img src="/media/c.jpg" alt="Tặng hoa" width="1600" height="1200"` + set + `><figcaption>Tặng hoa Bí thư chi bộ.</figcaption></figure>`},
		{"self-closing, upper case", `<IMG SRC="/media/c.jpg" ALT="Ảnh"/>`, `<img src="/media/c.jpg" alt="Ảnh" width="1600" height="1200"` + set + `/>`},
		{"author's size kept", `<img width="400" src="/media/c.jpg" height="300">`, `<img src="/media/c.jpg" width="400" height="300"` + set + `>`},
		{"height from the width", `<img src="/media/c.jpg" width="640">`, `<img src="/media/c.jpg" width="640" height="480"` + set + `>`},
		{"percent replaced", `<img src="/media/c.jpg" width="50%" height="20">`, `<img src="/media/c.jpg" width="1600" height="1200"` + set + `>`},
		{"old srcset replaced", `<img src="/media/c.jpg" srcset="/x.jpg 2x" sizes="10px">`, `<img src="/media/c.jpg" width="1600" height="1200"` + set + `>`},
		{"unknown image", `<img src="https://example.com/a.jpg" alt="x">`, `<img src="https://example.com/a.jpg" alt="x">`},
		{"no src", `<img alt="x">`, `<img alt="x">`},
		{"escaped", `<img src="/media/c.jpg" alt="&quot;Lúa&quot; &amp; ngô">`, `<img src="/media/c.jpg" alt="&#34;Lúa&#34; &amp; ngô" width="1600" height="1200"` + set + `>`},
		{"text kept byte for byte", `<p>a &lt;img src=/media/c.jpg&gt; b&nbsp;c</p>`, `<p>a &lt;img src=/media/c.jpg&gt; b&nbsp;c</p>`},
		{"imgx is no img", `<imgx src="/media/c.jpg">`, `<imgx src="/media/c.jpg">`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := news.ResponsiveImages(tc.in, knownPhoto)
			assert.Equal(t, tc.want, got, "ResponsiveImages(%q)", tc.in)
			assert.Equal(t, got, news.ResponsiveImages(got, knownPhoto), "a second pass changes %q", got)
		})
	}
	t.Run("src as written", func(t *testing.T) {
		var srcs []string
		news.ResponsiveImages(`<img src=" /media/a.jpg" src="/media/b.jpg"><img src="">`, func(src string) (news.ResponsiveImage, bool) {
			srcs = append(srcs, src)
			return news.ResponsiveImage{}, false
		})
		assert.Equal(t, []string{" /media/a.jpg", ""}, srcs)
	})
	t.Run("incomplete record", func(t *testing.T) {
		in := `<img src="/media/c.jpg">`
		for _, img := range []news.ResponsiveImage{{Srcset: photo.Srcset}, {Width: 4, Height: 3}} {
			assert.Equal(t, in, news.ResponsiveImages(in, func(string) (news.ResponsiveImage, bool) { return img, true }))
		}
	})
}

// tagsBeside returns the tokens of h as html.Tokenizer reads them, with
// the attributes ResponsiveImages writes left out of every tag.
func tagsBeside(h string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(h))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		kept := tok.Attr[:0]
		for _, a := range tok.Attr {
			if a.Key != "srcset" && a.Key != "sizes" && a.Key != "width" && a.Key != "height" {
				kept = append(kept, a)
			}
		}
		tok.Attr = kept
		out = append(out, tok.String())
	}
	return out
}

func FuzzResponsiveImages(f *testing.F) {
	for _, s := range []string{
		`<figure><img src="/media/c.jpg" alt="Tặng hoa"><figcaption>Tặng hoa.</figcaption></figure>`,
		`<img src="/media/c.jpg" width="640"><img src="/x.png" width="1" height="2">`,
		`<p><img src=/media/c.jpg srcset="a 1x" onerror=alert(1)>`,
		`<table><tr><td><img src="/media/c.jpg" height="99999"></td></tr></table>`,
		`<img src="/media/c.jpg" alt="a<b>&amp;"/><script>x</script>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		clean := news.Sanitize(in)
		out := news.ResponsiveImages(clean, knownPhoto)
		require.Equal(t, out, news.ResponsiveImages(out, knownPhoto), "ResponsiveImages(%q) = %q: a second pass changes it", clean, out)
		require.Equal(t, tagsBeside(clean), tagsBeside(out), "ResponsiveImages(%q) = %q: more than sizes changed", clean, out)
		if !strings.Contains(strings.ToLower(clean), "<img") {
			require.Equal(t, clean, out)
		}
		doc, err := html.Parse(strings.NewReader(out))
		require.NoError(t, err)
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				require.NotEqual(t, "script", n.Data, "ResponsiveImages(%q) = %q", clean, out)
				for _, a := range n.Attr {
					require.False(t, strings.HasPrefix(a.Key, "on"), "ResponsiveImages(%q) = %q: %s", clean, out, a.Key)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}
