package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// parse parses a feed with gofeed, after checking that XML formats decode
// with encoding/xml in strict mode and JSON is valid.
func parse(tb testing.TB, f Format, data []byte) *gofeed.Feed {
	tb.Helper()
	switch f {
	case JSON:
		if !json.Valid(data) {
			tb.Fatalf("%s feed is not valid JSON", f)
		}
	default:
		strictXML(tb, data)
	}
	got, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("gofeed cannot parse the %s feed: %v", f, err)
	}
	return got
}

// strictXML decodes every token of data with encoding/xml in strict mode.
func strictXML(tb testing.TB, data []byte) {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			tb.Fatalf("feed is not well-formed XML: %v", err)
		}
	}
}

// wantItem is what an article must become in every format.
type wantItem struct {
	guid, title, link, summary, content, author string
	categories                                  []string
	published, updated                          time.Time
	image                                       string
	enclosures                                  []string // "URL length", in order; length "" when unknown
	rssEnclosure                                string   // the first with type and size, or ""
}

// want derives the expected item from an article, independently of the
// builder: normalised strings, resolved URLs.
func want(a *news.Article, cats []*news.Category) wantItem {
	w := wantItem{
		guid:      "urn:uuid:" + a.ID.String(),
		title:     news.NormalizeLine(a.Title),
		link:      base + "articles/" + a.Slug,
		summary:   news.Normalize(a.Summary),
		content:   news.Normalize(news.AbsoluteURLs(a.Body, base)),
		author:    news.NormalizeLine(a.Author),
		published: a.PublishAt.Truncate(time.Second),
		updated:   a.UpdatedAt.Truncate(time.Second),
	}
	if w.updated.Before(w.published) {
		w.updated = w.published
	}
	for _, c := range cats {
		if c.ID == a.CategoryID {
			w.categories = append(w.categories, c.Name)
		}
	}
	for _, t := range a.Tags {
		if t = news.NormalizeLine(t); t != "" {
			w.categories = append(w.categories, t)
		}
	}
	resolve := func(s string) string {
		u, err := url.Parse(news.NormalizeLine(s))
		if err != nil {
			return ""
		}
		r := mustParse(base).ResolveReference(u).String()
		if !strings.HasPrefix(r, "http") {
			return ""
		}
		return r
	}
	enclosure := func(u, typ string, size int64) {
		length := ""
		if size > 0 {
			length = strconv.FormatInt(size, 10)
		}
		w.enclosures = append(w.enclosures, u+" "+length)
		if w.rssEnclosure == "" && typ != "" && size > 0 {
			w.rssEnclosure = u + " " + length
		}
	}
	if a.Cover != nil {
		w.image = resolve(a.Cover.URL)
		if w.image != "" {
			enclosure(w.image, a.Cover.Type, a.Cover.Size)
			if !strings.Contains(w.content, `src="`+w.image+`"`) {
				// The cover as a figure at the top of the content.
				fig := `<figure><img src="` + w.image + `" alt="` + html.EscapeString(news.NormalizeLine(a.Cover.Alt)) + `"`
				if a.Cover.Width > 0 && a.Cover.Height > 0 {
					fig += ` width="` + strconv.Itoa(a.Cover.Width) + `" height="` + strconv.Itoa(a.Cover.Height) + `"`
				}
				fig += ">"
				if c := news.NormalizeLine(a.Cover.Caption); c != "" {
					fig += "<figcaption>" + html.EscapeString(c) + "</figcaption>"
				}
				w.content = fig + "</figure>" + w.content
			}
		}
	}
	for _, at := range a.Attachments {
		if u := resolve(at.URL); u != "" {
			enclosure(u, at.Type, at.Size)
		}
	}
	return w
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// checkItems compares every parsed item with the article it came from.
func checkItems(t *testing.T, f Format, data []byte, got *gofeed.Feed, arts []*news.Article) {
	t.Helper()
	var jsonDoc struct {
		Items []struct {
			Authors []struct {
				Name string `json:"name"`
			} `json:"authors"`
		} `json:"items"`
	}
	if f == JSON {
		if err := json.Unmarshal(data, &jsonDoc); err != nil {
			t.Fatal(err)
		}
	}
	if len(got.Items) != len(arts) {
		t.Fatalf("%s feed has %d items, want %d", f, len(got.Items), len(arts))
	}
	for i, a := range arts {
		w, it := want(a, categories), got.Items[i]
		eq := func(field, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s item %d %s = %s, want %s", f, i, field, web.Quote(got, 300), web.Quote(want, 300))
			}
		}
		eq("guid", it.GUID, w.guid)
		eq("title", it.Title, w.title)
		eq("link", it.Link, w.link)
		eq("content", it.Content, w.content)
		if f == RSS {
			// RSS description is HTML: the plain-text summary is escaped.
			eq("description", html.UnescapeString(it.Description), w.summary)
			eq("dc:creator", dcCreator(it), w.author)
		} else {
			eq("summary", it.Description, w.summary)
			var author string
			switch {
			case f == JSON && len(jsonDoc.Items[i].Authors) > 0:
				// gofeed reads JSON names as "Name (e-mail)" and loses
				// names with parentheses: compare what the feed holds.
				author = jsonDoc.Items[i].Authors[0].Name
			case len(it.Authors) > 0:
				author = it.Authors[0].Name
			}
			eq("author", author, w.author)
		}
		if !slices.Equal(it.Categories, w.categories) {
			t.Errorf("%s item %d categories = %q, want %q", f, i, it.Categories, w.categories)
		}
		if it.PublishedParsed == nil || !it.PublishedParsed.Equal(w.published) {
			t.Errorf("%s item %d published = %v, want %v", f, i, it.PublishedParsed, w.published)
		}
		if f != RSS && (it.UpdatedParsed == nil || !it.UpdatedParsed.Equal(w.updated)) {
			t.Errorf("%s item %d updated = %v, want %v", f, i, it.UpdatedParsed, w.updated)
		}
		var encs []string
		for _, e := range it.Enclosures {
			encs = append(encs, e.URL+" "+e.Length)
		}
		wantEncs := w.enclosures
		switch f {
		case RSS:
			// One enclosure: the cover, or else the first attachment, with type and size.
			wantEncs = nil
			if w.rssEnclosure != "" {
				wantEncs = []string{w.rssEnclosure}
			}
		case JSON:
			// The cover is the item's image; attachments are the rest.
			if w.image != "" {
				wantEncs = wantEncs[1:]
			}
		}
		if !slices.Equal(encs, wantEncs) {
			t.Errorf("%s item %d enclosures = %q, want %q", f, i, encs, wantEncs)
		}
		// gofeed gives Atom entries no image; the cover is their first enclosure.
		if f != Atom && w.image != "" && (it.Image == nil || it.Image.URL != w.image) {
			t.Errorf("%s item %d image = %v, want %q", f, i, it.Image, w.image)
		}
	}
}

