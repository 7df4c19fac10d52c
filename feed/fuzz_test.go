package feed

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/url"
	"strconv"
	"testing"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// FuzzBuild fills an article's text fields with random strings and checks
// that every format stays well-formed (RSS and Atom decode with
// encoding/xml in strict mode, JSON Feed is valid JSON) and carries the
// normalised title and the prepared body intact.
func FuzzBuild(f *testing.F) {
	f.Add("Đại hội chi bộ", "Tóm tắt ngắn.", "<p>Thân bài <a href=\"/a\">liên kết</a></p>", "Văn phòng Sở", "đại hội")
	f.Add("]]>", "]]]]><![CDATA[>", "<![CDATA[ x ]]> ]]>", "]]>", "]]>")
	f.Add("\x00\x01\x1f\x7f\u0085", "\xff\xfe\xed\xa0\x80", "<p>\x00\x0b</p>", "\u202egnorw\u202c", "\ufffe\uffff")
	f.Add("emoji 👩‍👩‍👧 🇻🇳", "&amp; &lt;b&gt;", "<img srcset=\"a.jpg 1x, /b.jpg 2x\" src=\"&#x1;.png\">", "<script>", "a&b")
	f.Fuzz(func(t *testing.T, title, summary, body, author, tag string) {
		a := articles()[0]
		a.Title, a.Summary, a.Body, a.Author = title, summary, body, author
		a.Tags = []string{tag, title}
		a.Cover.Alt, a.Cover.Caption = title, summary
		a.Attachments[0].Title = summary
		m := meta()
		m.Title = title
		want := prepareEntry(a, m, web.BaseURL(base), web.BaseURL(base).String(), ict, nil)
		for _, format := range Formats {
			data, err := Build(format, []*news.Article{a}, m)
			if err != nil {
				t.Fatalf("Build(%s) error: %v", format, err)
			}
			var gotTitle, gotBody string
			switch format {
			case RSS:
				var doc struct {
					Items []struct {
						Title   string `xml:"title"`
						Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
					} `xml:"channel>item"`
				}
				if err := xml.Unmarshal(data, &doc); err != nil || len(doc.Items) != 1 {
					t.Fatalf("RSS does not decode strictly (%v):\n%s", err, data)
				}
				gotTitle, gotBody = doc.Items[0].Title, doc.Items[0].Content
			case Atom:
				var doc struct {
					Entries []struct {
						Title   string `xml:"title"`
						Content string `xml:"content"`
					} `xml:"entry"`
				}
				if err := xml.Unmarshal(data, &doc); err != nil || len(doc.Entries) != 1 {
					t.Fatalf("Atom does not decode strictly (%v):\n%s", err, data)
				}
				gotTitle, gotBody = doc.Entries[0].Title, doc.Entries[0].Content
			case JSON:
				var doc struct {
					Items []struct {
						Title       string `json:"title"`
						ContentHTML string `json:"content_html"`
					} `json:"items"`
				}
				if !json.Valid(data) {
					t.Fatalf("JSON Feed is not valid JSON:\n%s", data)
				}
				if err := json.Unmarshal(data, &doc); err != nil || len(doc.Items) != 1 {
					t.Fatalf("JSON Feed does not decode (%v)", err)
				}
				gotTitle, gotBody = doc.Items[0].Title, doc.Items[0].ContentHTML
			}
			if gotTitle != want.title {
				t.Errorf("%s title = %q, want %q", format, gotTitle, want.title)
			}
			if gotBody != want.body {
				t.Errorf("%s body = %q, want %q", format, gotBody, want.body)
			}
		}
	})
}

// FuzzParseVariant parses random query strings as a feed's parameters: an
// error must wrap news.ErrInvalid, and a parsed Variant must be normalised
// already and parse again, from its own fields, to itself.
func FuzzParseVariant(f *testing.F) {
	f.Add("format=atom&category=hoat-dong&limit=20")
	f.Add("tag=%C4%90%E1%BA%A1i+h%E1%BB%99i&lang=VI&utm_source=zalo")
	f.Add("limit=0&limit=5")
	f.Add("limt=3")
	f.Add("lang=zh-Hant-TW&format=json&fbclid=x")
	f.Add("tag=%ff%fe&category=..%2F..%2Fetc")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		v, err := ParseVariant(q)
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("ParseVariant(%q) = %v, want an error wrapping ErrInvalid", raw, err)
			}
			return
		}
		if n, err := v.Normalize(); err != nil || n != v {
			t.Fatalf("ParseVariant(%q) = %+v, which Normalize turns into %+v, %v", raw, v, n, err)
		}
		again := url.Values{"format": {string(v.Format)}, "category": {v.Category}, "tag": {v.Tag}, "lang": {v.Lang}}
		if v.Limit != 0 {
			again.Set("limit", strconv.Itoa(v.Limit))
		}
		if w, err := ParseVariant(again); err != nil || w != v {
			t.Fatalf("ParseVariant(%q) = %+v; its own fields parse to %+v, %v", raw, v, w, err)
		}
	})
}
