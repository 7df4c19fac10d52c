package feed

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
)

func TestParseVariant(t *testing.T) {
	tests := []struct {
		query  string
		want   Variant
		fields []string // the fields named by the error; nil for none
	}{
		{"", Variant{Format: RSS, Limit: news.DefaultLimit}, nil},
		{"format=atom&limit=100", Variant{Format: Atom, Limit: 100}, nil},
		{"format=json&category=chi-bo&tag=%20%C4%91%E1%BA%A1i%20%20h%E1%BB%99i%20&lang=EN-us&limit=1",
			Variant{Format: JSON, Category: "chi-bo", Tag: "đại hội", Lang: "en-US", Limit: 1}, nil},
		{"utm_source=zalo&fbclid=x", Variant{Format: RSS, Limit: news.DefaultLimit}, nil},
		{"utm_campaign=tin-moi&utm_campaign=dai-hoi&utm_=1&gclid=a&msclkid=b&zarsrc=30&_gl=1", Variant{Format: RSS, Limit: news.DefaultLimit}, nil},
		{"limt=5", Variant{}, []string{"limt"}},
		{"limit=5&UTM_source=zalo", Variant{}, []string{"UTM_source"}},
		{"page=2&limt=5&utm_source=zalo", Variant{}, []string{"limt"}},
		{"=5", Variant{}, []string{""}},
		{"limt=1&limt=2", Variant{}, []string{"limt"}},
		{"format=", Variant{Format: RSS, Limit: news.DefaultLimit}, nil},
		{"format=RSS", Variant{}, []string{"format"}},
		{"limit=0", Variant{}, []string{"limit"}},
		{"limit=101", Variant{}, []string{"limit"}},
		{"limit=1.5", Variant{}, []string{"limit"}},
		{"limit=%20%205", Variant{}, []string{"limit"}},
		{"lang=vi_VN_x!", Variant{}, []string{"lang"}},
		{"tag=%00%01", Variant{}, []string{"tag"}},
		{"tag=1&tag=2", Variant{}, []string{"tag"}},
		{"limit=0&format=rdf&lang=%3F", Variant{}, []string{"limit", "format", "lang"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseVariant(q)
			if tc.fields == nil {
				if err != nil || got != tc.want {
					t.Errorf("ParseVariant(%q) = %+v, %v; want %+v", tc.query, got, err, tc.want)
				}
				return
			}
			if !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("ParseVariant(%q) error = %v, want ErrInvalid", tc.query, err)
			}
			var fields []string
			var fes news.FieldErrors
			var fe *news.FieldError
			var up *UnknownParamError
			switch {
			case errors.As(err, &up):
				fields = []string{up.Name}
			case errors.As(err, &fes):
				for _, e := range fes {
					fields = append(fields, e.Field)
				}
			case errors.As(err, &fe):
				fields = []string{fe.Field}
			}
			if len(fields) != len(tc.fields) {
				t.Fatalf("ParseVariant(%q) error fields = %q, want %q", tc.query, fields, tc.fields)
			}
			for _, f := range tc.fields {
				found := false
				for _, g := range fields {
					found = found || g == f
				}
				if !found {
					t.Errorf("ParseVariant(%q) error fields = %q, want %q", tc.query, fields, tc.fields)
				}
			}
		})
	}
}

func TestVariantPath(t *testing.T) {
	tests := []struct {
		v    Variant
		want string
	}{
		{Variant{}, "feed.rss"},
		{Variant{Format: Atom, Limit: news.DefaultLimit}, "feed.atom"},
		{Variant{Format: JSON, Category: "chi-bo"}, "categories/chi-bo/feed.json"},
		{Variant{Tag: "đại hội"}, "tags/%C4%91%E1%BA%A1i%20h%E1%BB%99i/feed.rss"},
		{Variant{Tag: "a/b?c"}, "tags/a%2Fb%3Fc/feed.rss"},
		{Variant{Category: "chi-bo", Tag: "đại hội", Lang: "vi", Limit: 50}, "categories/chi-bo/feed.rss?lang=vi&limit=50&tag=%C4%91%E1%BA%A1i+h%E1%BB%99i"},
	}
	for _, tc := range tests {
		if got := tc.v.Path(); got != tc.want {
			t.Errorf("%+v.Path() = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name, ctype string
		ok          bool
	}{
		{"rss", "application/rss+xml; charset=utf-8", true},
		{"atom", "application/atom+xml; charset=utf-8", true},
		{"json", "application/feed+json; charset=utf-8", true},
		{"", "", false},
		{"RSS", "", false},
		{"xml", "", false},
	}
	for _, tc := range tests {
		f, err := ParseFormat(tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("ParseFormat(%q) error = %v, want ok = %v", tc.name, err, tc.ok)
			continue
		}
		if tc.ok && f.ContentType() != tc.ctype {
			t.Errorf("%s.ContentType() = %q, want %q", f, f.ContentType(), tc.ctype)
		}
		if !tc.ok && !errors.Is(err, news.ErrInvalid) {
			t.Errorf("ParseFormat(%q) error = %v, want ErrInvalid", tc.name, err)
		}
	}
	if got := Format("").ContentType(); got != RSS.ContentType() {
		t.Errorf(`Format("").ContentType() = %q, want RSS's`, got)
	}
}

func TestVariantParams(t *testing.T) {
	tests := []struct {
		v    Variant
		want string
	}{
		{Variant{}, "format, category, tag, lang, limit"},
		{Variant{Format: RSS}, "category, tag, lang, limit"},
		{Variant{Format: Atom, Category: "chi-bo"}, "tag, lang, limit"},
		{Variant{Tag: "đại hội", Limit: 5}, "format, category, lang"},
		{Variant{Format: JSON, Category: "chi-bo", Tag: "đại hội", Lang: "vi", Limit: 5}, ""},
	}
	for _, tc := range tests {
		if got := strings.Join(tc.v.params(), ", "); got != tc.want {
			t.Errorf("%+v.params() = %q, want %q", tc.v, got, tc.want)
		}
	}
}