// dcCreator returns the item's dc:creator.
func dcCreator(it *gofeed.Item) string {
	if it.DublinCoreExt == nil || len(it.DublinCoreExt.Creator) == 0 {
		return ""
	}
	return it.DublinCoreExt.Creator[0]
}

func TestBuildParsesBack(t *testing.T) {
	sets := map[string][]*news.Article{"site": articles(), "hostile": hostileArticles()}
	for name, arts := range sets {
		for _, f := range Formats {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				t.Parallel()
				m := meta()
				m.SelfURL = base + "feed." + string(f)
				data, err := Build(f, arts, m)
				if err != nil {
					t.Fatalf("Build(%s) error: %v", f, err)
				}
				got := parse(t, f, data)
				checkItems(t, f, data, got, arts)
				if got.Title != m.Title {
					t.Errorf("%s feed title = %q, want %q", f, got.Title, m.Title)
				}
				if got.Link != base {
					t.Errorf("%s feed link = %q, want %q", f, got.Link, base)
				}
				if got.FeedLink != m.SelfURL {
					t.Errorf("%s feed self link = %q, want %q", f, got.FeedLink, m.SelfURL)
				}
				wantLang := "vi"
				if name == "hostile" {
					wantLang = "" // one article's language is malformed: the feed has none
				}
				if got.Language != wantLang {
					t.Errorf("%s feed language = %q, want %q", f, got.Language, wantLang)
				}
			})
		}
	}
}

