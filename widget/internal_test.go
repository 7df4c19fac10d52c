package widget

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	ict := time.FixedZone("ICT", 7*60*60)
	// 17:30 UTC on Sunday 27 is Monday 28 in Vietnam.
	at := time.Date(2022, 11, 27, 17, 30, 0, 0, time.UTC)
	tests := []struct {
		lang string
		long bool
		want string
	}{
		{"vi", false, "28/11/2022"},
		{"vi", true, "Thứ Hai, 28/11/2022"},
		{"en", false, "28 November 2022"},
		{"en", true, "28 November 2022"},
	}
	for _, tc := range tests {
		f := shortDate
		if tc.long {
			f = longDate
		}
		if got := f(tc.lang, at, ict); got != tc.want {
			t.Errorf("date(%q, long=%v) = %q, want %q", tc.lang, tc.long, got, tc.want)
		}
	}
	if got := shortDate("vi", at, time.UTC); got != "27/11/2022" {
		t.Errorf("shortDate in UTC = %q, want 27/11/2022", got)
	}
	for d, want := range map[int]string{4: "Chủ Nhật", 5: "Thứ Hai", 10: "Thứ Bảy"} {
		if got := longDate("vi", time.Date(2026, 1, d, 12, 0, 0, 0, ict), ict); !strings.HasPrefix(got, want+", ") {
			t.Errorf("longDate(vi, 2026-01-%02d) = %q, want %s, …", d, got, want)
		}
	}
}

func TestByteSize(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int64
		want string
	}{
		{"vi", 0, ""}, {"vi", 512, "512 B"}, {"vi", 245760, "245,8 KB"}, {"en", 245760, "245.8 KB"},
		{"vi", 2_000_000, "2 MB"}, {"en", 1_260_000_000, "1.3 GB"},
	} {
		if got := byteSize(tc.lang, tc.n); got != tc.want {
			t.Errorf("byteSize(%q, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestETagMatch(t *testing.T) {
	const etag = `"abc"`
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{`"abc"`, true}, {`W/"abc"`, true}, {`*`, true}, {`"x", "abc"`, true}, {`"x",W/"abc"`, true},
		{`"abcd"`, false}, {`abc`, false}, {``, false}, {`"x"`, false}, {`"ab`, false}, {`,,,`, false},
	} {
		if got := etagMatch(tc.header, etag); got != tc.want {
			t.Errorf("etagMatch(%q, %q) = %v, want %v", tc.header, etag, got, tc.want)
		}
	}
}

func TestCacheBounded(t *testing.T) {
	c := newCache(10 << 10) // two generations of 5 KB
	body := make([]byte, 1000)
	for i := range 100 {
		c.put(fmt.Sprint("key", i), body)
	}
	c.mu.RLock()
	n := len(c.cur) + len(c.prev)
	c.mu.RUnlock()
	if n > 10 {
		t.Errorf("cache holds %d entries of 1 KB, want at most 10", n)
	}
	if c.get("key99") == nil || c.get("key0") != nil {
		t.Error("cache kept the oldest entry or lost the newest")
	}
	if e := c.put("big", make([]byte, 20<<10)); e == nil || c.get("big") != nil {
		t.Error("an entry larger than a generation was kept")
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"gzip", true}, {"br, gzip;q=0.8", true}, {"GZIP", true}, {"gzip;q=0", false}, {"identity", false}, {"", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", tc.header)
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

func TestParseBase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "/"}, {"/tin-tuc", "/tin-tuc/"}, {"https://a.example/tin-tuc", "https://a.example/tin-tuc/"},
		{"http://127.0.0.1:8080/news/", "http://127.0.0.1:8080/news/"}, {"https://a.example", "https://a.example/"},
	} {
		u, err := parseBase(tc.in)
		if err != nil || u.String() != tc.want {
			t.Errorf("parseBase(%q) = %v, %v; want %q", tc.in, u, err, tc.want)
		}
	}
	for _, bad := range []string{"tin-tuc", "ftp://a.example/", "https://a.example/?x=1", "javascript:alert(1)", "//a.example/"} {
		if _, err := parseBase(bad); err == nil {
			t.Errorf("parseBase(%q) accepted", bad)
		}
	}
}

func TestCacheFillOnce(t *testing.T) {
	c := newCache(1 << 20)
	started, release := make(chan struct{}), make(chan struct{})
	var renders atomic.Int32
	render := func() ([]byte, error) {
		if renders.Add(1) == 1 {
			close(started)
		}
		<-release
		return []byte("page"), nil
	}
	var wg sync.WaitGroup
	results := make([]*entry, 10)
	wg.Add(1)
	go func() {
		defer wg.Done()
		results[0], _ = c.fill("k", render)
	}()
	<-started
	for i := 1; i < len(results); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = c.fill("k", render)
		}()
	}
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders for 10 concurrent fills, want 1", n)
	}
	for i, e := range results {
		if e == nil || string(e.body) != "page" {
			t.Errorf("fill %d = %v", i, e)
		}
	}
	if _, err := c.fill("bad", func() ([]byte, error) { return nil, errRenderFailed }); err != errRenderFailed {
		t.Errorf("fill with a failing render: %v", err)
	}
	if c.get("bad") != nil {
		t.Error("a failed render was cached")
	}
}

// TestParseWithMemo checks what the memo of parsed queries keeps: valid
// queries up to its bounds, never one with tracking parameters (which
// differ per click) and never an invalid one.
func TestParseWithMemo(t *testing.T) {
	var m memo[values]
	same := func(v values) (values, error) { return v, nil }
	for _, tc := range []struct {
		raw      string
		ok, kept bool
	}{
		{"category=thong-bao&limit=3", true, true},
		{"category=thong-bao&limit=3&utm_source=zalo&fbclid=IwAR1", true, false},
		{"category=thong-bao&limt=3", false, false},
		{"tag=" + strings.Repeat("a", memoQuery), true, false},
	} {
		_, err := parseWith(&m, tc.raw, boxParamSet, same)
		if (err == nil) != tc.ok {
			t.Errorf("parseWith(%.40q) error = %v, want ok %v", tc.raw, err, tc.ok)
		}
		if _, kept := m.get(tc.raw); kept != tc.kept {
			t.Errorf("after parseWith(%.40q), remembered = %v, want %v", tc.raw, kept, tc.kept)
		}
	}
	for i := range memoMax + 10 {
		if _, err := parseWith(&m, fmt.Sprintf("tag=so-%d", i), boxParamSet, same); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(m.m); n != memoMax {
		t.Errorf("memo holds %d queries, want %d", n, memoMax)
	}
}

func TestCleanPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/articles/dai-hoi": true, "/feed.rss": true, "/a/.well-known": true, "/a/...": true,
		"/a/b/": true, "/a.b/c": true,
		"//": false, "/a//b": false, "/a/": true, "/.": false, "/..": false, "/./a": false, "/a/..": false,
		"/a/../b": false, "/a\\b": false, "/a\x00b": false, "/a/b//": false,
	} {
		if got := cleanPath(p); got != want {
			t.Errorf("cleanPath(%q) = %v, want %v", p, got, want)
		}
	}
}
