package widget

import (
	"strings"
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

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 12: "12", 999: "999", 1000: "1.000", 1234567: "1.234.567"} {
		if got := groupThousands(n, "."); got != want {
			t.Errorf("groupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}