func TestBuildFeedUpdatedIsNewestItem(t *testing.T) {
	arts := articles()
	newest := arts[0].UpdatedAt // 21 Nov, later than every other update and publication
	for _, f := range Formats {
		data, err := Build(f, arts, meta())
		if err != nil {
			t.Fatalf("Build(%s) error: %v", f, err)
		}
		got := parse(t, f, data)
		if f == JSON {
			// JSON Feed has no feed-level date; gofeed copies the first item's.
			continue
		}
		if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(newest) {
			t.Errorf("%s feed updated = %v, want %v", f, got.UpdatedParsed, newest)
		}
		if !bytes.Contains(data, []byte("+07:00")) && !bytes.Contains(data, []byte("+0700")) {
			t.Errorf("%s feed does not write times in the configured zone", f)
		}
	}
}

// TestBuildIdentityStable renames an article and changes its slug: the
// item's ID stays the same, its title and link follow.
func TestBuildIdentityStable(t *testing.T) {
	before := articles()
	after := articles()
	after[0].Title = "Hội thảo chuyển đổi số nông nghiệp (cập nhật)"
	after[0].Aliases = []string{after[0].Slug}
	after[0].Slug = "hoi-thao-chuyen-doi-so-nong-nghiep-cap-nhat"
	after[0].UpdatedAt = after[0].UpdatedAt.Add(time.Hour)
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			b1, err := Build(f, before, meta())
			if err != nil {
				t.Fatal(err)
			}
			b2, err := Build(f, after, meta())
			if err != nil {
				t.Fatal(err)
			}
			g1, g2 := parse(t, f, b1), parse(t, f, b2)
			for i := range g1.Items {
				if g1.Items[i].GUID != g2.Items[i].GUID {
					t.Errorf("item %d GUID changed from %q to %q", i, g1.Items[i].GUID, g2.Items[i].GUID)
				}
			}
			checkItems(t, f, b2, g2, after)
			if g2.Items[0].Title == g1.Items[0].Title || g2.Items[0].Link == g1.Items[0].Link {
				t.Errorf("renamed item kept title %q and link %q", g2.Items[0].Title, g2.Items[0].Link)
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	for _, f := range Formats {
		data, err := Build(f, nil, nil)
		if err != nil {
			t.Fatalf("Build(%s, nil, nil) error: %v", f, err)
		}
		got := parse(t, f, data)
		if got.Title != defaultTitle || len(got.Items) != 0 {
			t.Errorf("Build(%s, nil, nil) = title %q with %d items, want %q with none", f, got.Title, len(got.Items), defaultTitle)
		}
		if f == JSON && !bytes.Contains(data, []byte(`"items":[]`)) {
			t.Errorf("empty JSON Feed lacks the required items array:\n%s", data)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		arts   []*news.Article
		field  string
	}{
		{"unknown format", "xml", nil, "format"},
		{"nil article", Atom, []*news.Article{articles()[0], nil}, "articles[1]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(tc.format, tc.arts, nil)
			var fe *news.FieldError
			if !errors.Is(err, news.ErrInvalid) || !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("Build(%q) error = %v, want a FieldError on %q wrapping ErrInvalid", tc.format, err, tc.field)
			}
		})
	}
}

