package feed

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"golang.org/x/net/html"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// xssVectors reads ../../shared/testdata/xss-vectors.txt (254 payloads from
// cure53/DOMPurify and swisskyrepo/PayloadsAllTheThings; see the README
// there), or skips the test when the shared checkout is missing.
func xssVectors(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../../shared/testdata/xss-vectors.txt")
	if err != nil {
		t.Skip("../../shared/testdata/xss-vectors.txt not found:", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, strings.ReplaceAll(sc.Text(), `\n`, "\n"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuildXSSVectors puts every payload in every text field (the body
// sanitised, as the publishing service stores it) and checks that each
// format stays well-formed and that no HTML a reader renders holds a
// script: the RSS description carries the summary as escaped text, and
// bodies are what news.Sanitize left.
func TestBuildXSSVectors(t *testing.T) {
	for h, bad := range map[string]bool{
		`<img src=x onerror=alert(1)>`:          true,
		`<a href=" JaVa&#x0A;Script:alert(1)">`: true,
		`<script>alert(1)</script>`:             true,
		`<p>javascript: is text here</p>`:       false,
		`&lt;script&gt;alert(1)&lt;/script&gt;`: false,
	} {
		if got := dangerous(h) != ""; got != bad {
			t.Fatalf("dangerous(%q) = %q, want dangerous = %v", h, dangerous(h), bad)
		}
	}
	vectors := xssVectors(t)
	var arts []*news.Article
	for i, v := range vectors {
		a := articles()[0]
		a.ID = uuid.NewSHA1(uuid.NameSpaceOID, []byte(v))
		a.Title, a.Summary, a.Author = v, v, v
		a.Body = news.Sanitize(v)
		a.Tags = []string{v}
		a.Cover.Alt = v
		a.Attachments[0].Title = v
		if i%2 == 1 {
			a.Cover = nil
		}
		arts = append(arts, a)
	}
	for _, f := range Formats {
		data, err := Build(f, arts, meta())
		if err != nil {
			t.Fatalf("Build(%s) error: %v", f, err)
		}
		got := parse(t, f, data)
		if len(got.Items) != len(vectors) {
			t.Fatalf("%s feed has %d items, want %d", f, len(got.Items), len(vectors))
		}
		var htmls []string
		switch f {
		case RSS:
			var doc struct {
				Items []struct {
					Description string `xml:"description"`
				} `xml:"channel>item"`
			}
			if err := xml.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			for _, it := range doc.Items {
				htmls = append(htmls, it.Description)
			}
		case JSON:
			var doc struct {
				Items []struct {
					ContentHTML string `json:"content_html"`
				} `json:"items"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			for _, it := range doc.Items {
				htmls = append(htmls, it.ContentHTML)
			}
		}
		if f != JSON {
			// gofeed's content of a JSON item is content_text when it has
			// no content_html: plain text, which readers do not run.
			for _, it := range got.Items {
				htmls = append(htmls, it.Content)
			}
		}
		for i, h := range htmls {
			if bad := dangerous(h); bad != "" {
				t.Errorf("%s: HTML %d holds %s: %s", f, i, bad, web.Quote(h, 200))
			}
		}
	}
}

// urlAttrs are the attributes whose value a browser follows as a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "srcset": true, "action": true, "formaction": true,
	"xlink:href": true, "data": true, "poster": true, "background": true, "cite": true, "longdesc": true, "lowsrc": true, "dynsrc": true}

// dangerous returns what in the HTML fragment h could run script — a
// script, iframe, object or embed element, an event handler attribute, a
// javascript:, vbscript: or data: URL in an attribute browsers follow —
// or "" when there is nothing.
func dangerous(h string) string {
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.Data {
			case "script", "iframe", "object", "embed", "style", "form":
				return "a <" + t.Data + "> element"
			}
			for _, a := range t.Attr {
				if strings.HasPrefix(a.Key, "on") {
					return "the event handler " + a.Key
				}
				if !urlAttrs[a.Key] {
					continue // text, such as alt: readers never follow it
				}
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(v, scheme) {
						return "a " + scheme + " URL in " + a.Key
					}
				}
			}
		}
	}
}
