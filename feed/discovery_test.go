package feed

import (
	"html/template"
	"strings"
	"testing"
)

func TestAutodiscoveryLinks(t *testing.T) {
	tests := []struct {
		name string
		link Link
		want string // "" when the link must be dropped
	}{
		{"rss", Link{RSS, "Tin tức (RSS)", base + "feed.rss"},
			`<link rel="alternate" type="application/rss+xml" title="Tin tức (RSS)" href="https://sokhcn.example.gov.vn/tin-tuc/feed.rss">` + "\n"},
		{"zero format", Link{"", "Tin", "/feed.rss"},
			`<link rel="alternate" type="application/rss+xml" title="Tin" href="/feed.rss">` + "\n"},
		{"escaped", Link{Atom, `"><script>alert(1)</script>`, base + `feed.atom?a=1&b="2"`},
			`<link rel="alternate" type="application/atom+xml" title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" href="https://sokhcn.example.gov.vn/tin-tuc/feed.atom?a=1&amp;b=&#34;2&#34;">` + "\n"},
		{"control characters", Link{JSON, "Tin\x00 tức\u202e", "/feed.json"},
			`<link rel="alternate" type="application/feed+json" title="Tin tức" href="/feed.json">` + "\n"},
		{"javascript", Link{RSS, "x", "javascript:alert(1)"}, ""},
		{"data", Link{RSS, "x", "data:text/html,x"}, ""},
		{"protocol-relative", Link{RSS, "x", "//evil.example/feed"}, ""},
		{"backslash", Link{RSS, "x", `/\evil.example/feed`}, ""},
		{"relative", Link{RSS, "x", "feed.rss"}, ""},
		{"empty", Link{RSS, "x", ""}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(AutodiscoveryLinks(tc.link)); got != tc.want {
				t.Errorf("AutodiscoveryLinks(%+v) = %q, want %q", tc.link, got, tc.want)
			}
		})
	}
}

func TestAutodiscoveryLinksInTemplate(t *testing.T) {
	e := newEnv(t, nil)
	tmpl := template.Must(template.New("head").Parse(`<head><title>{{.Title}}</title>{{.Feeds}}</head>`))
	var b strings.Builder
	err := tmpl.Execute(&b, map[string]any{
		"Title": "Chi bộ",
		"Feeds": AutodiscoveryLinks(e.h.Links(Variant{Category: "chi-bo"}, "Chi bộ")...),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		want := `type="` + f.mediaType() + `" title="Chi bộ (` + f.label() + `)" href="` + base + "categories/chi-bo/feed." + string(f) + `"`
		if !strings.Contains(b.String(), want) {
			t.Errorf("page head %q lacks %q", b.String(), want)
		}
	}
}