func TestBuildLanguages(t *testing.T) {
	arts := articles()
	arts[1].Lang = "EN"
	tests := []struct {
		name, metaLang, feedLang string
		itemLang                 string // language written on item 1 (Atom xml:lang, JSON language)
	}{
		{"mixed", "", "", "en"},
		{"configured", "vi", "vi", "en"},
		{"same as item", "en", "en", "vi"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := meta()
			m.Lang = tc.metaLang
			for _, f := range Formats {
				data, err := Build(f, arts, m)
				if err != nil {
					t.Fatal(err)
				}
				if got := parse(t, f, data).Language; got != tc.feedLang {
					t.Errorf("%s feed language = %q, want %q", f, got, tc.feedLang)
				}
				switch f {
				case Atom:
					if n := bytes.Count(data, []byte(`xml:lang="`+tc.itemLang+`"`)); n == 0 {
						t.Errorf("Atom feed has no entry with xml:lang=%q", tc.itemLang)
					}
				case JSON:
					var doc struct {
						Items []struct {
							Language string `json:"language"`
						} `json:"items"`
					}
					if err := json.Unmarshal(data, &doc); err != nil {
						t.Fatal(err)
					}
					var langs []string
					for _, it := range doc.Items {
						langs = append(langs, it.Language)
					}
					if !slices.Contains(langs, tc.itemLang) {
						t.Errorf("JSON item languages = %q, want one %q", langs, tc.itemLang)
					}
				}
			}
		})
	}
}

func TestBuildJSONAttachments(t *testing.T) {
	data, err := Build(JSON, articles(), meta())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items []struct {
			Image       string `json:"image"`
			Attachments []struct {
				URL      string `json:"url"`
				MIMEType string `json:"mime_type"`
				Title    string `json:"title"`
				Size     int64  `json:"size_in_bytes"`
				Short    *int64 `json:"size"`
			} `json:"attachments"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	at := doc.Items[0].Attachments
	if len(at) != 2 || at[0].MIMEType != "application/pdf" || at[0].Title != "Kế hoạch số 123/KH-SKHCN" {
		t.Fatalf("JSON attachments = %+v, want the two files with type and title", at)
	}
	if at[0].Size != 1048576 || at[0].Short != nil {
		t.Errorf("JSON attachment size_in_bytes = %d, size = %v; want size_in_bytes 1048576 and no size", at[0].Size, at[0].Short)
	}
	if doc.Items[0].Image != "https://sokhcn.example.gov.vn/uploads/2026/11/hoi-thao.jpg" {
		t.Errorf("JSON image = %q, want the cover's absolute URL", doc.Items[0].Image)
	}
}

func TestBuildRSSEnclosureHasTypeAndLength(t *testing.T) {
	data, err := Build(RSS, articles(), meta())
	if err != nil {
		t.Fatal(err)
	}
	got := parse(t, RSS, data)
	tests := []struct{ url, typ, length string }{
		{"https://sokhcn.example.gov.vn/uploads/2026/11/hoi-thao.jpg", "image/jpeg", "245760"},
		{"", "", ""},
		{"https://sokhcn.example.gov.vn/uploads/2026/11/thong-bao-45.pdf", "application/pdf", strconv.Itoa(204800)},
	}
	for i, tc := range tests {
		encs := got.Items[i].Enclosures
		if tc.url == "" {
			if len(encs) != 0 {
				t.Errorf("item %d enclosures = %v, want none", i, encs)
			}
			continue
		}
		if len(encs) != 1 || encs[0].URL != tc.url || encs[0].Type != tc.typ || encs[0].Length != tc.length {
			t.Errorf("item %d enclosure = %+v, want %+v", i, encs, tc)
		}
	}
	media := got.Items[0].Extensions["media"]["content"]
	if len(media) != 2 || media[0].Attrs["type"] != "application/pdf" || media[0].Attrs["fileSize"] != "1048576" {
		t.Errorf("item 0 media:content = %+v, want both attachments with type and size", media)
	}
}
