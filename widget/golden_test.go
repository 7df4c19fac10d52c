package widget_test

import (
	"bytes"
	"compress/gzip"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden compares rendered HTML with the files under testdata/golden,
// with a fixed clock and zone. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, tc := range []struct{ file, target string }{
		{"fragment.html", "/fragment"},
		{"fragment-cards-en.html", "/fragment?category=hoat-dong&layout=cards&lang=en&show=date,summary,image"},
		{"fragment-ticker-dark.html", "/fragment?layout=ticker&theme=dark&limit=3"},
		{"article.html", "/articles/dai-hoi"},
		{"embed.html", "/embed?category=khoa-hoc-cong-nghe&theme=auto"},
		{"search-results.html", "/search?q=thong+bao&sort=newest"},
		{"search-empty.html", "/search?q=%F0%9F%98%80"},
		{"search-suggest-en.html", "/search?q=b%C6%B0%E1%BB%9Fi&lang=en"},
	} {
		t.Run(tc.file, func(t *testing.T) { golden(t, s.h, tc.file, tc.target) })
	}
}

// golden compares the body of GET target from h, a 200, with the golden
// file, or rewrites the file with -update.
func golden(t *testing.T, h http.Handler, file, target string) {
	t.Helper()
	res, body := get(t, h, target)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d", target, res.StatusCode)
	}
	goldenBody(t, file, target, body)
}

// goldenBody compares body, the answer to GET target, with the golden
// file, or rewrites the file with -update.
func goldenBody(t *testing.T, file, target, body string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", file)
	if *update {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal([]byte(body), want) {
		t.Errorf("GET %s differs from %s (run go test -update after checking the change):\n%s", target, path, body)
	}
}

// TestWidgetJS keeps widget.js, as served, within 3 KB gzipped, and free of
// what a strict CSP with Trusted Types forbids: HTML parsing sinks, eval,
// inline styles.
func TestWidgetJS(t *testing.T) {
	s := newNewsSite(t, nil)
	_, js := get(t, s.h, "/widget.js")
	mustNotContain(t, "widget.js", js, "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
		"new Function", ".style.", `setAttribute("style"`, "cssText", "srcdoc", "createContextualFragment")
	mustContain(t, "widget.js", js, "attachShadow", "adoptedStyleSheets", "textContent", `credentials: "omit"`)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(js))
	zw.Close()
	if n := buf.Len(); n > 3072 {
		t.Errorf("widget.js is %d bytes gzipped, want at most 3072", n)
	} else {
		t.Logf("widget.js: %d bytes, %d gzipped", len(js), n)
	}
}
