package migrate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seeds adds every file of testdata as a seed.
func seeds(f *testing.F, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzFeed: reading any feed never panics; what it reads is an item with
// a key or a problem with a position, and a next page only when the feed
// names one.
func FuzzFeed(f *testing.F) {
	seeds(f, "wordpress-feed.xml", "wordpress-feed-2.xml", "ghost.xml", "atom.xml", "atom-2.xml", "portal.xml")
	f.Add([]byte(`<rss version="2.0"><channel><item><title>a</title><enclosure url="//x" type="image/"/></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href=":"/><entry><id></id></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, next, err := parseFeed(data)
		if err != nil {
			return
		}
		if next != "" && !bytes.Contains(data, []byte("next")) {
			t.Fatalf("next page %q from a feed that names none", next)
		}
		s := &source{}
		feedItems(s, feed, "https://skhcn.hoaan.example/feed/")
		for _, it := range s.items {
			if it.key == "" {
				t.Fatalf("item %d without a key", it.pos)
			}
			if it.status == "" {
				t.Fatalf("item %d without a status", it.pos)
			}
		}
		for _, p := range s.problems {
			if !strings.HasPrefix(p.Position, "items[") {
				t.Fatalf("problem without a position: %+v", p)
			}
		}
	})
}

// FuzzWXR: reading any file as a WordPress export never panics; every
// item is an article with a key and a status, a skipped item with its
// reason, or a problem with a position; texts stay valid UTF-8.
func FuzzWXR(f *testing.F) {
	seeds(f, "wordpress.xml")
	f.Add([]byte(`<rss><channel><wp:wxr_version>1.2</wp:wxr_version><wp:category><wp:category_nicename>%zz</wp:category_nicename><wp:category_parent>a</wp:category_parent></wp:category><item><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><guid>g</guid><wp:post_date_gmt>2026-13-01 00:00:00</wp:post_date_gmt></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := readWXR(bytes.NewReader(data), 1<<20)
		if err != nil {
			return
		}
		for _, it := range s.items {
			switch {
			case it.skip != "":
			case it.key == "" || it.status == "":
				t.Fatalf("item %d: key %q, status %q", it.pos, it.key, it.status)
			}
			if !utf8.ValidString(it.title) || !utf8.ValidString(it.author) {
				t.Fatalf("item %d: invalid UTF-8 in %q, %q", it.pos, it.title, it.author)
			}
		}
		for _, p := range s.problems {
			if !strings.HasPrefix(p.Position, "items[") || p.Reason == "" {
				t.Fatalf("problem without a position or reason: %+v", p)
			}
		}
		for _, c := range s.cats {
			if c.slug == "" {
				t.Fatalf("category %q without a slug", c.name)
			}
		}
	})
}
